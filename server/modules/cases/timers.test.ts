import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { withDatabase } from '../../../test/global-setup.ts';
import { openPglite, openPostgres } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { notification, roleGrant, userAccount } from '../../platform/schema.ts';
import { caseEvent, caseTimer, dutyRoster } from './schema.ts';
import { scanTimers } from './sla.ts';

// The SLA engine with a fake clock (only Date is faked; the database keeps real time for itself):
// emergencies (1分钟响应、5分钟到位), the check/accept/resolve deadlines, exactly-once escalation,
// a restart mid-timer, cancelled timers, the acknowledge/check-in routes and the duty list.

let t: TestApp;
const S = 1000;
/** 10:00 today in Asia/Shanghai: 孙社工 (community A's staff) is on the demo's day shift. */
const T0 = new Date(`${shanghaiDate(new Date())}T10:00:00+08:00`).getTime();
const at = (ms: number) => {
  vi.setSystemTime(new Date(ms));
  return new Date(ms);
};
const users: Record<string, string> = {};
let building: { id: string; path: string };
let communityA: string;
const cookies: Record<string, string> = {};
const PHONES = {
  tian: '13900000007',
  grid: '13900000005',
  staffA: '13900000003',
  staffB: '13900000004',
  subdistrict: '13900000002',
  district: '13900000001',
  leader: '13900000010',
  secretary: '13900000011',
  sentinel: '13900000012',
  member: '13900000013',
} as const;
type Who = keyof typeof PHONES;

/** Sessions lapse after 2 idle hours: after a jump in time, everyone signs in again. */
async function signInAll() {
  for (const [k, phone] of Object.entries(PHONES)) cookies[k] = await t.login(phone);
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(T0);
  t = await testApp();
  for (const [k, phone] of Object.entries(PHONES)) {
    const [u] = await t.db.select().from(userAccount).where(eq(userAccount.phone, phone));
    users[k] = u.id;
  }
  // 田志明's building (幸福家园小区 1号楼), where the demo's building leader holds his grant.
  const [grant] = await t.db.select().from(roleGrant).where(eq(roleGrant.userId, users.leader));
  building = { id: grant.orgUnitId, path: grant.orgPath };
  const [staffGrant] = await t.db.select().from(roleGrant).where(eq(roleGrant.userId, users.staffA));
  communityA = staffGrant.orgUnitId;
  await signInAll();
});
afterAll(async () => {
  vi.useRealTimers();
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
  expect([r.status, r.body?.error?.code]).toEqual([status, code]);
};
const report = (who: Who, body: Record<string, unknown> = {}) =>
  t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: cookies[who],
    body: {
      kind: 'emergency',
      categoryCode: 'emergency',
      description: '1单元楼道冒烟，有焦糊味',
      orgUnitId: building.id,
      ...body,
    },
  });
const post = (who: Who | null, url: string, body: unknown = {}) =>
  t.call({ method: 'POST', url, cookie: who ? cookies[who] : undefined, body });
const get = (who: Who, id: string) => ok(t.call({ url: `/api/cases/${id}`, cookie: cookies[who] }));
const timerOf = async (caseId: string, kind: string) => {
  const [row] = await t.db
    .select()
    .from(caseTimer)
    .where(and(eq(caseTimer.caseId, caseId), eq(caseTimer.kind, kind)));
  return row;
};
const eventsOf = async (caseId: string, action: string) =>
  t.db
    .select()
    .from(caseEvent)
    .where(and(eq(caseEvent.caseId, caseId), eq(caseEvent.action, action)));
const noticesOf = async (caseId: string, kind: string) =>
  t.db
    .select()
    .from(notification)
    .where(and(eq(notification.subjectId, caseId), eq(notification.kind, kind)));

