import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { RESOURCE_KINDS } from '../../src/azure/resource-kinds';
import { CHECKLIST_VERBS } from '../../src/bot/checklist/routes';
import { HELP_VERBS } from '../../src/bot/help/routes';
import { PLANNING_VERBS, RENAMED_PLANNING_VERBS } from '../../src/bot/planning/routes';
import { VERIFY_VERBS } from '../../src/bot/verify/routes';
import { registerCommands } from '../../src/cli/commands';
import { INTERNAL_ERROR_EXIT_CODE } from '../../src/cli/errors';
import { CONFIG_VARIABLES } from '../../src/config';
import { CURRENT_DMS_CHECK_IDS } from '../../src/network/current-dms-types';
import { CHECK_IDS } from '../../src/network/verify-types';
import { checklistItems } from '../../src/planning/checklist';
import { checksCovering } from '../../src/planning/checklist-verification';
import {
  CURRENT_DMS_REQUIREMENT_IDS,
  CURRENT_DMS_RULE_IDS,
  QUESTION_KEYS,
  REQUIREMENT_IDS,
  RULE_IDS,
  RULE_SET_ALIASES,
  RULE_SETS,
  requiredRules,
  SHIR_TOPOLOGY_ID,
  TOPOLOGY_IDS,
} from '../../src/planning';

// docs/contracts.md lists the ids, files, flags, verbs and variables people and scripts rely on: each list marked
// `<!-- contract: NAME -->` ... `<!-- end -->` must hold exactly what the code has.

const ROOT = join(__dirname, '..', '..');
const CONTRACTS = readFileSync(join(ROOT, 'docs', 'contracts.md'), 'utf8');

/** The text of one marked list. */
function section(name: string): string {
  const start = CONTRACTS.indexOf(`<!-- contract: ${name} -->`);
  if (start < 0) throw new Error(`docs/contracts.md has no list "${name}"`);
  return CONTRACTS.slice(start, CONTRACTS.indexOf('<!-- end -->', start));
}

