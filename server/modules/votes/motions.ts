import { and, asc, count, desc, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  MotionAction,
  MotionDetail,
  MotionOut,
  MotionState,
  MyBallot,
  motionCreate,
  motionQuery,
  VoteResultOut,
  VoteRule,
} from '../../../common/contracts/votes.ts';
import { type Db, type Executor, readAll } from '../../db/client.ts';
import { type Actor, can, SYSTEM_ACTOR, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits } from '../org/index.ts';
import { loadMeeting } from '../meetings/index.ts';
import { householdsOfPerson, householdsUnder, isAdult, personsNamed, voterOf } from './electorate.ts';
import { canMove, MOTION_TRANSITIONS, movesFrom } from './motion-machine.ts';
import { centiToArea, countVotes } from './rules.ts';
import { voteBallot, voteCount, voteElector, voteMotion, voteMotionEvent, voteResult } from './schema.ts';

export type MotionRow = typeof voteMotion.$inferSelect;
type ResultRow = typeof voteResult.$inferSelect;

export const SCOPE_KINDS = ['community', 'compound', 'building'] as const;
export const RULE_LABELS: Record<VoteRule, string> = {
  simple_majority: '简单多数',
  participation_quorum: '参与率门槛 + 简单多数',
  art278_general: '民法典第278条（一般事项，双过半）',
  art278_major: '民法典第278条（重大事项，双四分之三）',
};

