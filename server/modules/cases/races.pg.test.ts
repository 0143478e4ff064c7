import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { claim } from '../points/schema.ts';
import { runCaseJobs } from './index.ts';
import { caseWhistle } from './schema.ts';

// On PostgreSQL: the grid check and the scheduler, made to happen at once.
let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  d = await demoLandmarks(t.db);
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

describe('case races on PostgreSQL', () => {
  it('a valid hazard checked twice at the same moment yields one points claim', async () => {
    const tian = await t.login('13900000007');
    const grids = [await t.login('13900000005'), await t.login('13900000005')];
    for (let round = 0; round < 2; round++) {
      const c = await t.call({
        method: 'POST',
        url: '/api/cases',
        cookie: tian,
        body: {
          kind: 'hazard',
          categoryCode: 'broken_bin',
          description: `垃圾桶破损 ${round}`,
          orgUnitId: d.ownHousehold.buildingId,
        },
      });
      expect(c.status).toBe(200);
      const results = await Promise.all(
        grids.map((cookie) =>
          t.call({
            method: 'POST',
            url: `/api/cases/${c.body.id}/transitions`,
            cookie,
            body: { action: 'check_valid' },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('illegal_transition');
      const claims = await t.db
        .select()
        .from(claim)
        .where(eq(claim.sourceKey, `case:${c.body.id}`));
      expect(claims).toHaveLength(1);
    }
  });

  it('escalation run on several nodes at once fires each overdue whistle once', async () => {
    const tian = await t.login('13900000007');
    const grid = await t.login('13900000005');
    const staff = await t.login('13900000003');
    const deps = await t.call({ url: '/api/departments', cookie: staff });
    const ids = deps.body.items.slice(0, 2).map((x: { id: string }) => x.id);
    const c = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: tian,
      body: {
        kind: 'hazard',
        categoryCode: 'fire_lane_blocked',
        description: '消防通道被车辆堵塞',
        orgUnitId: d.ownHousehold.buildingId,
      },
    });
    const go = (cookie: string, url: string, body: object) => t.call({ method: 'POST', url, cookie, body });
    expect((await go(grid, `/api/cases/${c.body.id}/transitions`, { action: 'check_valid' })).status).toBe(
      200,
    );
    const w = await go(staff, `/api/cases/${c.body.id}/whistles`, {
      departmentIds: ids,
      summary: '请联合处置',
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(w.status).toBe(200);
    const at = new Date(Date.now() + 2 * 86_400_000);
    const runs = await Promise.all(Array.from({ length: 6 }, () => runCaseJobs(t.db, at)));
    expect(runs.reduce((s, r) => s + r.escalated, 0)).toBe(2);
    const rows = await t.db.select().from(caseWhistle).where(eq(caseWhistle.caseId, c.body.id));
    expect(rows.every((r) => r.escalatedAt !== null)).toBe(true);
  });
});