/** The `code` spans of a list that look like `pattern`, sorted, once each. */
function listed(name: string, pattern: RegExp): string[] {
  const spans = [...section(name).matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return [...new Set(spans.filter((s) => pattern.test(s)))].sort();
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const KEBAB = /^[a-z]+(-[a-z0-9]+)*$/;

describe('docs/contracts.md lists what the code has', () => {
  it('topology ids', () => {
    expect(listed('topology-ids', KEBAB)).toEqual(sorted([...TOPOLOGY_IDS, SHIR_TOPOLOGY_ID]));
  });

  it('question keys (the first column of its table)', () => {
    const keys = [...section('question-keys').matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
    expect(sorted(keys)).toEqual(sorted(QUESTION_KEYS));
  });

  it('requirement ids, classic and of the current DMS', () => {
    expect(listed('requirement-ids', KEBAB)).toEqual(sorted([...REQUIREMENT_IDS, ...CURRENT_DMS_REQUIREMENT_IDS]));
  });

  it('NSG rule ids, classic and of the current DMS', () => {
    expect(listed('rule-ids', KEBAB)).toEqual(sorted([...RULE_IDS, ...CURRENT_DMS_RULE_IDS]));
  });

  it('rule sets and their former names', () => {
    expect(listed('rule-sets', /^(\d{4}|[a-z]+(-[a-z]+)*)$/)).toEqual(
      sorted([...RULE_SETS, ...Object.keys(RULE_SET_ALIASES)]),
    );
  });

  it('check ids, classic and of the current DMS', () => {
    expect(listed('check-ids', KEBAB)).toEqual(sorted([...CHECK_IDS, ...CURRENT_DMS_CHECK_IDS]));
  });

  it('the checks that confirm each checklist item, for every topology and rule set', () => {
    const rows = [...section('checklist-checks').matchAll(/^\| `([a-z-]+)` +\| ([^|]+)\| ([^|]*)\|/gm)].map((m) => ({
      item: m[1],
      topology: m[2].trim().replace(/`/g, ''),
      checks: m[3].trim(),
    }));
    for (const topology of TOPOLOGY_IDS) {
      for (const ruleset of RULE_SETS) {
        const rules = requiredRules({
          sourceRanges: ['10.1.0.0/16'],
          sqlPort: 1433,
          namedInstance: true,
          smb: true,
          ruleset,
        });
        for (const { id } of checklistItems(topology, rules, '10.0.0.0/24')) {
          const row =
            rows.find((r) => r.item === id && r.topology === topology) ??
            rows.find((r) => r.item === id && r.topology === 'any');
          const coverage = checksCovering(id, topology);
          const documented = row?.checks.startsWith('every check')
            ? 'every-check'
            : [...(row?.checks ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
          expect({ id, topology, checks: documented }).toEqual({
            id,
            topology,
            checks: row ? coverage : 'undocumented',
          });
        }
      }
    }
  });

  it('snapshot files', () => {
    expect(listed('snapshot-files', /\.json$/)).toEqual(sorted(Object.values(RESOURCE_KINDS).map((k) => k.file)));
  });

  describe('CLI flags', () => {
    const program = new Command('migration-network-advisor');
    registerCommands(program, { out: () => undefined, err: () => undefined }, () => undefined);

    it('every command is listed', () => {
      expect(sorted(program.commands.map((c) => c.name()))).toEqual(['recommend', 'rules', 'snapshot', 'verify']);
    });

    it.each(['recommend', 'rules', 'verify', 'snapshot'])('%s', (name) => {
      const command = program.commands.find((c) => c.name() === name)!;
      expect(listed(`cli-flags ${name}`, /^--[a-z-]+$/)).toEqual(sorted(command.options.map((o) => o.long!)));
    });
  });

  it('exit codes', () => {
    expect(listed('exit-codes', /^\d+$/)).toEqual(sorted(['0', '1', '2', '3', String(INTERNAL_ERROR_EXIT_CODE)]));
  });

  const verbs = [PLANNING_VERBS, CHECKLIST_VERBS, VERIFY_VERBS, HELP_VERBS].flatMap((v) => Object.values(v));

  it('card verbs the bot answers', () => {
    expect(listed('card-verbs', /^[a-z]+(\.[a-z-]+)?$/)).toEqual(sorted(verbs));
  });

  it('former verbs still answered, each with the verb it became', () => {
    const pairs = [...section('renamed-card-verbs').matchAll(/`([^`]+)` \(now\s+`([^`]+)`\)/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(Object.fromEntries(pairs)).toEqual(RENAMED_PLANNING_VERBS);
  });

  it('configuration variables', () => {
    expect(listed('config-variables', /^[A-Z][A-Z0-9_]+$/)).toEqual(sorted(CONFIG_VARIABLES));
  });
});

describe('the card templates send only verbs the bot answers', () => {
  const templates = readdirSync(join(ROOT, 'cards')).filter((f) => f.endsWith('.json'));
  const answered = new Set([PLANNING_VERBS, CHECKLIST_VERBS, VERIFY_VERBS, HELP_VERBS].flatMap(Object.values));

  it.each(templates)('%s', (file) => {
    const sent = [...readFileSync(join(ROOT, 'cards', file), 'utf8').matchAll(/"verb":\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(sent.filter((verb) => !answered.has(verb))).toEqual([]);
  });
});

describe('nothing in the repository points outside it', () => {
  // Written in two halves so that this file does not name them itself.
  const OUTSIDE = [
    ['DESIGN', '.md'],
    ['../sha', 'red'],
    ['design-', 'additions'],
    ['azure-', 'facts'],
    ['seed-network', '-topologies'],
  ].map((parts) => parts.join(''));
  const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results', '.data', 'coverage', 'fixtures']);

  function textFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      if (SKIP.has(name)) return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return textFiles(path);
      return /\.(ts|js|cjs|mjs|json|md|yml|yaml|bicep)$|^Dockerfile$|^run$/.test(name) ? [path] : [];
    });
  }

  it('no file names the design notes or references the project grew from', () => {
    const pointing = textFiles(ROOT)
      .filter((path) => !path.endsWith('package-lock.json'))
      .flatMap((path) => {
        const text = readFileSync(path, 'utf8');
        return OUTSIDE.filter((name) => text.includes(name)).map((name) => `${relative(ROOT, path)}: ${name}`);
      });
    expect(pointing).toEqual([]);
  });
});
