import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPglite } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { failInterruptedImports } from './modules/org/index.ts';
import { rosterImport } from './modules/org/schema.ts';
import { postEntry } from './modules/points/index.ts';
import { pointsAccount } from './modules/points/schema.ts';

// The CLI as an operator runs it: `npx linli check-ledger` on a data directory.
describe('linli check-ledger', () => {
  it('passes on a sound ledger and exits 1 naming the breach', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-ledger-'));
    try {
      const db = await openPglite({ dataDir: dir });
      await migrate(db, path.resolve('migrations'));
      const district = crypto.randomUUID();
      const [a] = await db.db
        .insert(pointsAccount)
        .values({ districtId: district, orgPath: `/${district}/`, ownerType: 'person', displayName: '甲' })
        .returning();
      await db.db.transaction((tx) =>
        postEntry(tx, {
          accountId: a.id,
          kind: 'earn',
          amount: 20,
          causeType: 'adjustment',
          causeId: 'x',
          idempotencyKey: 'k1',
        }),
      );
      await db.close();
      const run = () =>
        execFileSync(process.execPath, ['bin/linli.js', 'check-ledger'], {
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
          encoding: 'utf8',
          stdio: 'pipe',
        });
      expect(run()).toContain('ledger invariants hold');
      const again = await openPglite({ dataDir: dir });
      await again.db.update(pointsAccount).set({ balance: 25 }).where(eq(pointsAccount.id, a.id));
      await again.close();
      let failure: { status: number; stderr: string } | undefined;
      try {
        run();
      } catch (err) {
        failure = err as { status: number; stderr: string };
      }
      expect(failure?.status).toBe(1);
      expect(failure?.stderr).toContain('balance_equals_sum');
      expect(failure?.stderr).toContain(a.id);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up', () => {
  it('marks roster imports left running by a restart as failed', async () => {
    const db = await openPglite({});
    await migrate(db, path.resolve('migrations'));
    const id = crypto.randomUUID();
    const [row] = await db.db
      .insert(rosterImport)
      .values({
        districtId: id,
        orgUnitId: id,
        orgPath: `/${id}/`,
        userId: id,
        fileName: 'a.xlsx',
        mode: 'all_or_nothing',
        status: 'running',
      })
      .returning();
    expect(await failInterruptedImports(db.db)).toBe(1);
    const [after] = await db.db.select().from(rosterImport).where(eq(rosterImport.id, row.id));
    expect(after.status).toBe('failed');
    expect(await failInterruptedImports(db.db)).toBe(0);
    await db.close();
  });
});
