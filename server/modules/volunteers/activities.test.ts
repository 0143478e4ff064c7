import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { notification, userAccount } from '../../platform/schema.ts';
import { claim } from '../points/schema.ts';
import { activity, activitySignup, volunteerHours } from './activity-schema.ts';
import { activityFixtures } from './activity-fixtures.ts';
import { runActivityReminders } from './jobs.ts';

// 志愿活动 on the demo district (PGlite): routes by role and scope, sign-up with the waiting list,
// check-in/out with the rotating code, attendance → hours → one C05 claim, reminders, the demo year.
let t: TestApp;
let F: Awaited<ReturnType<typeof activityFixtures>>;
const c: Record<string, string> = {};
const person: Record<string, string> = {};
const user: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  F = await activityFixtures(t);
  const phones = {
    staffB: '13900000004',
    committee: '13900000006',
    tian: '13900000007',
    r13: '13900000013',
    r14: '13900000014',
    r15: '13900000015',
  };
  for (const [k, phone] of Object.entries(phones)) {
    c[k] = await t.login(phone);
    const [u] = await t.db.select().from(userAccount).where(eq(userAccount.phone, phone));
    person[k] = u.personId ?? '';
    user[k] = u.id;
  }
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const ok = async (p: ReturnType<TestApp['call']>) => {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const refused = async (p: ReturnType<TestApp['call']>, status: number, code: string) => {
  const r = await p;
  expect([r.status, r.body?.error?.code], JSON.stringify(r.body)).toEqual([status, code]);
};
const url = (id: string, rest = '') => `/api/volunteers/activities/${id}${rest}`;
const signUp = (cookie: string, id: string) => t.call({ method: 'POST', url: url(id, '/signup'), cookie });
const cancel = (cookie: string, id: string) => t.call({ method: 'DELETE', url: url(id, '/signup'), cookie });
const code = async (id: string, purpose: 'checkin' | 'checkout') =>
  (await ok(t.call({ url: url(id, `/code?purpose=${purpose}`), cookie: F.staff }))).code as string;
const scan = (cookie: string, id: string, kind: 'check-in' | 'check-out', code: string) =>
  t.call({ method: 'POST', url: url(id, `/${kind}`), cookie, body: { code } });
const statusOf = async (id: string, personId: string) =>
  (
    await t.db
      .select()
      .from(activitySignup)
      .where(and(eq(activitySignup.activityId, id), eq(activitySignup.personId, personId)))
  )[0]?.status;

describe('routes: who may do what', () => {
  it('401 without login, 403 without the permission or the organiser, 404 out of scope', async () => {
    const a = await F.create();
    await refused(t.call({ url: '/api/volunteers/activities' }), 401, 'unauthenticated');
    // The points committee reads activities but does not join them.
    await refused(signUp(c.committee, a.id), 403, 'forbidden');
    // A resident may not organise for a venue, nor confirm an activity they do not run.
    await refused(
      t.call({
        method: 'POST',
        url: '/api/volunteers/activities',
        cookie: c.tian,
        body: {
          title: '居民自办',
          kind: 'culture',
          orgUnitId: F.community.id,
          organiser: { kind: 'venue', id: F.venueId },
          startsAt: '2026-12-20T01:00:00Z',
          endsAt: '2026-12-20T02:00:00Z',
          capacity: 5,
        },
      }),
      403,
      'forbidden',
    );
    await refused(t.call({ url: url(a.id, '/code'), cookie: c.tian }), 403, 'forbidden');
    await refused(
      t.call({ method: 'POST', url: url(a.id, '/attendance'), cookie: c.tian, body: {} }),
      403,
      'forbidden',
    );
    // Another community's staff: not even there.
    await refused(t.call({ url: url(a.id), cookie: c.staffB }), 404, 'not_found');
    await refused(signUp(c.staffB, a.id), 404, 'not_found');
    await refused(
      t.call({ method: 'PUT', url: url(a.id, '/capacity'), cookie: c.staffB, body: { capacity: 9 } }),
      404,
      'not_found',
    );
    const listB = await ok(t.call({ url: '/api/volunteers/activities?pageSize=200', cookie: c.staffB }));
    expect(listB.items.map((x: { id: string }) => x.id)).not.toContain(a.id);
    // Residents of the community see it, with what they may do.
    const seen = await ok(t.call({ url: url(a.id), cookie: c.tian }));
    expect(seen.actions).toEqual(['sign_up']);
    expect(seen.signups).toEqual([]);
  });

  it('bad input → 4xx with a stable code, nothing written', async () => {
    const before = (await t.db.select().from(activity)).length;
    const base = {
      title: '坏数据',
      kind: 'health_clinic',
      orgUnitId: F.community.id,
      organiser: { kind: 'venue', id: F.venueId },
      capacity: 3,
    };
    const post = (body: unknown) =>
      t.call({ method: 'POST', url: '/api/volunteers/activities', cookie: F.staff, body });
    await refused(
      post({ ...base, startsAt: '2026-12-20T03:00:00Z', endsAt: '2026-12-20T02:00:00Z' }),
      422,
      'activity_times_invalid',
    );
    await refused(
      post({
        ...base,
        startsAt: '2026-12-20T01:00:00Z',
        endsAt: '2026-12-20T02:00:00Z',
        signupDeadline: '2026-12-21T00:00:00Z',
      }),
      422,
      'activity_times_invalid',
    );
    await refused(
      post({ ...base, capacity: 0, startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T02:00:00Z' }),
      422,
      'validation_failed',
    );
    await refused(
      post({ ...base, kind: 'party', startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T02:00:00Z' }),
      422,
      'validation_failed',
    );
    const [building] = await t.db.select().from(userAccount).where(eq(userAccount.phone, '13900000007'));
    expect(building).toBeDefined();
    await refused(
      post({
        ...base,
        organiser: { kind: 'team', id: F.venueId },
        startsAt: '2026-12-20T01:00:00Z',
        endsAt: '2026-12-20T02:00:00Z',
      }),
      422,
      'activity_organiser_invalid',
    );
    expect((await t.db.select().from(activity)).length).toBe(before);
  });
});

describe('sign-up and the waiting list', () => {
  it('fills the places, queues the rest in order, promotes exactly the next one per freed place', async () => {
    const a = await F.create({ capacity: 2 });
    expect((await ok(signUp(c.tian, a.id))).myStatus).toBe('confirmed');
    expect((await ok(signUp(c.r13, a.id))).myStatus).toBe('confirmed');
    const w14 = await ok(signUp(c.r14, a.id));
    expect([w14.myStatus, w14.myPosition, w14.placesLeft]).toEqual(['waiting', 1, 0]);
    const w15 = await ok(signUp(c.r15, a.id));
    expect([w15.myStatus, w15.myPosition]).toEqual(['waiting', 2]);
    await refused(signUp(c.r14, a.id), 409, 'already_signed_up');

    // 田志明 cancels: 14 (first in line) gets the place and a notice; 15 moves up to first.
    await ok(cancel(c.tian, a.id));
    expect(await statusOf(a.id, person.tian)).toBe('cancelled');
    expect(await statusOf(a.id, person.r14)).toBe('confirmed');
    expect(await statusOf(a.id, person.r15)).toBe('waiting');
    expect((await ok(t.call({ url: url(a.id), cookie: c.r15 }))).myPosition).toBe(1);
    const notes = await t.db
      .select()
      .from(notification)
      .where(
        and(
          eq(notification.recipientUserId, user.r14),
          eq(notification.kind, 'volunteers.activity_promoted'),
        ),
      );
    expect(notes).toHaveLength(1);
    await refused(cancel(c.tian, a.id), 409, 'not_signed_up');
    // A waiting person leaving frees no place: nobody moves.
    // 田志明 signs up again: at the end of the line.
    const again = await ok(signUp(c.tian, a.id));
    expect([again.myStatus, again.myPosition]).toEqual(['waiting', 2]);

    // The organiser raises the capacity by one: exactly the first in line (15) is promoted.
    const raised = await ok(
      t.call({ method: 'PUT', url: url(a.id, '/capacity'), cookie: F.staff, body: { capacity: 3 } }),
    );
    expect([raised.confirmed, raised.waiting]).toEqual([3, 1]);
    expect(await statusOf(a.id, person.r15)).toBe('confirmed');
    expect(await statusOf(a.id, person.tian)).toBe('waiting');
    // Lowering it drops nobody, and a cancellation then frees no place while over capacity.
    const lowered = await ok(
      t.call({ method: 'PUT', url: url(a.id, '/capacity'), cookie: F.staff, body: { capacity: 1 } }),
    );
    expect([lowered.confirmed, lowered.waiting, lowered.placesLeft]).toEqual([3, 1, 0]);
    await ok(cancel(c.r13, a.id));
    expect(await statusOf(a.id, person.tian)).toBe('waiting');
    // The organiser sees the list with positions.
    const full = await ok(t.call({ url: url(a.id), cookie: F.staff }));
    expect(
      full.signups.map((s: { name: string; status: string; position: number | null }) => [
        s.status,
        s.position,
      ]),
    ).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waiting', 1],
    ]);
  });

  it('after the deadline or once cancelled, nobody signs up', async () => {
    const a = await F.create({ signupDeadline: new Date(Date.now() + 10 * 60_000).toISOString() });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 20 * 60_000);
    await refused(signUp(c.tian, a.id), 409, 'activity_closed');
    vi.useRealTimers();
    const b = await F.create();
    await ok(signUp(c.tian, b.id));
    await ok(
      t.call({ method: 'POST', url: url(b.id, '/cancel'), cookie: F.staff, body: { reason: '天气原因' } }),
    );
    await refused(signUp(c.r13, b.id), 409, 'activity_closed');
    const notes = await t.db
      .select()
      .from(notification)
      .where(
        and(
          eq(notification.recipientUserId, user.tian),
          eq(notification.kind, 'volunteers.activity_cancelled'),
        ),
      );
    expect(notes.length).toBeGreaterThanOrEqual(1);
  });
});

describe('check-in and check-out with the rotating code', () => {
  it('refuses stale, copied and wrong-purpose codes, people without a place, and caps the hours', async () => {
    const a = await F.create({ capacity: 1 }, -10, 60);
    const other = await F.create({}, -10, 60);
    // 田志明 has the place; 13 is waiting.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 30 * 60_000); // sign up before the start
    await ok(signUp(c.tian, a.id));
    await ok(signUp(c.r13, a.id));
    vi.setSystemTime(Date.now() + 30 * 60_000);
    const inCode = await code(a.id, 'checkin');
    await refused(scan(c.r13, a.id, 'check-in', inCode), 409, 'not_signed_up');
    await refused(scan(c.tian, a.id, 'check-in', await code(other.id, 'checkin')), 422, 'qr_invalid');
    await refused(scan(c.tian, a.id, 'check-in', await code(a.id, 'checkout')), 422, 'qr_invalid');
    await refused(scan(c.tian, a.id, 'check-out', await code(a.id, 'checkout')), 409, 'not_checked_in');
    // A minute later the code on a photo is stale.
    const photo = inCode;
    vi.setSystemTime(Date.now() + 60_000);
    await refused(scan(c.tian, a.id, 'check-in', photo), 422, 'qr_stale');
    const first = await ok(scan(c.tian, a.id, 'check-in', await code(a.id, 'checkin')));
    expect(first.already).toBe(false);
    expect((await ok(scan(c.tian, a.id, 'check-in', await code(a.id, 'checkin')))).already).toBe(true);
    // 100 minutes later (the activity lasted 60): the minutes are capped at its length.
    vi.setSystemTime(Date.now() + 100 * 60_000);
    const out = await ok(scan(c.tian, a.id, 'check-out', await code(a.id, 'checkout')));
    expect(out.minutes).toBe(60);
    // More than two hours after the end the window is closed.
    vi.setSystemTime(Date.now() + 100 * 60_000);
    await refused(t.call({ url: url(a.id, '/code'), cookie: F.staff }), 409, 'checkin_window_closed');
  });
});

describe('attendance → hours → one points claim', () => {
  it('confirms with adjustments; twice is refused and still one claim per person', async () => {
    const a = await F.create({ capacity: 3, title: '考勤测试义诊' }, -60, 120);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 3 * 3600_000);
    for (const k of ['tian', 'r13', 'r14']) await ok(signUp(c[k], a.id));
    vi.useRealTimers();
    await ok(scan(c.tian, a.id, 'check-in', await code(a.id, 'checkin')));
    const body = (adjustments: unknown[]) => ({ adjustments });
    const post = (b: unknown) =>
      t.call({ method: 'POST', url: url(a.id, '/attendance'), cookie: F.staff, body: b });
    // Over the cap (120) or someone without a place: refused, nothing written.
    await refused(post(body([{ personId: person.r13, minutes: 121 }])), 422, 'attendance_minutes_invalid');
    await refused(post(body([{ personId: person.r15, minutes: 30 }])), 409, 'not_signed_up');
    expect(await t.db.select().from(volunteerHours).where(eq(volunteerHours.activityId, a.id))).toEqual([]);
    // 田志明 checked in and never out → until the end (capped); 13 corrected to 90; 14 absent.
    const done = await ok(
      post(
        body([
          { personId: person.r13, minutes: 90 },
          { personId: person.r14, absent: true },
        ]),
      ),
    );
    expect(done.state).toBe('finished');
    const hours = await t.db.select().from(volunteerHours).where(eq(volunteerHours.activityId, a.id));
    expect(hours.map((h) => h.personId).sort()).toEqual([person.r13, person.tian].sort());
    expect(hours.find((h) => h.personId === person.r13)!.minutes).toBe(90);
    // Checked in an hour after the start of a two-hour activity, never out: about an hour, to the end.
    const tianMinutes = hours.find((h) => h.personId === person.tian)!.minutes;
    expect(tianMinutes).toBeGreaterThanOrEqual(58);
    expect(tianMinutes).toBeLessThanOrEqual(60);
    const claims = await t.db
      .select()
      .from(claim)
      .where(like(claim.sourceKey, `activity:${a.id}:%`));
    const c13 = claims.find((x) => x.personId === person.r13)!;
    expect([c13.state, c13.quantity, c13.points, c13.declaredVia]).toEqual(['checked', 2, 10, 'system']);
    expect(hours.find((h) => h.personId === person.r13)!.claimId).toBe(c13.id);
    // Again: refused, and still one claim and one hours row each.
    await refused(post(body([])), 409, 'attendance_confirmed');
    expect(
      await t.db
        .select()
        .from(claim)
        .where(like(claim.sourceKey, `activity:${a.id}:%`)),
    ).toHaveLength(claims.length);
    expect(await t.db.select().from(volunteerHours).where(eq(volunteerHours.activityId, a.id))).toHaveLength(
      2,
    );
    // 13 sees the hours with their claim.
    const mine = await ok(t.call({ url: '/api/volunteers/activities/my-hours', cookie: c.r13 }));
    expect(mine.items[0]).toMatchObject({ activityId: a.id, minutes: 90, claimId: c13.id });
    expect(mine.yearMinutes).toBeGreaterThanOrEqual(90);
  });

  it('an activity that earns no points certifies hours without a claim; before the start nothing', async () => {
    const early = await F.create({ capacity: 3 }, 60, 60);
    await refused(
      t.call({ method: 'POST', url: url(early.id, '/attendance'), cookie: F.staff, body: {} }),
      409,
      'attendance_too_early',
    );
    const a = await F.create({ capacity: 3, earnsPoints: false }, -70, 60);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 3 * 3600_000);
    await ok(signUp(c.r15, a.id));
    vi.useRealTimers();
    await ok(
      t.call({
        method: 'POST',
        url: url(a.id, '/attendance'),
        cookie: F.staff,
        body: { adjustments: [{ personId: person.r15, minutes: 60 }] },
      }),
    );
    const [h] = await t.db.select().from(volunteerHours).where(eq(volunteerHours.activityId, a.id));
    expect([h.minutes, h.claimId, h.claimSkipped]).toEqual([60, null, 'no_points']);
  });
});

