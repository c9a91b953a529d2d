import { DMS_SUBNET_PLACEHOLDER, SOURCE_RANGES_PLACEHOLDER, SOURCE_VM_PLACEHOLDER, splitAddresses } from './rules';
import type { NsgRuleSpec, RequiredRules } from './types';

/** Placeholders as they appear in exported commands and templates, to be replaced before applying. */
export const EXPORT_PLACEHOLDERS = {
  resourceGroup: '<resource-group>',
  nsgName: '<nsg-name>',
  dmsSubnet: '<dms-subnet-cidr>',
  sourceRanges: '<on-premises-address-space>',
  sourceVm: '<source-vm-address>',
} as const;

export const MAX_RULE_NAME_LENGTH = 80;
/** Azure refuses NSG rule descriptions longer than this. */
export const MAX_DESCRIPTION_LENGTH = 140;

/** Azure rule names: letters, digits, '_', '.', '-'; starting with a letter or digit, ending with one or '_'. */
export const AZURE_RULE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

/** "SQL Source server" → "SQL-Source-server". */
export function toAzureRuleName(displayName: string): string {
  const name = displayName
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_RULE_NAME_LENGTH)
    .replace(/[.-]+$/, '');
  return name === '' ? 'rule' : name;
}

/**
 * One valid Azure name per rule, unique within the NSG (Azure compares names case-insensitively, across both
 * directions: the article's two DMS_subnet rules become DMS_subnet and DMS_subnet-Outbound).
 */
export function exportRuleNames(rules: NsgRuleSpec[]): string[] {
  const taken = new Set<string>();
  return rules.map((rule) => {
    const base = toAzureRuleName(rule.name);
    const fit = (suffix: string) => `${base.slice(0, MAX_RULE_NAME_LENGTH - suffix.length)}${suffix}`;
    let name = base;
    if (taken.has(name.toLowerCase())) name = fit(`-${rule.direction}`);
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = fit(`-${n}`);
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Inbound then outbound, the order every export uses. */
export function allRules(rules: RequiredRules): NsgRuleSpec[] {
  return [...rules.inbound, ...rules.outbound];
}

/** A rule's source or destination as a list of prefixes, placeholders swapped for their export form. */
export function exportAddresses(value: string): string[] {
  if (value === DMS_SUBNET_PLACEHOLDER) return [EXPORT_PLACEHOLDERS.dmsSubnet];
  if (value === SOURCE_RANGES_PLACEHOLDER) return [EXPORT_PLACEHOLDERS.sourceRanges];
  if (value === SOURCE_VM_PLACEHOLDER) return [EXPORT_PLACEHOLDERS.sourceVm];
  return splitAddresses(value);
}

/** The rule's reason and note, cut to the length Azure accepts. */
export function exportDescription(rule: NsgRuleSpec): string {
  const full = rule.note ? `${rule.reason} ${rule.note}` : rule.reason;
  if (full.length <= MAX_DESCRIPTION_LENGTH) return full;
  if (rule.reason.length <= MAX_DESCRIPTION_LENGTH) return rule.reason;
  return `${rule.reason.slice(0, MAX_DESCRIPTION_LENGTH - 3).trimEnd()}...`;
}
