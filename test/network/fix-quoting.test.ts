import { placeholder, quoteArg, shellComment } from '../../src/network/az-fixes';
import { commandOf } from '../../src/network/change-commands';
import { CURRENT_DMS_CHECK_IDS } from '../../src/network/current-dms-verify';
import { CHECK_IDS } from '../../src/network/verifier';
import { nsg } from '../fixtures/network/builders';
import { expectSameCommands, HOSTILE, words } from '../support/shell-fixes';
import { FIX_CASES, FIX_KEYS } from './fix-quoting-cases';

// Every fix must stay the same commands, with the same words, whatever the names in the inventory hold
// (fix-quoting-cases.ts); bash itself runs them in fix-quoting.processes.test.ts.

describe.each(FIX_CASES.map((c) => [c.name, c] as const))('fixes built from hostile names: %s', (_name, c) => {
  const { plain, hostile: bad } = c;

  it('the same checks write fixes', () => {
    expect([...bad.keys()]).toEqual([...plain.keys()]);
    expect(plain.size).toBeGreaterThan(0);
  });

  it.each([...plain.keys()].map((k) => [k]))('%s: same lines, same words, names in their own words', (key) => {
    const fix = bad.get(key)!;
    // no raw control character from a name reaches the text
    expect([...fix].filter((ch) => ch !== '\n' && (ch < ' ' || ch === '\u007f'))).toEqual([]);
    expectSameCommands(plain.get(key)!, fix);
  });
});

/** A line of a fix that changes nothing: a comment, or a command that shows, lists or registers on a machine. */
const READ_ONLY = /^(#|az( [\w-]+)*? (show|list[\w-]*|register-integration-runtime)( |$))/;

describe('changes and fix text come from one source', () => {
  it.each(FIX_CASES.map((c) => [c.name, c] as const))(
    '%s, with hostile names: every line of a fix that changes something is a structured change, written from it',
    (_name, c) => {
      for (const check of c.hostileResult.checks.filter((k) => k.fix)) {
        const commands = new Set((check.changes ?? []).map((fc) => fc.command));
        for (const fc of check.changes ?? []) expect(fc.command.startsWith(commandOf(fc.change))).toBe(true);
        const unstructured = check.fix!.split('\n').filter((line) => !commands.has(line) && !READ_ONLY.test(line));
        expect({ id: check.id, unstructured }).toEqual({ id: check.id, unstructured: [] });
      }
    },
  );
});

describe('fix coverage', () => {
  it('most checks that write fixes propose structured changes', () => {
    const changed = new Set(
      FIX_CASES.flatMap((c) => c.hostileResult.checks.filter((k) => k.changes?.length).map((k) => k.id)),
    );
    expect(changed.size).toBeGreaterThan(15);
  });

  it('every check that can write a fix was given hostile names (add a scenario to fix-scenarios.ts otherwise)', () => {
    const covered = new Set(FIX_KEYS.map(([, key]) => key.split(' ')[1]));
    expect([...covered].sort()).toEqual([...CHECK_IDS, ...CURRENT_DMS_CHECK_IDS].sort());
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
    const seen = FIX_CASES.flatMap((c) =>
      [...c.hostile.values()].flatMap((fix) => fix.split('\n').map((line) => line.split(' ').slice(0, 5).join(' '))),
    );
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
