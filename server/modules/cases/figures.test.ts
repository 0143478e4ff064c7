import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  for (const [k, phone] of Object.entries({
    staffA: '13900000003',
    staffB: '13900000004',
    district: '13900000001',
    tian: '13900000007',
    chengguan: '13900000008',
  }))
    cookies[k] = await t.login(phone);
});
afterAll(() => t.close());

const get = (qs: string, cookie?: string) => t.call({ url: `/api/cases/figures${qs}`, cookie });

/** The same figures, counted independently: one plain SQL statement per number. */
async function counted(path: string, from: string, to: string, kind?: string) {
  const base = sql`from civic_case c where c.org_path like ${`${path}%`}
    and c.created_at >= ${`${from}T00:00:00+08:00`}::timestamptz
    and c.created_at < (${`${to}T00:00:00+08:00`}::timestamptz + interval '1 day')
    and c.state not in ('invalid', 'duplicate', 'withdrawn')
    ${kind ? sql`and c.kind = ${kind}` : sql``}`;
  const n = async (extra: ReturnType<typeof sql>) => {
    const [r] = await execRows<{ n: number }>(t.db, sql`select count(*)::int as n ${base} ${extra}`);
    return Number(r.n);
  };
  return {
    found: await n(sql``),
    resolvedLocally: await n(sql`and c.resolution = 'resolved_locally'`),
    escalated: await n(sql`and c.id in (select case_id from case_whistle)`),
    open: await n(sql`and c.state <> 'closed'`),
  };
}

describe('access', () => {
  it('401 without a session, 403 for residents and departments, 404 for a sibling community', async () => {
    expect((await get('')).status).toBe(401);
    const r = await get('', cookies.tian);
    expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
    expect((await get('', cookies.chengguan)).status).toBe(403);
    const b = await get(`?orgUnitId=${d.communityA.id}`, cookies.staffB);
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    const bad = await get('?from=2026-05-01&to=2026-04-01', cookies.staffA);
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
    expect((await get('?kind=rumour', cookies.staffA)).status).toBe(422);
  });
});

describe('分级处置 on the demo year', () => {
  it("春熙社区's hazards read like the seed: 139 found, 17 resolved locally, 122 escalated", async () => {
    const r = await get('?kind=hazard&from=2025-12-01&to=2026-11-30', cookies.staffA);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.orgUnitName).toBe('春熙社区');
    const expected = await counted(d.communityA.path, '2025-12-01', '2026-11-30', 'hazard');
    expect(r.body.totals).toEqual(expected);
    expect(r.body.totals).toMatchObject({ found: 139, resolvedLocally: 17, escalated: 122 });
    expect(r.body.totals.open).toBeGreaterThan(0);
    expect(r.body.byMonth.map((m: { month: string }) => m.month)).toEqual([
      '2025-12',
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    ]);
    const sum = (xs: { found: number }[]) => xs.reduce((n, x) => n + x.found, 0);
    expect(sum(r.body.byMonth)).toBe(139);
    expect(sum(r.body.byCategory)).toBe(139);
  });

  it('every kind, the whole district, by community: equal to the counts of the database', async () => {
    const r = await get('?from=2025-12-01&to=2026-11-30', cookies.district);
    expect(r.body.orgUnitName).toBe('邻里示范区');
    const districtPath = `/${d.communityA.path.split('/')[1]}/`;
    expect(r.body.totals).toEqual(await counted(districtPath, '2025-12-01', '2026-11-30'));
    expect(r.body.byCommunity.map((c: { name: string }) => c.name).sort()).toEqual(
      ['春熙社区', '杨梅江社区', '红旗社区', '长清社区'].sort(),
    );
    for (const c of r.body.byCommunity) {
      const [u] = await execRows<{ path: string }>(t.db, sql`select path from org_unit where id = ${c.id}`);
      const { found, resolvedLocally, escalated, open } = c;
      expect({ found, resolvedLocally, escalated, open }).toEqual(
        await counted(u.path, '2025-12-01', '2026-11-30'),
      );
    }
    // A narrower window and a sibling: community B's March.
    const b = await get(`?orgUnitId=${d.communityB.id}&from=2026-03-01&to=2026-03-31`, cookies.staffB);
    expect(b.body.totals).toEqual(await counted(d.communityB.path, '2026-03-01', '2026-03-31'));
    expect(b.body.byMonth.map((m: { month: string }) => m.month)).toEqual(['2026-03']);
  });

  it('a new case counts as found and open at once', async () => {
    const before = (await get('?kind=demand', cookies.staffA)).body.totals;
    const grid = await t.login('13900000005');
    const r = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: grid,
      body: {
        kind: 'demand',
        categoryCode: 'livelihood',
        description: '反映水压不足',
        orgUnitId: d.siblingBuildingUnit.id,
      },
    });
    expect(r.status).toBe(200);
    const after = (await get('?kind=demand', cookies.staffA)).body.totals;
    expect(after).toEqual({ ...before, found: before.found + 1, open: before.open + 1 });
  });
});
