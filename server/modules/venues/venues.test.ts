import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { serviceVisitFigures } from './figures.ts';
import { addDays, weekdayOf } from './hours.ts';
import { serviceSession, venue, venueBooking } from './schema.ts';
import { generateAllSessions } from './services.ts';

let t: TestApp;
let staff: string; // 孙社工, 春熙社区
let other: string; // 杨梅江社区's staff
let resident: string; // 田志明
let secretary: string; // 陈书记, 幸福家园
let centre: typeof venue.$inferSelect;
let station: typeof venue.$inferSelect;
let spaceId: string;
/** A Monday three weeks ahead (Shanghai). */
const monday = () => {
  const today = shanghaiDate();
  return addDays(today, 21 + ((8 - weekdayOf(today)) % 7));
};
const at = (date: string, hm: string) => `${date}T${hm}:00+08:00`;

beforeAll(async () => {
  t = await testApp();
  [staff, other, resident, secretary] = await Promise.all(
    ['13900000003', '13900000004', '13900000007', '13900000011'].map((p) => t.login(p)),
  );
  [centre] = await t.db.select().from(venue).where(eq(venue.name, '春熙社区党群服务中心'));
  [station] = await t.db.select().from(venue).where(eq(venue.name, '幸福家园邻里驿站'));
  const res = await t.call({
    method: 'POST',
    url: `/api/venues/${centre.id}/spaces`,
    cookie: staff,
    body: { name: '测试会议室', capacity: 12, facilities: ['白板'] },
  });
  expect(res.status).toBe(200);
  spaceId = res.body.id;
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const book = (cookie: string, start: string, end: string, extra: object = {}) =>
  t.call({
    method: 'POST',
    url: '/api/venues/bookings',
    cookie,
    body: { spaceId, startsAt: start, endsAt: end, purpose: '楼栋议事会', kind: 'meeting', ...extra },
  });
const liveBookings = async () =>
  (
    await execRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from venue_booking where space_id = ${spaceId} and state = 'booked'`,
    )
  )[0];

describe('demo venues', () => {
  it('have spaces, weekly hours, a year of bookings and services with visits', async () => {
    const res = await t.call({ url: `/api/venues/${centre.id}`, cookie: resident });
    expect(res.status).toBe(200);
    expect(res.body.spaces.map((s: { name: string }) => s.name)).toContain('康养小站');
    expect(res.body.weeklyHours).toContainEqual({ weekday: 1, open: '09:00', close: '17:30' });
    const [{ n }] = await execRows<{ n: number }>(t.db, sql`select count(*)::int as n from venue_booking`);
    expect(n).toBeGreaterThan(500);
    const figures = await serviceVisitFigures(t.db, {
      orgPath: centre.orgPath,
      from: '2025-12-01',
      to: shanghaiDate(),
    });
    const clinic = figures.filter((f) => f.venueId === centre.id);
    expect(clinic.length).toBeGreaterThanOrEqual(11);
    for (const f of clinic) expect(f.visits).toBeGreaterThan(f.sessions * 5);
  });

  it('a resident sees the venues of their area and their sessions, not the bookings', async () => {
    const list = await t.call({ url: '/api/venues', cookie: resident });
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining(['春熙社区党群服务中心', '幸福家园邻里驿站']),
    );
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const sessions = await t.call({
      url: `/api/venues/sessions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      cookie: resident,
    });
    expect(sessions.status).toBe(200);
    expect(sessions.body.items.length).toBeGreaterThan(0);
    expect(sessions.body.items.every((s: { allowed: string[] }) => s.allowed.length === 0)).toBe(true);
    const q = `venueId=${centre.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect((await t.call({ url: `/api/venues/bookings?${q}`, cookie: resident })).status).toBe(403);
  });
});

describe('spaces and hours', () => {
  it('only staff with venues:manage in scope add or edit spaces; names are unique per venue', async () => {
    const url = `/api/venues/${centre.id}/spaces`;
    const body = { name: '书画室', capacity: 20 };
    expect((await t.call({ method: 'POST', url, body })).status).toBe(401);
    expect((await t.call({ method: 'POST', url, cookie: resident, body })).status).toBe(403);
    expect((await t.call({ method: 'POST', url, cookie: secretary, body })).status).toBe(403);
    const o = await t.call({ method: 'POST', url, cookie: other, body });
    expect([o.status, o.body.error.code]).toEqual([404, 'not_found']);
    const dup = await t.call({ method: 'POST', url, cookie: staff, body: { name: '测试会议室' } });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'space_name_taken']);
    const short = await t.call({ method: 'POST', url, cookie: staff, body: { name: '书' } });
    expect([short.status, short.body.error.code]).toEqual([422, 'validation_failed']);
    const names = await execRows<{ name: string }>(
      t.db,
      sql`select name from venue_space where venue_id = ${centre.id} and name in ('书画室', '书')`,
    );
    expect(names).toEqual([]);
    const patch = await t.call({
      method: 'PATCH',
      url: `/api/venues/spaces/${spaceId}`,
      cookie: other,
      body: { capacity: 99 },
    });
    expect(patch.status).toBe(404);
  });

  it('weekly hours are validated and stored; residents read them', async () => {
    const url = `/api/venues/${station.id}`;
    const bad = await t.call({
      method: 'PATCH',
      url,
      cookie: staff,
      body: { weeklyHours: [{ weekday: 8, open: '09:00', close: '18:00' }] },
    });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
    const reversed = await t.call({
      method: 'PATCH',
      url,
      cookie: staff,
      body: { weeklyHours: [{ weekday: 1, open: '18:00', close: '09:00' }] },
    });
    expect(reversed.status).toBe(422);
    const seen = await t.call({ url, cookie: resident });
    expect(seen.body.weeklyHours).toHaveLength(7);
    const o = await t.call({ url, cookie: other });
    expect(o.status).toBe(404);
  });
});

describe('bookings', () => {
  it('401 without a session, 403 for a resident, 404 for another community, and nothing is written', async () => {
    const d = monday();
    expect((await book('', at(d, '10:00'), at(d, '11:00'))).status).toBe(401);
    const r = await book(resident, at(d, '10:00'), at(d, '11:00'));
    expect(r.status).toBe(403);
    const o = await book(other, at(d, '10:00'), at(d, '11:00'));
    expect([o.status, o.body.error.code]).toEqual([404, 'not_found']);
    expect((await liveBookings()).n).toBe(0);
  });

  it('refuses bad ranges, the past and times outside opening hours with stable codes', async () => {
    const d = monday();
    const cases: [string, string, string][] = [
      [at(d, '11:00'), at(d, '10:00'), 'booking_range_invalid'],
      [at(d, '16:00'), at(addDays(d, 1), '10:00'), 'booking_range_invalid'],
      [at('2025-12-01', '10:00'), at('2025-12-01', '11:00'), 'booking_in_past'],
      [at(d, '08:00'), at(d, '10:00'), 'outside_opening_hours'],
      [at(d, '17:00'), at(d, '18:00'), 'outside_opening_hours'],
      [at(addDays(d, 6), '10:00'), at(addDays(d, 6), '11:00'), 'outside_opening_hours'], // Sunday: closed
    ];
    for (const [s, e, code] of cases) {
      const res = await book(staff, s, e);
      expect([res.status, res.body.error.code], `${s}–${e}`).toEqual([422, code]);
    }
    const bad = await book(staff, 'tomorrow', at(d, '11:00'));
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
    expect((await liveBookings()).n).toBe(0);
  });

  it("books back-to-back slots, refuses an overlap with the holder's time, frees the slot on cancel", async () => {
    const d = monday();
    const a = await book(staff, at(d, '10:00'), at(d, '11:00'));
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      state: 'booked',
      spaceName: '测试会议室',
      bookedByName: expect.any(String),
    });
    expect((await book(staff, at(d, '11:00'), at(d, '12:00'))).status).toBe(200);
    const clash = await book(staff, at(d, '10:30'), at(d, '11:30'));
    expect([clash.status, clash.body.error.code]).toEqual([409, 'booking_conflict']);
    expect(clash.body.error.details).toMatchObject({ startsAt: new Date(at(d, '10:00')).toISOString() });
    expect((await liveBookings()).n).toBe(2);

    // Cancelling: others 404, residents 403, staff frees the slot; cancelling twice is refused.
    const url = `/api/venues/bookings/${a.body.id}/cancel`;
    expect((await t.call({ method: 'POST', url, cookie: other })).status).toBe(404);
    expect((await t.call({ method: 'POST', url, cookie: resident })).status).toBe(403);
    const c = await t.call({ method: 'POST', url, cookie: staff });
    expect([c.status, c.body.state]).toEqual([200, 'cancelled']);
    const again = await t.call({ method: 'POST', url, cookie: staff });
    expect([again.status, again.body.error.code]).toEqual([409, 'booking_cancelled']);
    expect((await book(staff, at(d, '09:30'), at(d, '10:45'))).status).toBe(200);

    const q = `venueId=${centre.id}&from=${encodeURIComponent(at(d, '00:00'))}&to=${encodeURIComponent(at(addDays(d, 1), '00:00'))}`;
    const week = await t.call({ url: `/api/venues/bookings?${q}`, cookie: staff });
    expect(week.body.items.filter((b: { spaceId: string }) => b.spaceId === spaceId)).toHaveLength(2);
  });

  it('a compound secretary books in their compound, not in the community centre', async () => {
    const [space] = await execRows<{ id: string }>(
      t.db,
      sql`select id from venue_space where venue_id = ${station.id} and name = '议事室'`,
    );
    const d = addDays(monday(), 1);
    const ok = await book(secretary, at(d, '19:00'), at(d, '20:00'), { spaceId: space.id });
    expect(ok.status).toBe(200);
    const no = await book(secretary, at(d, '10:00'), at(d, '11:00'));
    expect(no.status).toBe(404);
  });
});

describe('service series', () => {
  it('generates its sessions once, each booking its space; a taken slot becomes a conflict', async () => {
    const d = monday();
    // A booking on the third Wednesday is in the way of the series.
    const wed = addDays(d, 2);
    expect((await book(staff, at(wed, '14:00'), at(wed, '15:00'))).status).toBe(200);
    const body = {
      spaceId,
      kind: 'clinic',
      title: '周三义诊',
      providerName: '社区卫生服务站',
      weekdays: [3],
      startTime: '14:30',
      endTime: '16:30',
      validFrom: shanghaiDate(),
    };
    expect(
      (await t.call({ method: 'POST', url: '/api/venues/services', cookie: secretary, body })).status,
    ).toBe(403);
    expect((await t.call({ method: 'POST', url: '/api/venues/services', cookie: other, body })).status).toBe(
      404,
    );
    const bad = await t.call({
      method: 'POST',
      url: '/api/venues/services',
      cookie: staff,
      body: { ...body, startTime: '17:00', endTime: '18:00' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'outside_opening_hours']);
    const res = await t.call({ method: 'POST', url: '/api/venues/services', cookie: staff, body });
    expect(res.status).toBe(200);
    expect(res.body.generated).toBeGreaterThanOrEqual(8);
    expect(res.body.conflicts).toBe(1);
    const seriesId = res.body.series.id;
    const count = async () =>
      (
        await t.db
          .select({ n: sql<number>`count(*)::int`, booked: sql<number>`count(booking_id)::int` })
          .from(serviceSession)
          .where(eq(serviceSession.seriesId, seriesId))
      )[0];
    const before = await count();
    expect(before.booked).toBe(before.n - 1);
    await generateAllSessions(t.db);
    await generateAllSessions(t.db);
    expect(await count()).toEqual(before);
  });

  it('records visits for a started session, refuses before start and after cancel; figures add up', async () => {
    // A past session of the demo clinic.
    const [clinic] = await execRows<{ id: string; visits: number }>(
      t.db,
      sql`select s.id, s.visits from service_session s join service_series r on r.id = s.series_id
            where r.title = '周二健康义诊' and s.state = 'scheduled' and s.starts_at < now()
            order by s.starts_at desc limit 1`,
    );
    const url = `/api/venues/sessions/${clinic.id}/visits`;
    expect((await t.call({ method: 'PUT', url, body: { visits: 3 } })).status).toBe(401);
    expect((await t.call({ method: 'PUT', url, cookie: resident, body: { visits: 3 } })).status).toBe(403);
    expect((await t.call({ method: 'PUT', url, cookie: other, body: { visits: 3 } })).status).toBe(404);
    const neg = await t.call({ method: 'PUT', url, cookie: staff, body: { visits: -1 } });
    expect([neg.status, neg.body.error.code]).toEqual([422, 'validation_failed']);

    const month = shanghaiDate().slice(0, 7);
    const q = { orgPath: centre.orgPath, from: '2025-12-01', to: shanghaiDate() };
    const total = (rows: { visits: number; sessions: number }[]) =>
      rows.reduce((a, r) => ({ visits: a.visits + r.visits, sessions: a.sessions + r.sessions }), {
        visits: 0,
        sessions: 0,
      });
    const before = total(await serviceVisitFigures(t.db, q));
    const ok = await t.call({ method: 'PUT', url, cookie: staff, body: { visits: 41 } });
    expect([ok.status, ok.body.visits]).toEqual([200, 41]);
    const after = total(await serviceVisitFigures(t.db, q));
    expect(after).toEqual({ visits: before.visits + 41 - clinic.visits, sessions: before.sessions });
    // The figures equal a plain sum over the sessions.
    const [raw] = await execRows<{ v: number; n: number }>(
      t.db,
      sql`select coalesce(sum(visits), 0)::int as v, count(*)::int as n from service_session
            where org_path like ${`${centre.orgPath}%`} and state = 'scheduled' and starts_at < now()
              and starts_at >= '2025-11-30T16:00:00Z'`,
    );
    expect(after).toEqual({ visits: raw.v, sessions: raw.n });
    const route = await t.call({
      url: `/api/venues/figures?from=2025-12-01&to=${shanghaiDate()}`,
      cookie: staff,
    });
    expect(route.status).toBe(200);
    expect(route.body.items.some((r: { month: string }) => r.month === month || r.month < month)).toBe(true);

    // A future session: visits refused; cancel it, then visits refused as cancelled and its slot freed.
    const [next] = await execRows<{ id: string; booking_id: string }>(
      t.db,
      sql`select s.id, s.booking_id from service_session s join service_series r on r.id = s.series_id
            where r.title = '周二健康义诊' and s.state = 'scheduled' and s.starts_at > now()
            order by s.starts_at limit 1`,
    );
    const early = await t.call({
      method: 'PUT',
      url: `/api/venues/sessions/${next.id}/visits`,
      cookie: staff,
      body: { visits: 3 },
    });
    expect([early.status, early.body.error.code]).toEqual([409, 'session_not_started']);
    const cancel = await t.call({
      method: 'POST',
      url: `/api/venues/sessions/${next.id}/cancel`,
      cookie: staff,
      body: { note: '医生外出培训' },
    });
    expect([cancel.status, cancel.body.state]).toEqual([200, 'cancelled']);
    const [b] = await t.db.select().from(venueBooking).where(eq(venueBooking.id, next.booking_id));
    expect(b.state).toBe('cancelled');
    const late = await t.call({
      method: 'PUT',
      url: `/api/venues/sessions/${next.id}/visits`,
      cookie: staff,
      body: { visits: 3 },
    });
    expect([late.status, late.body.error.code]).toEqual([409, 'session_cancelled']);
  });
});
