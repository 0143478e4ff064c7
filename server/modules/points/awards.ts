import { and, asc, desc, eq, gte, inArray, like, lt, sql } from 'drizzle-orm';
import type { PARTICIPANTS } from '../../../common/contracts/points.ts';
import {
  type AwardCreate,
  type AwardOut,
  type AwardWinnersIn,
  BUILT_IN_AWARDS,
  isBuiltInAward,
  type PublishedWinner,
} from '../../../common/contracts/summaries.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, personTags } from '../org/index.ts';
import { publicName } from './postings.ts';
import { type RankingRow, rankings } from './rankings.ts';
import { award, awardWinner, claim, ledgerEntry, pointsAccount } from './schema.ts';
import { readerOf, yearWindow } from './summaries.ts';

// 一年一表彰 (annual_awards): the committee opens a category for the year, picks winners from the
// year's rankings, and publishes; the published list is frozen (masked names, points) and never changes.

export type AwardRow = typeof award.$inferSelect;
type Participant = (typeof PARTICIPANTS)[number];

/** How many candidates the committee is shown; winners may be any eligible earner, not only these. */
const CANDIDATES_SHOWN = 50;
/** Every earner of a community in a year: the rankings without their public-board cut-off. */
const ALL_EARNERS = 1_000_000;

