import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { now } from '../../platform/clock.ts';
import { notify } from '../../platform/notify.ts';
import { userAccount } from '../../platform/schema.ts';
import { addDays, daysBetween, today } from './dates.ts';
import { tool, toolLoan } from './schema.ts';

/** The borrower hears about an overdue loan once a day, at most this many days. */
export const MAX_OVERDUE_REMINDERS = 3;
/** The lending staff hear once, when a loan is this many days overdue. */
export const STAFF_ALERT_DAYS = 3;

async function userOf(db: Executor, personId: string): Promise<string | null> {
  const [u] = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(and(eq(userAccount.personId, personId), isNull(userAccount.disabledAt)))
    .limit(1);
  return u?.id ?? null;
}

/**
 * Overdue reminders, run by the scheduler (any number of times a day, on any number of nodes): the
 * day before the due date the borrower is reminded; once overdue, once a day for at most
 * MAX_OVERDUE_REMINDERS days; at STAFF_ALERT_DAYS overdue the staff who lent it hear once. The
 * notices' dedupe keys (per loan per day) make a re-run send nothing twice.
 */
export async function runToolboxJobs(db: Db, at: Date = now()) {
  const day = today(at);
  const tomorrow = addDays(day, 1);
  const due = await db
    .select({ id: toolLoan.id })
    .from(toolLoan)
    .where(and(eq(toolLoan.state, 'out'), lte(toolLoan.dueDate, tomorrow)))
    .orderBy(asc(toolLoan.dueDate))
    .limit(5000);
  const sent = { dueSoon: 0, overdue: 0, staff: 0 };
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [l] = await tx.select().from(toolLoan).where(eq(toolLoan.id, id)).for('update');
      if (l?.state !== 'out') return;
      const [t] = await tx
        .select()
        .from(tool)
        .where(inArray(tool.id, [l.toolId]));
      const borrower = await userOf(tx, l.personId);
      const link = '/m/toolbox/loans';
      const subject = { type: 'tool_loan', id: l.id };
      if (l.dueDate === tomorrow) {
        sent.dueSoon += await notify(tx, {
          recipients: [borrower],
          kind: 'toolbox.due_soon',
          title: `明天请归还「${t.name}」`,
          body: `您借用的「${t.name}」应于 ${l.dueDate} 归还，如需续借请联系驿站工作人员。`,
          link,
          subject,
          dedupeKey: `toolbox.loan:${l.id}:${day}`,
        });
        return;
      }
      if (l.dueDate >= day) return;
      const late = daysBetween(l.dueDate, day);
      if (l.overdueReminders < MAX_OVERDUE_REMINDERS) {
        const n = await notify(tx, {
          recipients: [borrower],
          kind: 'toolbox.overdue',
          title: `「${t.name}」已逾期 ${late} 天，请尽快归还`,
          body: `应还日期 ${l.dueDate}。其他邻居也在等着用，谢谢配合。`,
          link,
          subject,
          urgent: false,
          dedupeKey: `toolbox.loan:${l.id}:${day}`,
        });
        if (n > 0) {
          sent.overdue += n;
          await tx
            .update(toolLoan)
            .set({ overdueReminders: l.overdueReminders + 1 })
            .where(eq(toolLoan.id, l.id));
        }
      }
      if (late >= STAFF_ALERT_DAYS && !l.staffAlerted) {
        sent.staff += await notify(tx, {
          recipients: [l.lentBy],
          kind: 'toolbox.overdue_staff',
          title: `${l.borrowerName}借的「${t.name}」已逾期 ${late} 天`,
          body: `应还日期 ${l.dueDate}，已提醒借用人。请联系借用人归还或登记遗失。`,
          link: '/admin/toolbox/loans?state=overdue',
          subject,
          dedupeKey: `toolbox.loan-staff:${l.id}`,
        });
        await tx.update(toolLoan).set({ staffAlerted: true }).where(eq(toolLoan.id, l.id));
      }
    });
  }
  return sent;
}