export async function loadMotion(db: Executor, id: string, lock?: 'update' | 'share'): Promise<MotionRow> {
  const q = db.select().from(voteMotion).where(eq(voteMotion.id, id));
  const [row] = lock ? await q.for(lock) : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** Staff see motions under their grants; anyone sees a motion whose frozen electorate includes them. */
function staffReads(actor: Actor, m: MotionRow): boolean {
  // householdIds: [] — a resident grant never reaches a motion as such, only as an elector.
  return can(actor, 'votes:read', { orgPath: m.orgPath, householdIds: [] });
}
function staffManages(actor: Actor, m: MotionRow): boolean {
  return can(actor, 'votes:manage', { orgPath: m.orgPath, householdIds: [] });
}

/** SQL: the motion's electorate includes the actor's person (as a member, or through a household). */
function electorOfMe(actor: Actor): SQL {
  if (!actor.personId) return sql`false`;
  return sql`exists (select 1 from ${voteElector} e where e.motion_id = ${voteMotion.id}
    and (e.person_id = ${actor.personId} or e.household_id in ${householdsOfPerson(actor.personId)}))`;
}

/** The actor's elector row on a motion (their household's, or their own as a named member). */
export async function myElector(db: Executor, actor: Actor, m: MotionRow) {
  if (!actor.personId) return null;
  if (m.electorate === 'members') {
    const [e] = await db
      .select()
      .from(voteElector)
      .where(and(eq(voteElector.motionId, m.id), eq(voteElector.personId, actor.personId)));
    return e ?? null;
  }
  const me = await voterOf(db, actor.personId);
  if (!me || me.householdIds.length === 0) return null;
  const rows = await db
    .select()
    .from(voteElector)
    .where(and(eq(voteElector.motionId, m.id), inArray(voteElector.householdId, me.householdIds)))
    .orderBy(asc(voteElector.label));
  return rows[0] ?? null;
}

/** Visible at all? Out of sight → 404 (we never confirm the motion exists). */
export async function assertVisible(db: Executor, actor: Actor, m: MotionRow): Promise<void> {
  if (staffReads(actor, m)) return;
  if (m.state !== 'draft' && (await myElector(db, actor, m))) return;
  throw new AppError('not_found');
}

/** Manage: 404 when out of sight, 403 when seen (as an elector or a reader) but not managed. */
export async function assertManages(db: Executor, actor: Actor, m: MotionRow): Promise<void> {
  if (staffManages(actor, m)) return;
  await assertVisible(db, actor, m);
  throw new AppError('forbidden');
}

async function myBallotOn(db: Executor, actor: Actor, m: MotionRow, at: Date): Promise<MyBallot | null> {
  if (!actor.personId || m.state === 'draft') return null;
  const none = { channel: null, castAt: null, choice: null, reason: null, householdId: null } as const;
  const e = await myElector(db, actor, m);
  if (!e) return { ...none, state: 'not_eligible', reason: 'not_in_electorate' };
  const [b] = await db.select().from(voteBallot).where(eq(voteBallot.electorId, e.id));
  if (b)
    return {
      state: 'voted',
      channel: b.channel as 'phone' | 'paper',
      castAt: b.castAt.toISOString(),
      // The household's own choice, and only when the vote is not secret (then it is not even stored).
      choice: m.secret ? null : b.choice,
      reason: null,
      householdId: e.householdId,
    };
  if (m.state !== 'open' || m.closesAt <= at)
    return { ...none, state: 'not_open', householdId: e.householdId };
  const me = await voterOf(db, actor.personId);
  if (m.electorate === 'households' && !isAdult(me?.birthYear ?? null, at))
    return { ...none, state: 'not_eligible', reason: 'minor', householdId: e.householdId };
  return { ...none, state: 'can_vote', householdId: e.householdId };
}

export function presentResult(r: ResultRow, m: MotionRow): VoteResultOut {
  return {
    electorateCount: r.electorateCount,
    electorateAreaCenti: r.electorateAreaCenti.toString(),
    cast: r.cast,
    castAreaCenti: r.castAreaCenti.toString(),
    tally: r.tally as VoteResultOut['tally'],
    checks: r.checks as VoteResultOut['checks'],
    winner: r.winner,
    outcome: r.outcome as VoteResultOut['outcome'],
    computedAt: r.computedAt.toISOString(),
    publishedAt: m.publishedAt?.toISOString() ?? null,
  };
}

async function present(db: Executor, actor: Actor, rows: MotionRow[]): Promise<MotionOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const at = now();
  const [names, electors, voted] = await readAll(db, [
    () => nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
    () =>
      db
        .select({ id: voteElector.motionId, n: count() })
        .from(voteElector)
        .where(inArray(voteElector.motionId, ids))
        .groupBy(voteElector.motionId),
    () =>
      db
        .select({ id: voteBallot.motionId, n: count() })
        .from(voteBallot)
        .where(inArray(voteBallot.motionId, ids))
        .groupBy(voteBallot.motionId),
  ]);
  const kinds = new Map<string, string>();
  for (const r of rows)
    if (!kinds.has(r.orgUnitId)) kinds.set(r.orgUnitId, (await loadOrgUnit(db, r.orgUnitId)).kind);
  const nOf = (xs: { id: string; n: number }[], id: string) => xs.find((x) => x.id === id)?.n ?? 0;
  const out: MotionOut[] = [];
  for (const m of rows) {
    const manages = staffManages(actor, m);
    out.push({
      id: m.id,
      title: m.title,
      description: m.description,
      options: m.options,
      rule: m.rule as VoteRule,
      quorum: m.quorumNum && m.quorumDen ? [m.quorumNum, m.quorumDen] : null,
      electorate: m.electorate as MotionOut['electorate'],
      secret: m.secret,
      state: m.state as MotionState,
      scope: { id: m.orgUnitId, name: names.get(m.orgUnitId) ?? '', kind: kinds.get(m.orgUnitId) ?? '' },
      meetingId: m.meetingId,
      closesAt: m.closesAt.toISOString(),
      openedAt: m.openedAt?.toISOString() ?? null,
      closedAt: m.closedAt?.toISOString() ?? null,
      publishedAt: m.publishedAt?.toISOString() ?? null,
      createdAt: m.createdAt.toISOString(),
      electorateCount:
        m.state === 'draft' && m.electorate === 'members' ? m.memberPersonIds.length : nOf(electors, m.id),
      votedCount: nOf(voted, m.id),
      myBallot: await myBallotOn(db, actor, m, at),
      allowed: (['votes:read', 'votes:manage'] as const).filter((p) =>
        can(actor, p, { orgPath: m.orgPath, householdIds: [] }),
      ),
      actions: manages ? movesFrom(m.state as MotionState) : [],
    });
  }
  return out;
}

export async function listMotions({ actor, db }: QueryContext, q: z.infer<typeof motionQuery>) {
  const mine = and(sql`${voteMotion.state} <> 'draft'`, electorOfMe(actor));
  const where: (SQL | undefined)[] = [
    q.mine
      ? and(mine, eq(voteMotion.state, 'open'))
      : or(scopeCondition(actor, 'votes:read', voteMotion.orgPath), mine),
  ];
  if (q.state) where.push(eq(voteMotion.state, q.state));
  if (q.meetingId) where.push(eq(voteMotion.meetingId, q.meetingId));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(voteMotion)
      .where(cond)
      .orderBy(
        sql`case ${voteMotion.state} when 'open' then 0 when 'draft' then 1 when 'closed' then 2 else 3 end`,
        desc(voteMotion.closesAt),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(voteMotion).where(cond),
  ]);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

async function loadResult(db: Executor, motionId: string) {
  const [r] = await db.select().from(voteResult).where(eq(voteResult.motionId, motionId));
  return r ?? null;
}

