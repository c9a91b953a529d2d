import { DEFAULT_RULE_PARAMETERS, formatRulesTable, requiredRules, ruleRow } from '../../src/planning';

describe('plain-text rules table', () => {
  const rules = requiredRules({
    ...DEFAULT_RULE_PARAMETERS,
    sourceRanges: ['192.168.0.0/16', '10.20.0.0/16'],
    smb: true,
  });
  const text = formatRulesTable(rules);

  it('has both tables with a Reason column and the notes', () => {
    expect(text).toMatch(
      /^Inbound security rules\nPriority +Name +Port +Protocol +Source +Destination +Action +Reason\n/,
    );
    expect(text).toMatch(/\nOutbound security rules\nPriority .*Reason\n/);
    for (const note of rules.notes) expect(text).toContain(`- ${note}`);
  });

  it('shows one line per rule, with Any for * and the note after the reason', () => {
    for (const rule of [...rules.inbound, ...rules.outbound]) {
      const line = text.split('\n').find((l) => l.startsWith(`${rule.priority} `) && l.includes(rule.reason));
      expect(line).toBeDefined();
      if (rule.note) expect(line).toContain(`(${rule.note})`);
    }
    const smb = rules.outbound.find((r) => r.id === 'smb-share')!;
    expect(ruleRow(smb).slice(0, 7)).toEqual([
      '130',
      'SMB share',
      '445',
      'TCP',
      'Any',
      '192.168.0.0/16, 10.20.0.0/16',
      'Allow',
    ]);
  });
});
