/**
 * Child process for the file storage tests, run with `node -r ts-node/register/transpile-only`.
 *   update <dir> <worker> <count>: `count` concurrent updateItem calls appending "<worker>-<i>" to key "tally".
 *   churn <dir>: rewrites plan, checklist and reference items in a loop until killed; prints "writing" once.
 */
import { FileStorage, updateItem } from '../../../src/storage';

interface Tally {
  entries: string[];
}

interface Churned {
  round: number;
  /** Big enough that a write takes a while, and always `round` repeated: a mix of two writes would show. */
  payload: string[];
}

async function update(dir: string, worker: string, count: number): Promise<void> {
  const storage = new FileStorage(dir);
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      updateItem<Tally>(storage, 'tally', (current) => ({
        entries: [...(current?.entries ?? []), `${worker}-${index}`],
      })),
    ),
  );
}

async function churn(dir: string): Promise<void> {
  const storage = new FileStorage(dir);
  const keys = ['plans/conversation-a', 'checklists/conversation-a', 'references/team-1', 'references/team-2'];
  let announced = false;
  await Promise.all(
    keys.map(async (key) => {
      for (;;) {
        await updateItem<Churned>(storage, key, (current) => {
          const round = (current?.round ?? 0) + 1;
          return { round, payload: Array.from({ length: 20_000 }, () => `round-${round}`) };
        });
        if (!announced) {
          announced = true;
          process.stdout.write('writing\n');
        }
      }
    }),
  );
}

const [mode, dir, ...rest] = process.argv.slice(2);
const run = mode === 'update' ? update(dir, rest[0], Number(rest[1])) : churn(dir);
run.catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
