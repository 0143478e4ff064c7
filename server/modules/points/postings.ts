import { and, asc, desc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { PostingOut } from '../../../common/contracts/points.ts';
import { maskName } from '../../../common/masking.ts';
import { type Db, type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, hasPermission, SYSTEM_ACTOR } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, previousMonth, shanghaiMonth } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { runOnce } from '../../platform/jobs.ts';
import { loadOrgUnit, loadPerson } from '../org/index.ts';
import { appendEvent, loadClaim } from './claims.ts';
import { postEntry } from './ledger.ts';
import { noticeClaim } from './notices.ts';
import { claim, objection, pointsAccount, pointsSettings, posting, rule } from './schema.ts';

export type PostingRow = typeof posting.$inferSelect;
type Row = PostingOut['rows'][number];

/** How a person appears on a public board: masked, or not at all without consent. */
export const UNNAMED = '居民（未公开姓名）';
export function publicName(name: string, consent: boolean): string {
  return consent ? maskName(name) : UNNAMED;
}

async function windowDays(db: Executor, communityId: string): Promise<number> {
  const [s] = await db.select().from(pointsSettings).where(eq(pointsSettings.communityId, communityId));
  return s?.postingWindowDays ?? 7;
}

/**
 * 一月一公示: puts every approved claim of a community on a new posting, open for objections for the
 * community's window (default 7 days). What the public sees is frozen into the posting as published.
 */
export async function publishPosting(
  ctx: CommandContext,
  communityId: string,
  period: string,
  at: Date = now(),
  /** The scheduler posts only what was approved before the month began; the committee posts all. */
  approvedBefore?: Date,
): Promise<PostingRow> {
  const community = await loadOrgUnit(ctx.tx, communityId);
  if (community.kind !== 'community') throw new AppError('validation_failed', { field: 'communityId' });
  if (ctx.actor !== SYSTEM_ACTOR) authorize(ctx.actor, 'points:manage', { orgPath: community.path });
  const [exists] = await ctx.tx
    .select({ id: posting.id })
    .from(posting)
    .where(and(eq(posting.communityId, communityId), eq(posting.period, period)));
  if (exists) throw new AppError('posting_exists', { postingId: exists.id });
  const claims = await ctx.tx
    .select({ c: claim, r: rule, a: pointsAccount })
    .from(claim)
    .innerJoin(rule, eq(rule.id, claim.ruleId))
    .innerJoin(pointsAccount, eq(pointsAccount.id, claim.accountId))
    .where(
      and(
        eq(claim.communityId, communityId),
        eq(claim.state, 'approved'),
        isNull(claim.postingId),
        // An approved claim is not touched again until it is posted, so updated_at is its approval time.
        approvedBefore ? lt(claim.updatedAt, approvedBefore) : undefined,
      ),
    )
    .orderBy(asc(claim.deedDate))
    .for('update', { of: claim });
  if (claims.length === 0) throw new AppError('nothing_to_post');
  const rows: Omit<Row, 'revoked'>[] = [];
  for (const { c, r, a } of claims) {
    const person = c.personId ? await loadPerson(ctx.tx, c.personId) : null;
    rows.push({
      claimId: c.id,
      // Organisations are named in full; people masked, or not at all without consent.
      name:
        a.ownerType === 'social_org'
          ? a.displayName
          : publicName(person?.name ?? a.displayName, a.publicConsent),
      participant: c.participant as Row['participant'],
      ruleTitle: r.title,
      kind: c.kind as Row['kind'],
      points: c.kind === 'deduction' ? -c.points : c.points,
      deedDate: c.deedDate,
    });
  }
  const closesAt = new Date(at.getTime() + (await windowDays(ctx.tx, communityId)) * 86_400_000);
  const [p] = await ctx.tx
    .insert(posting)
    .values({
      districtId: community.districtId,
      communityId,
      orgPath: community.path,
      period,
      state: 'open',
      opensAt: at,
      closesAt,
      snapshot: JSON.stringify(rows),
    })
    .returning();
  const ids = claims.map((x) => x.c.id);
  await ctx.tx
    .update(claim)
    .set({ state: 'posted', postingId: p.id, updatedAt: at })
    .where(inArray(claim.id, ids));
  for (const id of ids) {
    await appendEvent(
      ctx.tx,
      { id },
      { action: 'post', from: 'approved', to: 'posted', actor: ctx.actor, note: `${period} 期公示` },
    );
  }
  await recordAudit(ctx, {
    action: 'points.posting_published',
    subjectType: 'posting',
    subjectId: p.id,
    orgPath: community.path,
    orgUnitId: communityId,
    summary: `${community.name} ${period} 期积分公示：${ids.length} 项，公示至 ${closesAt.toISOString()}`,
  });
  return p;
}

