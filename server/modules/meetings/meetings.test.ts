import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { notification, userAccount } from '../../platform/schema.ts';
import { orgUnit } from '../org/schema.ts';
import { meeting, meetingAttendance, meetingTask } from './schema.ts';

// Deliberation on the demo district (PGlite): bodies, the meeting's transition table by role and
// scope, check-in with the rotating code, minutes approved by someone else than their drafter,
// decisions that dispatch a case or become tasks tracked to done, the masked public outcome, and the
// figures against independent SQL.
let t: TestApp;
let L: Awaited<ReturnType<typeof demoLandmarks>>;
const c: Record<string, string> = {};
const u: Record<string, string> = {};
let compound: typeof orgUnit.$inferSelect;
let venueId: string;

beforeAll(async () => {
  t = await testApp();
  L = await demoLandmarks(t.db);
  const phones = {
    staffA: '13900000003',
    staffB: '13900000004',
    grid: '13900000005',
    committee: '13900000006',
    tian: '13900000007',
    subdistrict: '13900000002',
  };
  for (const [k, phone] of Object.entries(phones)) {
    c[k] = await t.login(phone);
    const [row] = await t.db.select().from(userAccount).where(eq(userAccount.phone, phone));
    u[k] = row.id;
  }
  [compound] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '幸福家园小区'));
  const venues = await t.call({ url: `/api/venues?orgUnitId=${compound.id}`, cookie: c.staffA });
  venueId = venues.body.items.find((v: { name: string }) => v.name === '幸福家园邻里驿站').id;
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
  expect([r.status, r.body?.error?.code], JSON.stringify(r.body)).toEqual([status, code]);
};
const move = (cookie: string | undefined, id: string, action: string, note?: string) =>
  t.call({ method: 'POST', url: `/api/meetings/${id}/transitions`, cookie, body: { action, note } });
const stateOf = async (id: string) => (await t.db.select().from(meeting).where(eq(meeting.id, id)))[0].state;

/** A compound council: the grid worker chairs, 田先生 keeps the minutes, two residents sit in. */
async function council(name = '幸福家园测试议事会') {
  return ok(
    t.call({
      method: 'POST',
      url: '/api/meetings/bodies',
      cookie: c.staffA,
      body: {
        kind: 'compound_council',
        name,
        orgUnitId: compound.id,
        members: [
          { role: 'chair', userId: u.grid, affiliation: '网格员' },
          { role: 'secretary', personId: L.tian.id },
          { role: 'member', name: '幸福物业服务中心', affiliation: '物业公司' },
        ],
      },
    }),
  );
}
async function schedule(bodyId: string, agenda: unknown[] = [{ kind: 'topic', title: '楼道堆物清理' }]) {
  return ok(
    t.call({
      method: 'POST',
      url: '/api/meetings',
      cookie: c.staffA,
      body: {
        bodyId,
        title: '十二月议事会',
        venueId,
        startsAt: '2026-12-03T11:00:00Z',
        endsAt: '2026-12-03T12:30:00Z',
        agenda,
      },
    }),
  );
}

