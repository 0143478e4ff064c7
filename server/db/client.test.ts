import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestDb, testDatabase } from '../../test/harness.ts';
import { execRows, readAll } from './client.ts';

let d: TestDb;
beforeAll(async () => {
  d = await testDatabase('empty');
});
afterAll(() => d.close());

const one = (db: Parameters<typeof readAll>[0], n: number) =>
  execRows<{ n: number }>(db, sql`select ${n}::int as n`).then((r) => r[0].n);

it('readAll answers in the order asked, on the pool and inside a transaction', async () => {
  const started: number[] = [];
  const track = (db: Parameters<typeof readAll>[0], n: number) => () => {
    started.push(n);
    return one(db, n);
  };
  expect(await readAll(d.db, [track(d.db, 1), track(d.db, 2)])).toEqual([1, 2]);
  const inTx = await d.db.transaction(async (tx) => {
    started.length = 0;
    // Inside a transaction the second read may not start before the first has answered.
    const result = await readAll(tx, [
      () => {
        started.push(1);
        return one(tx, 1).then((n) => {
          expect(started).toEqual([1]);
          return n;
        });
      },
      track(tx, 2),
    ]);
    return result;
  });
  expect(inTx).toEqual([1, 2]);
  expect(started).toEqual([1, 2]);
});
