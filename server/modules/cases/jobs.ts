import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { SYSTEM_TRANSITIONS } from './case-machine.ts';
import { appendCaseEvent } from './cases.ts';
import { caseWhistle, civicCase } from './schema.ts';
import { scanTimers } from './sla.ts';
import { cancelTimers } from './timers.ts';

/**
 * 评单 has a window (7 days by default, per category): a completed case nobody rated closes as
 * unrated. The conditional update on the state is the claim: a re-run or a second node closes nothing twice.
 */
export async function closeUnrated(db: Db, at: Date): Promise<number> {
  const move = SYSTEM_TRANSITIONS.close_unrated;
  const due = await db
    .select({ id: civicCase.id })
    .from(civicCase)
    .where(
      and(
        eq(civicCase.state, move.from[0]),
        sql`${civicCase.completedAt} + make_interval(days => ${civicCase.rateDays}) <= ${at.toISOString()}::timestamptz`,
      ),
    );
  let closed = 0;
  for (const { id } of due) {
    closed += await db.transaction(async (tx) => {
      const [whistled] = await tx
        .select({ id: caseWhistle.id })
        .from(caseWhistle)
        .where(eq(caseWhistle.caseId, id))
        .limit(1);
      const [c] = await tx
        .update(civicCase)
        .set({
          state: move.to,
          closedAt: at,
          closeReason: 'unrated',
          resolution: whistled ? 'escalated' : 'resolved_locally',
          updatedAt: at,
        })
        .where(and(eq(civicCase.id, id), eq(civicCase.state, move.from[0])))
        .returning();
      if (!c) return 0;
      // Nothing is owed on a closed case (an emergency never acknowledged, say).
      await cancelTimers(tx, id, at);
      await appendCaseEvent(tx, id, {
        action: 'close_unrated',
        from: move.from[0],
        to: move.to,
        actor: SYSTEM_ACTOR,
        note: '评价期满未评价，自动结案',
        at,
      });
      await recordAudit(
        { actor: SYSTEM_ACTOR, tx },
        {
          action: 'cases.case_closed_unrated',
          subjectType: 'case',
          subjectId: id,
          orgPath: c.orgPath,
          orgUnitId: c.orgUnitId,
          summary: '评价期满未评价，自动结案',
        },
      );
      return 1;
    });
  }
  return closed;
}

/**
 * The cases module's scheduled work; idempotent, safe to run on every node every few minutes.
 * `escalated`: whistles called up to the subdistrict; `breached`: every deadline breached (those too).
 */
export async function runCaseJobs(db: Db, at: Date) {
  const closedUnrated = await closeUnrated(db, at);
  const scan = await scanTimers(db, at);
  return { escalated: scan.whistles, breached: scan.breached, closedUnrated };
}

/** Every few seconds: an emergency's 1-minute target needs a scan far more often than once a minute. */
export async function runTimerScan(db: Db, at: Date) {
  return scanTimers(db, at);
}
