import * as path from 'node:path';
import { readSnapshot } from '../../src/azure/snapshot-reader';
import { VerifyInputError } from '../../src/network/errors';
import type { Inventory } from '../../src/network/model';
import { DEFAULT_RULE_PARAMETERS } from '../../src/planning';
import {
  classicOptionsOf,
  describeTally,
  tally,
  verifyInventory,
  type VerifyRequest,
} from '../../src/use-cases/verify';

const SNAPSHOTS = path.join(__dirname, '..', 'fixtures', 'snapshots');
const snapshot = (name: string): Promise<Inventory> => readSnapshot(path.join(SNAPSHOTS, name));

const request = (change: Partial<VerifyRequest> = {}): VerifyRequest => ({
  classic: classicOptionsOf(DEFAULT_RULE_PARAMETERS),
  current: {},
  ...change,
});

describe('the verify use case', () => {
  it('verifies a classic DMS with the local network gateways as source ranges when none were given', async () => {
    const inventory = await snapshot('hybrid');
    const outcome = verifyInventory(inventory, request());
    expect(outcome.dms).toBe('classic');
    if (outcome.dms !== 'classic') return;
    const gateways = inventory.localNetworkGateways.flatMap((g) => g.addressPrefixes);
    expect(outcome.sourceRanges).toEqual([...new Set(gateways)]);
    expect(outcome.rules.outbound.some((r) => r.id === 'sql-source')).toBe(true);
    expect(outcome.result.topology).toBe('hybrid');
  });

  it('keeps the source ranges given, for the checks and the diagram', async () => {
    const given = classicOptionsOf({ ...DEFAULT_RULE_PARAMETERS, sourceRanges: ['192.168.10.0/24'] });
    const outcome = verifyInventory(await snapshot('hybrid'), request({ classic: given }));
    expect(outcome.dms === 'classic' && outcome.sourceRanges).toEqual(['192.168.10.0/24']);
  });

  it('takes the current DMS when the inventory holds only a sqlMigrationServices resource', async () => {
    const outcome = verifyInventory(await snapshot('shir-ok'), request());
    expect(outcome.dms).toBe('current');
    expect(outcome.result.topology).toBe('shir');
  });

  it('takes the DMS asked for: the classic path on an inventory without one is a structured input error', async () => {
    const inventory = await snapshot('shir-ok');
    expect(() => verifyInventory(inventory, request({ dmsKind: 'classic' }))).toThrow(VerifyInputError);
    expect(() => verifyInventory(inventory, request({ dmsKind: 'classic' }))).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ kind: 'none', field: 'dms' }) }),
    );
  });

  it('counts the checks and says the counts the same way on every surface', () => {
    const counts = tally([{ status: 'pass' }, { status: 'fail' }, { status: 'pass' }, { status: 'unknown' }]);
    expect(counts).toEqual({ pass: 2, fail: 1, warn: 0, unknown: 1 });
    expect(describeTally(counts)).toBe('2 pass, 1 fail, 0 warn, 1 unknown');
  });

  it('takes no source ranges from empty rule parameters, and the planned topology when given', () => {
    expect(classicOptionsOf(DEFAULT_RULE_PARAMETERS, 'hybrid')).toEqual({
      sourceRanges: undefined,
      sqlPort: 1433,
      namedInstance: false,
      smb: false,
      ruleset: DEFAULT_RULE_PARAMETERS.ruleset,
      plannedTopology: 'hybrid',
    });
  });
});
