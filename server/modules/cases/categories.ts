import { and, eq, sql } from 'drizzle-orm';
import type { CaseCategoryOut, CaseKind } from '../../../common/contracts/cases.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { caseCategory } from './schema.ts';

// The catalogue of what residents report, with default SLAs (hours) and the points rule a valid
// report earns (C03 上报公共设施隐患 for hazards, C06 建言献策 for suggestions, as in the demo
// rulebook). A community, subdistrict or district overrides or adds categories with `case_category`
// rows; the deepest row on the case's path wins.

type Category = CaseCategoryOut;

/** 1分钟响应、5分钟到位: an emergency's defaults; a category row may set its own (respond_seconds …). */
export const EMERGENCY_RESPOND_SECONDS = 60;
export const EMERGENCY_ARRIVE_SECONDS = 300;

const d = (
  code: string,
  name: string,
  kinds: CaseKind[],
  ruleCode: string | null,
  sla: Partial<Pick<Category, 'checkHours' | 'acceptHours' | 'resolveHours' | 'respondHours'>> = {},
): Category => ({
  code,
  name,
  kinds,
  ruleCode,
  checkHours: 24,
  acceptHours: 24,
  resolveHours: 72,
  respondHours: 24,
  respondSeconds: EMERGENCY_RESPOND_SECONDS,
  arriveSeconds: EMERGENCY_ARRIVE_SECONDS,
  rateDays: 7,
  ...sla,
});

export const DEFAULT_CATEGORIES: readonly Category[] = [
  d('stairwell_light', '楼道灯不亮', ['hazard', 'demand'], 'C03'),
  d('broken_bin', '垃圾桶破损', ['hazard', 'demand'], 'C03'),
  d('parking', '停车难、乱停车', ['demand', 'dispute', 'suggestion'], null, { resolveHours: 240 }),
  d('ebike_indoor_charging', '电动车入户充电', ['hazard'], 'C03', { checkHours: 8, resolveHours: 24 }),
  d('thrown_objects', '高空抛物', ['hazard', 'dispute'], 'C03', { checkHours: 8 }),
  d('fire_lane_blocked', '消防通道堵塞', ['hazard', 'emergency'], 'C03', {
    checkHours: 4,
    acceptHours: 2,
    resolveHours: 24,
    respondHours: 2,
  }),
  d('damaged_road', '道路破损', ['hazard', 'demand'], 'C03', { resolveHours: 240 }),
  d('illegal_building', '违章搭建', ['hazard', 'dispute'], 'C03', { resolveHours: 720 }),
  d('neighbour_dispute', '邻里纠纷', ['dispute'], null, { resolveHours: 168 }),
  d('suggestion', '意见建议', ['suggestion'], 'C06', { resolveHours: 720 }),
  d('livelihood', '其他民生诉求', ['demand'], null),
  d('emergency', '突发事件', ['emergency'], null, {
    checkHours: 1,
    acceptHours: 1,
    resolveHours: 24,
    respondHours: 1,
  }),
];

function fromRow(r: typeof caseCategory.$inferSelect): Category {
  return {
    code: r.code,
    name: r.name,
    kinds: r.kinds as CaseKind[],
    ruleCode: r.ruleCode,
    checkHours: r.checkHours,
    acceptHours: r.acceptHours,
    resolveHours: r.resolveHours,
    respondHours: r.respondHours,
    respondSeconds: r.respondSeconds ?? EMERGENCY_RESPOND_SECONDS,
    arriveSeconds: r.arriveSeconds ?? EMERGENCY_ARRIVE_SECONDS,
    rateDays: r.rateDays,
  };
}

/** Rows on the path (the path's own and its ancestors'), deepest last. */
async function overrides(db: Executor, orgPath: string, code?: string) {
  return db
    .select()
    .from(caseCategory)
    .where(
      and(
        sql`${orgPath} like ${caseCategory.orgPath} || '%'`,
        code ? eq(caseCategory.code, code) : undefined,
      ),
    )
    .orderBy(sql`length(${caseCategory.orgPath})`);
}

/** The catalogue as it applies at a place: defaults, overridden and extended down the path. */
export async function categoriesAt(db: Executor, orgPath: string): Promise<Category[]> {
  const byCode = new Map<string, Category | null>(DEFAULT_CATEGORIES.map((c) => [c.code, c]));
  for (const r of await overrides(db, orgPath)) byCode.set(r.code, r.active ? fromRow(r) : null);
  return [...byCode.values()].filter((c): c is Category => c !== null);
}

/** The category a case of `kind` at `orgPath` uses; unknown or not for that kind → 422. */
export async function categoryFor(
  db: Executor,
  orgPath: string,
  code: string,
  kind: CaseKind,
): Promise<Category> {
  const rows = await overrides(db, orgPath, code);
  const last = rows.at(-1);
  const cat = last ? (last.active ? fromRow(last) : null) : DEFAULT_CATEGORIES.find((c) => c.code === code);
  if (!cat?.kinds.includes(kind)) throw new AppError('case_category_unknown', { code, kind });
  return cat;
}