describe('emergencies: 1分钟响应、5分钟到位', () => {
  it('alerts the grid worker, building leader, secretary, sentinels and the on-duty list at once', async () => {
    at(T0);
    const c = await ok(report('tian'));
    expect(c.kind).toBe('emergency');
    const byKind = Object.fromEntries(c.timers.map((x: { kind: string }) => [x.kind, x]));
    expect(byKind.respond).toMatchObject({ state: 'pending', dueAt: new Date(T0 + 60 * S).toISOString() });
    expect(byKind.arrive).toMatchObject({ state: 'pending', dueAt: new Date(T0 + 300 * S).toISOString() });
    expect(byKind.check.state).toBe('pending');
    expect(c.overdue).toBe(false);
    // The reporter (a resident) is told nothing and may not answer; the front line may.
    expect(c.emergencyActions).toEqual([]);
    const alerts = await noticesOf(c.id, 'cases.emergency');
    const to = new Map(alerts.map((n) => [n.recipientUserId, n]));
    for (const who of ['grid', 'leader', 'secretary', 'sentinel', 'staffA'] as const)
      expect(to.has(users[who]), who).toBe(true);
    expect(to.has(users.tian)).toBe(false);
    expect(to.has(users.staffB)).toBe(false);
    expect(alerts.every((n) => n.urgent)).toBe(true);
    expect(to.get(users.staffA)!.link).toBe(`/admin/cases/${c.id}`);
    expect(to.get(users.grid)!.link).toBe(`/m/cases/${c.id}`);
    expect(to.get(users.sentinel)!.link).toBe(`/m/cases/${c.id}`);
    expect(to.get(users.leader)!.link).toBe(`/admin/cases/${c.id}`);
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['report', 'emergency_alert']);
    expect((await get('sentinel', c.id)).emergencyActions).toEqual(['acknowledge', 'check_in']);
  });

  it('at a compound, the grid workers of its buildings are alerted, not the building leaders', async () => {
    at(T0 + 500 * S);
    const [g] = await t.db.select().from(roleGrant).where(eq(roleGrant.userId, users.sentinel));
    const c = await ok(report('sentinel', { orgUnitId: g.orgUnitId, description: '小区门口燃气管道破裂' }));
    const to = (await noticesOf(c.id, 'cases.emergency')).map((n) => n.recipientUserId);
    expect(to).toEqual(expect.arrayContaining([users.grid, users.secretary, users.staffA]));
    expect(to).not.toContain(users.leader);
    expect(to).not.toContain(users.sentinel);
  });

  it('acknowledged and reached in time: met, never breached; the timeline shows seconds', async () => {
    at(T0 + 1000 * S);
    const c = await ok(report('sentinel'));
    at(T0 + 1030 * S);
    const acked = await ok(post('leader', `/api/cases/${c.id}/acknowledge`, { note: '马上到' }));
    expect(acked.emergencyActions).toEqual(['check_in']);
    const ack = acked.timeline.find((e: { action: string }) => e.action === 'acknowledge');
    expect(ack.note).toContain('用时30秒');
    expect(ack.at).toBe(new Date(T0 + 1030 * S).toISOString());
    await refused(post('grid', `/api/cases/${c.id}/acknowledge`), 409, 'emergency_step_done');
    await scanTimers(t.db, at(T0 + 1061 * S));
    expect((await timerOf(c.id, 'respond')).state).toBe('met');
    at(T0 + 1200 * S);
    const arrived = await ok(
      post('grid', `/api/cases/${c.id}/check-in`, { lat: 43.8256, lng: 87.6168, note: '已到现场' }),
    );
    expect(arrived.emergencyActions).toEqual([]);
    expect(arrived.timeline.find((e: { action: string }) => e.action === 'check_in').note).toMatch(
      /用时3分20秒.*定位 43\.825600, 87\.616800/,
    );
    await scanTimers(t.db, at(T0 + 2000 * S));
    const timers = (await get('staffA', c.id)).timers;
    expect(timers.filter((x: { state: string }) => x.state === 'breached')).toEqual([]);
    expect(await eventsOf(c.id, 'timer_breached')).toHaveLength(0);
    expect(await noticesOf(c.id, 'cases.emergency_overdue')).toHaveLength(0);
  });

  it('not acknowledged: escalates to the community and the subdistrict exactly once', async () => {
    const start = T0 + 3000 * S;
    at(start);
    const c = await ok(report('tian'));
    await scanTimers(t.db, at(start + 59 * S));
    expect((await timerOf(c.id, 'respond')).state).toBe('pending');
    const first = await scanTimers(t.db, at(start + 61 * S));
    expect(first.breached).toBeGreaterThanOrEqual(1);
    for (const s of [61, 62, 90]) expect((await scanTimers(t.db, at(start + s * S))).breached).toBe(0);
    const respond = await timerOf(c.id, 'respond');
    expect(respond).toMatchObject({ state: 'breached', escalatedTo: ['community', 'subdistrict'] });
    expect(respond.breachedAt!.getTime()).toBe(start + 61 * S);
    const breaches = await eventsOf(c.id, 'timer_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0].note).toContain('1分内无人响应');
    const overdue = await noticesOf(c.id, 'cases.emergency_overdue');
    const recipients = overdue.map((n) => n.recipientUserId);
    expect(recipients).toContain(users.staffA);
    expect(recipients).toContain(users.subdistrict);
    expect(recipients).toContain(users.sentinel);
    expect(new Set(recipients).size).toBe(recipients.length);
    const seen = await get('staffA', c.id);
    expect(seen.overdue).toBe(true);
    // A late acknowledgement is recorded but the deadline stays breached: never met and breached both.
    at(start + 100 * S);
    const late = await ok(post('secretary', `/api/cases/${c.id}/acknowledge`));
    expect(late.timers.find((x: { kind: string }) => x.kind === 'respond')).toMatchObject({
      state: 'breached',
      metAt: new Date(start + 100 * S).toISOString(),
    });
    expect(late.timeline.at(-1).note).toContain('已超时');
    expect(late.emergencyActions).toEqual(['check_in']);
  });

  it('a restart mid-timer loses nothing and fires nothing twice', async () => {
    const start = T0 + 5000 * S;
    at(start);
    const c = await ok(report('tian'));
    const arrive = await timerOf(c.id, 'arrive');
    // A scan that claimed the timer but died before committing leaves it pending.
    await t.db
      .transaction(async (tx) => {
        await tx.update(caseTimer).set({ state: 'breached' }).where(eq(caseTimer.id, arrive.id));
        throw new Error('process killed');
      })
      .catch(() => {});
    expect((await timerOf(c.id, 'arrive')).state).toBe('pending');
    // A new process: a fresh database handle opened on the data as it stands, no memory of the old one.
    const restarted = t.database.pglite
      ? await openPglite({ loadDataDir: await t.database.pglite.dumpDataDir('gzip') })
      : await openPostgres(withDatabase(process.env.DATABASE_URL!, t.database.name), 2);
    try {
      const after = new Date(start + 301 * S);
      const one = await scanTimers(restarted.db, after);
      expect(one.breached).toBeGreaterThanOrEqual(2); // respond and arrive of this case at least
      expect((await scanTimers(restarted.db, after)).breached).toBe(0);
      const [row] = await restarted.db.select().from(caseTimer).where(eq(caseTimer.id, arrive.id));
      expect(row).toMatchObject({ state: 'breached', breachedAt: after });
      const events = await restarted.db
        .select()
        .from(caseEvent)
        .where(and(eq(caseEvent.caseId, c.id), eq(caseEvent.action, 'timer_breached')));
      expect(events.map((e) => e.note)).toEqual([
        expect.stringContaining('无人响应'),
        expect.stringContaining('5分内无人到位'),
      ]);
    } finally {
      await restarted.close();
    }
  });

  it('cancelled timers never fire: an emergency found invalid, a case withdrawn', async () => {
    const start = T0 + 7000 * S;
    at(start);
    const c = await ok(report('tian'));
    at(start + 20 * S);
    await ok(
      post('grid', `/api/cases/${c.id}/transitions`, { action: 'check_invalid', note: '误报，是邻居做饭' }),
    );
    const w = await ok(
      report('tian', { kind: 'hazard', categoryCode: 'stairwell_light', description: '灯不亮' }),
    );
    await ok(post('tian', `/api/cases/${w.id}/transitions`, { action: 'withdraw' }));
    await scanTimers(t.db, at(start + 3 * 86_400 * S));
    const a = await timerOf(c.id, 'respond');
    expect([a.state, (await timerOf(c.id, 'arrive')).state, (await timerOf(c.id, 'check')).state]).toEqual([
      'cancelled',
      'cancelled',
      'met',
    ]);
    expect((await timerOf(w.id, 'check')).state).toBe('cancelled');
    expect(await eventsOf(c.id, 'timer_breached')).toHaveLength(0);
    expect(await eventsOf(w.id, 'timer_breached')).toHaveLength(0);
    at(start + 3 * 86_400 * S + 10 * S);
    await signInAll();
    expect((await get('staffA', c.id)).emergencyActions).toEqual([]);
    await refused(post('grid', `/api/cases/${c.id}/acknowledge`), 409, 'emergency_step_done');
  });

  it('acknowledge and check-in: 401, 404 out of scope, 403 in sight, 409, 422 leaves data unchanged', async () => {
    const start = T0 + 400_000 * S;
    at(start);
    await signInAll();
    const c = await ok(report('tian'));
    const hazard = await ok(
      report('tian', { kind: 'hazard', categoryCode: 'broken_bin', description: '垃圾桶坏' }),
    );
    for (const path of ['acknowledge', 'check-in']) {
      const url = `/api/cases/${c.id}/${path}`;
      const body = path === 'check-in' ? { lat: 43.8, lng: 87.6 } : {};
      await refused(post(null, url, body), 401, 'unauthenticated');
      await refused(post('staffB', url, body), 404, 'not_found');
      await refused(post('tian', url, body), 403, 'forbidden');
      await refused(post('district', url, body), 403, 'forbidden');
      await refused(post('grid', `/api/cases/${hazard.id}/${path}`, body), 409, 'case_not_emergency');
    }
    const bad = await post('sentinel', `/api/cases/${c.id}/check-in`, { note: '到了' });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
    await refused(post('sentinel', `/api/cases/${c.id}/check-in`, { lat: 43.8 }), 422, 'validation_failed');
    expect((await timerOf(c.id, 'arrive')).state).toBe('pending');
    expect(await eventsOf(c.id, 'check_in')).toHaveLength(0);
    // Community B never sees A's emergency, in the list either.
    const listB = await ok(t.call({ url: '/api/cases', cookie: cookies.staffB }));
    expect(listB.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    await refused(t.call({ url: `/api/cases/${c.id}`, cookie: cookies.staffB }), 404, 'not_found');
    // A photo alone is enough.
    const done = await ok(
      post('sentinel', `/api/cases/${c.id}/check-in`, { photoIds: [crypto.randomUUID()] }),
    );
    expect(done.timers.find((x: { kind: string }) => x.kind === 'arrive').state).toBe('met');
    // Being on site answers the alert too.
    expect(done.timers.find((x: { kind: string }) => x.kind === 'respond').state).toBe('met');
  });
});

describe('check, accept and resolve deadlines', () => {
  it('flag overdue, escalate to the level holder and community staff once, and clear when done', async () => {
    const start = T0 + 800_000 * S;
    at(start);
    await signInAll();
    const c = await ok(
      report('tian', { kind: 'hazard', categoryCode: 'stairwell_light', description: '3楼楼道灯坏了' }),
    );
    expect(c.overdue).toBe(false);
    const checkDue = new Date(c.checkDueAt).getTime();
    expect(checkDue).toBe(start + 24 * 3600 * S);
    at(checkDue + S);
    await signInAll();
    // Past due and not yet scanned: already overdue, in the queue filter too.
    expect((await get('staffA', c.id)).overdue).toBe(true);
    const od = await ok(t.call({ url: '/api/cases?overdue=true&pageSize=100', cookie: cookies.staffA }));
    expect(od.items.map((x: { id: string }) => x.id)).toContain(c.id);
    expect(od.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    const notOd = await ok(t.call({ url: '/api/cases?overdue=false&pageSize=100', cookie: cookies.staffA }));
    expect(notOd.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    await scanTimers(t.db, at(checkDue + 2 * S));
    await scanTimers(t.db, at(checkDue + 60 * S));
    const check = await timerOf(c.id, 'check');
    expect(check).toMatchObject({ state: 'breached', escalatedTo: ['level', 'community'] });
    const told = (await noticesOf(c.id, 'cases.overdue')).map((n) => n.recipientUserId).sort();
    expect(told).toEqual([users.grid, users.staffA].sort());
    expect((await get('staffA', c.id)).overdue).toBe(true);
    // Checked late: the deadline stays breached, the case is no longer overdue.
    await ok(post('grid', `/api/cases/${c.id}/transitions`, { action: 'check_valid' }));
    expect((await get('staffA', c.id)).overdue).toBe(false);
    await ok(post('leader', `/api/cases/${c.id}/transitions`, { action: 'classify', level: 'building' }));
    const memberPerson = (await t.call({ url: '/api/auth/me', cookie: cookies.member })).body.user.personId;
    const dispatched = await ok(
      post('leader', `/api/cases/${c.id}/transitions`, {
        action: 'dispatch',
        assignee: { type: 'party_member', ref: memberPerson },
      }),
    );
    const acceptTimer = dispatched.timers.find((x: { kind: string }) => x.kind === 'accept');
    expect(acceptTimer.state).toBe('pending');
    const acceptDue = new Date(acceptTimer.dueAt).getTime();
    await scanTimers(t.db, at(acceptDue + S));
    expect((await timerOf(c.id, 'accept')).state).toBe('breached');
    const acceptId = (await timerOf(c.id, 'accept')).id;
    const acceptNotices = (await noticesOf(c.id, 'cases.overdue')).filter(
      (n) => n.dedupeKey === `timer:${acceptId}:breached`,
    );
    expect(acceptNotices.map((n) => n.recipientUserId).sort()).toEqual(
      [users.member, users.leader, users.staffA].sort(),
    );
    await signInAll();
    const accepted = await ok(post('member', `/api/cases/${c.id}/transitions`, { action: 'accept' }));
    const resolve = accepted.timers.find((x: { kind: string }) => x.kind === 'resolve');
    expect(resolve.state).toBe('pending');
    expect(accepted.overdue).toBe(false);
    await ok(post('member', `/api/cases/${c.id}/transitions`, { action: 'complete', note: '已换灯泡' }));
    await scanTimers(t.db, at(new Date(resolve.dueAt).getTime() + S));
    expect(await timerOf(c.id, 'resolve')).toMatchObject({ state: 'met' });
    expect(await eventsOf(c.id, 'timer_breached')).toHaveLength(2);
  });
});

describe('the duty list (值班表)', () => {
  it('community staff keep it: 401, 403, 404 out of scope, 422, then add, list and remove', async () => {
    const start = T0 + 2_000_000 * S;
    at(start);
    await signInAll();
    const body = {
      communityId: communityA,
      userId: users.sentinel,
      startsAt: new Date(start - 3600 * S).toISOString(),
      endsAt: new Date(start + 3600 * S).toISOString(),
      note: '节假日加班',
    };
    await refused(post(null, '/api/cases/duty-roster', body), 401, 'unauthenticated');
    await refused(post('grid', '/api/cases/duty-roster', body), 403, 'forbidden');
    await refused(post('staffB', '/api/cases/duty-roster', body), 404, 'not_found');
    await refused(
      t.call({ url: `/api/cases/duty-roster?communityId=${communityA}`, cookie: cookies.staffB }),
      404,
      'not_found',
    );
    await refused(
      post('staffA', '/api/cases/duty-roster', { ...body, userId: users.tian }),
      422,
      'duty_user_invalid',
    );
    await refused(
      post('staffA', '/api/cases/duty-roster', { ...body, endsAt: body.startsAt }),
      422,
      'validation_failed',
    );
    const before = await t.db.select().from(dutyRoster).where(eq(dutyRoster.userId, users.sentinel));
    expect(before).toHaveLength(0);
    const added = await ok(post('staffA', '/api/cases/duty-roster', body));
    expect(added).toMatchObject({ userId: users.sentinel, userName: '褚哨兵', onDuty: true });
    const list = await ok(
      t.call({ url: `/api/cases/duty-roster?communityId=${communityA}`, cookie: cookies.staffA }),
    );
    expect(
      list.items.filter((x: { onDuty: boolean }) => x.onDuty).map((x: { userId: string }) => x.userId),
    ).toEqual(expect.arrayContaining([users.sentinel]));
    expect(list.candidates.map((x: { userId: string }) => x.userId)).toContain(users.sentinel);
    expect((await ok(t.call({ url: '/api/cases/duty-roster', cookie: cookies.staffB }))).items).toEqual([]);
    await refused(
      t.call({ method: 'DELETE', url: `/api/cases/duty-roster/${added.id}`, cookie: cookies.staffB }),
      404,
      'not_found',
    );
    await ok(t.call({ method: 'DELETE', url: `/api/cases/duty-roster/${added.id}`, cookie: cookies.staffA }));
    expect(await t.db.select().from(dutyRoster).where(eq(dutyRoster.userId, users.sentinel))).toHaveLength(0);
  });
});
