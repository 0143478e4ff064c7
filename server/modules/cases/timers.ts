import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { CaseTimerOut, EmergencyAction, SlaKind, TimerState } from '../../../common/contracts/cases.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, can } from '../../platform/access.ts';
import { caseTimer, civicCase } from './schema.ts';

// The SLA engine's rows: every deadline of a case (网格核实 check, 接单 accept, 办结 resolve, a
// department's 报到 respond and result, an emergency's 1分钟响应 respond and 5分钟到位 arrive) is a
// case_timer row, started, met and cancelled in the transaction of the move that causes it. The
// scheduler's scan (sla.ts) breaches what is still pending when due. Every end is a conditional update
// on the row's state, so it happens once whatever runs concurrently or again.

export type TimerRow = typeof caseTimer.$inferSelect;
type CaseRow = typeof civicCase.$inferSelect;

export async function startTimer(
  tx: Executor,
  t: {
    caseId: string;
    kind: SlaKind;
    dueAt: Date;
    at: Date;
    whistleId?: string | null;
    notifiedUserIds?: string[];
  },
): Promise<TimerRow> {
  const [row] = await tx
    .insert(caseTimer)
    .values({
      caseId: t.caseId,
      whistleId: t.whistleId ?? null,
      kind: t.kind,
      startedAt: t.at,
      dueAt: t.dueAt,
      state: 'pending',
      notifiedUserIds: t.notifiedUserIds ?? [],
      createdAt: t.at,
    })
    .returning();
  return row;
}

const ofWhistle = (whistleId: string | null | undefined): SQL | undefined =>
  whistleId === undefined
    ? undefined
    : whistleId === null
      ? isNull(caseTimer.whistleId)
      : eq(caseTimer.whistleId, whistleId);

/**
 * The move that a deadline waited for: a pending timer becomes met. One already breached stays
 * breached (a deadline is met or breached, never both) but records when it was done after all, so
 * the late step is neither lost nor offered again.
 */
export async function meetTimers(
  tx: Executor,
  caseId: string,
  kinds: SlaKind[],
  at: Date,
  by: string | null,
  whistleId: string | null = null,
): Promise<TimerRow[]> {
  return tx
    .update(caseTimer)
    .set({
      state: sql`case when ${caseTimer.state} = 'pending' then 'met' else ${caseTimer.state} end`,
      metAt: at,
      metBy: by,
    })
    .where(
      and(
        eq(caseTimer.caseId, caseId),
        inArray(caseTimer.kind, kinds),
        inArray(caseTimer.state, ['pending', 'breached']),
        isNull(caseTimer.metAt),
        ofWhistle(whistleId),
      ),
    )
    .returning();
}

/**
 * A move that makes deadlines moot (invalid, withdrawn, declined, closed, whistled afresh): pending
 * ones are cancelled; breached ones stay breached (that happened) but are no longer owed.
 */
export async function cancelTimers(
  tx: Executor,
  caseId: string,
  at: Date,
  opts: { kinds?: SlaKind[]; whistleId?: string | null } = {},
): Promise<number> {
  const which = and(
    eq(caseTimer.caseId, caseId),
    opts.kinds ? inArray(caseTimer.kind, opts.kinds) : undefined,
    ofWhistle(opts.whistleId),
  );
  const rows = await tx
    .update(caseTimer)
    .set({ state: 'cancelled', cancelledAt: at })
    .where(and(which, eq(caseTimer.state, 'pending')))
    .returning({ id: caseTimer.id });
  await tx
    .update(caseTimer)
    .set({ cancelledAt: at })
    .where(
      and(which, eq(caseTimer.state, 'breached'), isNull(caseTimer.metAt), isNull(caseTimer.cancelledAt)),
    );
  return rows.length;
}

export async function timersOf(db: Executor, caseId: string): Promise<TimerRow[]> {
  return db
    .select()
    .from(caseTimer)
    .where(eq(caseTimer.caseId, caseId))
    .orderBy(asc(caseTimer.startedAt), asc(caseTimer.dueAt));
}

/**
 * The deadlines a case move starts, meets or cancels, in the move's transaction (transitionCase calls
 * this once, after the case row is updated). `after` carries the new due times the move set.
 */