describe('bodies and venues', () => {
  it('401 without login, 403 without the permission, 404 out of scope, then staff create a body', async () => {
    await refused(t.call({ url: '/api/meetings/bodies' }), 401, 'unauthenticated');
    await refused(t.call({ url: '/api/meetings/bodies', cookie: c.committee }), 403, 'forbidden');
    const body = { kind: 'compound_council', name: '越界议事会', orgUnitId: compound.id, members: [] };
    await refused(
      t.call({ method: 'POST', url: '/api/meetings/bodies', cookie: c.tian, body }),
      403,
      'forbidden',
    );
    await refused(
      t.call({ method: 'POST', url: '/api/meetings/bodies', cookie: c.staffB, body }),
      404,
      'not_found',
    );
    const b = await council();
    expect(b).toMatchObject({ kind: 'compound_council', level: 'compound', openToResidents: false });
    expect(b.members.map((m: { name: string; role: string }) => [m.role, m.name])).toEqual([
      ['chair', '周网格'],
      ['secretary', '田志明'],
      ['member', '幸福物业服务中心'],
    ]);
    // 田先生's seat resolves to his user account: he will get the invitation.
    expect(b.members[1].userId).toBe(u.tian);
    await refused(t.call({ url: `/api/meetings/bodies/${b.id}`, cookie: c.staffB }), 404, 'not_found');
    expect((await ok(t.call({ url: `/api/meetings/bodies/${b.id}`, cookie: c.tian }))).id).toBe(b.id);
  });

  it('venues: residents read their community’s, staff of B see none of A’s, only community staff edit', async () => {
    const mine = await ok(t.call({ url: '/api/venues', cookie: c.tian }));
    expect(mine.items.map((v: { name: string }) => v.name)).toContain('春熙社区党群服务中心');
    expect(mine.items.map((v: { name: string }) => v.name)).not.toContain('阳光花园议事长廊');
    const other = await ok(t.call({ url: '/api/venues', cookie: c.staffB }));
    expect(other.items).toEqual([]);
    await refused(t.call({ url: `/api/venues/${venueId}`, cookie: c.staffB }), 404, 'not_found');
    const patch = { openingHours: '每日 8:00–21:00' };
    await refused(
      t.call({ method: 'PATCH', url: `/api/venues/${venueId}`, cookie: c.tian, body: patch }),
      403,
      'forbidden',
    );
    await refused(
      t.call({ method: 'PATCH', url: `/api/venues/${venueId}`, cookie: c.staffB, body: patch }),
      404,
      'not_found',
    );
    const v = await ok(
      t.call({ method: 'PATCH', url: `/api/venues/${venueId}`, cookie: c.staffA, body: patch }),
    );
    expect(v.openingHours).toBe('每日 8:00–21:00');
    await refused(
      t.call({
        method: 'POST',
        url: '/api/venues',
        cookie: c.staffA,
        body: { name: '一号楼楼道', kind: 'other', orgUnitId: L.tian.orgUnitId },
      }),
      422,
      'venue_unit_invalid',
    );
  });
});

