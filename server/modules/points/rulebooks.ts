import { and, asc, desc, eq, inArray, isNull, lte, ne, or, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { conventionIn, RuleOut, RulebookIn, RulebookOut } from '../../../common/contracts/points.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, pathIds } from '../org/index.ts';
import { convention, rule, rulebook, rulebookArticle, rulebookChapter } from './schema.ts';

export type RulebookRow = typeof rulebook.$inferSelect;
export type RuleRow = typeof rule.$inferSelect;

export async function loadRulebook(db: Executor, id: string, lock = false): Promise<RulebookRow> {
  const q = db.select().from(rulebook).where(eq(rulebook.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** A rulebook is published by a community, or by a subdistrict for all its communities. */
async function publisherUnit(db: Executor, orgUnitId: string) {
  const unit = await loadOrgUnit(db, orgUnitId);
  if (unit.kind !== 'community' && unit.kind !== 'subdistrict')
    throw new AppError('validation_failed', { field: 'orgUnitId' });
  return unit;
}

async function writeContent(tx: Executor, rulebookId: string, input: RulebookIn) {
  const codes = input.chapters.flatMap((c) => c.articles.flatMap((a) => a.rules.map((r) => r.code)));
  if (new Set(codes).size !== codes.length)
    throw new AppError('validation_failed', { reason: 'duplicate rule code' });
  for (const [ci, ch] of input.chapters.entries()) {
    const [chapter] = await tx
      .insert(rulebookChapter)
      .values({ rulebookId, no: ci + 1, title: ch.title })
      .returning({ id: rulebookChapter.id });
    for (const [ai, art] of ch.articles.entries()) {
      const [article] = await tx
        .insert(rulebookArticle)
        .values({ rulebookId, chapterId: chapter.id, no: ai + 1, title: art.title, body: art.body })
        .returning({ id: rulebookArticle.id });
      if (art.rules.length)
        await tx.insert(rule).values(art.rules.map((r) => ({ ...r, rulebookId, articleId: article.id })));
    }
  }
}

export async function createRulebook(ctx: CommandContext, input: RulebookIn): Promise<RulebookOut> {
  const unit = await publisherUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'points:manage', { orgPath: unit.path });
  // Versions of one publisher are numbered in order; the lock keeps two drafts from taking one number.
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rulebook:${unit.id}`}))`);
  const [{ max }] = await ctx.tx
    .select({ max: sql<number>`coalesce(max(${rulebook.version}), 0)::int` })
    .from(rulebook)
    .where(eq(rulebook.orgUnitId, unit.id));
  const [row] = await ctx.tx
    .insert(rulebook)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      version: max + 1,
      title: input.title,
      status: 'draft',
    })
    .returning();
  await writeContent(ctx.tx, row.id, input);
  await recordAudit(ctx, {
    action: 'points.rulebook_drafted',
    subjectType: 'rulebook',
    subjectId: row.id,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `起草《${row.title}》第 ${row.version} 版`,
  });
  return presentRulebook(ctx.tx, ctx.actor, row);
}

/** Only a draft can be edited; an active version never changes (a revision is a new version). */
export async function replaceDraft(ctx: CommandContext, id: string, input: RulebookIn): Promise<RulebookOut> {
  const book = await loadRulebook(ctx.tx, id, true);
  authorize(ctx.actor, 'points:manage', { orgPath: book.orgPath });
  if (book.status !== 'draft') throw new AppError('rulebook_not_draft');
  await ctx.tx.delete(rulebookChapter).where(eq(rulebookChapter.rulebookId, id));
  await ctx.tx.update(rulebook).set({ title: input.title }).where(eq(rulebook.id, id));
  await writeContent(ctx.tx, id, input);
  await recordAudit(ctx, {
    action: 'points.rulebook_edited',
    subjectType: 'rulebook',
    subjectId: id,
    orgPath: book.orgPath,
    orgUnitId: book.orgUnitId,
    summary: `修改《${input.title}》第 ${book.version} 版草稿`,
  });
  return presentRulebook(ctx.tx, ctx.actor, { ...book, title: input.title });
}

