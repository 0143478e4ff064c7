import { and, asc, count, desc, eq, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CaseAction,
  CaseKind,
  CaseOut,
  CaseState,
  caseCreate,
  caseQuery,
  caseTransition,
  duplicatesQuery,
  MatterLevel,
} from '../../../common/contracts/cases.ts';
import { maskName } from '../../../common/masking.ts';
import type { Role } from '../../../common/roles.ts';
import type { Executor } from '../../db/client.ts';
import {
  type Actor,
  allowedActions,
  can,
  hasPermission,
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
  loadOrgUnit,
  loadPartnerUnit,
  loadPerson,
  nameOrgUnits,
  pathIds,
  underUnit,
} from '../org/index.ts';
import { raiseSystemClaim } from '../points/index.ts';
import {
  canMove,
  LEVEL_RANK,
  LOW_RATING,
  LOW_RATING_STATE,
  NEEDS_NOTE,
  NEXT_LEVEL,
  OPEN_STATES,
  TRANSITIONS,
} from './case-machine.ts';
import { assertPartyAssignee } from './assignees.ts';
import { categoryFor } from './categories.ts';
import { raiseEmergency } from './emergency.ts';
import { caseEvent, caseWhistle, civicCase } from './schema.ts';
import {
  emergencyActionsFor,
  isOverdue,
  notifiedCondition,
  onCaseMove,
  overdueCondition,
  presentTimer,
  startTimer,
  timersOf,
  wasNotified,
} from './timers.ts';
import { presentWhistle } from './whistle-view.ts';

export type CaseRow = typeof civicCase.$inferSelect;

const HOUR = 3_600_000;
/** 楼栋长 handles 家事, 小区党支部 also 众事, 社区 every level. */
const ROLE_RANK: Partial<Record<Role, number>> = {
  building_leader: 0,
  compound_secretary: 1,
  community_staff: 2,
};

export function caseTarget(c: CaseRow): Target {
  return { orgPath: c.orgPath, householdIds: c.householdId ? [c.householdId] : [] };
}

