import { splitAddresses } from './rules';
import type { NsgRuleSpec, RequiredRules } from './types';

const COLUMNS = ['Priority', 'Name', 'Port', 'Protocol', 'Source', 'Destination', 'Action', 'Reason'] as const;

function protocolLabel(protocol: NsgRuleSpec['protocol']): string {
  return protocol === '*' ? 'Any' : protocol.toUpperCase();
}

function anyLabel(value: string): string {
  return value === '*' ? 'Any' : value;
}

/** The table cells of one rule, as the article shows them (Any for '*', the note in parentheses after the reason). */
export function ruleRow(rule: Omit<NsgRuleSpec, 'id'>): string[] {
  return [
    String(rule.priority),
    rule.name,
    rule.ports.map(anyLabel).join(','),
    protocolLabel(rule.protocol),
    splitAddresses(rule.source).map(anyLabel).join(', '),
    splitAddresses(rule.destination).map(anyLabel).join(', '),
    rule.access,
    rule.note ? `${rule.reason} (${rule.note})` : rule.reason,
  ];
}

function table(rows: string[][]): string {
  const all = [[...COLUMNS], ...rows];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Plain-text tables of the inbound and outbound rules, with a Reason column, followed by the notes. */
export function formatRulesTable(rules: RequiredRules): string {
  return [
    'Inbound security rules',
    table(rules.inbound.map(ruleRow)),
    '',
    'Outbound security rules',
    table(rules.outbound.map(ruleRow)),
    '',
    'Notes',
    ...rules.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