describe('the meeting’s transition table, by role and scope', () => {
  it('schedule → start → end → minutes → approve → close, each by whom it belongs to', async () => {
    const b = await council('流转测试议事会');
    await refused(
      t.call({
        method: 'POST',
        url: '/api/meetings',
        cookie: c.tian,
        body: { bodyId: b.id, title: 'x1', startsAt: '2026-12-03T11:00:00Z', endsAt: '2026-12-03T12:00:00Z' },
      }),
      403,
      'forbidden',
    );
    await refused(
      t.call({
        method: 'POST',
        url: '/api/meetings',
        cookie: c.staffA,
        body: {
          bodyId: b.id,
          title: '时间错',
          startsAt: '2026-12-03T11:00:00Z',
          endsAt: '2026-12-03T10:00:00Z',
        },
      }),
      422,
      'meeting_time_invalid',
    );
    const m = await schedule(b.id);
    expect(m).toMatchObject({
      state: 'scheduled',
      venueName: '幸福家园邻里驿站',
      bodyKind: 'compound_council',
    });
    // The members with accounts have the invitation in their inbox.
    const invited = await t.db.select().from(notification).where(eq(notification.subjectId, m.id));
    expect(invited.map((n) => n.recipientUserId).sort()).toEqual([u.grid, u.tian].sort());

    // Out of scope: 404 for every move, and the meeting is unchanged.
    await refused(t.call({ url: `/api/meetings/${m.id}`, cookie: c.staffB }), 404, 'not_found');
    await refused(move(c.staffB, m.id, 'start'), 404, 'not_found');
    await refused(move(undefined, m.id, 'start'), 401, 'unauthenticated');
    await refused(move(c.committee, m.id, 'start'), 403, 'forbidden');
    // The secretary may not open the session, nor cancel it; nothing moves yet.
    await refused(move(c.tian, m.id, 'start'), 403, 'forbidden');
    await refused(move(c.tian, m.id, 'cancel'), 403, 'forbidden');
    await refused(move(c.grid, m.id, 'end'), 409, 'illegal_transition');
    await refused(move(c.staffA, m.id, 'approve_minutes'), 409, 'illegal_transition');
    expect(await stateOf(m.id)).toBe('scheduled');
    const seen = await ok(t.call({ url: `/api/meetings/${m.id}`, cookie: c.grid }));
    expect(seen.actions).toEqual(['start', 'register', 'check_in', 'show_code']);
    expect(seen.me).toEqual({ role: 'chair', registered: false, checkedIn: false });

    expect((await ok(move(c.grid, m.id, 'start'))).state).toBe('in_session');
    await refused(move(c.grid, m.id, 'start'), 409, 'illegal_transition');
    await refused(move(c.staffA, m.id, 'cancel'), 409, 'illegal_transition');
    expect((await ok(move(c.tian, m.id, 'end'))).state).toBe('minutes_draft');

    // No minutes yet: nothing to approve.
    await refused(move(c.grid, m.id, 'approve_minutes'), 422, 'minutes_missing');
    const minutes = { text: '到会 3 人，议定楼道堆物由物业一周内清理。' };
    await refused(
      t.call({ method: 'PUT', url: `/api/meetings/${m.id}/minutes`, cookie: c.staffB, body: minutes }),
      404,
      'not_found',
    );
    const drafted = await ok(
      t.call({ method: 'PUT', url: `/api/meetings/${m.id}/minutes`, cookie: c.tian, body: minutes }),
    );
    expect(drafted.minutes).toMatchObject({
      text: minutes.text,
      draftedBy: '田志明',
      approvedBy: null,
      attendance: 0,
    });
    // The secretary is no chair; staff redraft it, and then may not approve their own draft.
    await refused(move(c.tian, m.id, 'approve_minutes'), 403, 'forbidden');
    await ok(
      t.call({ method: 'PUT', url: `/api/meetings/${m.id}/minutes`, cookie: c.staffA, body: minutes }),
    );
    const own = await ok(t.call({ url: `/api/meetings/${m.id}`, cookie: c.staffA }));
    expect(own.actions).not.toContain('approve_minutes');
    await refused(move(c.staffA, m.id, 'approve_minutes'), 403, 'minutes_drafter_cannot_approve');
    expect(await stateOf(m.id)).toBe('minutes_draft');
    const approved = await ok(move(c.grid, m.id, 'approve_minutes'));
    expect(approved.minutes).toMatchObject({ draftedBy: '孙社工', approvedBy: '周网格' });

    await refused(move(c.grid, m.id, 'close'), 403, 'forbidden');
    const closed = await ok(move(c.staffA, m.id, 'close', '归档'));
    expect(closed.state).toBe('closed');
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual([
      'schedule',
      'start',
      'end',
      'draft_minutes',
      'draft_minutes',
      'approve_minutes',
      'close',
    ]);
    for (const a of ['start', 'end', 'approve_minutes', 'close', 'cancel'])
      await refused(move(c.staffA, m.id, a), 409, 'illegal_transition');
  });

  it('cancel: only from scheduled, by an organiser; the members are told', async () => {
    const b = await council('取消测试议事会');
    const m = await schedule(b.id);
    await refused(move(c.grid, m.id, 'cancel'), 403, 'forbidden');
    expect((await ok(move(c.staffA, m.id, 'cancel', '台风预警'))).state).toBe('cancelled');
    const told = await t.db
      .select()
      .from(notification)
      .where(and(eq(notification.subjectId, m.id), eq(notification.kind, 'meetings.cancelled')));
    expect(told).toHaveLength(2);
    await refused(move(c.grid, m.id, 'start'), 409, 'illegal_transition');
    await refused(
      t.call({ method: 'POST', url: `/api/meetings/${m.id}/register`, cookie: c.tian }),
      409,
      'illegal_transition',
    );
  });
});

