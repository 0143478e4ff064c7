import { and, eq, gte, inArray, like, lt, type SQL, sql } from 'drizzle-orm';
import { RULE_KINDS } from '../../../common/contracts/points.ts';
import { QUARTER_PATTERN, type SummaryOut, type SummaryQuery } from '../../../common/contracts/summaries.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, can } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiMonth } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { communitiesUnder, loadOrgUnit } from '../org/index.ts';
import { publicName } from './postings.ts';
import { rankings } from './rankings.ts';
import { claim, ledgerEntry, pointsAccount, rule } from './schema.ts';

// 一季一汇总 (quarterly_summary): what a community's or a subdistrict's points system did in a quarter,
// counted from the ledger (credited points), never from claims still under review.

export type Window = { from: Date; to: Date };
type RuleKind = (typeof RULE_KINDS)[number];

/** The quarters of the communities' calendar: Asia/Shanghai is UTC+8 all year (no daylight saving). */
function shanghaiMidnight(year: number, month0: number): Date {
  return new Date(Date.UTC(year, month0, 1) - 8 * 3_600_000);
}

export function quarterWindow(quarter: string): Window {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new AppError('validation_failed', { field: 'quarter' });
  const year = Number(m[1]);
  const q = Number(m[2]);
  return { from: shanghaiMidnight(year, (q - 1) * 3), to: shanghaiMidnight(year, q * 3) };
}

export function previousQuarter(quarter: string): string {
  const m = QUARTER_PATTERN.exec(quarter);
  if (!m) throw new AppError('validation_failed', { field: 'quarter' });
  const [year, q] = [Number(m[1]), Number(m[2])];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The quarter an instant falls in, in Asia/Shanghai: "2026-Q4". */
export function shanghaiQuarter(at: Date = now()): string {
  const [year, month] = shanghaiMonth(at).split('-').map(Number);
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** A calendar year in Asia/Shanghai, for the annual awards. */
export function yearWindow(year: number): Window {
  return { from: shanghaiMidnight(year, 0), to: shanghaiMidnight(year + 1, 0) };
}

/**
 * Who may read a unit's points figures. Staff whose grant reaches the unit read everything
 * (`staff`). A resident's grant reaches only their household, yet they live inside the unit: they
 * see it exists, so they are refused (403) for staff figures, and may read what is published
 * (`member`). Anyone else gets 404.
 */
export function readerOf(actor: Actor, orgPath: string): 'staff' | 'member' {
  if (can(actor, 'points:read', { orgPath })) return 'staff';
  if (actor.grants.some((g) => g.orgPath.startsWith(orgPath))) return 'member';
  throw new AppError('not_found');
}

/** Ledger entries that credited a claim (earn or deduct) in the window, for claims under `path`. */
function creditedUnder(path: string, w: Window): SQL {
  return and(
    eq(ledgerEntry.causeType, 'claim'),
    inArray(ledgerEntry.kind, ['earn', 'deduct']),
    gte(ledgerEntry.createdAt, w.from),
    lt(ledgerEntry.createdAt, w.to),
    like(claim.orgPath, `${path}%`),
  )!;
}
const claimOfEntry = sql`${claim.id}::text = ${ledgerEntry.causeId}`;
const points = sql<number>`coalesce(sum(${ledgerEntry.amount}), 0)::int`;
const entries = sql<number>`count(*)::int`;

/** By rule code: one rule keeps its code across rulebook versions, so versions add up. */
async function issuedByRule(db: Executor, path: string, w: Window) {
  const rows = await db
    .select({
      code: rule.code,
      kind: rule.kind,
      // The newest version's wording names the row.
      title: sql<string>`(array_agg(${rule.title} order by ${claim.rulebookVersion} desc))[1]`,
      entries,
      points,
    })
    .from(ledgerEntry)
    .innerJoin(claim, claimOfEntry)
    .innerJoin(rule, eq(rule.id, claim.ruleId))
    .where(creditedUnder(path, w))
    .groupBy(rule.code, rule.kind);
  const order = (k: string) => RULE_KINDS.indexOf(k as RuleKind);
  return rows
    .map((r) => ({ ...r, kind: r.kind as RuleKind }))
    .sort((a, b) => order(a.kind) - order(b.kind) || a.code.localeCompare(b.code));
}

async function issuedByCommunity(db: Executor, path: string, w: Window) {
  return db
    .select({ communityId: claim.communityId, kind: ledgerEntry.kind, points })
    .from(ledgerEntry)
    .innerJoin(claim, claimOfEntry)
    .where(creditedUnder(path, w))
    .groupBy(claim.communityId, ledgerEntry.kind);
}

/** Households with ≥1 credited claim; a household lies in one community, so per-community counts add up. */
async function householdsByCommunity(db: Executor, path: string, w: Window) {
  const rows = await db
    .select({ communityId: claim.communityId, n: sql<number>`count(distinct ${claim.householdId})::int` })
    .from(ledgerEntry)
    .innerJoin(claim, claimOfEntry)
    .where(creditedUnder(path, w))
    .groupBy(claim.communityId);
  return new Map(rows.map((r) => [r.communityId, Number(r.n)]));
}

async function participantTallies(db: Executor, path: string, w: Window) {
  const rows = await db
    .select({
      participant: claim.participant,
      persons: sql<number>`count(distinct coalesce(${claim.personId}, ${claim.accountId}))::int`,
      points,
    })
    .from(ledgerEntry)
    .innerJoin(claim, claimOfEntry)
    .where(and(creditedUnder(path, w), inArray(claim.participant, ['gig_worker', 'volunteer'])))
    .groupBy(claim.participant);
  return (['gig_worker', 'volunteer'] as const).map((participant) => {
    const r = rows.find((x) => x.participant === participant);
    return { participant, persons: Number(r?.persons ?? 0), points: Number(r?.points ?? 0) };
  });
}

/**
 * Redemptions are whatever the ledger records as `redeem` (the shop writes them), counted by the
 * spender's account, so the figure is right the day the shop opens without touching this file.
 */
async function redemptionsByCommunity(db: Executor, path: string, w: Window) {
  const rows = await db
    .select({
      communityId: sql<string>`split_part(${pointsAccount.orgPath}, '/', 4)`,
      count: entries,
      points: sql<number>`coalesce(-sum(${ledgerEntry.amount}), 0)::int`,
    })
    .from(ledgerEntry)
    .innerJoin(pointsAccount, eq(pointsAccount.id, ledgerEntry.accountId))
    .where(
      and(
        eq(ledgerEntry.kind, 'redeem'),
        gte(ledgerEntry.createdAt, w.from),
        lt(ledgerEntry.createdAt, w.to),
        like(pointsAccount.orgPath, `${path}%`),
      ),
    )
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [r.communityId, { count: Number(r.count), points: Number(r.points) }]));
}