export async function onCaseMove(
  tx: Executor,
  after: CaseRow,
  action: string,
  at: Date,
  by: string | null,
): Promise<void> {
  const id = after.id;
  switch (action) {
    case 'check_valid':
      await meetTimers(tx, id, ['check'], at, by);
      break;
    case 'check_invalid':
    case 'check_duplicate':
      // Checked, so the check is met; nothing else is owed on a case set aside.
      await meetTimers(tx, id, ['check'], at, by);
      await cancelTimers(tx, id, at);
      break;
    case 'withdraw':
      await cancelTimers(tx, id, at);
      break;
    case 'dispatch':
      // A dispatch after a decline or a low rating starts the assignee's clock afresh.
      await cancelTimers(tx, id, at, { kinds: ['accept', 'resolve'], whistleId: null });
      if (after.acceptDueAt)
        await startTimer(tx, { caseId: id, kind: 'accept', dueAt: after.acceptDueAt, at });
      break;
    case 'accept':
      await meetTimers(tx, id, ['accept'], at, by);
      if (after.resolveDueAt)
        await startTimer(tx, { caseId: id, kind: 'resolve', dueAt: after.resolveDueAt, at });
      break;
    case 'decline':
      await cancelTimers(tx, id, at, { kinds: ['accept'], whistleId: null });
      break;
    case 'complete':
      await meetTimers(tx, id, ['resolve'], at, by);
      break;
    default:
      break;
  }
  if (after.state === 'closed') await cancelTimers(tx, id, at);
}

export function presentTimer(t: TimerRow): CaseTimerOut {
  return {
    kind: t.kind as SlaKind,
    whistleId: t.whistleId,
    startedAt: t.startedAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    state: t.state as TimerState,
    metAt: t.metAt?.toISOString() ?? null,
    breachedAt: t.breachedAt?.toISOString() ?? null,
  };
}

/**
 * Some deadline passed unmet: pending past due (the scan is about to breach it), or breached and still
 * owed (neither done late nor made moot since).
 */
export function isOverdue(timers: TimerRow[], at: Date): boolean {
  return timers.some(
    (t) => (t.state === 'pending' && t.dueAt <= at) || (t.state === 'breached' && stillOwed(t)),
  );
}

/** `isOverdue` in SQL, for the queues' `overdue` filter. */
export function overdueCondition(at: Date): SQL {
  return sql`exists (select 1 from ${caseTimer} where ${caseTimer.caseId} = ${civicCase.id} and ((${caseTimer.state} = 'pending' and ${caseTimer.dueAt} <= ${at.toISOString()}::timestamptz) or (${caseTimer.state} = 'breached' and ${caseTimer.metAt} is null and ${caseTimer.cancelledAt} is null)))`;
}

/** Cases whose emergency alert reached the user (on-duty people outside the case's scope included). */
export function notifiedCondition(userId: string): SQL {
  return sql`exists (select 1 from ${caseTimer} where ${caseTimer.caseId} = ${civicCase.id} and ${userId} = any(${caseTimer.notifiedUserIds}))`;
}

export function wasNotified(actor: Actor, timers: TimerRow[]): boolean {
  return actor.userId !== null && timers.some((t) => t.notifiedUserIds.includes(actor.userId!));
}

/** Whoever the alert reached, or anyone answering emergencies in the case's scope. */
export function isResponder(actor: Actor, c: CaseRow, timers: TimerRow[]): boolean {
  if (!actor.userId) return false;
  return (
    wasNotified(actor, timers) ||
    can(actor, 'cases:respond', {
      orgPath: c.orgPath,
      householdIds: c.householdId ? [c.householdId] : [],
    })
  );
}

/** An emergency's own respond/arrive timer (not a department's report-in). */
export function emergencyTimer(timers: TimerRow[], kind: 'respond' | 'arrive'): TimerRow | undefined {
  return timers.find((t) => t.kind === kind && t.whistleId === null);
}

/** Still owed: not done yet (pending, or breached and not done since) and not cancelled. */
export function stillOwed(t: TimerRow | undefined): boolean {
  return (
    !!t && (t.state === 'pending' || t.state === 'breached') && t.metAt === null && t.cancelledAt === null
  );
}

/** The emergency moves open to the actor now: acknowledge (1分钟响应), check in on site (5分钟到位). */
export function emergencyActionsFor(actor: Actor, c: CaseRow, timers: TimerRow[]): EmergencyAction[] {
  if (c.kind !== 'emergency' || !isResponder(actor, c, timers)) return [];
  const out: EmergencyAction[] = [];
  if (stillOwed(emergencyTimer(timers, 'respond'))) out.push('acknowledge');
  if (stillOwed(emergencyTimer(timers, 'arrive'))) out.push('check_in');
  return out;
}
