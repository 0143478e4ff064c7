import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { addDays, weekdayOf } from './hours.ts';
import { serviceSeries, venue } from './schema.ts';
import { generateAllSessions } from './services.ts';

// On PostgreSQL, where requests really run at once: the exclusion constraint keeps a space from
// being double-booked, and back-to-back ranges still both succeed.
let t: TestApp;
let staff: string;
let spaceId: string;
const day = () => {
  const today = shanghaiDate();
  return addDays(today, 28 + ((8 - weekdayOf(today)) % 7)); // a Monday four weeks ahead
};
const at = (date: string, hm: string) => `${date}T${hm}:00+08:00`;

beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  staff = await t.login('13900000003');
  const [centre] = await t.db.select().from(venue).where(eq(venue.name, '春熙社区党群服务中心'));
  const res = await t.call({
    method: 'POST',
    url: `/api/venues/${centre.id}/spaces`,
    cookie: staff,
    body: { name: '并发测试室', capacity: 8 },
  });
  spaceId = res.body.id;
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const book = (start: string, end: string, purpose = '并发预订') =>
  t.call({
    method: 'POST',
    url: '/api/venues/bookings',
    cookie: staff,
    body: { spaceId, startsAt: start, endsAt: end, purpose },
  });
const live = () =>
  execRows<{ starts_at: string; ends_at: string }>(
    t.db,
    sql`select starts_at, ends_at from venue_booking where space_id = ${spaceId} and state = 'booked' order by starts_at`,
  );

it('many overlapping bookings at once: exactly one succeeds, the rest get booking_conflict', async () => {
  const d = day();
  const ranges = Array.from({ length: 16 }, (_, i) => {
    const m = 10 + (i % 4) * 5;
    return [at(d, `10:${m}`), at(d, `11:${m}`)] as const;
  });
  const replies = await Promise.all(ranges.map(([s, e], i) => book(s, e, `并发 ${i}`)));
  const codes = replies.map((r) => (r.status === 200 ? 'ok' : `${r.status} ${r.body.error.code}`));
  expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
  expect(codes.filter((c) => c !== 'ok')).toEqual(Array(15).fill('409 booking_conflict'));
  expect(await live()).toHaveLength(1);
});

it('adjacent ranges [10:00,11:00) and [11:00,12:00) booked at once both succeed', async () => {
  const d = addDays(day(), 1);
  const replies = await Promise.all([
    book(at(d, '10:00'), at(d, '11:00')),
    book(at(d, '11:00'), at(d, '12:00')),
  ]);
  expect(replies.map((r) => r.status)).toEqual([200, 200]);
});

it('a cancelled booking frees its slot, even for requests racing for it', async () => {
  const d = addDays(day(), 2);
  const first = await book(at(d, '14:00'), at(d, '15:00'));
  expect(first.status).toBe(200);
  expect((await book(at(d, '14:30'), at(d, '15:30'))).status).toBe(409);
  const cancel = await t.call({
    method: 'POST',
    url: `/api/venues/bookings/${first.body.id}/cancel`,
    cookie: staff,
  });
  expect(cancel.status).toBe(200);
  const replies = await Promise.all(Array.from({ length: 8 }, () => book(at(d, '14:30'), at(d, '15:30'))));
  expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
  const rows = await live();
  const sameDay = rows.filter((r) =>
    new Date(r.starts_at).toISOString().startsWith(new Date(at(d, '14:30')).toISOString().slice(0, 10)),
  );
  expect(sameDay).toHaveLength(1);
});

it('two scheduler nodes generating the same series at once make each session and its booking once', async () => {
  const [space] = await execRows<{ id: string; venue_id: string; org_path: string }>(
    t.db,
    sql`select s.id, s.venue_id, v.org_path from venue_space s join venue v on v.id = s.venue_id
        where s.id = ${spaceId}`,
  );
  const [series] = await t.db
    .insert(serviceSeries)
    .values({
      venueId: space.venue_id,
      spaceId: space.id,
      orgPath: space.org_path,
      kind: 'legal',
      title: '并发生成的法律咨询',
      providerName: '公益律师',
      weekdays: [4],
      startTime: '14:00',
      endTime: '15:00',
      validFrom: shanghaiDate(),
      createdByName: '测试',
    })
    .returning();
  await Promise.all([generateAllSessions(t.db), generateAllSessions(t.db), generateAllSessions(t.db)]);
  const rows = await execRows<{ n: number; booked: number; bookings: number; conflicts: number }>(
    t.db,
    sql`select count(*)::int as n, count(booking_id)::int as booked,
               count(distinct booking_id)::int as bookings,
               count(*) filter (where state = 'conflict')::int as conflicts
        from service_session where series_id = ${series.id}`,
  );
  expect(rows[0].n).toBeGreaterThanOrEqual(8);
  expect(rows[0]).toEqual({ n: rows[0].n, booked: rows[0].n, bookings: rows[0].n, conflicts: 0 });
  const [{ live }] = await execRows<{ live: number }>(
    t.db,
    sql`select count(*)::int as live from venue_booking where space_id = ${spaceId} and purpose = '并发生成的法律咨询'`,
  );
  expect(live).toBe(rows[0].n);
});