function growth(current: number, previous: number) {
  return {
    current,
    previous,
    change: current - previous,
    changePct: previous === 0 ? null : Math.round(((current - previous) / previous) * 1000) / 10,
  };
}

const sum = (xs: Iterable<number>) => [...xs].reduce((s, x) => s + x, 0);

function totals(rows: { kind: string; points: number }[]) {
  const earned = sum(rows.filter((r) => r.kind === 'earn').map((r) => Number(r.points)));
  const deducted = -sum(rows.filter((r) => r.kind === 'deduct').map((r) => Number(r.points)));
  return { earned, deducted, net: earned - deducted };
}

type SummaryUnit = { id: string; name: string; kind: 'community' | 'subdistrict'; path: string };

/**
 * The figures of one unit and quarter. Authorisation is the caller's (`loadSummaryUnit`). The
 * queries run side by side, so pass the pool, not a transaction (one connection, one query at a time).
 */
export async function buildSummary(
  db: Executor,
  unit: SummaryUnit,
  quarter: string,
  masked: boolean,
): Promise<SummaryOut> {
  const w = quarterWindow(quarter);
  const prevQuarter = previousQuarter(quarter);
  const [byRule, byCommunity, households, prevHouseholds, participants, redemptions, top, communities] =
    await readAll(db, [
      () => issuedByRule(db, unit.path, w),
      () => issuedByCommunity(db, unit.path, w),
      () => householdsByCommunity(db, unit.path, w),
      () => householdsByCommunity(db, unit.path, quarterWindow(prevQuarter)),
      () => participantTallies(db, unit.path, w),
      () => redemptionsByCommunity(db, unit.path, w),
      () => rankings(db, unit.path, w, 10),
      () => (unit.kind === 'subdistrict' ? communitiesUnder(db, unit.path) : Promise.resolve([])),
    ]);
  const byKind = RULE_KINDS.map((kind) => {
    const rows = byRule.filter((r) => r.kind === kind);
    return { kind, entries: sum(rows.map((r) => r.entries)), points: sum(rows.map((r) => r.points)) };
  }).filter((k) => k.entries > 0);
  const noRedemptions = { count: 0, points: 0 };
  return {
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    orgUnitKind: unit.kind,
    quarter,
    previousQuarter: prevQuarter,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    masked,
    issued: totals(byCommunity),
    byRule,
    byKind,
    households: growth(sum(households.values()), sum(prevHouseholds.values())),
    topContributors: top.map((r, i) => ({
      rank: i + 1,
      accountId: r.accountId,
      name: masked ? publicName(r.displayName, r.publicConsent) : r.displayName,
      points: r.earned,
    })),
    participants,
    redemptions: {
      count: sum([...redemptions.values()].map((r) => r.count)),
      points: sum([...redemptions.values()].map((r) => r.points)),
    },
    communities: communities.map((c) => ({
      communityId: c.id,
      communityName: c.name,
      issued: totals(byCommunity.filter((r) => r.communityId === c.id)),
      households: growth(households.get(c.id) ?? 0, prevHouseholds.get(c.id) ?? 0),
      redemptions: redemptions.get(c.id) ?? noRedemptions,
    })),
  };
}

/** The whole unit's figures are staff work: points:read reaching the unit (403 for its residents). */
export async function loadSummaryUnit(db: Executor, actor: Actor, orgUnitId: string): Promise<SummaryUnit> {
  const unit = await loadOrgUnit(db, orgUnitId);
  if (readerOf(actor, unit.path) !== 'staff') throw new AppError('forbidden');
  if (unit.kind !== 'community' && unit.kind !== 'subdistrict') throw new AppError('summary_unit_invalid');
  return { id: unit.id, name: unit.name, kind: unit.kind, path: unit.path };
}

export async function quarterlySummary({ actor, db }: QueryContext, q: SummaryQuery): Promise<SummaryOut> {
  const unit = await loadSummaryUnit(db, actor, q.orgUnitId);
  return buildSummary(db, unit, q.quarter, q.masked);
}

/** Authorises an Excel download and records it: the file carries names (real unless masked). */
export async function recordSummaryExport(ctx: CommandContext, q: SummaryQuery): Promise<SummaryUnit> {
  const unit = await loadSummaryUnit(ctx.tx, ctx.actor, q.orgUnitId);
  await recordAudit(ctx, {
    action: 'points.summary_exported',
    subjectType: 'org_unit',
    subjectId: unit.id,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `导出「${unit.name}」${q.quarter} 季度积分汇总${q.masked ? '（姓名已脱敏）' : ''}`,
  });
  return unit;
}
