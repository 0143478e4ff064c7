import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CategoryAdminRow, categoryAdminPut } from '../../../common/contracts/case-lists.ts';
import type { CaseKind } from '../../../common/contracts/cases.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, pathIds } from '../org/index.ts';
import { presentRulebook, rulebookInForce } from '../points/index.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { caseCategory } from './schema.ts';

// The category catalogue editor: a district, subdistrict or community adds a category or overrides a
// built-in one (name, kinds, the points rule a valid report earns, SLA hours, days to rate, active).
// The deepest row on a case's path wins (categories.ts); removing a local row restores what applies
// from above.

const LEVELS = ['district', 'subdistrict', 'community'];

/** A unit whose catalogue the actor configures: out of sight → 404, visible but not theirs → 403. */
async function configurableUnit(db: Executor, actor: Actor, unitId: string) {
  const unit = await loadOrgUnit(db, unitId).catch(() => {
    throw new AppError('not_found');
  });
  authorize(actor, 'cases:configure', { orgPath: unit.path });
  return unit;
}

async function rowsOnPath(db: Executor, path: string) {
  return db
    .select()
    .from(caseCategory)
    .where(sql`${path} like ${caseCategory.orgPath} || '%'`)
    .orderBy(sql`length(${caseCategory.orgPath})`);
}

export async function categoryCatalogue({ actor, db }: QueryContext, unitId: string) {
  const unit = await configurableUnit(db, actor, unitId);
  const rows = await rowsOnPath(db, unit.path);
  const byCode = new Map<string, CategoryAdminRow>(
    DEFAULT_CATEGORIES.map((c) => [
      c.code,
      { ...c, active: true, source: 'default', definedAt: null, builtIn: true },
    ]),
  );
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => pathIds(r.orgPath).at(-1)!))]);
  for (const r of rows) {
    byCode.set(r.code, {
      code: r.code,
      name: r.name,
      kinds: r.kinds as CaseKind[],
      ruleCode: r.ruleCode,
      checkHours: r.checkHours,
      acceptHours: r.acceptHours,
      resolveHours: r.resolveHours,
      respondHours: r.respondHours,
      rateDays: r.rateDays,
      active: r.active,
      source: r.orgPath === unit.path ? 'local' : 'inherited',
      definedAt: names.get(pathIds(r.orgPath).at(-1)!) ?? null,
      builtIn: DEFAULT_CATEGORIES.some((c) => c.code === r.code),
    });
  }
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    items: [...byCode.values()],
    allowed: allowedActions(actor, { orgPath: unit.path }, ['cases:configure']),
  };
}

/** The rule must be in the rulebook in force at the place, when one is (else its format suffices). */
async function checkRule(db: Executor, path: string, ruleCode: string | null) {
  if (!ruleCode) return;
  const book = await rulebookInForce(db, path, shanghaiDate());
  if (!book) return;
  const full = await presentRulebook(db, null, book);
  const known = full.chapters.some((c) => c.articles.some((a) => a.rules.some((r) => r.code === ruleCode)));
  if (!known) throw new AppError('case_rule_unknown', { ruleCode });
}

export async function putCategory(
  ctx: CommandContext,
  unitId: string,
  code: string,
  input: z.infer<typeof categoryAdminPut>,
) {
  const unit = await configurableUnit(ctx.tx, ctx.actor, unitId);
  if (!LEVELS.includes(unit.kind)) throw new AppError('case_category_level');
  await checkRule(ctx.tx, unit.path, input.ruleCode);
  const values = { ...input, kinds: [...new Set(input.kinds)] };
  await ctx.tx
    .insert(caseCategory)
    .values({ districtId: pathIds(unit.path)[0], orgPath: unit.path, code, ...values })
    .onConflictDoUpdate({ target: [caseCategory.orgPath, caseCategory.code], set: values });
  await recordAudit(ctx, {
    action: 'cases.category_saved',
    subjectType: 'case_category',
    subjectId: code,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `${unit.name} 事项分类 ${code}「${input.name}」：${values.kinds.join('/')}，积分规则 ${
      input.ruleCode ?? '无'
    }，核实${input.checkHours}h/接单${input.acceptHours}h/响应${input.respondHours}h/办结${input.resolveHours}h，评价${input.rateDays}天${input.active ? '' : '，停用'}`,
  });
  return categoryCatalogue({ actor: ctx.actor, db: ctx.tx }, unit.id);
}

export async function deleteCategory(ctx: CommandContext, unitId: string, code: string) {
  const unit = await configurableUnit(ctx.tx, ctx.actor, unitId);
  const gone = await ctx.tx
    .delete(caseCategory)
    .where(and(eq(caseCategory.orgPath, unit.path), eq(caseCategory.code, code)))
    .returning({ name: caseCategory.name });
  if (gone.length === 0) throw new AppError('not_found');
  await recordAudit(ctx, {
    action: 'cases.category_override_removed',
    subjectType: 'case_category',
    subjectId: code,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `${unit.name} 删除本级事项分类 ${code}「${gone[0].name}」，恢复上级或默认设置`,
  });
  return categoryCatalogue({ actor: ctx.actor, db: ctx.tx }, unit.id);
}
