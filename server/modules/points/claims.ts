import { and, asc, desc, eq, gte, lte, notInArray, type SQL, sql, count } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ClaimAction,
  ClaimOut,
  ClaimState,
  claimCreate,
  claimQuery,
  claimTransition,
} from '../../../common/contracts/points.ts';
import type { Executor } from '../../db/client.ts';
import {
  type Actor,
  allowedActions,
  authorize,
  can,
  scopeCondition,
  type Target,
} from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import {
  communityPathOf,
  gridWorkerOf,
  homeOf,
  loadPartnerUnit,
  loadPerson,
  nameOrgUnits,
  pathIds,
  underUnit,
} from '../org/index.ts';
import { type AccountRow, ensurePersonAccount, ensureSocialOrgAccount, setConsentFlag } from './accounts.ts';
import { canMove, NEEDS_NOTE, TRANSITIONS } from './claim-machine.ts';
import { type ClaimNotice, noticeClaim } from './notices.ts';
import { ruleInForce } from './rulebooks.ts';
import { claim, claimEvent, pointsAccount, rule } from './schema.ts';

export type ClaimRow = typeof claim.$inferSelect;
type Declarer = 'self' | 'grid_worker' | 'committee' | 'system';
type Participant = 'resident' | 'gig_worker' | 'volunteer' | 'social_org';

export function claimTarget(c: ClaimRow): Target {
  return { orgPath: c.orgPath, householdIds: c.householdId ? [c.householdId] : [] };
}

