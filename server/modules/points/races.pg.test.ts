import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { extraUser, today } from '../../../test/points-fixtures.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { checkLedger } from './ledger.ts';
import { runPostingJobs } from './postings.ts';
import { claim, ledgerEntry, posting } from './schema.ts';

// On PostgreSQL: the moments the issue names, made to happen at once.
let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  d = await demoLandmarks(t.db);
  await extraUser(t.db, '13944440001', ['points_committee']);
});
afterAll(async () => {
  expect(await checkLedger(t.db)).toEqual([]);
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

async function checkedClaim(): Promise<string> {
  const tian = await t.login('13900000007');
  const c = await t.call({
    method: 'POST',
    url: '/api/points/claims',
    cookie: tian,
    body: { ruleCode: 'C06', quantity: 1, deedDate: today(), description: '并发测试的建议' },
  });
  const grid = await t.login('13900000005');
  await t.call({
    method: 'POST',
    url: `/api/points/claims/${c.body.id}/transitions`,
    cookie: grid,
    body: { action: 'check_pass' },
  });
  return c.body.id;
}

describe('races on PostgreSQL', () => {
  it('two committee members approving at the same moment: one wins, one is told why', async () => {
    const [a, b] = [await t.login('13900000006'), await t.login('13944440001')];
    for (let round = 0; round < 10; round++) {
      const id = await checkedClaim();
      const results = await Promise.all(
        [a, b].map((cookie) =>
          t.call({
            method: 'POST',
            url: `/api/points/claims/${id}/transitions`,
            cookie,
            body: { action: 'approve' },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('illegal_transition');
      const events = await t.call({ url: `/api/points/claims/${id}`, cookie: a });
      expect(events.body.timeline.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
    }
  });

  it('scheduler runs on several nodes at the same moment credit each claim exactly once', async () => {
    const approved = await t.db.select({ id: claim.id }).from(claim).where(eq(claim.state, 'approved'));
    expect(approved.length).toBeGreaterThanOrEqual(10);
    // Approved "last month" from the job's point of view: run it at the turn of a later month.
    const turn = new Date('2099-01-31T16:05:00Z');
    await Promise.all(Array.from({ length: 6 }, () => runPostingJobs(t.db, turn)));
    const postings = await t.db.select().from(posting).where(eq(posting.period, '2099-01'));
    expect(postings).toHaveLength(1);
    const close = new Date(postings[0].closesAt.getTime() + 1000);
    const runs = await Promise.all(Array.from({ length: 6 }, () => runPostingJobs(t.db, close)));
    expect(runs.reduce((s, r) => s + r.credited, 0)).toBe(approved.length);
    const entries = await t.db
      .select()
      .from(ledgerEntry)
      .where(
        inArray(
          ledgerEntry.causeId,
          approved.map((c) => c.id),
        ),
      );
    expect(entries).toHaveLength(approved.length);
    expect(new Set(entries.map((e) => e.causeId)).size).toBe(approved.length);
  });

  it('simultaneous declarations cannot together pass a cap', async () => {
    const grid = await t.login('13900000005');
    // C01 is capped at 60 points a month (10 each): twenty at once → exactly six.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.call({
          method: 'POST',
          url: '/api/points/claims',
          cookie: grid,
          body: {
            ruleCode: 'C01',
            personId: d.tian.id,
            quantity: 1,
            deedDate: '2026-07-15',
            description: `清理${i}`,
          },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(6);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === 'cap_exceeded')).toBe(
      true,
    );
  });

  it('concurrent commands in one district keep the audit chain unforked', async () => {
    const staff = await t.login('13900000003');
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.call({
          method: 'PATCH',
          url: `/api/households/${d.sameBuilding.id}`,
          cookie: staff,
          body: { floorAreaM2: 60 + i },
        }),
      ),
    );
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  });
});
