import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { now, shanghaiMonth } from '../../platform/clock.ts';
import { orgUnit } from '../org/schema.ts';
import { monthsBetween } from './figures.ts';

let t: TestApp;
let c: Record<'staffA' | 'staffB' | 'tian' | 'committee', string>;
let community: typeof orgUnit.$inferSelect;

beforeAll(async () => {
  t = await testApp();
  c = {
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    tian: await t.login('13900000007'),
    committee: await t.login('13900000006'),
  };
  [community] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '春熙社区'));
});
afterAll(() => t.close());

describe('figures of community life', () => {
  it('lists months inclusively across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });

  it('401, 403 for a resident, 404 for another community, 422 for a bad range', async () => {
    expect((await t.call({ url: '/api/volunteers/figures' })).status).toBe(401);
    expect((await t.call({ url: '/api/volunteers/figures', cookie: c.tian })).status).toBe(403);
    const other = await t.call({
      url: `/api/volunteers/figures?orgUnitId=${community.id}`,
      cookie: c.staffB,
    });
    expect(other.status).toBe(404);
    const reversed = await t.call({
      url: '/api/volunteers/figures?from=2026-05&to=2026-01',
      cookie: c.staffA,
    });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.code).toBe('volunteer_figures_range');
    const tooLong = await t.call({
      url: '/api/volunteers/figures?from=2020-01&to=2026-01',
      cookie: c.staffA,
    });
    expect(tooLong.body.error.code).toBe('volunteer_figures_range');
    expect((await t.call({ url: '/api/volunteers/figures?from=2026-13', cookie: c.staffA })).status).toBe(
      422,
    );
  });

  it('counts the demo year as a direct count does, and the breakdowns add up', async () => {
    const res = await t.call({ url: `/api/volunteers/figures?orgUnitId=${community.id}`, cookie: c.staffA });
    expect(res.status).toBe(200);
    const f = res.body;
    expect(f.to).toBe(shanghaiMonth(now()));
    expect(f.byMonth).toHaveLength(12);
    const start = new Date(`${f.from}-01T00:00:00+08:00`).toISOString();
    const [direct] = await execRows<{ activities: number; participants: number; minutes: number }>(
      t.db,
      sql`select count(distinct a.id)::int as activities, count(h.id)::int as participants,
                 coalesce(sum(h.minutes), 0)::int as minutes
          from activity a left join volunteer_hours h on h.activity_id = a.id
          where a.org_path like ${`${community.path}%`} and a.state <> 'cancelled'
            and a.starts_at >= ${start} and a.starts_at <= ${now().toISOString()}`,
    );
    expect(direct.activities).toBeGreaterThan(0);
    expect(f.totals.activities).toBe(direct.activities);
    expect(f.totals.participants).toBe(direct.participants);
    expect(f.totals.hours).toBeCloseTo(direct.minutes / 60, 0);
    const [visits] = await execRows<{ n: number }>(
      t.db,
      sql`select coalesce(sum(visits), 0)::int as n from service_session
          where org_path like ${`${community.path}%`} and state = 'scheduled'
            and starts_at >= ${start} and starts_at <= ${now().toISOString()}`,
    );
    expect(f.totals.visits).toBe(visits.n);
    const sum = (rows: { activities: number }[]) => rows.reduce((s, r) => s + r.activities, 0);
    expect(sum(f.byMonth)).toBe(f.totals.activities);
    expect(sum(f.byLevel)).toBe(f.totals.activities);
    expect(f.byMonth.reduce((s: number, r: { visits: number }) => s + r.visits, 0)).toBe(f.totals.visits);
    // Staff of another community see only their own (here: none of 春熙社区's).
    const b = await t.call({ url: '/api/volunteers/figures', cookie: c.staffB });
    expect(b.status).toBe(200);
    expect(b.body.totals.activities).toBeLessThanOrEqual(f.totals.activities);
    // The points committee reads the figures of its community by default.
    const committee = await t.call({ url: '/api/volunteers/figures', cookie: c.committee });
    expect(committee.body.totals).toEqual(f.totals);
  });
});
