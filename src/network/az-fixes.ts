// Azure CLI commands offered as fixes. Every value that comes from an inventory (names, resource groups, ids,
// service endpoint strings, prefixes) goes through quoteArg, so a fix is safe to paste whatever the names hold.
import { NetworkSecurityGroup, RuleDirection, VirtualNetwork } from './model';

const PLAIN = /^[\w.\-/:,]+$/;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

const isControl = (ch: string): boolean => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f;

/** Control characters as their escape ('\\n', '\\x1b'): valid in ANSI-C quoting and readable in a comment. */
function escapeControls(text: string): string {
  return [...text]
    .map((ch) => (isControl(ch) ? (ESCAPES[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`) : ch))
    .join('');
}

/**
 * One shell word holding exactly the value: as it is when plain, else in single quotes. A value with a control
 * character (a newline, a carriage return, an escape) is written in ANSI-C quoting ($'...', bash and zsh) with the
 * character escaped, so a fix never holds a raw newline from a name: none can end a line, start a command or, placed
 * after a '#', leave the comment.
 */
function q(value: string): string {
  if (PLAIN.test(value)) return value;
  if (![...value].some(isControl)) return `'${value.replace(/'/g, `'\\''`)}'`;
  return `$'${escapeControls(value.replace(/[\\']/g, (c) => `\\${c}`))}'`;
}

/** A placeholder the user replaces ('<key>'), quoted so that pasting it unchanged is an error of az, not a redirect. */
export function placeholder(text: string): string {
  return q(`<${text}>`);
}

/** A trailing comment; control characters of inventory values in it are escaped, so it ends where its line ends. */
export function shellComment(text: string): string {
  return `  # ${escapeControls(text)}`;
}

/** Azure rule names: letters, digits, '_', '.', '-'. */
export function ruleName(text: string): string {
  return text.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** The largest free custom priority below `below` (and at most `preferred` when that is free), or undefined. */
export function freePriority(
  nsg: NetworkSecurityGroup,
  direction: RuleDirection,
  below: number,
  preferred?: number,
): number | undefined {
  const used = new Set(nsg.securityRules.filter((r) => r.direction === direction).map((r) => r.priority));
  if (preferred !== undefined && preferred < below && !used.has(preferred)) return preferred;
  for (let p = Math.min(below - 1, 4096); p >= 100; p--) if (!used.has(p)) return p;
  return undefined;
}

export interface AllowRule {
  name: string;
  priority: number;
  direction: RuleDirection;
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[];
}

export function nsgRuleCreate(nsg: NetworkSecurityGroup, rule: AllowRule): string {
  return [
    'az network nsg rule create',
    `-g ${q(rgOf(nsg))} --nsg-name ${q(nsg.name)} -n ${q(rule.name)}`,
    `--priority ${rule.priority} --direction ${rule.direction} --access Allow --protocol ${q(rule.protocol)}`,
    `--source-address-prefixes ${rule.sources.map(q).join(' ')} --source-port-ranges '*'`,
    `--destination-address-prefixes ${rule.destinations.map(q).join(' ')}`,
    `--destination-port-ranges ${rule.ports.map(q).join(' ')}`,
  ].join(' ');
}

export function nsgRuleDelete(nsg: NetworkSecurityGroup, name: string): string {
  return `az network nsg rule delete -g ${q(rgOf(nsg))} --nsg-name ${q(nsg.name)} -n ${q(name)}`;
}

export function subnetUpdate(vnet: VirtualNetwork, subnetName: string, args: string): string {
  return `az network vnet subnet update -g ${q(rgOf(vnet))} --vnet-name ${q(vnet.name)} -n ${q(subnetName)} ${args}`;
}

export function peeringCreate(from: VirtualNetwork, to: VirtualNetwork | { id: string; name: string }): string {
  return (
    `az network vnet peering create -g ${q(rgOf(from))} --vnet-name ${q(from.name)} ` +
    `-n ${q(ruleName(`${from.name}-to-${to.name}`))} --remote-vnet ${q(to.id)} --allow-vnet-access`
  );
}

export function resourceGroupOf(id: string): string | undefined {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
}

/** The resource group as the inventory gives it, else as its id says. */
export function rgOf(resource: { id: string; resourceGroup: string }): string {
  return resource.resourceGroup || resourceGroupOf(resource.id) || '<resource group>';
}

export { q as quoteArg };
