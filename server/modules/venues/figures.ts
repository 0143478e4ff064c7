import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { VisitFigureRow, visitFiguresQuery } from '../../../common/contracts/venues.ts';
import { type Executor, execRows } from '../../db/client.ts';
import { authorize, hasPermission } from '../../platform/access.ts';
import { now } from '../../platform/clock.ts';
import type { QueryContext } from '../../platform/context.ts';
import { loadOrgUnit } from '../org/index.ts';
import { addDays } from './hours.ts';

/**
 * Service visits (服务人次) by venue and month: sessions held (not cancelled, started by `at`) and the
 * visits recorded for them, for venues under `orgPath`, sessions starting on Shanghai dates
 * from … to (both "YYYY-MM-DD", inclusive). Used by the volunteers' figures page.
 */
export async function serviceVisitFigures(
  db: Executor,
  q: { orgPath: string; from: string; to: string; at?: Date },
): Promise<VisitFigureRow[]> {
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const to = new Date(`${addDays(q.to, 1)}T00:00:00+08:00`);
  const at = q.at ?? now();
  const rows = await execRows<{
    venue_id: string;
    venue_name: string;
    month: string;
    sessions: number;
    visits: number;
  }>(
    db,
    sql`select s.venue_id, v.name as venue_name,
               to_char(s.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
               count(*)::int as sessions, coalesce(sum(s.visits), 0)::int as visits
        from service_session s join venue v on v.id = s.venue_id
        where s.org_path like ${`${q.orgPath}%`} and s.state = 'scheduled'
          and s.starts_at >= ${from.toISOString()} and s.starts_at < ${to.toISOString()}
          and s.starts_at <= ${at.toISOString()}
        group by s.venue_id, v.name, month
        order by month, v.name`,
  );
  return rows.map((r) => ({
    venueId: r.venue_id,
    venueName: r.venue_name,
    month: r.month,
    sessions: Number(r.sessions),
    visits: Number(r.visits),
  }));
}

/** The figures route: an org unit the actor may book in (their own by default). */
export async function visitFiguresFor({ actor, db }: QueryContext, q: z.infer<typeof visitFiguresQuery>) {
  let orgPath: string;
  if (q.orgUnitId) {
    orgPath = (await loadOrgUnit(db, q.orgUnitId)).path;
    authorize(actor, 'venues:book', { orgPath });
  } else {
    const g = actor.grants.find((x) => hasPermission(x, 'venues:book'));
    if (!g) return { items: [] };
    orgPath = g.orgPath;
  }
  return { items: await serviceVisitFigures(db, { orgPath, from: q.from, to: q.to }) };
}
