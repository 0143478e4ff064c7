import { inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FiguresOut, figuresQuery } from '../../../common/contracts/volunteers.ts';
import { type Executor, execRows } from '../../db/client.ts';
import { authorize, hasPermission } from '../../platform/access.ts';
import { now, shanghaiMonth } from '../../platform/clock.ts';
import type { QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit } from '../org/index.ts';
import { serviceVisitFigures, venueNames } from '../venues/index.ts';
import { volunteerTeam } from './schema.ts';

// The figures of community life the seed reports ("开展活动3万余场、服务群众5万余人次"): activities
// held, participants and certified volunteer hours, and the venues' service visits (服务人次), by
// month, team, venue and level (community or compound).

/** Months from `from` to `to` ("YYYY-MM"), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

type Row = {
  month: string;
  team_id: string | null;
  venue_id: string | null;
  depth: number;
  activities: number;
  participants: number;
  minutes: number;
};

/** Activities held (not cancelled, begun by now) under a path, with their certified participants and minutes. */
async function activityRows(db: Executor, orgPath: string, from: string, to: string, at: Date) {
  const start = new Date(`${from}-01T00:00:00+08:00`);
  const end = new Date(`${shiftMonth(to, 1)}-01T00:00:00+08:00`);
  return execRows<Row>(
    db,
    sql`select to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
               a.team_id, a.venue_id,
               array_length(string_to_array(trim(both '/' from a.org_path), '/'), 1) as depth,
               count(*)::int as activities,
               coalesce(sum(h.n), 0)::int as participants,
               coalesce(sum(h.minutes), 0)::int as minutes
        from activity a
        left join (select activity_id, count(*) as n, sum(minutes) as minutes
                   from volunteer_hours group by activity_id) h on h.activity_id = a.id
        where a.org_path like ${`${orgPath}%`} and a.state <> 'cancelled'
          and a.starts_at >= ${start.toISOString()} and a.starts_at < ${end.toISOString()}
          and a.starts_at <= ${at.toISOString()}
        group by 1, 2, 3, 4`,
  );
}

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

function add<K>(map: Map<K, { activities: number; participants: number; minutes: number }>, key: K, r: Row) {
  const cur = map.get(key) ?? { activities: 0, participants: 0, minutes: 0 };
  cur.activities += Number(r.activities);
  cur.participants += Number(r.participants);
  cur.minutes += Number(r.minutes);
  map.set(key, cur);
}

/** The figures for an org unit (the actor's own by default) over a month range (the last 12 by default). */
export async function volunteerFigures(
  { actor, db }: QueryContext,
  q: z.infer<typeof figuresQuery>,
  at: Date = now(),
): Promise<FiguresOut> {
  let orgPath: string;
  if (q.orgUnitId) {
    orgPath = (await loadOrgUnit(db, q.orgUnitId)).path;
    authorize(actor, 'volunteers:read', { orgPath });
  } else {
    // Residents read teams, not figures: a staff-like grant is needed.
    const g = actor.grants.find((x) => x.role !== 'resident' && hasPermission(x, 'volunteers:read'));
    if (!g) throw new AppError('forbidden');
    orgPath = g.orgPath;
  }
  if (!actor.grants.some((g) => g.role !== 'resident' && hasPermission(g, 'volunteers:read')))
    throw new AppError('forbidden');
  const to = q.to ?? shanghaiMonth(at);
  const from = q.from ?? shiftMonth(to, -11);
  const months = from <= to ? monthsBetween(from, to) : [];
  if (months.length === 0 || months.length > 36) throw new AppError('volunteer_figures_range');

  const rows = await activityRows(db, orgPath, from, to, at);
  const visits = await serviceVisitFigures(db, { orgPath, from: `${from}-01`, to: lastDay(to), at });

  const byMonth = new Map<string, { activities: number; participants: number; minutes: number }>();
  const byTeam = new Map<string, { activities: number; participants: number; minutes: number }>();
  const byVenue = new Map<string, { activities: number; participants: number; minutes: number }>();
  const byLevel = new Map<
    'community' | 'compound',
    { activities: number; participants: number; minutes: number }
  >();
  for (const r of rows) {
    add(byMonth, r.month, r);
    if (r.team_id) add(byTeam, r.team_id, r);
    if (r.venue_id) add(byVenue, r.venue_id, r);
    add(byLevel, Number(r.depth) >= 4 ? 'compound' : 'community', r);
  }
  const visitsByMonth = new Map<string, number>();
  const visitsByVenue = new Map<string, { name: string; visits: number }>();
  for (const v of visits) {
    visitsByMonth.set(v.month, (visitsByMonth.get(v.month) ?? 0) + v.visits);
    const cur = visitsByVenue.get(v.venueId) ?? { name: v.venueName, visits: 0 };
    cur.visits += v.visits;
    visitsByVenue.set(v.venueId, cur);
  }
  const teamIds = [...byTeam.keys()];
  const teams = teamIds.length
    ? await db
        .select({ id: volunteerTeam.id, name: volunteerTeam.name })
        .from(volunteerTeam)
        .where(inArray(volunteerTeam.id, teamIds))
    : [];
  const venueIds = [...new Set([...byVenue.keys(), ...visitsByVenue.keys()])];
  const venueName = await venueNames(db, venueIds);
  const zero = { activities: 0, participants: 0, minutes: 0 };
  const counts = (c: { activities: number; participants: number; minutes: number }) => ({
    activities: c.activities,
    participants: c.participants,
    hours: hours(c.minutes),
  });
  const total = [...byMonth.values()].reduce(
    (s, c) => ({
      activities: s.activities + c.activities,
      participants: s.participants + c.participants,
      minutes: s.minutes + c.minutes,
    }),
    zero,
  );
  return {
    from,
    to,
    totals: { ...counts(total), visits: visits.reduce((s, v) => s + v.visits, 0) },
    byMonth: months.map((m) => ({
      month: m,
      ...counts(byMonth.get(m) ?? zero),
      visits: visitsByMonth.get(m) ?? 0,
    })),
    byTeam: teamIds
      .map((id) => ({
        teamId: id,
        name: teams.find((t) => t.id === id)?.name ?? '',
        ...counts(byTeam.get(id)!),
      }))
      .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'zh-CN')),
    byVenue: venueIds
      .map((id) => ({
        venueId: id,
        name: venueName.get(id) ?? visitsByVenue.get(id)?.name ?? '',
        ...counts(byVenue.get(id) ?? zero),
        visits: visitsByVenue.get(id)?.visits ?? 0,
      }))
      .sort((a, b) => (b.visits ?? 0) - (a.visits ?? 0) || a.name.localeCompare(b.name, 'zh-CN')),
    byLevel: (['community', 'compound'] as const).map((level) => ({
      level,
      ...counts(byLevel.get(level) ?? zero),
    })),
    visitsAvailable: true,
  };
}