export async function loadAward(db: Executor, id: string, lock = false): Promise<AwardRow> {
  const q = db.select().from(award).where(eq(award.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** Accounts credited in the window for claims made as `participant` (they took part as one). */
async function creditedAs(db: Executor, path: string, participant: Participant, w: { from: Date; to: Date }) {
  const rows = await db
    .selectDistinct({ accountId: claim.accountId })
    .from(ledgerEntry)
    .innerJoin(claim, sql`${claim.id}::text = ${ledgerEntry.causeId}`)
    .where(
      and(
        eq(ledgerEntry.causeType, 'claim'),
        eq(ledgerEntry.kind, 'earn'),
        gte(ledgerEntry.createdAt, w.from),
        lt(ledgerEntry.createdAt, w.to),
        like(claim.orgPath, `${path}%`),
        eq(claim.participant, participant),
      ),
    );
  return new Set(rows.map((r) => r.accountId));
}

/**
 * The award's candidates: the community's rankings for the year, narrowed to its participant type.
 * A gig worker (or volunteer) is one by their person's tag, or by having earned as one that year.
 */
export async function eligibleEarners(db: Executor, a: AwardRow): Promise<RankingRow[]> {
  const w = yearWindow(a.year);
  const ranked = await rankings(db, a.orgPath, w, ALL_EARNERS);
  const p = a.participant as Participant | null;
  if (!p) return ranked;
  if (p === 'social_org') return ranked.filter((r) => r.personId === null);
  if (p === 'resident') return ranked.filter((r) => r.personId !== null);
  // One after the other: inside a command these share the transaction's single connection.
  const tags = await personTags(
    db,
    ranked.flatMap((r) => r.personId ?? []),
  );
  const claimedAs = await creditedAs(db, a.orgPath, p, w);
  return ranked.filter(
    (r) => claimedAs.has(r.accountId) || (r.personId !== null && (tags.get(r.personId) ?? []).includes(p)),
  );
}

async function winnersOf(db: Executor, awardIds: string[]) {
  if (awardIds.length === 0) return [];
  return db
    .select({ w: awardWinner, a: pointsAccount })
    .from(awardWinner)
    .innerJoin(pointsAccount, eq(pointsAccount.id, awardWinner.accountId))
    .where(inArray(awardWinner.awardId, awardIds))
    .orderBy(desc(awardWinner.points), asc(pointsAccount.displayName));
}

async function present(db: Executor, actor: Actor, rows: AwardRow[]): Promise<AwardOut[]> {
  const names = await nameOrgUnits(db, [...new Set(rows.map((r) => r.communityId))]);
  const winners = await winnersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const staff = readerOf(actor, r.orgPath) === 'staff';
    return {
      id: r.id,
      communityId: r.communityId,
      communityName: names.get(r.communityId) ?? '',
      year: r.year,
      category: r.category,
      title: r.title,
      participant: r.participant as Participant | null,
      state: r.state as 'draft' | 'published',
      publishedAt: r.publishedAt?.toISOString() ?? null,
      winners: staff
        ? winners
            .filter((x) => x.w.awardId === r.id)
            .map(({ w, a }) => ({
              accountId: w.accountId,
              name: a.displayName,
              publicName: publicName(a.displayName, a.publicConsent),
              points: w.points,
              citation: w.citation,
            }))
        : null,
      published: r.snapshot ? (JSON.parse(r.snapshot) as PublishedWinner[]) : null,
      allowed: allowedActions(actor, { orgPath: r.orgPath }, ['points:review']),
    };
  });
}

async function presentOne(db: Executor, actor: Actor, row: AwardRow): Promise<AwardOut> {
  const [out] = await present(db, actor, [row]);
  return out;
}

/** Opens a category for the year as a draft: the built-ins come with their title and participant. */
export async function createAward(ctx: CommandContext, input: AwardCreate): Promise<AwardOut> {
  const community = await loadOrgUnit(ctx.tx, input.communityId);
  authorize(ctx.actor, 'points:review', { orgPath: community.path });
  if (community.kind !== 'community') throw new AppError('not_a_community');
  const builtIn = isBuiltInAward(input.category) ? BUILT_IN_AWARDS[input.category] : null;
  const title = input.title ?? builtIn?.title;
  if (!title) throw new AppError('validation_failed', { field: 'title' });
  const participant = input.participant ?? builtIn?.participant ?? null;
  const [dup] = await ctx.tx
    .select({ id: award.id })
    .from(award)
    .where(
      and(
        eq(award.communityId, community.id),
        eq(award.year, input.year),
        eq(award.category, input.category),
      ),
    );
  if (dup) throw new AppError('award_exists', { awardId: dup.id });
  const [row] = await ctx.tx
    .insert(award)
    .values({
      districtId: community.districtId,
      communityId: community.id,
      orgPath: community.path,
      year: input.year,
      category: input.category,
      title,
      participant,
      state: 'draft',
    })
    .returning();
  await recordAudit(ctx, {
    action: 'points.award_created',
    subjectType: 'award',
    subjectId: row.id,
    orgPath: community.path,
    orgUnitId: community.id,
    summary: `${community.name} ${input.year} 年度表彰：新建「${title}」`,
  });
  return presentOne(ctx.tx, ctx.actor, row);
}

/** Staff see every category with the real names; residents of the community only what is published. */
export async function listAwards({ actor, db }: QueryContext, q: { communityId: string; year?: number }) {
  const community = await loadOrgUnit(db, q.communityId);
  const reader = readerOf(actor, community.path);
  const rows = await db
    .select()
    .from(award)
    .where(
      and(
        eq(award.communityId, community.id),
        q.year === undefined ? undefined : eq(award.year, q.year),
        reader === 'staff' ? undefined : eq(award.state, 'published'),
      ),
    )
    .orderBy(desc(award.year), asc(award.createdAt));
  return { items: await present(db, actor, rows) };
}

export async function getAward({ actor, db }: QueryContext, id: string): Promise<AwardOut> {
  const row = await loadAward(db, id);
  // A draft is not yet anyone's business but the staff's: for residents it does not exist.
  if (readerOf(actor, row.orgPath) !== 'staff' && row.state !== 'published') throw new AppError('not_found');
  return presentOne(db, actor, row);
}

export async function awardCandidates({ actor, db }: QueryContext, id: string) {
  const a = await loadAward(db, id);
  authorize(actor, 'points:review', { orgPath: a.orgPath });
  const [eligible, chosen] = await Promise.all([
    eligibleEarners(db, a),
    db.select({ accountId: awardWinner.accountId }).from(awardWinner).where(eq(awardWinner.awardId, a.id)),
  ]);
  const picked = new Set(chosen.map((c) => c.accountId));
  return {
    awardId: a.id,
    year: a.year,
    participant: a.participant as Participant | null,
    items: eligible.slice(0, CANDIDATES_SHOWN).map((r, i) => ({
      rank: i + 1,
      accountId: r.accountId,
      personId: r.personId,
      name: r.displayName,
      publicName: publicName(r.displayName, r.publicConsent),
      points: r.earned,
      chosen: picked.has(r.accountId),
    })),
  };
}

/** Loads the award for a change: the committee's, and only while it is a draft. */
async function draftForChange(ctx: CommandContext, id: string): Promise<AwardRow> {
  const a = await loadAward(ctx.tx, id, true);
  authorize(ctx.actor, 'points:review', { orgPath: a.orgPath });
  if (a.state !== 'draft') throw new AppError('award_published');
  return a;
}

/** Replaces the draft's winners; each must be an eligible earner of the community in the year. */
export async function setAwardWinners(
  ctx: CommandContext,
  id: string,
  input: AwardWinnersIn,
): Promise<AwardOut> {
  const a = await draftForChange(ctx, id);
  const eligible = new Map((await eligibleEarners(ctx.tx, a)).map((r) => [r.accountId, r]));
  const stranger = input.winners.find((w) => !eligible.has(w.accountId));
  if (stranger) throw new AppError('award_winner_not_candidate', { accountId: stranger.accountId });
  await ctx.tx.delete(awardWinner).where(eq(awardWinner.awardId, a.id));
  if (input.winners.length > 0) {
    await ctx.tx.insert(awardWinner).values(
      input.winners.map((w) => ({
        awardId: a.id,
        accountId: w.accountId,
        points: eligible.get(w.accountId)!.earned,
        citation: w.citation || null,
      })),
    );
  }
  await recordAudit(ctx, {
    action: 'points.award_winners_set',
    subjectType: 'award',
    subjectId: a.id,
    orgPath: a.orgPath,
    orgUnitId: a.communityId,
    summary: `${a.year} 年度「${a.title}」：选定获奖人 ${input.winners.length} 名`,
  });
  return presentOne(ctx.tx, ctx.actor, a);
}

/** Publishes: the list the public sees (masked names, points, citations) is frozen into the award. */
export async function publishAward(ctx: CommandContext, id: string): Promise<AwardOut> {
  const a = await draftForChange(ctx, id);
  const winners = await winnersOf(ctx.tx, [a.id]);
  if (winners.length === 0) throw new AppError('award_no_winners');
  const snapshot: PublishedWinner[] = winners.map(({ w, a: acc }) => ({
    name: publicName(acc.displayName, acc.publicConsent),
    points: w.points,
    citation: w.citation,
  }));
  const [row] = await ctx.tx
    .update(award)
    .set({ state: 'published', publishedAt: now(), snapshot: JSON.stringify(snapshot) })
    .where(eq(award.id, a.id))
    .returning();
  await recordAudit(ctx, {
    action: 'points.award_published',
    subjectType: 'award',
    subjectId: a.id,
    orgPath: a.orgPath,
    orgUnitId: a.communityId,
    summary: `${a.year} 年度「${a.title}」发布：${snapshot.map((s) => s.name).join('、')}`,
  });
  return presentOne(ctx.tx, ctx.actor, row);
}
