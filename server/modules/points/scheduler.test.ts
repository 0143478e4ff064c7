import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { jobRun } from '../../platform/schema.ts';
import { checkLedger } from './ledger.ts';
import { runPostingJobs } from './postings.ts';
import { claim, ledgerEntry, posting } from './schema.ts';

// The monthly posting on a test clock: approved in March → posted at the turn of April, open seven
// days, credited when the window closes, and never twice however often the job runs.
let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const at = (iso: string) => {
  vi.setSystemTime(new Date(iso));
  return new Date(iso);
};

describe('posting scheduler', () => {
  it('posts last month’s approvals at the turn of the month, credits after the window, once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2027-03-10T02:00:00Z');
    const flow = async (deedDate: string) => {
      // Sessions last seven days; the test clock moves weeks, so each flow signs in afresh.
      const tian = await t.login('13900000007');
      const grid = await t.login('13900000005');
      const committee = await t.login('13900000006');
      const c = await t.call({
        method: 'POST',
        url: '/api/points/claims',
        cookie: tian,
        body: { ruleCode: 'C06', deedDate, description: '建议增设快递柜' },
      });
      await t.call({
        method: 'POST',
        url: `/api/points/claims/${c.body.id}/transitions`,
        cookie: grid,
        body: { action: 'check_pass' },
      });
      const a = await t.call({
        method: 'POST',
        url: `/api/points/claims/${c.body.id}/transitions`,
        cookie: committee,
        body: { action: 'approve' },
      });
      expect(a.body.state).toBe('approved');
      return c.body.id as string;
    };
    const march = await flow('2027-03-09');

    // A run in March posts nothing: March's approvals wait for the turn of the month.
    expect((await runPostingJobs(t.db, at('2027-03-20T02:00:00Z'))).published).toBe(0);
    const states = async (ids: string[]) =>
      (await t.db.select().from(claim).where(inArray(claim.id, ids))).map((c) => c.state);
    expect(await states([march])).toEqual(['approved']);

    // 1 April, 00:05 Shanghai: posted under "2027-03", open until 8 April.
    await runPostingJobs(t.db, at('2027-03-31T16:05:00Z'));
    const april = await flow('2027-04-01'); // approved after the run: waits for May
    const [p] = await t.db.select().from(posting).where(eq(posting.period, '2027-03'));
    expect(p.communityId).toBe(d.communityA.id);
    expect(p.closesAt.toISOString()).toBe('2027-04-07T16:05:00.000Z');
    expect(await states([march, april])).toEqual(expect.arrayContaining(['posted', 'approved']));

    const entriesFor = async (id: string) =>
      t.db.select().from(ledgerEntry).where(eq(ledgerEntry.causeId, id));
    for (const day of ['2027-04-02T02:00:00Z', '2027-04-05T02:00:00Z', '2027-04-07T16:04:59Z']) {
      await runPostingJobs(t.db, at(day));
      expect(await entriesFor(march)).toHaveLength(0);
    }
    const closing = at('2027-04-07T16:05:00Z');
    await runPostingJobs(t.db, closing);
    await runPostingJobs(t.db, closing);
    await runPostingJobs(t.db, at('2027-04-20T02:00:00Z'));
    expect((await entriesFor(march)).map((e) => e.amount)).toEqual([30]);
    expect(await states([march])).toEqual(['credited']);
    const runs = await t.db.select().from(jobRun).where(eq(jobRun.job, 'points.close'));
    expect(runs.filter((r) => r.period === p.id)).toHaveLength(1);

    // May: April's approval goes on the next posting.
    await runPostingJobs(t.db, at('2027-04-30T16:10:00Z'));
    expect(await states([april])).toEqual(['posted']);
    expect(await checkLedger(t.db)).toEqual([]);
  });
});
