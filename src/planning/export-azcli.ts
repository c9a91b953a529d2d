import { quote } from 'shell-quote';
import { EXPORT_PLACEHOLDERS, allRules, exportAddresses, exportDescription, exportRuleNames } from './export-names';
import type { RequiredRules } from './types';

export interface AzureCliTarget {
  resourceGroup?: string;
  nsgName?: string;
}

/**
 * One `az network nsg rule create` command per rule, one per line, every value shell-quoted. Lines starting with '#'
 * carry the notes; missing resource group or NSG name become quoted placeholders to replace.
 */
export function toAzureCli(rules: RequiredRules, target: AzureCliTarget = {}): string {
  const resourceGroup = target.resourceGroup ?? EXPORT_PLACEHOLDERS.resourceGroup;
  const nsgName = target.nsgName ?? EXPORT_PLACEHOLDERS.nsgName;
  const list = allRules(rules);
  const names = exportRuleNames(list);
  const commands = list.map(
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
  const comments = [
    `# NSG rules for the DMS subnet (rule set '${rules.ruleset}'). Replace any <placeholder> before running.`,
    ...rules.notes.map((n) => `# ${n.replace(/\s*\n\s*/g, ' ')}`),
  ];
  return `${[...comments, ...commands].join('\n')}\n`;
}