export async function loadCase(db: Executor, id: string, lock = false): Promise<CaseRow> {
  const q = db.select().from(civicCase).where(eq(civicCase.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** The departments (ids) an actor works for, through department_staff grants. */
export function departmentsOf(actor: Actor): string[] {
  return actor.grants.flatMap((g) =>
    g.departmentId && hasPermission(g, 'cases:report_in') ? [g.departmentId] : [],
  );
}

export async function whistledDepartments(db: Executor, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ d: caseWhistle.departmentId })
    .from(caseWhistle)
    .where(eq(caseWhistle.caseId, caseId));
  return rows.map((r) => r.d);
}

/** Who sees a case: its scope, its reporter, its assignee, and departments whistled for it. */
function sees(actor: Actor, c: CaseRow, departments: string[]): boolean {
  if (can(actor, 'cases:read', caseTarget(c))) return true;
  if (actor.userId && actor.userId === c.reporterUserId) return true;
  if (actor.personId && actor.personId === c.assigneePersonId) return true;
  const mine = departmentsOf(actor);
  return departments.some((d) => mine.includes(d));
}

/** Out of sight → 404: a sibling community never learns the case exists. */
export function authorizeSee(actor: Actor, c: CaseRow, departments: string[]): void {
  if (!sees(actor, c, departments)) throw new AppError('not_found');
}

/** The highest level the actor may handle on this case (-1: none). */
function handlerRank(actor: Actor, c: CaseRow): number {
  let best = -1;
  for (const g of actor.grants) {
    if (!hasPermission(g, 'cases:handle') || !c.orgPath.startsWith(g.orgPath)) continue;
    best = Math.max(best, ROLE_RANK[g.role] ?? -1);
  }
  return best;
}

/** The building a case sits in, when its place is a building (district/sub/community/compound/building). */
function buildingOf(c: CaseRow): string | null {
  const ids = pathIds(c.orgPath);
  return ids.length === 5 ? ids[4] : null;
}

type Refusal =
  | 'illegal_transition'
  | 'forbidden'
  | 'not_case_checker'
  | 'not_case_level'
  | 'not_case_assignee'
  | 'not_case_reporter';

/** Why the actor may not make this move now, or null. Serves the command and the `actions` list. */
async function refusal(db: Executor, actor: Actor, c: CaseRow, action: CaseAction): Promise<Refusal | null> {
  if (!canMove(c.state as CaseState, action)) return 'illegal_transition';
  const t = caseTarget(c);
  switch (TRANSITIONS[action].by) {
    case 'reporter':
      return actor.userId !== null && actor.userId === c.reporterUserId ? null : 'not_case_reporter';
    case 'checker': {
      if (!can(actor, 'cases:check', t)) return 'forbidden';
      const building = buildingOf(c);
      const worker = building ? await gridWorkerOf(db, building) : null;
      return worker && worker !== actor.userId ? 'not_case_checker' : null;
    }
    case 'level': {
      const rank = handlerRank(actor, c);
      if (rank < 0) return 'forbidden';
      if (action === 'classify') return null;
      return rank >= LEVEL_RANK[c.matterLevel as MatterLevel] ? null : 'not_case_level';
    }
    case 'assignee':
      if (c.assigneeType === 'party_member')
        return actor.personId && actor.personId === c.assigneePersonId ? null : 'not_case_assignee';
      // A team or unit without its own account: the dispatching level records its moves.
      if (actor.userId === c.dispatcherUserId) return null;
      return c.matterLevel && handlerRank(actor, c) >= LEVEL_RANK[c.matterLevel as MatterLevel]
        ? null
        : 'not_case_assignee';
  }
}

export async function appendCaseEvent(
  tx: Executor,
  caseId: string,
  e: {
    action: string;
    from: string | null;
    to: string;
    actor: Actor;
    note?: string | null;
    photoIds?: string[];
    at?: Date;
  },
) {
  await tx.insert(caseEvent).values({
    caseId,
    action: e.action,
    fromState: e.from,
    toState: e.to,
    actorUserId: e.actor.userId,
    actorName: e.actor.displayName,
    note: e.note ?? null,
    photoIds: e.photoIds ?? [],
    at: e.at ?? now(),
  });
}

/** Who reported a case and how: the reporter's household earns the points a valid report brings. */
export type Reporter = {
  via: string; // resident | party_member | grid_worker | building_leader | staff | open311
  householdId: string | null;
  personId: string | null;
  userId: string | null;
  name: string;
};

/** How the actor reports at this place: as staff in scope, or as a resident about their own home. */
async function reporterAt(ctx: CommandContext, unit: { path: string }): Promise<Reporter> {
  const { actor } = ctx;
  const base = { userId: actor.userId, name: actor.displayName };
  const staff = actor.grants.find(
    (g) => g.role !== 'resident' && hasPermission(g, 'cases:report') && unit.path.startsWith(g.orgPath),
  );
  if (staff) {
    const via = ['grid_worker', 'building_leader', 'safety_sentinel'].includes(staff.role)
      ? staff.role
      : 'staff';
    return { ...base, via, householdId: null, personId: actor.personId };
  }
  const resident = actor.grants.find((g) => g.role === 'resident' && hasPermission(g, 'cases:report'));
  if (resident && actor.personId) {
    const home = await homeOf(ctx.tx, actor.personId);
    if (home?.orgPath.startsWith(unit.path)) {
      const person = await loadPerson(ctx.tx, actor.personId);
      const via = person.tags.includes('party_member') ? 'party_member' : 'resident';
      return { ...base, via, householdId: home.householdId, personId: actor.personId };
    }
    throw new AppError('case_place_invalid');
  }
  throw new AppError('not_found');
}

/** 群众点单: a resident, grid worker, building leader or staff member reports a case. */
export async function reportCase(ctx: CommandContext, input: z.infer<typeof caseCreate>): Promise<CaseOut> {
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  if (!['building', 'compound', 'community'].includes(unit.kind)) throw new AppError('case_place_invalid');
  return fileCase(ctx, unit, input, await reporterAt(ctx, unit));
}

/**
 * Files a case at a place for a reporter the caller has already established: the app's own intake
 * (reportCase) and outside intake channels (Open311) both end here, so a case is born one way.
 */
export async function fileCase(
  ctx: CommandContext,
  unit: { id: string; path: string; kind: string },
  input: z.infer<typeof caseCreate>,
  who: Reporter,
): Promise<CaseOut> {
  if (!['building', 'compound', 'community'].includes(unit.kind)) throw new AppError('case_place_invalid');
  const cat = await categoryFor(ctx.tx, unit.path, input.categoryCode, input.kind);
  const communityPath = communityPathOf(unit.path)!;
  const at = now();
  const [row] = await ctx.tx
    .insert(civicCase)
    .values({
      districtId: pathIds(unit.path)[0],
      communityId: pathIds(communityPath)[2],
      orgUnitId: unit.id,
      orgPath: unit.path,
      householdId: who.householdId,
      kind: input.kind,
      categoryCode: cat.code,
      categoryName: cat.name,
      description: input.description,
      photoIds: input.photoIds,
      address: input.address ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      anonymous: input.anonymous,
      reporterUserId: who.userId,
      reporterPersonId: who.personId,
      reporterName: who.name,
      reportedVia: who.via,
      state: 'reported',
      checkDueAt: new Date(at.getTime() + cat.checkHours * HOUR),
      rateDays: cat.rateDays,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await appendCaseEvent(ctx.tx, row.id, {
    action: 'report',
    from: null,
    to: 'reported',
    actor: ctx.actor,
    photoIds: input.photoIds,
    at,
  });
  // The SLA engine: the grid check's deadline; an emergency's alert and its 1-minute/5-minute timers.
  await startTimer(ctx.tx, { caseId: row.id, kind: 'check', dueAt: row.checkDueAt, at });
  if (row.kind === 'emergency') await raiseEmergency(ctx, row, cat, at);
  await recordAudit(ctx, {
    action: 'cases.case_reported',
    subjectType: 'case',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `${cat.name}（${input.kind}）：${input.description.slice(0, 60)}`,
  });
  return presentCase(ctx.tx, ctx.actor, row);
}

/** Open cases of the same category in the same building or compound, shown before submitting. */
export async function findDuplicates({ actor, db }: QueryContext, q: z.infer<typeof duplicatesQuery>) {
  const unit = await loadOrgUnit(db, q.orgUnitId);
  const onBranch = actor.grants.some(
    (g) =>
      (hasPermission(g, 'cases:report') || hasPermission(g, 'cases:read')) &&
      (unit.path.startsWith(g.orgPath) || g.orgPath.startsWith(unit.path)),
  );
  if (!onBranch || !['building', 'compound', 'community'].includes(unit.kind))
    throw new AppError('not_found');
  // A building's duplicates may sit anywhere in its compound.
  const area = unit.kind === 'building' ? `/${pathIds(unit.path).slice(0, 4).join('/')}/` : unit.path;
  const since = new Date(now().getTime() - q.days * 24 * HOUR);
  const rows = await db
    .select()
    .from(civicCase)
    .where(
      and(
        eq(civicCase.categoryCode, q.categoryCode),
        sql`${civicCase.orgPath} like ${`${area}%`}`,
        inArray(civicCase.state, [...OPEN_STATES]),
        gte(civicCase.createdAt, since),
      ),
    )
    .orderBy(desc(civicCase.createdAt))
    .limit(20);
  const names = await nameOrgUnits(db, [...new Set(rows.flatMap((r) => pathIds(r.orgPath).slice(3)))]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      state: r.state as CaseState,
      description: r.description,
      place: pathIds(r.orgPath)
        .slice(3)
        .map((id) => names.get(id) ?? '')
        .join(' · '),
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The points claim a valid resident hazard or suggestion earns (same transaction as the check). */
async function raiseReportClaim(
  ctx: CommandContext,
  c: CaseRow,
): Promise<{ claimId: string | null; note: string | null }> {
  if (!['hazard', 'suggestion'].includes(c.kind)) return { claimId: null, note: null };
  if (!['resident', 'party_member'].includes(c.reportedVia) || !c.reporterPersonId)
    return { claimId: null, note: null };
  const cat = await categoryFor(ctx.tx, c.orgPath, c.categoryCode, c.kind as CaseKind);
  if (!cat.ruleCode) return { claimId: null, note: null };
  try {
    const claim = await raiseSystemClaim(ctx, {
      personId: c.reporterPersonId,
      ruleCode: cat.ruleCode,
      quantity: 1,
      deedDate: shanghaiDate(c.createdAt),
      description: `${c.categoryName}：${c.description}`.slice(0, 500),
      sourceKey: `case:${c.id}`,
      // The grid worker's check of the case is the claim's 网格初核.
      initialState: 'checked',
    });
    return { claimId: claim.id, note: `已生成积分申报（${cat.ruleCode}）` };
  } catch (err) {
    // A cap reached or a rule not open to the system must not block the check itself.
    if (err instanceof AppError && err.status < 500 && err.code !== 'not_found')
      return { claimId: null, note: `未生成积分申报：${err.code}` };
    throw err;
  }
}

export async function transitionCase(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof caseTransition>,
): Promise<CaseOut> {
  // The row lock queues concurrent moves: the second sees the new state and is refused.
  const c = await loadCase(ctx.tx, id, true);
  const departments = await whistledDepartments(ctx.tx, id);
  authorizeSee(ctx.actor, c, departments);
  const why = await refusal(ctx.tx, ctx.actor, c, input.action);
  if (why)
    throw new AppError(
      why,
      why === 'illegal_transition' ? { state: c.state, action: input.action } : undefined,
    );
  const need = (ok: unknown, field: string) => {
    if (!ok) throw new AppError('case_field_required', { field });
  };
  if (NEEDS_NOTE.includes(input.action)) need(input.note, 'note');
  const at = now();
  let to: CaseState = TRANSITIONS[input.action].to;
  const patch: Partial<CaseRow> = { updatedAt: at };
  const notes: string[] = [];
  if (input.meetingId) patch.meetingId = input.meetingId;
  switch (input.action) {
    case 'check_valid': {
      patch.checkedBy = ctx.actor.userId;
      const raised = await raiseReportClaim(ctx, c);
      if (raised.claimId) patch.pointsClaimId = raised.claimId;
      if (raised.note) notes.push(raised.note);
      break;
    }
    case 'check_invalid':
      patch.checkedBy = ctx.actor.userId;
      break;
    case 'check_duplicate': {
      need(input.duplicateOf, 'duplicateOf');
      const target = await loadCase(ctx.tx, input.duplicateOf!).catch(() => null);
      if (
        !target ||
        target.id === c.id ||
        target.communityId !== c.communityId ||
        !OPEN_STATES.includes(target.state as CaseState)
      )
        throw new AppError('case_duplicate_target');
      patch.checkedBy = ctx.actor.userId;
      patch.duplicateOfId = target.id;
      await appendCaseEvent(ctx.tx, target.id, {
        action: 'merge',
        from: target.state,
        to: target.state,
        actor: ctx.actor,
        note: `合并重复事项：${c.description.slice(0, 60)}`,
        at,
      });
      break;
    }
    case 'classify':
      need(input.level, 'level');
      patch.matterLevel = input.level;
      break;
    case 'pass_up': {
      const next = NEXT_LEVEL[c.matterLevel as MatterLevel];
      if (!next) throw new AppError('case_top_level');
      patch.matterLevel = next;
      notes.push(`上交至${LEVEL_NAMES[next]}`);
      break;
    }
    case 'dispatch': {
      need(input.assignee, 'assignee');
      const a = input.assignee!;
      const cat = await categoryFor(ctx.tx, c.orgPath, c.categoryCode, c.kind as CaseKind);
      let name = a.name ?? null;
      let personId: string | null = null;
      if (a.type === 'party_member') {
        need(a.ref && /^[0-9a-f-]{36}$/i.test(a.ref), 'assignee.ref');
        const p = await loadPerson(ctx.tx, a.ref!);
        if (p.districtId !== c.districtId) throw new AppError('not_found');
        await assertPartyAssignee(ctx.tx, p.id, c.orgPath);
        personId = p.id;
        name = p.name;
      } else if (a.type === 'partner_unit') {
        need(a.ref && /^[0-9a-f-]{36}$/i.test(a.ref), 'assignee.ref');
        const u = await loadPartnerUnit(ctx.tx, a.ref!);
        if (!c.orgPath.startsWith(u.orgPath)) throw new AppError('not_found');
        name = u.name;
      }
      need(name, 'assignee.name');
      Object.assign(patch, {
        dispatcherUserId: ctx.actor.userId,
        assigneeType: a.type,
        assigneePersonId: personId,
        assigneeRef: a.ref ?? null,
        assigneeName: name,
        acceptDueAt: new Date(at.getTime() + cat.acceptHours * HOUR),
      });
      notes.push(`派单给 ${name}`);
      break;
    }
    case 'accept': {
      const cat = await categoryFor(ctx.tx, c.orgPath, c.categoryCode, c.kind as CaseKind);
      patch.resolveDueAt = new Date(at.getTime() + cat.resolveHours * HOUR);
      break;
    }
    case 'decline':
      Object.assign(patch, clearedAssignee);
      notes.push(`${c.assigneeName ?? ''} 拒单`);
      break;
    case 'complete':
      patch.completedAt = at;
      break;
    case 'rate':
      need(input.rating, 'rating');
      patch.rating = input.rating!;
      patch.ratingComment = input.note ?? null;
      if (input.rating! <= LOW_RATING) {
        to = LOW_RATING_STATE;
        Object.assign(patch, clearedAssignee, { completedAt: null });
        notes.push(`评分 ${input.rating}，退回派单人重新办理`);
      } else {
        Object.assign(patch, {
          closedAt: at,
          closeReason: 'rated',
          resolution: departments.length > 0 ? 'escalated' : 'resolved_locally',
        });
        notes.push(`评分 ${input.rating}`);
      }
      break;
  }
  patch.state = to;
  const [row] = await ctx.tx.update(civicCase).set(patch).where(eq(civicCase.id, id)).returning();
  await appendCaseEvent(ctx.tx, id, {
    action: input.action,
    from: c.state,
    to,
    actor: ctx.actor,
    note: [...notes, input.note].filter(Boolean).join('；') || null,
    photoIds: input.photoIds,
    at,
  });
  await onCaseMove(ctx.tx, row, input.action, at, ctx.actor.userId);
  await recordAudit(ctx, {
    action: `cases.case_${PAST[input.action]}`,
    subjectType: 'case',
    subjectId: id,
    orgPath: c.orgPath,
    orgUnitId: c.orgUnitId,
    summary: `事项 ${c.state} → ${to}${notes.length ? `：${notes.join('；')}` : ''}`,
  });
  return presentCase(ctx.tx, ctx.actor, row);
}

const clearedAssignee: Partial<CaseRow> = {
  assigneeType: null,
  assigneePersonId: null,
  assigneeRef: null,
  assigneeName: null,
  acceptDueAt: null,
  resolveDueAt: null,
};

const LEVEL_NAMES: Record<MatterLevel, string> = {
  building: '楼栋（家事）',
  compound: '小区（众事）',
  community: '社区（公事）',
};

const PAST: Record<CaseAction, string> = {
  check_valid: 'checked_valid',
  check_invalid: 'checked_invalid',
  check_duplicate: 'merged',
  withdraw: 'withdrawn',
  classify: 'classified',
  pass_up: 'passed_up',
  dispatch: 'dispatched',
  accept: 'accepted',
  decline: 'declined',
  progress: 'progressed',
  complete: 'completed',
  rate: 'rated',
};

export async function getCase({ actor, db }: QueryContext, id: string): Promise<CaseOut> {
  const c = await loadCase(db, id);
  // Whoever an emergency alert reached may open it (an on-duty person from outside its scope too).
  if (!wasNotified(actor, await timersOf(db, id))) authorizeSee(actor, c, await whistledDepartments(db, id));
  return presentCase(db, actor, c);
}

/** Level queues in SQL: cases at or under a handler's grant whose matter level the role covers. */
function handleCondition(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const g of actor.grants) {
    const rank = ROLE_RANK[g.role];
    if (rank === undefined || !hasPermission(g, 'cases:handle')) continue;
    const levels = (Object.keys(LEVEL_RANK) as MatterLevel[]).filter((l) => LEVEL_RANK[l] <= rank);
    parts.push(
      sql`(${civicCase.orgPath} like ${`${g.orgPath}%`} and (${civicCase.matterLevel} is null or ${inArray(civicCase.matterLevel, levels)}))`,
    );
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function listCases({ actor, db }: QueryContext, q: z.infer<typeof caseQuery>) {
  const visible = or(
    scopeCondition(actor, 'cases:read', civicCase.orgPath, (hid) => eq(civicCase.householdId, hid)),
    actor.userId ? eq(civicCase.reporterUserId, actor.userId) : undefined,
    actor.personId ? eq(civicCase.assigneePersonId, actor.personId) : undefined,
    actor.userId ? notifiedCondition(actor.userId) : undefined,
  );
  const where: (SQL | undefined)[] = [visible];
  if (q.overdue !== undefined)
    where.push(q.overdue ? overdueCondition(now()) : sql`not ${overdueCondition(now())}`);
  if (q.state) where.push(eq(civicCase.state, q.state));
  if (q.orgUnitId) where.push(await underUnit(db, civicCase.orgPath, q.orgUnitId));
  if (q.queue === 'check')
    where.push(eq(civicCase.state, 'reported'), scopeCondition(actor, 'cases:check', civicCase.orgPath));
  if (q.queue === 'handle')
    where.push(inArray(civicCase.state, ['checked', 'queued', 'reopened']), handleCondition(actor));
  if (q.queue === 'mine') where.push(actor.userId ? eq(civicCase.reporterUserId, actor.userId) : sql`false`);
  if (q.queue === 'assigned')
    where.push(
      inArray(civicCase.state, ['dispatched', 'in_progress']),
      or(
        actor.personId ? eq(civicCase.assigneePersonId, actor.personId) : sql`false`,
        actor.userId
          ? and(eq(civicCase.dispatcherUserId, actor.userId), isNull(civicCase.assigneePersonId))
          : sql`false`,
      ),
    );
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(civicCase)
      .where(cond)
      .orderBy(q.queue ? asc(civicCase.createdAt) : desc(civicCase.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(civicCase).where(cond),
  ]);
  const items = [];
  for (const r of rows) items.push(await presentCase(db, actor, r));
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

export async function presentCase(db: Executor, actor: Actor, c: CaseRow): Promise<CaseOut> {
  // One query after another: `db` may be a transaction, whose single connection takes one at a time.
  const events = await db
    .select()
    .from(caseEvent)
    .where(eq(caseEvent.caseId, c.id))
    .orderBy(asc(caseEvent.id));
  const whistles = await db
    .select()
    .from(caseWhistle)
    .where(eq(caseWhistle.caseId, c.id))
    .orderBy(asc(caseWhistle.createdAt));
  const timers = await timersOf(db, c.id);
  const names = await nameOrgUnits(db, pathIds(c.orgPath).slice(2));
  const t = caseTarget(c);
  const staff = ['cases:check', 'cases:handle', 'cases:whistle'].some((p) =>
    can(actor, p as 'cases:check', t),
  );
  const own = actor.userId !== null && actor.userId === c.reporterUserId;
  const reporterName = own || staff ? c.reporterName : c.anonymous ? '匿名' : maskName(c.reporterName);
  const actions: CaseAction[] = [];
  for (const a of Object.keys(TRANSITIONS) as CaseAction[]) {
    if (canMove(c.state as CaseState, a) && !(await refusal(db, actor, c, a))) actions.push(a);
  }
  return {
    id: c.id,
    kind: c.kind as CaseKind,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    description: c.description,
    photoIds: c.photoIds,
    orgUnitId: c.orgUnitId,
    place: pathIds(c.orgPath)
      .slice(2)
      .map((id) => names.get(id) ?? '')
      .join(' · '),
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    anonymous: c.anonymous,
    reporterName,
    reportedVia: c.reportedVia,
    state: c.state as CaseState,
    matterLevel: c.matterLevel as MatterLevel | null,
    duplicateOfId: c.duplicateOfId,
    assigneeType: c.assigneeType as CaseOut['assigneeType'],
    assigneeName: c.assigneeName,
    rating: c.rating,
    ratingComment: c.ratingComment,
    closeReason: c.closeReason,
    resolution: c.resolution as CaseOut['resolution'],
    meetingId: c.meetingId,
    pointsClaimId: c.pointsClaimId,
    checkDueAt: c.checkDueAt.toISOString(),
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    timeline: events.map((e) => ({
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actorName: e.actorName,
      note: e.note,
      photoIds: e.photoIds,
      at: e.at.toISOString(),
    })),
    whistles: whistles.map(presentWhistle),
    timers: timers.map(presentTimer),
    overdue: isOverdue(timers, now()),
    emergencyActions: emergencyActionsFor(actor, c, timers),
    actions,
    allowed: allowedActions(actor, t, ['cases:check', 'cases:handle', 'cases:whistle']),
  };
}