/** Starts a revision: a new draft version with the content of `id`. */
export async function reviseRulebook(ctx: CommandContext, id: string): Promise<RulebookOut> {
  const book = await loadRulebook(ctx.tx, id);
  const content = await presentRulebook(ctx.tx, ctx.actor, book);
  return createRulebook(ctx, {
    orgUnitId: book.orgUnitId,
    title: book.title,
    chapters: content.chapters.map((c) => ({
      title: c.title,
      articles: c.articles.map((a) => ({
        title: a.title,
        body: a.body,
        rules: a.rules.map(({ id: _i, articleId: _a, ...r }) => r),
      })),
    })),
  });
}

/**
 * Puts a draft in force from a date. The version in force before it is retired from that date, so a
 * claim for a deed before the date still uses the old version.
 */
export async function activateRulebook(
  ctx: CommandContext,
  id: string,
  effectiveFrom: string,
): Promise<RulebookOut> {
  const book = await loadRulebook(ctx.tx, id, true);
  authorize(ctx.actor, 'points:manage', { orgPath: book.orgPath });
  if (book.status !== 'draft') throw new AppError('rulebook_not_draft');
  const [current] = await ctx.tx
    .select()
    .from(rulebook)
    .where(
      and(eq(rulebook.orgUnitId, book.orgUnitId), ne(rulebook.status, 'draft'), isNull(rulebook.effectiveTo)),
    )
    .for('update');
  if (current && current.effectiveFrom! >= effectiveFrom) throw new AppError('effective_date_invalid');
  if (current) {
    await ctx.tx
      .update(rulebook)
      .set({ status: 'retired', effectiveTo: effectiveFrom })
      .where(eq(rulebook.id, current.id));
  }
  const [row] = await ctx.tx
    .update(rulebook)
    .set({ status: 'active', effectiveFrom })
    .where(eq(rulebook.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'points.rulebook_activated',
    subjectType: 'rulebook',
    subjectId: id,
    orgPath: book.orgPath,
    orgUnitId: book.orgUnitId,
    summary: `《${book.title}》第 ${book.version} 版自 ${effectiveFrom} 起施行${current ? `，第 ${current.version} 版同日废止` : ''}`,
  });
  return presentRulebook(ctx.tx, ctx.actor, row);
}

/**
 * The rule with `code` in the rulebook in force for a community on a date: the community's own
 * rulebook if it has one in force, else its subdistrict's.
 */
export async function ruleInForce(
  db: Executor,
  communityPath: string,
  code: string,
  date: string,
): Promise<{ rule: RuleRow; book: RulebookRow }> {
  const books = await db
    .select()
    .from(rulebook)
    .where(
      and(
        inArray(rulebook.orgUnitId, pathIds(communityPath)),
        ne(rulebook.status, 'draft'),
        lte(rulebook.effectiveFrom, date),
        or(isNull(rulebook.effectiveTo), gt(rulebook.effectiveTo, date)),
      ),
    )
    .orderBy(desc(sql`length(${rulebook.orgPath})`));
  for (const book of books) {
    const [r] = await db
      .select()
      .from(rule)
      .where(and(eq(rule.rulebookId, book.id), eq(rule.code, code)));
    if (r) return { rule: r, book };
  }
  throw new AppError('rule_not_in_force', { code, date });
}

/** The rulebook a community's residents see today (for the board and the declare form). */
export async function rulebookInForce(
  db: Executor,
  communityPath: string,
  date: string,
): Promise<RulebookRow | null> {
  const [book] = await db
    .select()
    .from(rulebook)
    .where(
      and(
        inArray(rulebook.orgUnitId, pathIds(communityPath)),
        ne(rulebook.status, 'draft'),
        lte(rulebook.effectiveFrom, date),
        or(isNull(rulebook.effectiveTo), gt(rulebook.effectiveTo, date)),
      ),
    )
    .orderBy(desc(sql`length(${rulebook.orgPath})`))
    .limit(1);
  return book ?? null;
}