describe('check-in with the rotating code', () => {
  it('members check in once; stale and foreign codes are refused; outsiders are not attendees', async () => {
    const b = await council('签到测试议事会');
    const m = await schedule(b.id);
    const other = await schedule(b.id);
    await refused(t.call({ url: `/api/meetings/${m.id}/checkin-code`, cookie: c.staffB }), 404, 'not_found');
    // A member without the organiser's seat (a plain member) may not show the code; the secretary may.
    const code = await ok(t.call({ url: `/api/meetings/${m.id}/checkin-code`, cookie: c.tian }));
    expect(code.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(code.link).toBe(`/m/meetings/${m.id}/check-in?code=${code.code}`);
    expect(code.qrSvg).toContain('<svg');
    const foreign = await ok(t.call({ url: `/api/meetings/${other.id}/checkin-code`, cookie: c.staffA }));

    const checkIn = (cookie: string | undefined, id: string, value: string) =>
      t.call({ method: 'POST', url: `/api/meetings/${id}/check-in`, cookie, body: { code: value } });
    await refused(checkIn(undefined, m.id, code.code), 401, 'unauthenticated');
    await refused(checkIn(c.staffB, m.id, code.code), 404, 'not_found');
    await refused(checkIn(c.tian, m.id, foreign.code), 422, 'qr_invalid');
    await refused(checkIn(c.tian, m.id, 'ABCDEFGH'), 422, 'qr_invalid');
    // Staff of the community see the meeting but sit in no seat: not an attendee.
    await refused(checkIn(c.staffA, m.id, code.code), 403, 'not_meeting_attendee');
    expect(await ok(checkIn(c.tian, m.id, code.code))).toEqual({
      checkedIn: true,
      already: false,
      attendance: 1,
    });
    expect(await ok(checkIn(c.tian, m.id, code.code))).toEqual({
      checkedIn: true,
      already: true,
      attendance: 1,
    });

    // Forty-five seconds later the code is two steps old: a photo sent home is useless.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 45_000);
    await refused(checkIn(c.grid, m.id, code.code), 422, 'qr_stale');
    const fresh = await ok(t.call({ url: `/api/meetings/${m.id}/checkin-code`, cookie: c.grid }));
    expect(await ok(checkIn(c.grid, m.id, fresh.code))).toMatchObject({ already: false, attendance: 2 });
    vi.useRealTimers();

    const rows = await t.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, m.id));
    expect(rows.map((r) => [r.name, r.member, r.via]).sort()).toEqual([
      ['周网格', true, 'qr'],
      ['田志明', true, 'qr'],
    ]);
    const seen = await ok(t.call({ url: `/api/meetings/${m.id}`, cookie: c.tian }));
    expect(seen).toMatchObject({ attendance: 2, me: { role: 'secretary', checkedIn: true } });
    expect(seen.actions).not.toContain('check_in');
  });

  it('a corridor session is open to residents of the compound: they register and check in', async () => {
    const corridor = await ok(
      t.call({
        method: 'POST',
        url: '/api/meetings/bodies',
        cookie: c.staffA,
        body: {
          kind: 'corridor_session',
          name: '测试书记茶摊',
          orgUnitId: compound.id,
          members: [{ role: 'chair', userId: u.staffA }],
        },
      }),
    );
    expect(corridor.openToResidents).toBe(true);
    const m = await schedule(corridor.id);
    const mine = await ok(t.call({ url: '/api/meetings?mine=true&pageSize=200', cookie: c.tian }));
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(m.id);
    const r = await ok(t.call({ method: 'POST', url: `/api/meetings/${m.id}/register`, cookie: c.tian }));
    expect(r).toMatchObject({ registrations: 1, me: { role: null, registered: true } });
    await ok(t.call({ method: 'POST', url: `/api/meetings/${m.id}/register`, cookie: c.tian }));
    expect((await ok(t.call({ url: `/api/meetings/${m.id}`, cookie: c.tian }))).registrations).toBe(1);
    const code = await ok(t.call({ url: `/api/meetings/${m.id}/checkin-code`, cookie: c.staffA }));
    await refused(t.call({ url: `/api/meetings/${m.id}/checkin-code`, cookie: c.tian }), 403, 'forbidden');
    const res = await ok(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/check-in`,
        cookie: c.tian,
        body: { code: code.code },
      }),
    );
    expect(res).toMatchObject({ already: false, attendance: 1 });
  });
});

describe('agenda from cases, decisions, tasks and the public outcome', () => {
  it('a parking case goes on the agenda, the meeting dispatches it, a task is done, the outcome is public and masked', async () => {
    // 田先生 reports parking trouble; the grid worker checks it; the community queues it at the compound.
    const reported = await ok(
      t.call({
        method: 'POST',
        url: '/api/cases',
        cookie: c.tian,
        body: {
          kind: 'demand',
          categoryCode: 'parking',
          description: '夜间车辆占用消防通道',
          orgUnitId: L.tian.orgUnitId,
        },
      }),
    );
    const caseMove = (cookie: string, action: string, extra = {}) =>
      t.call({
        method: 'POST',
        url: `/api/cases/${reported.id}/transitions`,
        cookie,
        body: { action, note: '说明', ...extra },
      });
    await ok(caseMove(c.grid, 'check_valid'));
    await ok(caseMove(c.staffA, 'classify', { level: 'compound' }));
    // The agenda builder's list: open cases of the body's area.
    const open = await ok(
      t.call({ url: `/api/cases?state=queued&orgUnitId=${compound.id}&pageSize=200`, cookie: c.staffA }),
    );
    expect(open.items.map((x: { id: string }) => x.id)).toContain(reported.id);

    const b = await council('停车议事会');
    // A case of another community cannot go on this agenda.
    const [foreignCase] = await execRows<{ id: string }>(
      t.db,
      sql`select id from civic_case where community_id = ${L.communityB.id} limit 1`,
    );
    expect(foreignCase, 'the demo has cases in community B').toBeDefined();
    await refused(
      t.call({
        method: 'POST',
        url: '/api/meetings',
        cookie: c.staffA,
        body: {
          bodyId: b.id,
          title: '越界',
          startsAt: '2026-12-03T11:00:00Z',
          endsAt: '2026-12-03T12:00:00Z',
          agenda: [{ kind: 'case', caseId: foreignCase.id }],
        },
      }),
      422,
      'agenda_case_invalid',
    );
    const m = await schedule(b.id, [{ kind: 'case', caseId: reported.id }]);
    expect(m.agenda).toEqual([
      expect.objectContaining({
        position: 1,
        kind: 'case',
        caseId: reported.id,
        caseState: 'queued',
        title: '停车难、乱停车：夜间车辆占用消防通道',
      }),
    ]);
    const added = await ok(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/agenda`,
        cookie: c.staffA,
        body: { items: [{ kind: 'topic', title: '充电桩选址' }] },
      }),
    );
    expect(added.agenda.map((a: { position: number }) => a.position)).toEqual([1, 2]);
    await refused(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/agenda`,
        cookie: c.tian,
        body: { items: [{ kind: 'topic', title: '越权议题' }] },
      }),
      403,
      'forbidden',
    );
    const [caseItem, topicItem] = added.agenda;

    // Decisions only while the meeting sits (or its minutes are drafted).
    const taskDecision = {
      kind: 'task',
      agendaItemId: topicItem.id,
      text: '充电桩选址：物业两周内提出方案',
      ownerName: '周网格',
      ownerUserId: u.grid,
      dueOn: '2026-12-17',
    };
    await refused(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/decisions`,
        cookie: c.staffA,
        body: taskDecision,
      }),
      409,
      'illegal_transition',
    );
    await ok(move(c.grid, m.id, 'start'));
    await refused(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/decisions`,
        cookie: c.staffB,
        body: taskDecision,
      }),
      404,
      'not_found',
    );
    const dispatched = await ok(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/decisions`,
        cookie: c.staffA,
        body: {
          kind: 'dispatch_case',
          agendaItemId: caseItem.id,
          text: '由物业在消防通道设置隔离桩并巡查',
          assignee: { type: 'property_company', name: '幸福物业服务中心' },
        },
      }),
    );
    expect(dispatched.agenda[0].caseState).toBe('dispatched');
    const theCase = await ok(t.call({ url: `/api/cases/${reported.id}`, cookie: c.staffA }));
    expect(theCase).toMatchObject({ state: 'dispatched', meetingId: m.id });
    const withTask = await ok(
      t.call({ method: 'POST', url: `/api/meetings/${m.id}/decisions`, cookie: c.tian, body: taskDecision }),
    );
    const overdueDecision = {
      ...taskDecision,
      text: '楼道堆物：限期清理',
      dueOn: '2026-01-05',
      ownerUserId: undefined,
      ownerName: '幸福物业服务中心',
    };
    await ok(
      t.call({
        method: 'POST',
        url: `/api/meetings/${m.id}/decisions`,
        cookie: c.staffA,
        body: overdueDecision,
      }),
    );
    const task = withTask.decisions.find((d: { kind: string }) => d.kind === 'task').task;
    expect(task).toMatchObject({ ownerName: '周网格', dueOn: '2026-12-17', state: 'open', overdue: false });
    const assigned = await t.db.select().from(notification).where(eq(notification.subjectId, task.id));
    expect(assigned.map((n) => [n.recipientUserId, n.kind])).toEqual([[u.grid, 'meetings.task_assigned']]);

    // Overdue tasks are visible as such.
    const overdue = await ok(
      t.call({ url: `/api/meetings/tasks?meetingId=${m.id}&overdue=true`, cookie: c.staffA }),
    );
    expect(overdue.items.map((x: { title: string; overdue: boolean }) => [x.title, x.overdue])).toEqual([
      ['楼道堆物：限期清理', true],
    ]);
    expect(
      (await ok(t.call({ url: `/api/meetings/tasks?meetingId=${m.id}`, cookie: c.staffB }))).items,
    ).toEqual([]);

    // The public page waits for approved minutes.
    await refused(t.call({ url: `/api/public/meetings/${m.id}` }), 404, 'not_found');
    await ok(move(c.tian, m.id, 'end'));
    await ok(
      t.call({
        method: 'PUT',
        url: `/api/meetings/${m.id}/minutes`,
        cookie: c.tian,
        body: { text: '议定两项，派单一件。' },
      }),
    );
    await ok(move(c.grid, m.id, 'approve_minutes'));

    // The owner completes the task; not twice; not someone out of scope.
    const complete = (cookie: string) =>
      t.call({
        method: 'POST',
        url: `/api/meetings/tasks/${task.id}/complete`,
        cookie,
        body: { result: '已选定 3 号楼东侧，方案公示' },
      });
    await refused(complete(c.staffB), 404, 'not_found');
    await refused(complete(c.tian), 403, 'forbidden');
    expect(await ok(complete(c.grid))).toMatchObject({
      state: 'done',
      overdue: false,
      result: '已选定 3 号楼东侧，方案公示',
    });
    await refused(complete(c.staffA), 409, 'task_done');
    const mine = await ok(t.call({ url: '/api/meetings/tasks?mine=true', cookie: c.grid }));
    expect(mine.items.map((x: { id: string; state: string }) => [x.id, x.state])).toEqual([
      [task.id, 'done'],
    ]);

    const pub = await t.call({ url: `/api/public/meetings/${m.id}` });
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({
      title: '十二月议事会',
      bodyName: '停车议事会',
      venueName: '幸福家园邻里驿站',
      state: 'minutes_approved',
    });
    expect(pub.body.decisions.map((d: Record<string, unknown>) => [d.kind, d.ownerName, d.state])).toEqual([
      ['dispatch_case', null, 'dispatched'],
      ['task', '周*格', 'done'],
      ['task', '幸******心', 'open'],
    ]);
    // The community's public list leads to it; a scheduled meeting is not there; a building is no community.
    const board = await ok(t.call({ url: `/api/public/communities/${L.communityA.id}/meetings` }));
    expect(board.items.find((x: { id: string }) => x.id === m.id)).toMatchObject({
      decisions: 3,
      tasks: 2,
      tasksDone: 1,
    });
    const [upcoming] = await t.db.select().from(meeting).where(eq(meeting.state, 'scheduled'));
    expect(board.items.map((x: { id: string }) => x.id)).not.toContain(upcoming.id);
    await refused(t.call({ url: `/api/public/communities/${L.tian.orgUnitId}/meetings` }), 404, 'not_found');
    // Masked: no full name of an owner, no attendee, no member anywhere in the reply.
    for (const name of ['周网格', '田志明', '幸福物业服务中心', '孙社工'])
      expect(pub.raw.body).not.toContain(name);
  });
});

