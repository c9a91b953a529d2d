import { allRules, exportAddresses, exportDescription, exportRuleNames } from './export-names';
import type { RequiredRules } from './types';

/** A Bicep single-quoted string: backslash, quote and interpolation start escaped. */
export function bicepString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n')}'`;
}

function bicepArray(values: string[], indent: string): string {
  return `[\n${values.map((v) => `${indent}  ${bicepString(v)}`).join('\n')}\n${indent}]`;
}

/** `sourceAddressPrefix` for one prefix, `sourceAddressPrefixes` for several (Azure takes one or the other). */
function prefixProperty(singular: string, values: string[], indent: string): string {
  return values.length === 1
    ? `${indent}${singular}: ${bicepString(values[0])}`
    : `${indent}${singular}es: ${bicepArray(values, indent)}`;
}

/** The `securityRules` property of a Microsoft.Network/networkSecurityGroups resource, ready to paste. */
export function toBicepSecurityRules(rules: RequiredRules): string {
  const list = allRules(rules);
  const names = exportRuleNames(list);
  const p = '      ';
  const items = list.map((rule, i) =>
    [
      '  {',
      `    name: ${bicepString(names[i])}`,
      '    properties: {',
      `${p}priority: ${rule.priority}`,
      `${p}direction: ${bicepString(rule.direction)}`,
      `${p}access: ${bicepString(rule.access)}`,
      `${p}protocol: ${bicepString(rule.protocol)}`,
      `${p}sourcePortRange: '*'`,
      rule.ports.length === 1
        ? `${p}destinationPortRange: ${bicepString(rule.ports[0])}`
        : `${p}destinationPortRanges: ${bicepArray(rule.ports, p)}`,
      prefixProperty('sourceAddressPrefix', exportAddresses(rule.source), p),
      prefixProperty('destinationAddressPrefix', exportAddresses(rule.destination), p),
      `${p}description: ${bicepString(exportDescription(rule))}`,
      '    }',
      '  }',
    ].join('\n'),
  );
  return `securityRules: [\n${items.join('\n')}\n]\n`;
}
