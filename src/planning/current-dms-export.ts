// Exports of the SHIR rules: a firewall checklist (names, for the corporate firewall), JSON, and for a runtime on an
// Azure VM the classic NSG exports (table, Azure CLI, Bicep) reused as they are.
import {
  currentDmsNsgRules,
  currentDmsRules,
  type CurrentDmsRuleParameters,
  type CurrentDmsRules,
} from './current-dms-rules';
import { toAzureCli, type AzureCliTarget } from './export-azcli';
import { toBicepSecurityRules } from './export-bicep';
import { formatRulesTable } from './export-table';
import { splitAddresses } from './rules';

export const CURRENT_DMS_RULE_FORMATS = ['firewall', 'json', 'table', 'azcli', 'bicep'] as const;
export type CurrentDmsRuleFormat = (typeof CURRENT_DMS_RULE_FORMATS)[number];

function protocolLabel(protocol: string): string {
  return protocol === '*' ? 'Any' : protocol.toUpperCase();
}

/** One checkbox line per rule (protocol, port, names, why): outbound first, then inbound between nodes; the notes. */
export function toFirewallChecklist(rules: CurrentDmsRules): string {
  const row = (r: CurrentDmsRules['outbound'][number]) => ({
    what: `${protocolLabel(r.protocol)} ${r.ports.join(',')}`,
    peer:
      r.direction === 'Inbound'
        ? `from ${splitAddresses(r.source).join(', ')}`
        : `to ${splitAddresses(r.destination).join(', ')}`,
    from: r.source,
    why: r.note ? `${r.reason} ${r.note}` : r.reason,
  });
  const rows = rules.outbound.map(row);
  const inbound = rules.inbound.map(row);
  const whatWidth = Math.max(...[...rows, ...inbound].map((r) => r.what.length));
  const peerWidth = Math.max(...[...rows, ...inbound].map((r) => r.peer.length));
  const line = (r: ReturnType<typeof row>) => `[ ] ${r.what.padEnd(whatWidth)}  ${r.peer.padEnd(peerWidth)}  ${r.why}`;
  const sources = [...new Set(rows.map((r) => r.from))];
  return [
    `Firewall checklist: outbound from the ${sources.join(' / ').toLowerCase()}`,
    '',
    ...rows.map(line),
    ...(inbound.length > 0 ? ['', 'Inbound on each runtime node', '', ...inbound.map(line)] : []),
    '',
    'Notes',
    ...rules.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

const NSG_HEADER = /^# NSG rules for the DMS subnet \(rule set '[^']*'\)\./;

/** The SHIR rules in one of the formats; table, azcli and bicep are NSG rules for a runtime on an Azure VM. */
export function renderCurrentDmsRules(
  params: CurrentDmsRuleParameters,
  format: CurrentDmsRuleFormat,
  target: AzureCliTarget = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(currentDmsRules(params), null, 2)}\n`;
    case 'table':
      return `NSG rules for a self-hosted integration runtime on an Azure VM\n\n${formatRulesTable(currentDmsNsgRules(params))}`;
    case 'azcli':
      return toAzureCli(currentDmsNsgRules(params), target).replace(
        NSG_HEADER,
        '# NSG rules for the Azure VM running the self-hosted integration runtime.',
      );
    case 'bicep':
      return toBicepSecurityRules(currentDmsNsgRules(params));
    default:
      return toFirewallChecklist(currentDmsRules(params));
  }
}
