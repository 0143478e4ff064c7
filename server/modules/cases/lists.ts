import { and, count, desc, eq, gte, ilike, inArray, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type {
  CaseListFilter,
  CaseListName,
  CaseListRow,
  caseListQuery,
} from '../../../common/contracts/case-lists.ts';
import type { CaseKind, CaseState } from '../../../common/contracts/cases.ts';
import { maskName } from '../../../common/masking.ts';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { type Actor, can, hasPermission } from '../../platform/access.ts';
import { now } from '../../platform/clock.ts';
import type { QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, pathIds } from '../org/index.ts';
import { civicCase } from './schema.ts';

// 民生诉求清单 and 治理任务清单. Both are staff lists (community staff, grid workers, building leaders,
// compound secretaries, subdistrict and district admins), filtered in SQL by the actor's grants.
//
// - The demand list (民生诉求清单) holds what people asked for: kinds `demand` and `suggestion`,
//   whoever recorded them (a resident on the phone, or a grid worker writing down a resident's demand
//   on a round, 走访), in every state, so the list also shows what was set aside and why.
// - The governance task list (治理任务清单) holds the work: hazards, disputes and emergencies, and any
//   case (demands included) that was classed into a level queue, dispatched or whistled; cases found
//   invalid, merged as duplicates or withdrawn are no tasks and are left out.

const NOT_TASKS = ['invalid', 'duplicate', 'withdrawn'];

/** The actor's staff grants that read cases (a resident's grant reads only their own household's). */
function staffGrants(actor: Actor) {
  return actor.grants.filter((g) => g.role !== 'resident' && hasPermission(g, 'cases:read'));
}

/** Cases under the actor's staff grants, in SQL; no staff grant → 403 (residents use 我的诉求). */
export function staffScope(actor: Actor): SQL {
  const gs = staffGrants(actor);
  if (gs.length === 0) throw new AppError('forbidden');
  return sql`(${sql.join(
    gs.map((g) => sql`${civicCase.orgPath} like ${`${g.orgPath}%`}`),
    sql` or `,
  )})`;
}

/** An org unit the actor may filter by: on the branch of one of their grants, else 404. */
export async function visibleUnit(db: Executor, actor: Actor, unitId: string) {
  const unit = await loadOrgUnit(db, unitId);
  const onBranch = staffGrants(actor).some(
    (g) => unit.path.startsWith(g.orgPath) || g.orgPath.startsWith(unit.path),
  );
  if (!onBranch) throw new AppError('not_found');
  return unit;
}

/** The start of a Shanghai calendar day as a UTC instant. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
export function dayAfter(day: string): Date {
  return new Date(dayStart(day).getTime() + 24 * 3_600_000);
}

// Subqueries name the outer row as civic_case.id: drizzle leaves columns unqualified in a one-table
// select, and an unqualified "id" inside them would be the whistle's own.

/** The deadline that applies in the case's current state. */
function dueAtSql(): SQL<Date | string | null> {
  return sql`case ${civicCase.state}
    when 'reported' then ${civicCase.checkDueAt}
    when 'dispatched' then ${civicCase.acceptDueAt}
    when 'in_progress' then ${civicCase.resolveDueAt}
    when 'whistled' then (select min(w.deadline) from case_whistle w
      where w.case_id = civic_case.id and w.state <> 'resolved')
    else null end`;
}

/** Some deadline of the current state has passed unmet. */
function overdueSql(at: Date): SQL<boolean> {
  const t = at.toISOString();
  return sql`(case ${civicCase.state}
    when 'reported' then ${civicCase.checkDueAt} < ${t}
    when 'dispatched' then coalesce(${civicCase.acceptDueAt} < ${t}, false)
    when 'in_progress' then coalesce(${civicCase.resolveDueAt} < ${t}, false)
    when 'whistled' then exists (select 1 from case_whistle w
      where w.case_id = civic_case.id and w.state <> 'resolved' and w.deadline < ${t})
    else false end)`;
}

function listCondition(list: CaseListName): SQL {
  if (list === 'demands') return inArray(civicCase.kind, ['demand', 'suggestion']);
  return and(
    or(
      inArray(civicCase.kind, ['hazard', 'dispute', 'emergency']),
      sql`${civicCase.matterLevel} is not null`,
    ),
    notInArray(civicCase.state, NOT_TASKS),
  )!;
}

/** The whole where-clause of a list: the list, the actor's scope, the filters. */
export async function listWhere(
  db: Executor,
  actor: Actor,
  list: CaseListName,
  f: CaseListFilter,
): Promise<SQL> {
  const where: (SQL | undefined)[] = [listCondition(list), staffScope(actor)];
  if (f.orgUnitId) {
    const unit = await visibleUnit(db, actor, f.orgUnitId);
    where.push(sql`${civicCase.orgPath} like ${`${unit.path}%`}`);
  }
  if (f.state) where.push(eq(civicCase.state, f.state));
  if (f.kind) where.push(eq(civicCase.kind, f.kind));
  if (f.categoryCode) where.push(eq(civicCase.categoryCode, f.categoryCode));
  if (f.from) where.push(gte(civicCase.createdAt, dayStart(f.from)));
  if (f.to) where.push(lt(civicCase.createdAt, dayAfter(f.to)));
  if (f.resolution) where.push(eq(civicCase.resolution, f.resolution));
  if (f.overdue !== undefined) {
    const o = overdueSql(now());
    where.push(f.overdue ? o : sql`not ${o}`);
  }
  if (f.q) where.push(ilike(civicCase.description, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return and(...where)!;
}

const columns = () => ({
  id: civicCase.id,
  kind: civicCase.kind,
  categoryCode: civicCase.categoryCode,
  categoryName: civicCase.categoryName,
  description: civicCase.description,
  orgPath: civicCase.orgPath,
  communityId: civicCase.communityId,
  state: civicCase.state,
  reportedVia: civicCase.reportedVia,
  reporterName: civicCase.reporterName,
  anonymous: civicCase.anonymous,
  createdAt: civicCase.createdAt,
  matterLevel: civicCase.matterLevel,
  assigneeName: civicCase.assigneeName,
  // json, not text[]: both drivers hand json back parsed, while a text[] from raw SQL may stay a literal.
  departments: sql<string[]>`coalesce((select json_agg(w.department_name order by w.department_name)
    from case_whistle w where w.case_id = civic_case.id), '[]'::json)`,
  dueAt: dueAtSql(),
  overdue: overdueSql(now()),
  resolution: civicCase.resolution,
  rating: civicCase.rating,
  closedAt: civicCase.closedAt,
});

type Raw = {
  [K in keyof ReturnType<typeof columns>]: unknown;
};

const iso = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : new Date(String(v)).toISOString();

/** Rows of a list, named and (for actors who do not handle cases) with reporters' names masked. */
async function present(db: Executor, actor: Actor, rows: Raw[]): Promise<CaseListRow[]> {
  const ids = new Set<string>();
  for (const r of rows) for (const id of pathIds(r.orgPath as string).slice(2)) ids.add(id);
  const names = await nameOrgUnits(db, [...ids]);
  return rows.map((r) => {
    const path = pathIds(r.orgPath as string);
    const t = { orgPath: r.orgPath as string };
    const staff = ['cases:check', 'cases:handle', 'cases:whistle'].some((p) =>
      can(actor, p as 'cases:read', t),
    );
    const name = r.reporterName as string;
    return {
      id: r.id as string,
      kind: r.kind as CaseKind,
      categoryCode: r.categoryCode as string,
      categoryName: r.categoryName as string,
      description: r.description as string,
      communityName: names.get(path[2]) ?? '',
      place: path
        .slice(3)
        .map((id) => names.get(id) ?? '')
        .join(' · '),
      state: r.state as CaseState,
      reportedVia: r.reportedVia as string,
      reporterName: staff ? name : r.anonymous ? '匿名' : maskName(name),
      reportedAt: iso(r.createdAt)!,
      matterLevel: (r.matterLevel as string | null) ?? null,
      assigneeName: (r.assigneeName as string | null) ?? null,
      departments: (r.departments as string[] | null) ?? [],
      dueAt: iso(r.dueAt),
      overdue: r.overdue === true || r.overdue === 't',
      resolution: (r.resolution as CaseListRow['resolution']) ?? null,
      rating: (r.rating as number | null) ?? null,
      closedAt: iso(r.closedAt),
    };
  });
}

export async function listCaseRows(
  { actor, db }: QueryContext,
  list: CaseListName,
  q: z.infer<typeof caseListQuery>,
) {
  const cond = await listWhere(db, actor, list, q);
  const rows = await db
    .select(columns())
    .from(civicCase)
    .where(cond)
    .orderBy(desc(civicCase.createdAt), desc(civicCase.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [{ n }] = await db.select({ n: count() }).from(civicCase).where(cond);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

/** An export never grows without bound: a district's year fits well under this. */
export const EXPORT_LIMIT = 20_000;

export async function allCaseRows(db: Executor, actor: Actor, list: CaseListName, f: CaseListFilter) {
  const cond = await listWhere(db, actor, list, f);
  const rows = await db
    .select(columns())
    .from(civicCase)
    .where(cond)
    .orderBy(desc(civicCase.createdAt), desc(civicCase.id))
    .limit(EXPORT_LIMIT);
  return present(db, actor, rows);
}
