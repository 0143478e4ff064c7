import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ActivityAction,
  ActivityIn,
  ActivityKind,
  ActivityOut,
  ActivityState,
  ActivitySummary,
  ActivityUpdate,
  activityQuery,
  SignupOut,
  SignupStatus,
} from '../../../common/contracts/activities.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, can, hasPermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { loadOrgUnit, nameOrgUnits, pathIds, underUnit } from '../org/index.ts';
import { loadPartnerProject } from '../partners/index.ts';
import { loadVenue, venueNames } from '../venues/index.ts';
import { activity, activitySignup } from './activity-schema.ts';
import { isTeamLeader, loadTeam } from './teams.ts';
import { setCapacity } from './signups.ts';

export type ActivityRow = typeof activity.$inferSelect;
export type SignupRow = typeof activitySignup.$inferSelect;

const MINUTE = 60_000;
/** Check-in opens 30 minutes before the start and closes 2 hours after the end. */
export const CHECKIN_OPENS_BEFORE = 30 * MINUTE;
export const CHECKIN_CLOSES_AFTER = 120 * MINUTE;

export async function loadActivity(db: Executor, id: string, lock = false): Promise<ActivityRow> {
  const q = db.select().from(activity).where(eq(activity.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** The community part of a path (`/district/subdistrict/community/`), or the path itself above it. */
export function communityPathOf(path: string): string {
  return `/${pathIds(path).slice(0, 3).join('/')}/`;
}

/**
 * Who sees an activity: anyone holding `p` at the activity's community or above — staff over it, and
 * residents of the community (a resident's grant sits at their building, below the community).
 */
function reachesActivity(actor: Actor, p: 'volunteers:read' | 'volunteers:join', orgPath: string) {
  return actor.grants.some((g) => hasPermission(g, p) && orgPath.startsWith(communityPathOf(g.orgPath)));
}
export function activityVisible(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const g of actor.grants)
    if (hasPermission(g, 'volunteers:read'))
      parts.push(sql`${activity.orgPath} like ${`${communityPathOf(g.orgPath)}%`}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Visible or 404. */
export function assertVisible(actor: Actor, a: { orgPath: string }) {
  if (!reachesActivity(actor, 'volunteers:read', a.orgPath)) throw new AppError('not_found');
}

/** May the actor organise this activity: volunteers:manage over it, or lead its team or project. */
export async function mayManage(db: Executor, actor: Actor, a: ActivityRow): Promise<boolean> {
  if (can(actor, 'volunteers:manage', { orgPath: a.orgPath })) return true;
  if (!actor.personId) return false;
  if (a.teamId) return isTeamLeader(db, a.teamId, actor.personId);
  if (a.partnerProjectId) {
    const p = await loadPartnerProject(db, a.partnerProjectId).catch(() => null);
    return !!p?.leadPersonIds.includes(actor.personId);
  }
  return false;
}

/** Visible (else 404) and managed by the actor (else 403). */
export async function assertManager(db: Executor, actor: Actor, a: ActivityRow) {
  assertVisible(actor, a);
  if (!(await mayManage(db, actor, a))) throw new AppError('forbidden');
}

export const signupDeadlineOf = (a: ActivityRow) => a.signupDeadline ?? a.startsAt;
export const lengthMinutes = (a: ActivityRow) =>
  Math.max(0, Math.floor((a.endsAt.getTime() - a.startsAt.getTime()) / MINUTE));
export function inCheckinWindow(a: ActivityRow, at: Date): boolean {
  const t = at.getTime();
  return t >= a.startsAt.getTime() - CHECKIN_OPENS_BEFORE && t <= a.endsAt.getTime() + CHECKIN_CLOSES_AFTER;
}
/** Minutes between check-in and check-out, capped by the activity's length; null before check-out. */
export function recordedMinutes(a: ActivityRow, s: Pick<SignupRow, 'checkedInAt' | 'checkedOutAt'>) {
  if (!s.checkedInAt || !s.checkedOutAt) return null;
  const m = Math.floor((s.checkedOutAt.getTime() - s.checkedInAt.getTime()) / MINUTE);
  return Math.min(Math.max(0, m), lengthMinutes(a));
}

/** Position in the waiting list (1 = next), by the order people joined it. */
async function positions(db: Executor, rows: SignupRow[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const s of rows) {
    if (s.status !== 'waiting') continue;
    const [{ n }] = await db
      .select({ n: count() })
      .from(activitySignup)
      .where(
        and(
          eq(activitySignup.activityId, s.activityId),
          eq(activitySignup.status, 'waiting'),
          or(
            lt(activitySignup.queuedAt, s.queuedAt),
            and(eq(activitySignup.queuedAt, s.queuedAt), lt(activitySignup.id, s.id)),
          ),
        ),
      );
    out.set(s.id, n + 1);
  }
  return out;
}

async function organiserNames(db: Executor, rows: ActivityRow[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const venues = await venueNames(
    db,
    rows.map((r) => r.venueId).filter((v): v is string => !!v),
  );
  for (const [k, v] of venues) out.set(k, v);
  for (const id of new Set(rows.map((r) => r.teamId).filter((v): v is string => !!v)))
    out.set(id, (await loadTeam(db, id).catch(() => null))?.name ?? '');
  for (const id of new Set(rows.map((r) => r.partnerProjectId).filter((v): v is string => !!v)))
    out.set(id, (await loadPartnerProject(db, id).catch(() => null))?.title ?? '');
  return out;
}

export const organiserIdOf = (a: ActivityRow) => (a.teamId ?? a.venueId ?? a.partnerProjectId)!;

async function summaries(db: Executor, actor: Actor, rows: ActivityRow[]): Promise<ActivitySummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db
    .select({ id: activitySignup.activityId, status: activitySignup.status, n: count() })
    .from(activitySignup)
    .where(inArray(activitySignup.activityId, ids))
    .groupBy(activitySignup.activityId, activitySignup.status);
  const n = (id: string, status: string) => counts.find((c) => c.id === id && c.status === status)?.n ?? 0;
  const mine = actor.personId
    ? await db
        .select()
        .from(activitySignup)
        .where(and(inArray(activitySignup.activityId, ids), eq(activitySignup.personId, actor.personId)))
    : [];
  const pos = await positions(db, mine);
  const units = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  const organisers = await organiserNames(db, rows);
  return rows.map((r) => {
    const confirmed = n(r.id, 'confirmed');
    const my = mine.find((m) => m.activityId === r.id);
    return {
      id: r.id,
      title: r.title,
      kind: r.kind as ActivityKind,
      state: r.state as ActivityState,
      orgUnitId: r.orgUnitId,
      orgUnitName: units.get(r.orgUnitId) ?? '',
      organiserKind: r.organiserKind as ActivitySummary['organiserKind'],
      organiserId: organiserIdOf(r),
      organiserName: organisers.get(organiserIdOf(r)) ?? '',
      place: r.place,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      capacity: r.capacity,
      confirmed,
      waiting: n(r.id, 'waiting'),
      placesLeft: Math.max(0, r.capacity - confirmed),
      signupDeadline: r.signupDeadline?.toISOString() ?? null,
      earnsPoints: r.earnsPoints,
      myStatus: (my?.status as SignupStatus | undefined) ?? null,
      myPosition: my ? (pos.get(my.id) ?? null) : null,
    };
  });
}

export function presentSignup(a: ActivityRow, s: SignupRow, position: number | null): SignupOut {
  return {
    id: s.id,
    personId: s.personId,
    name: s.name,
    status: s.status as SignupStatus,
    position,
    queuedAt: s.queuedAt.toISOString(),
    checkedInAt: s.checkedInAt?.toISOString() ?? null,
    checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
    attendance: (s.attendance as 'present' | 'absent' | null) ?? null,
    minutes: recordedMinutes(a, s),
  };
}

export async function presentActivity(db: Executor, actor: Actor, a: ActivityRow): Promise<ActivityOut> {
  const [summary] = await summaries(db, actor, [a]);
  const manager = await mayManage(db, actor, a);
  const all = await db
    .select()
    .from(activitySignup)
    .where(eq(activitySignup.activityId, a.id))
    .orderBy(asc(activitySignup.queuedAt), asc(activitySignup.id));
  const line = all.filter((s) => s.status === 'waiting');
  const positionOf = (s: SignupRow) => (s.status === 'waiting' ? line.indexOf(s) + 1 : null);
  const my = actor.personId ? all.find((s) => s.personId === actor.personId) : undefined;
  const at = now();
  const open = a.state === 'open';
  const actions: ActivityAction[] = [];
  const active = my && (my.status === 'confirmed' || my.status === 'waiting');
  if (open && actor.personId && reachesActivity(actor, 'volunteers:join', a.orgPath)) {
    if (!active && at <= signupDeadlineOf(a)) actions.push('sign_up');
    if (active && at < a.startsAt) actions.push('cancel_signup');
    if (my?.status === 'confirmed' && inCheckinWindow(a, at)) {
      if (!my.checkedInAt) actions.push('check_in');
      else if (!my.checkedOutAt) actions.push('check_out');
    }
  }
  if (manager && open) {
    actions.push('manage', 'cancel');
    if (inCheckinWindow(a, at)) actions.push('show_code');
    if (at >= a.startsAt) actions.push('confirm_attendance');
  }
  return {
    ...summary,
    description: a.description,
    cancelReason: a.cancelReason,
    confirmedAt: a.confirmedAt?.toISOString() ?? null,
    confirmedByName: a.confirmedByName,
    lengthMinutes: lengthMinutes(a),
    checkedIn: all.filter((s) => s.status === 'confirmed' && s.checkedInAt).length,
    signups: manager
      ? all.filter((s) => s.status !== 'cancelled').map((s) => presentSignup(a, s, positionOf(s)))
      : [],
    mySignup: my ? presentSignup(a, my, positionOf(my)) : null,
    actions,
    allowed: allowedActions(actor, { orgPath: a.orgPath }, ['volunteers:manage']),
  };
}

export async function listActivities(
  { actor, db }: QueryContext,
  q: z.infer<typeof activityQuery>,
): Promise<{ items: ActivitySummary[]; total: number; page: number; pageSize: number }> {
  const where: (SQL | undefined)[] = [activityVisible(actor)];
  if (q.q) where.push(ilike(activity.title, `%${q.q.replace(/[\\%_]/g, '\\$&')}%`));
  if (q.kind) where.push(eq(activity.kind, q.kind));
  if (q.state) where.push(eq(activity.state, q.state));
  if (q.from) where.push(gte(activity.startsAt, new Date(`${q.from}T00:00:00+08:00`)));
  if (q.to)
    where.push(lt(activity.startsAt, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  if (q.upcoming) where.push(gte(activity.endsAt, now()), eq(activity.state, 'open'));
  if (q.teamId) where.push(eq(activity.teamId, q.teamId));
  if (q.venueId) where.push(eq(activity.venueId, q.venueId));
  if (q.partnerProjectId) where.push(eq(activity.partnerProjectId, q.partnerProjectId));
  if (q.orgUnitId) where.push(await underUnit(db, activity.orgPath, q.orgUnitId));
  if (q.mine)
    where.push(
      actor.personId
        ? sql`exists (select 1 from ${activitySignup} s where s.activity_id = ${activity.id} and s.person_id = ${actor.personId} and s.status in ('confirmed','waiting'))`
        : sql`false`,
    );
  const cond = and(...where);
  const [{ total }] = await db.select({ total: count() }).from(activity).where(cond);
  const rows = await db
    .select()
    .from(activity)
    .where(cond)
    // Upcoming first in the phone list; otherwise the newest first.
    .orderBy(q.upcoming ? asc(activity.startsAt) : desc(activity.startsAt), asc(activity.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await summaries(db, actor, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getActivity({ actor, db }: QueryContext, id: string): Promise<ActivityOut> {
  const a = await loadActivity(db, id);
  assertVisible(actor, a);
  return presentActivity(db, actor, a);
}

function checkTimes(startsAt: Date, endsAt: Date, deadline: Date | null) {
  if (
    !(endsAt > startsAt) ||
    (deadline && deadline > endsAt) ||
    endsAt.getTime() - startsAt.getTime() > 86_400_000
  )
    throw new AppError('activity_times_invalid');
}

/** Checks the organiser exists in the activity's community and that the actor may organise for it. */
async function resolveOrganiser(db: Executor, actor: Actor, orgPath: string, o: ActivityIn['organiser']) {
  const community = communityPathOf(orgPath);
  const manages = can(actor, 'volunteers:manage', { orgPath });
  const invalid = () => new AppError('activity_organiser_invalid');
  if (o.kind === 'team') {
    const t = await loadTeam(db, o.id).catch(() => null);
    if (!t || communityPathOf(t.orgPath) !== community) throw invalid();
    if (!manages && !(await isTeamLeader(db, t.id, actor.personId))) throw new AppError('forbidden');
    return { organiserKind: 'team', teamId: t.id, venueId: null, partnerProjectId: null } as const;
  }
  if (o.kind === 'venue') {
    const v = await loadVenue(db, o.id).catch(() => null);
    if (!v || communityPathOf(v.orgPath) !== community) throw invalid();
    if (!manages) throw new AppError('forbidden');
    return { organiserKind: 'venue', teamId: null, venueId: v.id, partnerProjectId: null } as const;
  }
  const p = await loadPartnerProject(db, o.id).catch(() => null);
  if (!p || communityPathOf(p.orgPath) !== community) throw invalid();
  if (!manages && !(actor.personId && p.leadPersonIds.includes(actor.personId)))
    throw new AppError('forbidden');
  return { organiserKind: 'partner_project', teamId: null, venueId: null, partnerProjectId: p.id } as const;
}

export async function createActivity(ctx: CommandContext, input: ActivityIn): Promise<ActivityOut> {
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId).catch(() => null);
  if (!unit) throw new AppError('activity_unit_invalid');
  assertVisible(ctx.actor, { orgPath: unit.path });
  if (unit.kind !== 'community' && unit.kind !== 'compound') throw new AppError('activity_unit_invalid');
  const organiser = await resolveOrganiser(ctx.tx, ctx.actor, unit.path, input.organiser);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const deadline = input.signupDeadline ? new Date(input.signupDeadline) : null;
  checkTimes(startsAt, endsAt, deadline);
  const [row] = await ctx.tx
    .insert(activity)
    .values({
      districtId: pathIds(unit.path)[0],
      orgUnitId: unit.id,
      orgPath: unit.path,
      title: input.title,
      description: input.description,
      kind: input.kind,
      ...organiser,
      place: input.place,
      startsAt,
      endsAt,
      capacity: input.capacity,
      signupDeadline: deadline,
      earnsPoints: input.earnsPoints,
      state: 'open',
      createdBy: ctx.actor.userId,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'volunteers.activity_created',
    subjectType: 'activity',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `发布志愿活动「${row.title}」`,
  });
  return presentActivity(ctx.tx, ctx.actor, row);
}

/** An open activity whose attendance is not confirmed yet, locked, managed by the actor. */
export async function lockForOrganiser(ctx: CommandContext, id: string): Promise<ActivityRow> {
  const a = await loadActivity(ctx.tx, id, true);
  await assertManager(ctx.tx, ctx.actor, a);
  if (a.confirmedAt) throw new AppError('attendance_confirmed');
  if (a.state !== 'open') throw new AppError('activity_closed');
  return a;
}

export async function updateActivity(ctx: CommandContext, id: string, patch: ActivityUpdate) {
  const a = await lockForOrganiser(ctx, id);
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : a.startsAt;
  const endsAt = patch.endsAt ? new Date(patch.endsAt) : a.endsAt;
  const deadline =
    patch.signupDeadline === undefined
      ? a.signupDeadline
      : patch.signupDeadline
        ? new Date(patch.signupDeadline)
        : null;
  checkTimes(startsAt, endsAt, deadline);
  const { capacity, ...rest } = patch;
  const [row] = await ctx.tx
    .update(activity)
    .set({ ...rest, startsAt, endsAt, signupDeadline: deadline, updatedAt: now() })
    .where(eq(activity.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'volunteers.activity_updated',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `修改志愿活动「${row.title}」`,
  });
  if (capacity !== undefined && capacity !== a.capacity) {
    return setCapacity(ctx, id, capacity);
  }
  return presentActivity(ctx.tx, ctx.actor, row);
}

export async function cancelActivity(ctx: CommandContext, id: string, reason: string) {
  const a = await lockForOrganiser(ctx, id);
  const [row] = await ctx.tx
    .update(activity)
    .set({ state: 'cancelled', cancelReason: reason, updatedAt: now() })
    .where(eq(activity.id, id))
    .returning();
  const people = await ctx.tx
    .select({ userId: activitySignup.userId })
    .from(activitySignup)
    .where(and(eq(activitySignup.activityId, id), inArray(activitySignup.status, ['confirmed', 'waiting'])));
  await notify(ctx.tx, {
    recipients: people.map((p) => p.userId),
    kind: 'volunteers.activity_cancelled',
    title: `志愿活动「${a.title}」已取消`,
    body: reason,
    link: `/m/activities/${id}`,
    subject: { type: 'activity', id },
  });
  await recordAudit(ctx, {
    action: 'volunteers.activity_cancelled',
    subjectType: 'activity',
    subjectId: id,
    orgPath: a.orgPath,
    orgUnitId: a.orgUnitId,
    summary: `取消志愿活动「${a.title}」：${reason}`,
  });
  return presentActivity(ctx.tx, ctx.actor, row);
}

/** "11月30日 14:00" in Shanghai time, for notices. */
export function shanghaiTime(d: Date): string {
  return d.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
