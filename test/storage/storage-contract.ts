import type { StoreItem } from 'botbuilder';
import { type ConditionalStorage, isConflictError, updateItem } from '../../src/storage';

export interface ContractSubject {
  storage: ConditionalStorage;
  /** A second storage over the same data (another "instance" of the bot), when the backend has one. */
  twin?: ConditionalStorage;
}

interface Tally {
  count: number;
  voters: string[];
}

export async function expectConflict(pending: Promise<unknown>): Promise<void> {
  const error = await pending.then(
    () => new Error('expected an eTag conflict, but the call succeeded'),
    (rejection: unknown) => rejection,
  );
  expect(isConflictError(error) ? 'conflict' : error).toBe('conflict');
}

/** The behaviour every storage must share, run against each backend. */
export function describeStorageContract(name: string, makeSubject: () => Promise<ContractSubject>): void {
  describe(`${name} storage contract`, () => {
    let storage: ConditionalStorage;
    let twin: ConditionalStorage;

    beforeEach(async () => {
      const subject = await makeSubject();
      storage = subject.storage;
      twin = subject.twin ?? subject.storage;
    });

    it('reads nothing for a missing key', async () => {
      expect(await storage.read(['missing'])).toEqual({});
    });

    it('reads back what it wrote, with an eTag', async () => {
      const item = { title: 'Migración ✓ 日本', nested: { list: [1, 2, 3] } };
      await storage.write({ plan: item });
      const { plan } = await twin.read(['plan', 'other']);
      expect(plan).toMatchObject(item);
      expect(typeof plan.eTag).toBe('string');
    });

    it('rejects a write carrying a stale eTag and keeps the newer value', async () => {
      await storage.write({ plan: { version: 1 } });
      const first = (await storage.read(['plan'])).plan;
      await twin.write({ plan: { ...first, version: 2 } });
      const second = (await storage.read(['plan'])).plan;
      expect(second.eTag).not.toEqual(first.eTag);

      const stale = storage.write({ plan: { ...first, version: 3 } });
      await expectConflict(stale);
      expect((await storage.read(['plan'])).plan).toMatchObject({ version: 2, eTag: second.eTag });
    });

    it("overwrites whatever is stored when the eTag is '*' or missing", async () => {
      await storage.write({ plan: { version: 1 } });
      await twin.write({ plan: { version: 2, eTag: '*' } });
      expect((await storage.read(['plan'])).plan).toMatchObject({ version: 2 });
      await twin.write({ plan: { version: 3 } });
      expect((await storage.read(['plan'])).plan).toMatchObject({ version: 3 });
    });

    it('deletes, and a delete of a missing key is not an error', async () => {
      await storage.write({ plan: { version: 1 } });
      await twin.delete(['plan', 'never-written']);
      expect(await storage.read(['plan'])).toEqual({});
    });

    it('does not bring back a deleted item through a write with its old eTag', async () => {
      await storage.write({ checklist: { items: 1 } });
      const read = (await storage.read(['checklist'])).checklist;
      await twin.delete(['checklist']);
      await expectConflict(storage.write({ checklist: { ...read, items: 2 } }));
      expect(await storage.read(['checklist'])).toEqual({});
    });

    it('creates only-if-absent once', async () => {
      await storage.writeIfAbsent('ref', { who: 'first' });
      await expectConflict(twin.writeIfAbsent('ref', { who: 'second' }));
      expect((await storage.read(['ref'])).ref).toMatchObject({ who: 'first' });
    });

    it('keeps awkward keys apart and readable', async () => {
      const keys = [
        'msteams/bot-id/conversations/19:abc@thread.tacv2;messageid=1700000000000',
        '../../etc/passwd',
        'Plan',
        'plan',
        'a/b',
        'a_b',
        'ünïcödé key',
        'x'.repeat(400),
      ];
      await storage.write(Object.fromEntries(keys.map((key, index) => [key, { index }])));
      const read = await twin.read(keys);
      for (const [index, key] of keys.entries()) expect(read[key]).toMatchObject({ index });
    });

    it('never gives distinct keys one entry (keys the blob SDK merged, lone surrogates, near-identical long keys)', async () => {
      const long = 'k'.repeat(1_100);
      const keys = [
        ...['x', 'x/', '/x', 'x.', 'x..', 'x/.'],
        ...['a/b', 'a//b', 'a/b/', '/a/b'],
        ...[`${long}1`, `${long}2`, `${'é'.repeat(400)}1`, `${'é'.repeat(400)}2`],
        ...['\uD800', '\uD801', '\uDC00', '\uFFFD'],
        Array.from({ length: 300 }, () => 'a').join('/'),
        Array.from({ length: 300 }, () => 'a').join('/') + 'a',
        `~sha256/${'0'.repeat(64)}`,
      ];
      for (const [index, key] of keys.entries()) await storage.write({ [key]: { index } });
      const read = await twin.read(keys);
      for (const [index, key] of keys.entries())
        expect([key, read[key]]).toEqual([key, expect.objectContaining({ index })]);
      await storage.delete(['x/']);
      expect(Object.keys(await twin.read(['x', 'x/']))).toEqual(['x']);
    });

    it('loses none of 50 concurrent updates to one key, starting from no item', async () => {
      const voters = Array.from({ length: 50 }, (_, index) => `user-${index}`);
      await Promise.all(
        voters.map((voter, index) =>
          updateItem<Tally>(index % 2 === 0 ? storage : twin, 'tally', (current) => ({
            count: (current?.count ?? 0) + 1,
            voters: [...(current?.voters ?? []), voter],
          })),
        ),
      );
      const tally = (await storage.read(['tally'])).tally as StoreItem & Tally;
      expect(tally.count).toBe(50);
      expect([...tally.voters].sort()).toEqual([...voters].sort());
    });
  });
}