export async function loadClaim(db: Executor, id: string, lock = false): Promise<ClaimRow> {
  const q = db.select().from(claim).where(eq(claim.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

export async function appendEvent(
  tx: Executor,
  c: { id: string },
  e: {
    action: string;
    from: ClaimState | null;
    to: ClaimState;
    actor: Actor;
    note?: string | null;
    at?: Date;
  },
) {
  await tx.insert(claimEvent).values({
    claimId: c.id,
    action: e.action,
    fromState: e.from,
    toState: e.to,
    actorUserId: e.actor.userId,
    actorName: e.actor.displayName,
    note: e.note ?? null,
    at: e.at ?? now(),
  });
}

/** The participant types a person may claim as: everyone is a resident; tags add the others. */
function participantsOf(tags: string[]): Participant[] {
  const out: Participant[] = ['resident'];
  if (tags.includes('gig_worker')) out.push('gig_worker');
  if (tags.includes('volunteer')) out.push('volunteer');
  return out;
}

/** Points already claimed (and not refused) under a rule code by an account in a date range. */
async function claimedBetween(tx: Executor, accountId: string, code: string, from: string, to: string) {
  const [r] = await tx
    .select({ sum: sql<number>`coalesce(sum(${claim.points}), 0)::int` })
    .from(claim)
    .innerJoin(rule, eq(rule.id, claim.ruleId))
    .where(
      and(
        eq(claim.accountId, accountId),
        eq(rule.code, code),
        gte(claim.deedDate, from),
        lte(claim.deedDate, to),
        notInArray(claim.state, ['rejected', 'withdrawn', 'revoked']),
      ),
    );
  return r.sum;
}

/** "2026-09" → "2026-09-30". */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Caps per person per day, month and year, counted in points over claims still alive. */
async function checkCaps(
  tx: Executor,
  accountId: string,
  r: typeof rule.$inferSelect,
  deedDate: string,
  points: number,
  excludeOwn = 0,
) {
  const y = deedDate.slice(0, 4);
  const m = deedDate.slice(0, 7);
  const windows: [number | null, string, string][] = [
    [r.capDay, deedDate, deedDate],
    [r.capMonth, `${m}-01`, lastDayOf(m)],
    [r.capYear, `${y}-01-01`, `${y}-12-31`],
  ];
  for (const [cap, from, to] of windows) {
    if (cap === null) continue;
    const used = (await claimedBetween(tx, accountId, r.code, from, to)) - excludeOwn;
    if (used + points > cap) throw new AppError('cap_exceeded', { cap, used, points });
  }
}

export type SystemClaim = {
  personId: string;
  ruleCode: string;
  quantity: number;
  deedDate: string;
  description: string;
  /** Unique per source (e.g. `case:<id>`): raising the same claim twice returns the first. */
  sourceKey: string;
  participant?: Participant;
  /** Claims from a module that already verified the deed (attendance confirmed) skip the grid check. */
  initialState?: 'submitted' | 'checked';
};

/** Who a claim is for: a person (through their household) or a social organisation. */
type Claimant = {
  districtId: string;
  communityId: string;
  communityPath: string;
  orgPath: string;
  orgUnitId: string;
  householdId: string | null;
  personId: string | null;
  name: string;
  participants: Participant[];
  account: (tx: Executor) => Promise<AccountRow>;
};

async function personClaimant(tx: Executor, personId: string): Promise<Claimant> {
  const person = await loadPerson(tx, personId);
  const home = await homeOf(tx, personId);
  if (!home) throw new AppError('validation_failed', { reason: 'person has no household' });
  return {
    districtId: person.districtId,
    communityId: home.communityId,
    communityPath: home.communityPath,
    orgPath: home.orgPath,
    orgUnitId: home.buildingId,
    householdId: home.householdId,
    personId,
    name: person.name,
    participants: participantsOf(person.tags),
    account: (db) => ensurePersonAccount(db, personId),
  };
}

/** 社会组织: a partner unit of kind social_org earns points as an organisation. */
async function orgClaimant(tx: Executor, partnerUnitId: string): Promise<Claimant> {
  const unit = await loadPartnerUnit(tx, partnerUnitId);
  if (unit.kind !== 'social_org') throw new AppError('rule_not_for_participant');
  const communityPath = communityPathOf(unit.orgPath);
  if (!communityPath) throw new AppError('validation_failed', { field: 'partnerUnitId' });
  return {
    districtId: unit.districtId,
    communityId: pathIds(communityPath)[2],
    communityPath,
    orgPath: unit.orgPath,
    orgUnitId: unit.orgUnitId,
    householdId: null,
    personId: null,
    name: unit.name,
    participants: ['social_org'],
    account: (db) => ensureSocialOrgAccount(db, unit),
  };
}

/**
 * Declares a claim. The claimant is the person themselves (self), someone in the grid worker's or
 * committee's scope, or a social organisation (on their behalf). A grid worker's own declaration
 * counts as the field check (网格初核), so it starts checked; a committee declaration still needs it.
 */
export async function declareClaim(
  ctx: CommandContext,
  input: z.infer<typeof claimCreate>,
): Promise<ClaimOut> {
  const personId = input.partnerUnitId ? null : (input.personId ?? ctx.actor.personId);
  if (!personId && !input.partnerUnitId) throw new AppError('validation_failed', { field: 'personId' });
  const who = personId
    ? await personClaimant(ctx.tx, personId)
    : await orgClaimant(ctx.tx, input.partnerUnitId!);
  const target: Target = { orgPath: who.orgPath, householdIds: who.householdId ? [who.householdId] : [] };
  let via: Declarer;
  if (personId && personId === ctx.actor.personId) via = 'self';
  else if (can(ctx.actor, 'points:check', target)) via = 'grid_worker';
  else if (can(ctx.actor, 'points:review', target)) via = 'committee';
  else {
    authorize(ctx.actor, 'points:check', target); // throws 404 out of scope, 403 in scope
    throw new AppError('forbidden');
  }
  authorize(ctx.actor, 'points:declare', target);
  const out = await insertClaim(ctx, { ...input, via, who });
  // Consent to public posting may be given with the first claim (and withdrawn later).
  if (via === 'self' && personId && input.publicConsent !== undefined) {
    await setConsentFlag(ctx.tx, personId, input.publicConsent);
  }
  return out;
}

/** A claim raised by another module inside its own transaction (a case's hazard report, volunteer hours). */
export async function raiseSystemClaim(ctx: CommandContext, input: SystemClaim): Promise<ClaimOut> {
  const [existing] = await ctx.tx.select().from(claim).where(eq(claim.sourceKey, input.sourceKey));
  if (existing) return presentClaim(ctx.tx, ctx.actor, existing);
  const who = await personClaimant(ctx.tx, input.personId);
  return insertClaim(ctx, { ...input, photoIds: [], via: 'system', who });
}

async function insertClaim(
  ctx: CommandContext,
  input: {
    ruleCode: string;
    quantity: number;
    deedDate: string;
    description: string;
    photoIds: string[];
    participant?: Participant;
    via: Declarer;
    sourceKey?: string;
    initialState?: 'submitted' | 'checked';
    who: Claimant;
  },
): Promise<ClaimOut> {
  const { who } = input;
  if (input.deedDate > shanghaiDate()) throw new AppError('deed_in_future');
  const { rule: r, book } = await ruleInForce(ctx.tx, who.communityPath, input.ruleCode, input.deedDate);
  if (!r.declarers.includes(input.via)) throw new AppError('rule_not_declarable', { via: input.via });
  const participant = input.participant ?? who.participants.find((p) => r.participants.includes(p));
  if (!participant || !who.participants.includes(participant) || !r.participants.includes(participant)) {
    throw new AppError('rule_not_for_participant');
  }
  // A resident's own declaration needs the photo; a grid worker declaring has seen the deed in person.
  if (r.evidence === 'photo' && input.photoIds.length === 0 && input.via === 'self') {
    throw new AppError('evidence_required');
  }
  const account = await who.account(ctx.tx);
  const points = r.pointsPerUnit * input.quantity;
  // Serialise claims of one account so two at once cannot both slip under a cap.
  await ctx.tx.execute(sql`select 1 from points_account where id = ${account.id} for update`);
  await checkCaps(ctx.tx, account.id, r, input.deedDate, points);
  const state: ClaimState = input.initialState ?? (input.via === 'grid_worker' ? 'checked' : 'submitted');
  const [row] = await ctx.tx
    .insert(claim)
    .values({
      districtId: who.districtId,
      communityId: who.communityId,
      orgPath: who.orgPath,
      householdId: who.householdId,
      accountId: account.id,
      personId: who.personId,
      participant,
      ruleId: r.id,
      rulebookId: book.id,
      rulebookVersion: book.version,
      kind: r.kind,
      quantity: input.quantity,
      points,
      deedDate: input.deedDate,
      description: input.description,
      photoIds: input.photoIds,
      declaredVia: input.via,
      declaredBy: ctx.actor.userId,
      checkedBy: state === 'checked' && input.via === 'grid_worker' ? ctx.actor.userId : null,
      sourceKey: input.sourceKey ?? null,
      state,
    })
    .returning();
  await appendEvent(ctx.tx, row, {
    action: 'declare',
    from: null,
    to: state,
    actor: ctx.actor,
    note: input.via === 'grid_worker' ? '网格员代为申报并现场核实' : null,
  });
  await recordAudit(ctx, {
    action: r.kind === 'deduction' ? 'points.deduction_started' : 'points.claim_declared',
    subjectType: 'claim',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: who.orgUnitId,
    summary: `${who.name}：${r.title} ×${input.quantity}（${r.kind === 'deduction' ? '-' : '+'}${points} 分，第 ${book.version} 版细则）`,
  });
  if (r.kind === 'deduction') await noticeClaim(ctx.tx, row, 'deduction_started', input.description);
  return presentClaim(ctx.tx, ctx.actor, row);
}

/**
 * Why the actor may not make this move on this claim, or null if they may. One function serves the
 * command (which throws the reason) and the `actions` list the UI shows.
 */
/** The grid worker of the claim's building, looked up at most once however many moves ask. */
function buildingWorker(db: Executor, c: ClaimRow): () => Promise<string | null> {
  let found: Promise<string | null> | undefined;
  return () => {
    found ??= gridWorkerOf(db, pathIds(c.orgPath).at(-1)!);
    return found;
  };
}

async function refusal(
  actor: Actor,
  c: ClaimRow,
  action: ClaimAction,
  workerOfBuilding: () => Promise<string | null>,
): Promise<
  'illegal_transition' | 'forbidden' | 'separation_of_duties' | 'not_grid_worker_of_building' | null
> {
  if (!canMove(c.state as ClaimState, action)) return 'illegal_transition';
  const t = claimTarget(c);
  const own = actor.personId !== null && actor.personId === c.personId;
  switch (TRANSITIONS[action].by) {
    case 'claimant':
      return own || (actor.userId !== null && actor.userId === c.declaredBy) ? null : 'forbidden';
    case 'checker': {
      if (!can(actor, 'points:check', t)) return 'forbidden';
      if (own || actor.userId === c.declaredBy) return 'separation_of_duties';
      const worker = await workerOfBuilding();
      return worker && worker !== actor.userId ? 'not_grid_worker_of_building' : null;
    }
    case 'reviewer':
      if (!can(actor, 'points:review', t)) return 'forbidden';
      if (own || actor.userId === c.declaredBy || actor.userId === c.checkedBy) return 'separation_of_duties';
      return null;
  }
}

export async function transitionClaim(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof claimTransition>,
): Promise<ClaimOut> {
  // The row lock makes concurrent moves queue: the second sees the new state and is refused.
  const c = await loadClaim(ctx.tx, id, true);
  authorize(ctx.actor, 'points:read', claimTarget(c));
  const why = await refusal(ctx.actor, c, input.action, buildingWorker(ctx.tx, c));
  if (why)
    throw new AppError(
      why,
      why === 'illegal_transition' ? { state: c.state, action: input.action } : undefined,
    );
  if (NEEDS_NOTE.includes(input.action) && !input.note)
    throw new AppError('validation_failed', { field: 'note' });
  const to = TRANSITIONS[input.action].to;
  const patch: Partial<ClaimRow> = { state: to, updatedAt: now() };
  if (input.action === 'check_pass') {
    patch.checkedBy = ctx.actor.userId;
    if (input.quantity && input.quantity !== c.quantity) {
      const [r] = await ctx.tx.select().from(rule).where(eq(rule.id, c.ruleId));
      const points = r.pointsPerUnit * input.quantity;
      await checkCaps(ctx.tx, c.accountId, r, c.deedDate, points, c.points);
      Object.assign(patch, { quantity: input.quantity, points });
    }
  }
  if (input.action === 'approve') patch.approvedBy = ctx.actor.userId;
  const [row] = await ctx.tx.update(claim).set(patch).where(eq(claim.id, id)).returning();
  const adjusted = patch.quantity ? `数量调整为 ${patch.quantity}` : null;
  await appendEvent(ctx.tx, row, {
    action: input.action,
    from: c.state as ClaimState,
    to,
    actor: ctx.actor,
    note: [adjusted, input.note].filter(Boolean).join('；') || null,
  });
  await recordAudit(ctx, {
    action: `points.claim_${PAST[input.action]}`,
    subjectType: 'claim',
    subjectId: id,
    orgPath: c.orgPath,
    summary: `积分申报 ${c.state} → ${to}${input.note ? `：${input.note}` : ''}`,
  });
  const heard = NOTICE_OF[input.action];
  if (heard) await noticeClaim(ctx.tx, row, heard, input.note);
  return presentClaim(ctx.tx, ctx.actor, row);
}

/** The moves the person the claim is about hears of (the others are their own, or internal). */
const NOTICE_OF: Partial<Record<ClaimAction, ClaimNotice>> = {
  ask_more: 'returned_for_info',
  check_reject: 'rejected_at_check',
  approve: 'approved',
  reject: 'rejected',
};

const PAST: Record<ClaimAction, string> = {
  check_pass: 'checked',
  ask_more: 'returned_for_info',
  check_reject: 'rejected_at_check',
  resubmit: 'resubmitted',
  withdraw: 'withdrawn',
  approve: 'approved',
  reject: 'rejected',
};

/** The committee's batch approval: each claim on its own terms; failures are reported, not fatal. */
export async function batchApprove(
  db: import('../../db/client.ts').Db,
  actor: Actor,
  request: CommandContext['request'],
  ids: string[],
  note?: string,
) {
  const approved: string[] = [];
  const failed: { claimId: string; code: string }[] = [];
  for (const id of ids) {
    try {
      await db.transaction((tx) => transitionClaim({ actor, tx, request }, id, { action: 'approve', note }));
      approved.push(id);
    } catch (err) {
      failed.push({ claimId: id, code: err instanceof AppError ? err.code : 'internal' });
      if (!(err instanceof AppError)) throw err;
    }
  }
  return { approved, failed };
}

export async function getClaim({ actor, db }: QueryContext, id: string): Promise<ClaimOut> {
  const c = await loadClaim(db, id);
  authorize(actor, 'points:read', claimTarget(c));
  return presentClaim(db, actor, c);
}

export async function listClaims({ actor, db }: QueryContext, q: z.infer<typeof claimQuery>) {
  const where: (SQL | undefined)[] = [
    scopeCondition(actor, 'points:read', claim.orgPath, (hid) => eq(claim.householdId, hid)),
  ];
  if (q.state) where.push(eq(claim.state, q.state));
  if (q.mine) where.push(actor.personId ? eq(claim.personId, actor.personId) : sql`false`);
  if (q.personId) where.push(eq(claim.personId, q.personId));
  if (q.orgUnitId) where.push(await underUnit(db, claim.orgPath, q.orgUnitId));
  if (q.queue === 'check')
    where.push(eq(claim.state, 'submitted'), scopeCondition(actor, 'points:check', claim.orgPath));
  if (q.queue === 'review')
    where.push(eq(claim.state, 'checked'), scopeCondition(actor, 'points:review', claim.orgPath));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(claim)
      .where(cond)
      .orderBy(q.queue ? asc(claim.createdAt) : desc(claim.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(claim).where(cond),
  ]);
  const items = [];
  for (const r of rows) items.push(await presentClaim(db, actor, r));
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

export async function presentClaim(db: Executor, actor: Actor, c: ClaimRow): Promise<ClaimOut> {
  // One query after another: `db` may be a transaction, whose single connection takes one at a time.
  const [r] = await db.select().from(rule).where(eq(rule.id, c.ruleId));
  const events = await db
    .select()
    .from(claimEvent)
    .where(eq(claimEvent.claimId, c.id))
    .orderBy(asc(claimEvent.id));
  const claimantName = c.personId
    ? (await loadPerson(db, c.personId)).name
    : ((
        await db
          .select({ n: pointsAccount.displayName })
          .from(pointsAccount)
          .where(eq(pointsAccount.id, c.accountId))
      )[0]?.n ?? '');
  const names = await nameOrgUnits(db, pathIds(c.orgPath).slice(2));
  const actions: ClaimAction[] = [];
  const worker = buildingWorker(db, c);
  for (const a of Object.keys(TRANSITIONS) as ClaimAction[]) {
    if (canMove(c.state as ClaimState, a) && !(await refusal(actor, c, a, worker))) actions.push(a);
  }
  return {
    id: c.id,
    state: c.state as ClaimState,
    kind: c.kind as ClaimOut['kind'],
    ruleCode: r.code,
    ruleTitle: r.title,
    rulebookVersion: c.rulebookVersion,
    quantity: c.quantity,
    points: c.points,
    deedDate: c.deedDate,
    description: c.description,
    photoIds: c.photoIds,
    personId: c.personId,
    claimantName,
    participant: c.participant as Participant,
    address: pathIds(c.orgPath)
      .slice(2)
      .map((id) => names.get(id) ?? '')
      .join(' · '),
    declaredVia: c.declaredVia as Declarer,
    postingId: c.postingId,
    createdAt: c.createdAt.toISOString(),
    timeline: events.map((e) => ({
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actorName: e.actorName,
      note: e.note,
      at: e.at.toISOString(),
    })),
    actions,
    allowed: allowedActions(actor, claimTarget(c), ['points:check', 'points:review', 'points:manage']),
  };
}