describe('reminders and the demo year', () => {
  it('one reminder per confirmed participant the day before, never twice', async () => {
    const a = await F.create({ capacity: 1, title: '明日提醒测试' }, 20 * 60, 60);
    await ok(signUp(c.r14, a.id));
    await ok(signUp(c.r15, a.id)); // waiting: no reminder
    await runActivityReminders(t.db, new Date());
    await runActivityReminders(t.db, new Date(Date.now() + 3600_000));
    const sent = await t.db
      .select()
      .from(notification)
      .where(and(eq(notification.kind, 'volunteers.activity_reminder'), eq(notification.subjectId, a.id)));
    expect(sent.map((n) => n.recipientUserId)).toEqual([user.r14]);
  });

  it('the demo holds a year of 春熙社区 activities and an upcoming clinic with places left', async () => {
    const rows = await t.db
      .select()
      .from(activity)
      .where(like(activity.orgPath, `${F.community.path}%`));
    const demo = rows.filter((r) => r.title !== '测试义诊' && !r.title.includes('测试'));
    expect(demo.length).toBeGreaterThanOrEqual(150);
    expect(demo.length).toBeLessThanOrEqual(260);
    const soon = await ok(
      t.call({
        url: `/api/volunteers/activities?upcoming=true&kind=health_clinic&q=${encodeURIComponent('专场')}`,
        cookie: c.r14,
      }),
    );
    const first = soon.items.find((x: { title: string }) => x.title.includes('专场'));
    expect(first.placesLeft).toBeGreaterThan(0);
    expect(new Date(first.startsAt).getTime() - Date.now()).toBeLessThan(2 * 86_400_000);
    // Organised by the red team: its leader (13, a resident) manages it from the phone; 田志明 does not.
    const detail13 = await ok(t.call({ url: url(first.id), cookie: c.r13 }));
    expect([detail13.organiserName, detail13.actions.includes('manage')]).toEqual([
      '春熙社区红色志愿服务队',
      true,
    ]);
    expect((await ok(t.call({ url: url(first.id), cookie: c.tian }))).actions).not.toContain('manage');
    const hours = await t.db.select().from(volunteerHours).where(eq(volunteerHours.claimSkipped, 'history'));
    expect(hours.length).toBeGreaterThan(500);
  });
});

describe('activities of a partner project', () => {
  it('a project organises an activity; the list filtered by the project shows exactly its own', async () => {
    const projects = await execRows<{ id: string }>(
      t.db,
      sql`select id from partner_project where state in ('approved', 'active') order by title limit 2`,
    );
    expect(projects).toHaveLength(2);
    const [mine, other] = projects;
    const a = await F.create({
      title: '暑期美术班第一课',
      organiser: { kind: 'partner_project', id: mine.id },
    });
    const list = async (projectId: string) =>
      (await ok(t.call({ url: `/api/volunteers/activities?partnerProjectId=${projectId}`, cookie: F.staff })))
        .items as { id: string; organiserKind: string; organiserId: string }[];
    expect((await list(mine.id)).map((x) => [x.id, x.organiserKind, x.organiserId])).toEqual([
      [a.id, 'partner_project', mine.id],
    ]);
    expect(await list(other.id)).toEqual([]);
  });
});
