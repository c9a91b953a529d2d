import { quote } from 'shell-quote';
import { EXPORT_PLACEHOLDERS, allRules, exportAddresses, exportDescription, exportRuleNames } from './export-names';
import type { RequiredRules } from './types';

export interface AzureCliTarget {
  resourceGroup?: string;
  nsgName?: string;
}

/**
 * One `az network nsg rule create` command per rule (inbound then outbound, as allRules orders them), every value
 * shell-quoted; missing resource group or NSG name become quoted placeholders to replace.
 */
export function azureCliRuleCommands(rules: RequiredRules, target: AzureCliTarget = {}): string[] {
  const resourceGroup = target.resourceGroup ?? EXPORT_PLACEHOLDERS.resourceGroup;
  const nsgName = target.nsgName ?? EXPORT_PLACEHOLDERS.nsgName;
  const list = allRules(rules);
  const names = exportRuleNames(list);
  return list.map(
    (rule, i) =>
    quote([
      'az', 'network', 'nsg', 'rule', 'create',
      '--resource-group', resourceGroup,
      '--nsg-name', nsgName,
      '--name', names[i],
      '--priority', String(rule.priority),
      '--direction', rule.direction,
      '--access', rule.access,
      '--protocol', rule.protocol,
      '--source-address-prefixes', ...exportAddresses(rule.source),
      '--destination-address-prefixes', ...exportAddresses(rule.destination),
      '--destination-port-ranges', ...rule.ports,
      '--description', exportDescription(rule),
    ]), // prettier-ignore
  );
}

/** The commands of azureCliRuleCommands, one per line, after lines starting with '#' that carry the notes. */
export function toAzureCli(rules: RequiredRules, target: AzureCliTarget = {}): string {
  const comments = [
    `# NSG rules for the DMS subnet (rule set '${rules.ruleset}'). Replace any <placeholder> before running.`,
    ...rules.notes.map((n) => `# ${n.replace(/\s*\n\s*/g, ' ')}`),
  ];
  return `${[...comments, ...azureCliRuleCommands(rules, target)].join('\n')}\n`;
}