export async function presentRulebook(
  db: Executor,
  actor: Actor | null,
  book: RulebookRow,
): Promise<RulebookOut> {
  const [chapters, articles, rules, names] = await readAll(db, [
    () =>
      db
        .select()
        .from(rulebookChapter)
        .where(eq(rulebookChapter.rulebookId, book.id))
        .orderBy(asc(rulebookChapter.no)),
    () =>
      db
        .select()
        .from(rulebookArticle)
        .where(eq(rulebookArticle.rulebookId, book.id))
        .orderBy(asc(rulebookArticle.no)),
    () => db.select().from(rule).where(eq(rule.rulebookId, book.id)).orderBy(asc(rule.code)),
    () => nameOrgUnits(db, [book.orgUnitId]),
  ]);
  return {
    id: book.id,
    orgUnitId: book.orgUnitId,
    orgUnitName: names.get(book.orgUnitId) ?? '',
    version: book.version,
    title: book.title,
    status: book.status as RulebookOut['status'],
    effectiveFrom: book.effectiveFrom,
    effectiveTo: book.effectiveTo,
    chapters: chapters.map((c) => ({
      id: c.id,
      no: c.no,
      title: c.title,
      articles: articles
        .filter((a) => a.chapterId === c.id)
        .map((a) => ({
          id: a.id,
          no: a.no,
          title: a.title,
          body: a.body,
          rules: rules.filter((r) => r.articleId === a.id).map(presentRule),
        })),
    })),
    allowed: actor ? allowedActions(actor, { orgPath: book.orgPath }, ['points:manage']) : [],
  };
}

export function presentRule(r: RuleRow): RuleOut {
  return {
    id: r.id,
    articleId: r.articleId,
    code: r.code,
    title: r.title,
    kind: r.kind as RuleOut['kind'],
    pointsPerUnit: r.pointsPerUnit,
    unit: r.unit as RuleOut['unit'],
    evidence: r.evidence as RuleOut['evidence'],
    capDay: r.capDay,
    capMonth: r.capMonth,
    capYear: r.capYear,
    declarers: r.declarers as RuleOut['declarers'],
    participants: r.participants as RuleOut['participants'],
  };
}

export async function listRulebooks(db: Executor, actor: Actor | null, orgUnitPath: string) {
  const rows = await db
    .select()
    .from(rulebook)
    .where(inArray(rulebook.orgUnitId, pathIds(orgUnitPath)))
    .orderBy(desc(rulebook.version));
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  return rows.map((b) => ({
    id: b.id,
    orgUnitId: b.orgUnitId,
    orgUnitName: names.get(b.orgUnitId) ?? '',
    version: b.version,
    title: b.title,
    status: b.status as RulebookOut['status'],
    effectiveFrom: b.effectiveFrom,
    effectiveTo: b.effectiveTo,
    allowed: actor ? allowedActions(actor, { orgPath: b.orgPath }, ['points:manage']) : [],
  }));
}

/** Publishing a convention makes it the one in force from its date; the previous one is retired. */
export async function publishConvention(ctx: CommandContext, input: z.infer<typeof conventionIn>) {
  const unit = await publisherUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'points:manage', { orgPath: unit.path });
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`convention:${unit.id}`}))`);
  const [{ max }] = await ctx.tx
    .select({ max: sql<number>`coalesce(max(${convention.version}), 0)::int` })
    .from(convention)
    .where(eq(convention.orgUnitId, unit.id));
  await ctx.tx
    .update(convention)
    .set({ status: 'retired' })
    .where(and(eq(convention.orgUnitId, unit.id), eq(convention.status, 'active')));
  const [row] = await ctx.tx
    .insert(convention)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      version: max + 1,
      title: input.title,
      body: input.body,
      status: 'active',
      effectiveFrom: input.effectiveFrom,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'points.convention_published',
    subjectType: 'convention',
    subjectId: row.id,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `发布《${row.title}》第 ${row.version} 版`,
  });
  return presentConvention(row);
}

export async function conventionInForce(db: Executor, communityPath: string) {
  const [row] = await db
    .select()
    .from(convention)
    .where(
      and(
        inArray(convention.orgUnitId, pathIds(communityPath)),
        eq(convention.status, 'active'),
        lte(convention.effectiveFrom, shanghaiDate()),
      ),
    )
    .orderBy(desc(sql`length(${convention.orgPath})`))
    .limit(1);
  return row ? presentConvention(row) : null;
}

function presentConvention(c: typeof convention.$inferSelect) {
  return {
    id: c.id,
    orgUnitId: c.orgUnitId,
    version: c.version,
    title: c.title,
    body: c.body,
    status: c.status as 'draft' | 'active' | 'retired',
    effectiveFrom: c.effectiveFrom,
  };
}