/** Credits one posted claim: one ledger entry, keyed by the claim, so a second attempt moves nothing. */
async function creditClaim(ctx: CommandContext, claimId: string, at: Date = now()) {
  const c = await loadClaim(ctx.tx, claimId, true);
  if (c.state !== 'posted') return false;
  const deduction = c.kind === 'deduction';
  await postEntry(ctx.tx, {
    accountId: c.accountId,
    kind: deduction ? 'deduct' : 'earn',
    amount: deduction ? -c.points : c.points,
    causeType: 'claim',
    causeId: c.id,
    idempotencyKey: `claim:${c.id}`,
    ruleId: c.ruleId,
    rulebookVersion: c.rulebookVersion,
    actorUserId: ctx.actor.userId,
    at,
  });
  await ctx.tx.update(claim).set({ state: 'credited', updatedAt: at }).where(eq(claim.id, c.id));
  await appendEvent(ctx.tx, c, { action: 'credit', from: 'posted', to: 'credited', actor: ctx.actor, at });
  await noticeClaim(ctx.tx, c, 'credited');
  return true;
}

/**
 * Closes a posting whose window has ended: credits every claim on it without an objection still
 * open or upheld (a claim with an open objection waits for the committee's decision).
 */
export async function closePosting(ctx: CommandContext, postingId: string, at: Date = now()) {
  const [p] = await ctx.tx.select().from(posting).where(eq(posting.id, postingId)).for('update');
  if (!p || p.state === 'closed' || p.closesAt > at) return 0;
  const held = await ctx.tx
    .select({ claimId: objection.claimId })
    .from(objection)
    .where(and(eq(objection.postingId, postingId), eq(objection.state, 'open')));
  const heldIds = new Set(held.map((h) => h.claimId));
  const posted = await ctx.tx
    .select({ id: claim.id })
    .from(claim)
    .where(and(eq(claim.postingId, postingId), eq(claim.state, 'posted')));
  let credited = 0;
  for (const { id } of posted) if (!heldIds.has(id) && (await creditClaim(ctx, id, at))) credited++;
  await ctx.tx.update(posting).set({ state: 'closed', closedAt: at }).where(eq(posting.id, postingId));
  await recordAudit(ctx, {
    action: 'points.posting_closed',
    subjectType: 'posting',
    subjectId: postingId,
    orgPath: p.orgPath,
    orgUnitId: p.communityId,
    summary: `${p.period} 期公示期满：记入 ${credited} 项${heldIds.size ? `，${heldIds.size} 项异议待处理` : ''}`,
  });
  return credited;
}

/**
 * The scheduler's job, safe to run any number of times on any number of nodes: at the turn of the
 * month publish last month's approved claims; close every posting whose window has ended.
 */