describe('figures', () => {
  it('equal independent SQL counts over the demo year of 春熙社区', async () => {
    const q = `orgUnitId=${L.communityA.id}&from=2025-12-01&to=2026-11-30`;
    await refused(t.call({ url: `/api/meetings/figures?${q}`, cookie: c.tian }), 403, 'forbidden');
    const f = await ok(t.call({ url: `/api/meetings/figures?${q}`, cookie: c.staffA }));
    const path = L.communityA.path;
    const one = async (query: ReturnType<typeof sql>) =>
      Number((await execRows<{ n: number }>(t.db, query))[0].n);
    const inYear = sql`m.org_path like ${`${path}%`} and m.state <> 'cancelled'
      and m.starts_at >= '2025-11-30T16:00:00Z' and m.starts_at < '2026-11-30T16:00:00Z'`;
    expect(f.meetings).toBe(await one(sql`select count(*) n from meeting m where ${inYear}`));
    expect(f.meetings).toBeGreaterThan(150);
    expect(f.held).toBe(
      await one(
        sql`select count(*) n from meeting m where ${inYear} and m.state in ('in_session','minutes_draft','minutes_approved','closed')`,
      ),
    );
    for (const level of ['community', 'compound', 'building'])
      expect(f.byLevel.find((x: { level: string }) => x.level === level).meetings).toBe(
        await one(
          sql`select count(*) n from meeting m join deliberative_body b on b.id = m.body_id where ${inYear} and b.level = ${level}`,
        ),
      );
    for (const kind of ['community_joint', 'tripartite', 'corridor_session', 'building_neighbours'])
      expect(f.byKind.find((x: { kind: string }) => x.kind === kind).meetings).toBe(
        await one(
          sql`select count(*) n from meeting m join deliberative_body b on b.id = m.body_id where ${inYear} and b.kind = ${kind}`,
        ),
      );
    expect(f.byKind.find((x: { kind: string }) => x.kind === 'community_joint').meetings).toBe(12);
    expect(f.attendance).toBe(
      await one(
        sql`select count(*) n from meeting_attendance a join meeting m on m.id = a.meeting_id where ${inYear}`,
      ),
    );
    expect(f.decisions).toBe(
      await one(
        sql`select count(*) n from meeting_decision d join meeting m on m.id = d.meeting_id where ${inYear}`,
      ),
    );
    expect(f.tasks).toBe(
      await one(
        sql`select count(*) n from meeting_task k join meeting m on m.id = k.meeting_id where ${inYear}`,
      ),
    );
    expect(f.tasksDone).toBe(
      await one(
        sql`select count(*) n from meeting_task k join meeting m on m.id = k.meeting_id where ${inYear} and k.state = 'done'`,
      ),
    );
    expect(f.tasksDone / f.tasks).toBeGreaterThan(0.7);
    expect(f.agendaCases).toBe(
      await one(
        sql`select count(distinct i.case_id) n from agenda_item i join meeting m on m.id = i.meeting_id where ${inYear} and i.case_id is not null`,
      ),
    );
    expect(f.casesResolved).toBe(
      await one(sql`select count(distinct i.case_id) n from agenda_item i join meeting m on m.id = i.meeting_id
        join civic_case k on k.id = i.case_id where ${inYear} and k.state in ('completed','closed')`),
    );
    // Community B's staff see none of it.
    const b = await ok(t.call({ url: `/api/meetings/figures?${q}`, cookie: c.staffB }));
    expect(b.meetings).toBe(0);
    const tasks = await t.db
      .select()
      .from(meetingTask)
      .where(like(meetingTask.orgPath, `${path}%`));
    expect(tasks.length).toBeGreaterThanOrEqual(f.tasks);
  });
});

describe('demo council voters', () => {
  it('two more council members of 幸福家园小区, of other households than 田先生, sign in as residents', async () => {
    const body = (
      await ok(
        t.call({
          url: `/api/meetings/bodies?orgUnitId=${compound.id}&kind=compound_council`,
          cookie: c.staffA,
        }),
      )
    ).items.find((b: { name: string }) => b.name === '幸福家园小区议事会');
    const memberPersons = new Set(body.members.map((m: { personId: string | null }) => m.personId));
    const households = new Set<string>();
    for (const phone of ['13900000007', '13900000014', '13900000015']) {
      const me = await ok(t.call({ url: '/api/auth/me', cookie: await t.login(phone) }));
      expect(me.roles.map((r: { role: string }) => r.role)).toContain('resident');
      const [row] = await t.db.select().from(userAccount).where(eq(userAccount.phone, phone));
      expect(memberPersons.has(row.personId)).toBe(true);
      const [hm] = await execRows<{ household_id: string }>(
        t.db,
        sql`select household_id from household_member where person_id = ${row.personId}`,
      );
      households.add(hm.household_id);
    }
    expect(households.size).toBe(3);
  });
});
