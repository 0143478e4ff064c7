import { sql } from 'drizzle-orm';
import type { ToolFiguresOut } from '../../../common/contracts/toolbox.ts';
import { execRows } from '../../db/client.ts';
import { scopeCondition } from '../../platform/access.ts';
import type { QueryContext } from '../../platform/context.ts';
import { addDays, today } from './dates.ts';
import { toolLoan } from './schema.ts';

/**
 * The toolbox's figures over the stations the actor lends at, for the last 12 months: loans per month
 * and per tool, and the overdue rate (returned late, or out past the due date, over all loans).
 */
export async function toolFigures({ actor, db }: QueryContext): Promise<ToolFiguresOut> {
  const day = today();
  const since = `${addDays(day, -364).slice(0, 7)}-01`;
  const lentDay = sql`(tool_loan.lent_at at time zone 'Asia/Shanghai')::date`;
  const returnedLate = sql`(tool_loan.state = 'returned'
    and (tool_loan.returned_at at time zone 'Asia/Shanghai')::date > tool_loan.due_date)`;
  const overdueNow = sql`(tool_loan.state = 'out' and tool_loan.due_date < ${day}::date)`;
  const where = sql`${scopeCondition(actor, 'toolbox:lend', toolLoan.orgPath)} and ${lentDay} >= ${since}::date`;
  const [totals] = await execRows<{ loans: number; out: number; overdue_now: number; returned_late: number }>(
    db,
    sql`select count(*)::int loans,
          count(*) filter (where tool_loan.state = 'out')::int "out",
          count(*) filter (where ${overdueNow})::int overdue_now,
          count(*) filter (where ${returnedLate})::int returned_late
        from tool_loan where ${where}`,
  );
  const byMonth = await execRows<{ month: string; loans: number; late: number }>(
    db,
    sql`select to_char(tool_loan.lent_at at time zone 'Asia/Shanghai', 'YYYY-MM') "month",
          count(*)::int loans, count(*) filter (where ${returnedLate} or ${overdueNow})::int late
        from tool_loan where ${where} group by 1 order by 1`,
  );
  const byTool = await execRows<{ tool_id: string; name: string; loans: number; late: number }>(
    db,
    sql`select tool.id tool_id, tool.name, count(*)::int loans,
          count(*) filter (where ${returnedLate} or ${overdueNow})::int late
        from tool_loan join tool on tool.id = tool_loan.tool_id
        where ${where} group by tool.id, tool.name order by loans desc, tool.name limit 20`,
  );
  const bad = totals.returned_late + totals.overdue_now;
  return {
    totals: {
      loans: totals.loans,
      out: totals.out,
      overdueNow: totals.overdue_now,
      returnedLate: totals.returned_late,
      overdueRate: totals.loans ? Math.round((bad / totals.loans) * 1000) / 1000 : 0,
    },
    byMonth,
    byTool: byTool.map((r) => ({ toolId: r.tool_id, name: r.name, loans: r.loans, late: r.late })),
  };
}
