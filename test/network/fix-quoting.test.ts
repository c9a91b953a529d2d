import { mkdtempSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { placeholder, quoteArg, shellComment } from '../../src/network/az-fixes';
import { commandOf } from '../../src/network/change-commands';
import { CURRENT_DMS_CHECK_IDS, verifyCurrentDms } from '../../src/network/current-dms-verify';
import type { Inventory } from '../../src/network/model';
import { CHECK_IDS, verify } from '../../src/network/verifier';
import { nsg } from '../fixtures/network/builders';
import { bashArgs, expectSameCommands, HOSTILE, words } from '../support/shell-fixes';
import {
  BUILDER_NAMES,
  CLASSIC_FIX_SCENARIOS,
  CURRENT_FIX_SCENARIOS,
  FixScenario,
  ROUTE_FIX_SCENARIOS,
} from '../fixtures/network/fix-scenarios';

// Every fix must stay the same commands, with the same words, whatever the names in the inventory hold. Each
// scenario runs twice: with the builders' names, and with every name followed by HOSTILE. The hostile fixes must
// parse (shell-quote, then bash itself) into the same lines and the same number of words, each word being the plain
// word with HOSTILE added where a name is, and nothing of HOSTILE may run. Names in today's-DMS options (a runtime
// subnet) are renamed the same way, so they still name the renamed inventory's resources.
function hostile<T>(value: T): T {
  const names = new RegExp(BUILDER_NAMES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const escaped = JSON.stringify(HOSTILE).slice(1, -1);
  return JSON.parse(JSON.stringify(value).replace(names, (n) => `${n}${escaped}`)) as T;
}

function fixesOf(s: FixScenario, inventory: Inventory, renamed = false): Map<string, string> {
  const current = renamed && s.current ? hostile(s.current) : s.current;
  const checks = s.options ? verify(inventory, s.options).checks : verifyCurrentDms(inventory, current).checks;
  return new Map(checks.filter((c) => c.fix).map((c, i) => [`${i} ${c.id}`, c.fix!]));
}

const covered = new Set<string>();
const changed = new Set<string>();
const commands = new Set<string>();

describe.each(
  [...CLASSIC_FIX_SCENARIOS, ...ROUTE_FIX_SCENARIOS, ...CURRENT_FIX_SCENARIOS].map((s) => [s.name, s] as const),
)('fixes built from hostile names: %s', (_name, s) => {
  const plain = fixesOf(s, s.inventory);
  const bad = fixesOf(s, hostile(s.inventory), true);

  it('the same checks write fixes', () => {
    expect([...bad.keys()]).toEqual([...plain.keys()]);
    expect(plain.size).toBeGreaterThan(0);
  });

  it.each([...plain.keys()].map((k) => [k]))('%s: same lines, same words, names in their own words', (key) => {
    covered.add(key.split(' ')[1]);
    const fix = bad.get(key)!;
    // no raw control character from a name reaches the text
    expect([...fix].filter((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f'))).toEqual([]);
    expectSameCommands(plain.get(key)!, fix);
    for (const line of fix.split('\n')) commands.add(line.split(' ').slice(0, 5).join(' '));
  });

  it.each([...plain.keys()].map((k) => [k]))('%s: bash runs exactly those words and nothing of the names', (key) => {
    const fix = bad.get(key)!;
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'fix-quoting-'));
    const fromBash = bashArgs(fix, cwd);
    const fromParser = fix.split('\n').map((l) => words(l).filter((t): t is string => typeof t === 'string'));
    expect(fromBash).toEqual(fromParser);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('changes and fix text come from one source', () => {
  it.each(
    [...CLASSIC_FIX_SCENARIOS, ...ROUTE_FIX_SCENARIOS, ...CURRENT_FIX_SCENARIOS].map((s) => [s.name, s] as const),
  )('%s, with hostile names: every change is a line of its fix, written from the change', (_name, s) => {
    const inventory = hostile(s.inventory);
    const checks = s.options
      ? verify(inventory, s.options).checks
      : verifyCurrentDms(inventory, s.current && hostile(s.current)).checks;
    const withChanges = checks.filter((c) => c.changes?.length);
    for (const c of withChanges) {
      changed.add(c.id);
      const lines = c.fix!.split('\n');
      for (const fc of c.changes!) {
        expect(lines).toContain(fc.command);
        expect(fc.command.startsWith(commandOf(fc.change))).toBe(true);
      }
    }
  });
});

describe('fix coverage', () => {
  it('every check that can write a fix was given hostile names (add a scenario to fix-scenarios.ts otherwise)', () => {
    expect([...covered].sort()).toEqual([...CHECK_IDS, ...CURRENT_DMS_CHECK_IDS].sort());
  });

  it('most checks that write fixes propose structured changes', () => {
    expect(changed.size).toBeGreaterThan(15);
  });

  it('every kind of command was written (written here, not derived from the code)', () => {
    const expected = [
      'az network nsg rule',
      'az network nsg show',
      'az network vnet subnet',
      'az network vpn-connection create',
      'az network vpn-connection show',
      'az network vnet-gateway create',
      'az network vnet peering create',
      'az network vnet peering delete',
      'az network vnet peering update',
      'az network vnet peering list',
      'az network vnet create',
      'az network vnet update',
      'az network route-table show',
      'az network route-table route create',
      'az network route-table route delete',
      'az network route-table route show',
      'az network route-table update',
      'az network local-gateway list',
      'az network local-gateway update',
      'az network local-gateway show',
      'az network vnet-gateway list',
      'az network vnet-gateway list-learned-routes',
      'az network vnet show',
      'az network vhub list',
      'az vm list-ip-addresses',
      'az sql mi update',
      'az datamigration sql-service show',
      'az datamigration sql-service list-auth-key',
      'az datamigration register-integration-runtime',
      'az datamigration sql-service list-integration-runtime-metric',
      'az storage account network-rule',
      'az storage account update',
      'az storage account create',
      'az storage account show',
      'az network private-endpoint-connection approve',
      'az network private-endpoint show',
      'az network private-endpoint create',
      'az network private-dns link',
      'az sql mi show',
      'az role assignment create',
      'az role assignment list',
      'az identity show',
      'az vm show',
    ];
    const seen = [...commands];
    // whole words: 'az network vnet-gateway list' is not 'az network vnet-gateway list-learned-routes'
    expect(expected.filter((head) => !seen.some((c) => c === head || c.startsWith(`${head} `)))).toEqual([]);
  });
});

describe('quoting helpers', () => {
  it.each<[string, string]>([
    ['rg-net', 'rg-net'],
    ['/subscriptions/x/resourceGroups/rg/providers/a/b/c', '/subscriptions/x/resourceGroups/rg/providers/a/b/c'],
    ["it's", `'it'\\''s'`],
    ['a b', "'a b'"],
    ['*', "'*'"],
    ['line\nbreak', "$'line\\nbreak'"],
    ["quote'and\\back\u001b", "$'quote\\'and\\\\back\\x1b'"],
  ])('quoteArg(%j) = %s', (value, quoted) => {
    expect(quoteArg(value)).toBe(quoted);
    if (value !== '*') expect(words(quoted)).toEqual([value]);
  });

  it('quoted values come back from bash unchanged', () => {
    const values = ['rg-net', "it's", 'a b', '*', 'line\nbreak', "quote'and\\back\u001b", HOSTILE];
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'fix-quoting-'));
    expect(bashArgs(`az ${values.map(quoteArg).join(' ')}`, cwd)).toEqual([['az', ...values]]);
  });

  it('a placeholder is one quoted word; a comment escapes control characters', () => {
    expect(placeholder('free CIDR in 10.0.0.0/16')).toBe("'<free CIDR in 10.0.0.0/16>'");
    expect(shellComment('peer it with vnet\nrm -rf ~')).toBe('  # peer it with vnet\\nrm -rf ~');
  });

  it('prefixes in an NSG rule fix are quoted too', () => {
    const cmd = commandOf({
      kind: 'nsg-rule-create',
      nsgId: nsg('nsg-dms').id,
      rule: {
        name: 'allow',
        priority: 100,
        direction: 'Outbound',
        access: 'Allow',
        protocol: 'Tcp',
        sourceAddressPrefixes: ['10.0.0.0/24'],
        sourcePortRanges: ['*'],
        destinationAddressPrefixes: [`192.168.0.0/16${HOSTILE}`],
        destinationPortRanges: ['1433'],
      },
    });
    const args = words(cmd) as string[];
    expect(args[args.indexOf('--destination-address-prefixes') + 1]).toBe(`192.168.0.0/16${HOSTILE}`);
  });
});