export async function getMotion({ actor, db }: QueryContext, id: string): Promise<MotionDetail> {
  const m = await loadMotion(db, id);
  await assertVisible(db, actor, m);
  const [base] = await present(db, actor, [m]);
  const history = await db
    .select()
    .from(voteMotionEvent)
    .where(eq(voteMotionEvent.motionId, id))
    .orderBy(asc(voteMotionEvent.at));
  const r = await loadResult(db, id);
  // Electors see the result once published; managers as soon as it is computed.
  const showResult = r && (m.state === 'published' || staffManages(actor, m));
  return {
    ...base,
    memberPersonIds: staffReads(actor, m) ? m.memberPersonIds : [],
    result: showResult ? presentResult(r, m) : null,
    history: history.map((h) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorName: h.actorName,
      note: h.note,
      at: h.at.toISOString(),
    })),
  };
}

export async function getResult({ actor, db }: QueryContext, id: string): Promise<VoteResultOut> {
  const m = await loadMotion(db, id);
  await assertVisible(db, actor, m);
  const r = await loadResult(db, id);
  if (!r || (m.state !== 'published' && !staffManages(actor, m))) throw new AppError('vote_result_not_ready');
  return presentResult(r, m);
}

/** A motion put at a meeting belongs to it: the meeting exists and sits inside the vote's scope or above it. */
async function checkMeeting(ctx: CommandContext, meetingId: string, scopePath: string): Promise<void> {
  const m = await loadMeeting(ctx.tx, meetingId).catch(() => null);
  const nested = m && (m.orgPath.startsWith(scopePath) || scopePath.startsWith(m.orgPath));
  if (!m || !nested) throw new AppError('vote_meeting_mismatch');
}

export async function createMotion(
  ctx: CommandContext,
  input: z.infer<typeof motionCreate>,
): Promise<MotionDetail> {
  const scope = await loadOrgUnit(ctx.tx, input.scopeId);
  if (!can(ctx.actor, 'votes:manage', { orgPath: scope.path, householdIds: [] })) {
    throw new AppError(
      can(ctx.actor, 'votes:read', { orgPath: scope.path, householdIds: [] }) ? 'forbidden' : 'not_found',
    );
  }
  if (!(SCOPE_KINDS as readonly string[]).includes(scope.kind)) throw new AppError('vote_scope_invalid');
  if (new Date(input.closesAt) <= now()) throw new AppError('vote_closes_in_past');
  if (input.meetingId) await checkMeeting(ctx, input.meetingId, scope.path);
  const members = [...new Set(input.memberPersonIds)];
  if (input.electorate === 'members') {
    const found = await personsNamed(ctx.tx, members);
    if (found.length !== members.length)
      throw new AppError('validation_failed', { field: 'memberPersonIds', reason: 'unknown person' });
  }
  const [m] = await ctx.tx
    .insert(voteMotion)
    .values({
      districtId: scope.districtId,
      orgUnitId: scope.id,
      orgPath: scope.path,
      meetingId: input.meetingId,
      title: input.title,
      description: input.description,
      options: input.options,
      rule: input.rule,
      quorumNum: input.rule === 'participation_quorum' ? input.quorum![0] : null,
      quorumDen: input.rule === 'participation_quorum' ? input.quorum![1] : null,
      electorate: input.electorate,
      memberPersonIds: input.electorate === 'members' ? members : [],
      secret: input.secret,
      state: 'draft',
      closesAt: new Date(input.closesAt),
      createdBy: ctx.actor.userId,
    })
    .returning();
  await appendEvent(ctx.tx, m.id, 'create', null, 'draft', ctx.actor, null, now());
  await recordAudit(ctx, {
    action: 'votes.motion_created',
    subjectType: 'vote_motion',
    subjectId: m.id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary: `拟定表决「${m.title}」：${RULE_LABELS[input.rule]}${m.secret ? '，不记名' : ''}，截止 ${m.closesAt.toISOString()}`,
  });
  return getMotion({ actor: ctx.actor, db: ctx.tx }, m.id);
}

async function appendEvent(
  tx: Executor,
  motionId: string,
  action: string,
  from: string | null,
  to: string,
  actor: Actor,
  note: string | null,
  at: Date,
) {
  await tx.insert(voteMotionEvent).values({
    motionId,
    action,
    fromState: from,
    toState: to,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    note,
    at,
  });
}

/** open / close / publish / cancel, by staff who manage the motion's scope. */
export async function transition(
  ctx: CommandContext,
  id: string,
  action: MotionAction,
  note: string | undefined,
): Promise<MotionDetail> {
  const m = await loadMotion(ctx.tx, id, 'update');
  await assertManages(ctx.tx, ctx.actor, m);
  await move(ctx, m, action, note ?? null, now());
  return getMotion({ actor: ctx.actor, db: ctx.tx }, id);
}

