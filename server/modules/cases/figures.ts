import { and, eq, gte, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CaseFigures, figuresQuery, Tally } from '../../../common/contracts/case-lists.ts';
import { execRows } from '../../db/client.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { nameOrgUnits } from '../org/index.ts';
import { dayAfter, dayStart, staffScope, visibleUnit } from './lists.ts';
import { civicCase } from './schema.ts';

// 分级处置 (tiered handling), the seed's figure "2024年以来累计发现问题139个，自行解决17个，上报县级处理
// 122个", straight from the data:
// - found: cases reported in the period, less those found invalid, merged as duplicates or withdrawn;
// - resolvedLocally: closed with resolution `resolved_locally` (就地解决, no department whistled);
// - escalated: whistled to at least one department (上报处理), closed or not;
// - open: not closed yet (whether handled locally or by departments).

const SET_ASIDE = ['invalid', 'duplicate', 'withdrawn'];

const TALLY = sql`count(*)::int as found,
  (count(*) filter (where c.resolution = 'resolved_locally'))::int as resolved_locally,
  (count(*) filter (where exists (select 1 from case_whistle w where w.case_id = c.id)))::int as escalated,
  (count(*) filter (where c.state <> 'closed'))::int as open`;

type TallyRow = { found: number; resolved_locally: number; escalated: number; open: number };
const tally = (r: TallyRow | undefined): Tally => ({
  found: Number(r?.found ?? 0),
  resolvedLocally: Number(r?.resolved_locally ?? 0),
  escalated: Number(r?.escalated ?? 0),
  open: Number(r?.open ?? 0),
});

/** The default period: the twelve months up to today (Shanghai). */
function period(q: z.infer<typeof figuresQuery>) {
  const to = q.to ?? shanghaiDate();
  const from = q.from ?? `${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}-01`;
  if (from > to) throw new AppError('validation_failed', { field: 'from' });
  return { from, to };
}

export async function caseFigures(
  { actor, db }: QueryContext,
  q: z.infer<typeof figuresQuery>,
): Promise<CaseFigures> {
  const scope = staffScope(actor);
  const unitId = q.orgUnitId ?? actor.grants.find((g) => g.role !== 'resident')!.orgUnitId;
  const unit = await visibleUnit(db, actor, unitId);
  const { from, to } = period(q);
  const where: SQL = and(
    scope,
    sql`${civicCase.orgPath} like ${`${unit.path}%`}`,
    gte(civicCase.createdAt, dayStart(from)),
    lt(civicCase.createdAt, dayAfter(to)),
    notInArray(civicCase.state, SET_ASIDE),
    q.kind ? eq(civicCase.kind, q.kind) : undefined,
  )!;
  // One subquery of the cases counted, aliased `c`, grouped three ways.
  const base = sql`(select * from ${civicCase} where ${where}) c`;
  const [totals] = await execRows<TallyRow>(db, sql`select ${TALLY} from ${base}`);
  const communities = await execRows<TallyRow & { id: string }>(
    db,
    sql`select c.community_id as id, ${TALLY} from ${base} group by c.community_id`,
  );
  const months = await execRows<TallyRow & { month: string }>(
    db,
    sql`select to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, ${TALLY}
      from ${base} group by 1 order by 1`,
  );
  const categories = await execRows<TallyRow & { code: string; name: string }>(
    db,
    sql`select c.category_code as code, min(c.category_name) as name, ${TALLY}
      from ${base} group by c.category_code order by count(*) desc, c.category_code`,
  );
  const names = await nameOrgUnits(db, [unit.id, ...communities.map((c) => c.id)]);
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    from,
    to,
    totals: tally(totals),
    byCommunity: communities
      .map((c) => ({ id: c.id, name: names.get(c.id) ?? '', ...tally(c) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    byMonth: months.map((m) => ({ month: m.month, ...tally(m) })),
    byCategory: categories.map((c) => ({ code: c.code, name: c.name, ...tally(c) })),
  };
}