export async function runPostingJobs(db: Db, at: Date = now()) {
  const month = shanghaiMonth(at);
  const period = previousMonth(month);
  const monthStart = new Date(`${month}-01T00:00:00+08:00`);
  const communities = await db
    .selectDistinct({ id: claim.communityId })
    .from(claim)
    .where(and(eq(claim.state, 'approved'), isNull(claim.postingId), lt(claim.updatedAt, monthStart)));
  let published = 0;
  for (const { id } of communities) {
    const ran = await runOnce(db, 'points.publish', `${id}:${period}`, async (tx) => {
      const [exists] = await tx
        .select({ id: posting.id })
        .from(posting)
        .where(and(eq(posting.communityId, id), eq(posting.period, period)));
      if (!exists) await publishPosting({ actor: SYSTEM_ACTOR, tx }, id, period, at, monthStart);
    });
    if (ran) published++;
  }
  const due = await db
    .select({ id: posting.id })
    .from(posting)
    .where(and(eq(posting.state, 'open'), lte(posting.closesAt, at)));
  let credited = 0;
  for (const { id } of due) {
    await runOnce(db, 'points.close', id, async (tx) => {
      credited += await closePosting({ actor: SYSTEM_ACTOR, tx }, id, at);
    });
  }
  return { published, closed: due.length, credited };
}

function isResidentOf(actor: Actor, communityPath: string): boolean {
  return actor.grants.some((g) => hasPermission(g, 'points:object') && g.orgPath.startsWith(communityPath));
}

/** Any resident of the community may object to a posted claim while the window is open. */
export async function fileObjection(ctx: CommandContext, claimId: string, reason: string) {
  const c = await loadClaim(ctx.tx, claimId);
  if (!c.postingId) throw new AppError('not_on_posting');
  const [p] = await ctx.tx.select().from(posting).where(eq(posting.id, c.postingId));
  if (!isResidentOf(ctx.actor, p.orgPath)) throw new AppError('forbidden');
  if (c.state !== 'posted') throw new AppError('not_on_posting');
  if (p.state !== 'open' || p.closesAt <= now()) throw new AppError('posting_closed');
  const [dup] = await ctx.tx
    .select({ id: objection.id })
    .from(objection)
    .where(and(eq(objection.claimId, claimId), eq(objection.objectorUserId, ctx.actor.userId!)));
  if (dup) throw new AppError('already_objected');
  const [o] = await ctx.tx
    .insert(objection)
    .values({
      postingId: p.id,
      claimId,
      orgPath: p.orgPath,
      objectorUserId: ctx.actor.userId!,
      reason,
      state: 'open',
    })
    .returning();
  const appeal = ctx.actor.personId === c.personId;
  await appendEvent(ctx.tx, c, {
    action: appeal ? 'appeal' : 'objection',
    from: 'posted',
    to: 'posted',
    actor: ctx.actor,
    note: appeal ? `本人申诉：${reason}` : '收到异议（异议人信息不公开）',
  });
  await recordAudit(ctx, {
    action: 'points.objection_filed',
    subjectType: 'objection',
    subjectId: o.id,
    orgPath: p.orgPath,
    orgUnitId: p.communityId,
    summary: `对 ${p.period} 期公示的一项积分提出${appeal ? '申诉' : '异议'}`,
  });
  return presentObjection(ctx.actor, o);
}

/** The committee upholds (the claim is revoked, with the reason) or dismisses (it goes on to credit). */
export async function decideObjection(
  ctx: CommandContext,
  id: string,
  decision: 'uphold' | 'dismiss',
  note: string,
) {
  const [o] = await ctx.tx.select().from(objection).where(eq(objection.id, id)).for('update');
  if (!o) throw new AppError('not_found');
  authorize(ctx.actor, 'points:review', { orgPath: o.orgPath });
  if (o.state !== 'open') throw new AppError('objection_decided');
  const c = await loadClaim(ctx.tx, o.claimId, true);
  const [row] = await ctx.tx
    .update(objection)
    .set({
      state: decision === 'uphold' ? 'upheld' : 'dismissed',
      decidedBy: ctx.actor.userId,
      decisionNote: note,
      decidedAt: now(),
    })
    .where(eq(objection.id, id))
    .returning();
  if (decision === 'uphold' && c.state === 'posted') {
    await ctx.tx.update(claim).set({ state: 'revoked', updatedAt: now() }).where(eq(claim.id, c.id));
    await appendEvent(ctx.tx, c, { action: 'revoke', from: 'posted', to: 'revoked', actor: ctx.actor, note });
    await noticeClaim(ctx.tx, c, 'revoked', note);
  }
  if (decision === 'dismiss') {
    await appendEvent(ctx.tx, c, {
      action: 'objection_dismissed',
      from: c.state as 'posted',
      to: c.state as 'posted',
      actor: ctx.actor,
      note,
    });
    // After the window closed, a dismissed objection was the last thing holding the claim back.
    const [p] = await ctx.tx.select().from(posting).where(eq(posting.id, o.postingId));
    const [open] = await ctx.tx
      .select({ n: sql<number>`count(*)::int` })
      .from(objection)
      .where(and(eq(objection.claimId, c.id), eq(objection.state, 'open')));
    if (p.state === 'closed' && open.n === 0) await creditClaim(ctx, c.id);
  }
  await recordAudit(ctx, {
    action: decision === 'uphold' ? 'points.objection_upheld' : 'points.objection_dismissed',
    subjectType: 'objection',
    subjectId: id,
    orgPath: o.orgPath,
    summary: `${decision === 'uphold' ? '异议成立，撤销该项积分' : '异议不成立'}：${note}`,
  });
  return presentObjection(ctx.actor, row);
}