/** The one place a motion changes state (the row is locked by the caller). */
export async function move(
  ctx: CommandContext,
  m: MotionRow,
  action: MotionAction,
  note: string | null,
  at: Date,
) {
  if (!canMove(m.state as MotionState, action))
    throw new AppError('vote_bad_transition', { state: m.state, action });
  const to = MOTION_TRANSITIONS[action].to;
  let summary = '';
  const patch: Partial<MotionRow> = { state: to, updatedAt: at };
  if (action === 'open') {
    if (m.closesAt <= at) throw new AppError('vote_closes_in_past');
    const seeds =
      m.electorate === 'members'
        ? await personsNamed(ctx.tx, m.memberPersonIds)
        : await householdsUnder(ctx.tx, m.orgPath);
    if (seeds.length === 0) throw new AppError('vote_electorate_empty');
    for (let i = 0; i < seeds.length; i += 500)
      await ctx.tx.insert(voteElector).values(seeds.slice(i, i + 500).map((s) => ({ ...s, motionId: m.id })));
    await ctx.tx.insert(voteCount).values(m.options.map((_, option) => ({ motionId: m.id, option })));
    const area = seeds.reduce((s, e) => s + e.areaCenti, 0n);
    patch.openedAt = at;
    summary = `开始表决「${m.title}」：${seeds.length} ${m.electorate === 'members' ? '名成员' : `户，专有面积 ${centiToArea(area)} ㎡`}`;
  } else if (action === 'close') {
    const r = await computeResult(ctx.tx, m, at);
    patch.closedAt = at;
    // The audit event carries the tally, so the chain holds what was counted.
    summary = `表决「${m.title}」截止计票：${r.tally.map((t) => `${t.label} ${t.votes}`).join('，')}；参与 ${r.cast}/${r.electorateCount}；${r.outcome === 'carried' ? `通过「${m.options[r.winner!]}」` : r.outcome === 'no_quorum' ? '未达参与门槛' : '未通过'}`;
  } else if (action === 'publish') {
    patch.publishedAt = at;
    summary = `公布表决结果「${m.title}」`;
  } else {
    summary = `撤销表决「${m.title}」${note ? `：${note}` : ''}`;
  }
  await ctx.tx.update(voteMotion).set(patch).where(eq(voteMotion.id, m.id));
  await appendEvent(ctx.tx, m.id, action, m.state, to, ctx.actor, note, at);
  await recordAudit(ctx, {
    action: `votes.motion_${{ open: 'opened', close: 'closed', publish: 'published', cancel: 'cancelled' }[action]}`,
    subjectType: 'vote_motion',
    subjectId: m.id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    summary,
  });
}

/** Counts at closing and stores the result; it is inserted once and never updated. */
async function computeResult(tx: Executor, m: MotionRow, at: Date) {
  const [counts, [el]] = await readAll(tx, [
    () => tx.select().from(voteCount).where(eq(voteCount.motionId, m.id)).orderBy(asc(voteCount.option)),
    () =>
      tx
        .select({ n: count(), area: sql<string>`coalesce(sum(${voteElector.areaCenti}), 0)::text` })
        .from(voteElector)
        .where(eq(voteElector.motionId, m.id)),
  ]);
  const tally = m.options.map((label, index) => {
    const c = counts.find((x) => x.option === index);
    return { index, label, votes: c?.votes ?? 0, areaCenti: c?.areaCenti ?? 0n };
  });
  const outcome = countVotes({
    rule: m.rule as VoteRule,
    quorum: m.quorumNum && m.quorumDen ? [m.quorumNum, m.quorumDen] : null,
    electorate: { count: el.n, areaCenti: BigInt(el.area) },
    tally,
  });
  const row = {
    motionId: m.id,
    electorateCount: el.n,
    electorateAreaCenti: BigInt(el.area),
    tally: tally.map((t) => ({ ...t, areaCenti: t.areaCenti.toString() })),
    checks: outcome.checks,
    cast: outcome.cast,
    castAreaCenti: outcome.castAreaCenti,
    winner: outcome.winner,
    outcome: outcome.outcome,
    computedAt: at,
  };
  await tx.insert(voteResult).values(row);
  return { ...row, tally: row.tally };
}

/** The scheduler: closes open motions whose closing time has passed; each in its own transaction. */
export async function runVoteJobs(db: Db, at: Date): Promise<{ closed: number }> {
  const due = await db
    .select({ id: voteMotion.id })
    .from(voteMotion)
    .where(and(eq(voteMotion.state, 'open'), lte(voteMotion.closesAt, at)));
  let closed = 0;
  for (const { id } of due) {
    closed += await db.transaction(async (tx) => {
      const m = await loadMotion(tx, id, 'update');
      // Another node (or a hand) closed it meanwhile: nothing to do.
      if (m.state !== 'open' || m.closesAt > at) return 0;
      await move({ actor: SYSTEM_ACTOR, tx }, m, 'close', '截止时间已到，自动计票', at);
      return 1;
    });
  }
  return { closed };
}