function presentObjection(actor: Actor, o: typeof objection.$inferSelect) {
  return {
    id: o.id,
    postingId: o.postingId,
    claimId: o.claimId,
    reason: o.reason,
    state: o.state as 'open' | 'upheld' | 'dismissed',
    decisionNote: o.decisionNote,
    createdAt: o.createdAt.toISOString(),
    allowed: allowedActions(actor, { orgPath: o.orgPath }, ['points:review']),
  };
}

export async function listObjections({ actor, db }: QueryContext, q: { postingId?: string; state?: string }) {
  const rows = await db
    .select()
    .from(objection)
    .where(
      and(
        q.postingId ? eq(objection.postingId, q.postingId) : undefined,
        q.state ? eq(objection.state, q.state) : undefined,
      ),
    )
    .orderBy(desc(objection.createdAt))
    .limit(500);
  // The committee sees objections in its scope; anyone else only their own.
  const visible = rows.filter(
    (o) =>
      o.objectorUserId === actor.userId ||
      allowedActions(actor, { orgPath: o.orgPath }, ['points:review']).length > 0,
  );
  return { items: visible.map((o) => presentObjection(actor, o)) };
}

export async function loadPosting(db: Executor, id: string): Promise<PostingRow> {
  const [p] = await db.select().from(posting).where(eq(posting.id, id));
  if (!p) throw new AppError('not_found');
  return p;
}

/** A posting as published (frozen rows), with which of its claims were revoked since. */
export async function presentPosting(db: Executor, actor: Actor | null, p: PostingRow): Promise<PostingOut> {
  const rows = JSON.parse(p.snapshot) as Omit<Row, 'revoked'>[];
  const [community, revoked, [{ n }]] = await readAll(db, [
    () => loadOrgUnit(db, p.communityId),
    () =>
      rows.length
        ? db
            .select({ id: claim.id })
            .from(claim)
            .where(and(eq(claim.postingId, p.id), eq(claim.state, 'revoked')))
        : Promise.resolve([]),
    () => db.select({ n: sql<number>`count(*)::int` }).from(objection).where(eq(objection.postingId, p.id)),
  ]);
  const revokedIds = new Set(revoked.map((r) => r.id));
  return {
    id: p.id,
    communityId: p.communityId,
    communityName: community.name,
    period: p.period,
    state: p.state as 'open' | 'closed',
    opensAt: p.opensAt.toISOString(),
    closesAt: p.closesAt.toISOString(),
    rows: rows.map((r) => ({ ...r, revoked: revokedIds.has(r.claimId) })),
    objections: n,
    allowed: actor ? allowedActions(actor, { orgPath: p.orgPath }, ['points:review', 'points:manage']) : [],
  };
}

export async function listPostings(db: Executor, communityId: string) {
  return db.select().from(posting).where(eq(posting.communityId, communityId)).orderBy(desc(posting.opensAt));
}
