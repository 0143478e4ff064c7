import { desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  PublicBoardOut,
  publicCommunity,
  publicConventionOut,
  publicPostingOut,
  publicRulebookOut,
} from '../../../common/contracts/board.ts';
import { type Executor, execRows, readAll } from '../../db/client.ts';
import { now, shanghaiDate, shanghaiMonth } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits } from '../org/index.ts';
import { loadPosting, presentPosting, publicName } from './postings.ts';
import { type RankingRow, rankings } from './rankings.ts';
import { conventionInForce, presentRulebook, rulebookInForce } from './rulebooks.ts';
import { posting } from './schema.ts';
import { qrSvg } from '../../platform/qr.ts';

// 公示栏: what anyone may read about a community's points without signing in. Every name passes
// through `publicName`; nothing here selects a phone, an ID number or a room.

/** The online page a printed notice opens, as a QR code to put on paper. */
export async function qrFor(origin: string, pagePath: string) {
  const url = `${origin}${pagePath}`;
  return { url, svg: await qrSvg(url) };
}

/** The web app's public pages (web/ routes them; the server only names them for the QR codes). */
export const boardPaths = {
  board: (communityId: string) => `/board/${communityId}`,
  posting: (communityId: string, postingId: string) => `/board/${communityId}/postings/${postingId}`,
  rulebook: (communityId: string) => `/board/${communityId}/rulebook`,
  convention: (communityId: string) => `/board/${communityId}/convention`,
};

type Community = z.infer<typeof publicCommunity>;

/**
 * Every community has a board: a subdistrict's convention and rulebook apply even before the
 * community posts anything. The org module exports no list of units by kind, so this reads its
 * table directly (read-only); an org export would be the cleaner seam.
 */
export async function boardCommunities(db: Executor): Promise<Community[]> {
  return execRows<Community>(
    db,
    sql`select c.id, c.name, s.id as "subdistrictId", s.name as "subdistrictName"
        from org_unit c join org_unit s on s.id = c.parent_id
        where c.kind = 'community'
        order by s.name, c.name`,
  );
}

/** A community by id; anything else (unknown, a compound, a subdistrict) has no board: 404. */
export async function boardCommunity(db: Executor, id: string): Promise<Community & { path: string }> {
  const unit = await loadOrgUnit(db, id);
  if (unit.kind !== 'community' || !unit.parentId) throw new AppError('not_found');
  const names = await nameOrgUnits(db, [unit.parentId]);
  return {
    id: unit.id,
    name: unit.name,
    subdistrictId: unit.parentId,
    subdistrictName: names.get(unit.parentId) ?? '',
    path: unit.path,
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving time

/** 00:00 in Asia/Shanghai on the first of a month (month 1-based; 13 rolls into the next year). */
function shanghaiMonthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS);
}

/** This month, quarter and year as the community's calendar has them, for the rankings. */
export function rankingWindows(at: Date) {
  const [y, m] = shanghaiMonth(at).split('-').map(Number);
  const q = Math.floor((m - 1) / 3);
  return {
    month: { period: shanghaiMonth(at), from: shanghaiMonthStart(y, m), to: shanghaiMonthStart(y, m + 1) },
    quarter: {
      period: `${y}-Q${q + 1}`,
      from: shanghaiMonthStart(y, q * 3 + 1),
      to: shanghaiMonthStart(y, q * 3 + 4),
    },
    year: { period: String(y), from: shanghaiMonthStart(y, 1), to: shanghaiMonthStart(y + 1, 1) },
  };
}

/** A social organisation is not a private person: it appears by its name. */
function rankedName(r: RankingRow): string {
  return r.personId ? publicName(r.displayName, r.publicConsent) : r.displayName;
}

/** Rows come sorted by points, so a row's rank is one past the first row with its points. */
export function presentRanking(rows: RankingRow[]) {
  return rows.map((r) => ({
    rank: rows.findIndex((x) => x.earned === r.earned) + 1,
    name: rankedName(r),
    points: r.earned,
  }));
}

async function postingSummaries(db: Executor, communityId: string) {
  const rows = await db
    .select({
      id: posting.id,
      period: posting.period,
      state: posting.state,
      opensAt: posting.opensAt,
      closesAt: posting.closesAt,
      rowCount: sql<number>`json_array_length(${posting.snapshot}::json)::int`,
    })
    .from(posting)
    .where(eq(posting.communityId, communityId))
    .orderBy(desc(posting.opensAt));
  return rows.map((p) => ({
    id: p.id,
    period: p.period,
    state: p.state as 'open' | 'closed',
    opensAt: p.opensAt.toISOString(),
    closesAt: p.closesAt.toISOString(),
    rowCount: Number(p.rowCount),
  }));
}

/** The board of one community: postings, rankings, the convention and rulebook in force, a QR code. */
export async function communityBoard(
  db: Executor,
  communityId: string,
  origin: string,
  at: Date = now(),
): Promise<PublicBoardOut> {
  const community = await boardCommunity(db, communityId);
  const windows = rankingWindows(at);
  const ranked = async (w: (typeof windows)['month']) => ({
    period: w.period,
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    rows: presentRanking(await rankings(db, community.path, w, 20)),
  });
  const postings = await postingSummaries(db, community.id);
  const current = postings.find((p) => p.state === 'open') ?? null;
  const [month, quarter, year, convention, book] = await readAll(db, [
    () => ranked(windows.month),
    () => ranked(windows.quarter),
    () => ranked(windows.year),
    () => conventionInForce(db, community.path),
    () => rulebookInForce(db, community.path, shanghaiDate(at)),
  ]);
  const bookOwner = book ? await nameOrgUnits(db, [book.orgUnitId]) : new Map<string, string>();
  const { path: _, ...communityOut } = community;
  return {
    community: communityOut,
    currentPosting: current,
    pastPostings: postings.filter((p) => p !== current),
    rankings: { month, quarter, year },
    convention: convention && {
      id: convention.id,
      title: convention.title,
      version: convention.version,
      effectiveFrom: convention.effectiveFrom,
    },
    rulebook: book && {
      id: book.id,
      title: book.title,
      version: book.version,
      orgUnitName: bookOwner.get(book.orgUnitId) ?? '',
      effectiveFrom: book.effectiveFrom,
      effectiveTo: book.effectiveTo,
    },
    qr: await qrFor(origin, boardPaths.board(community.id)),
    generatedAt: at.toISOString(),
  };
}

/** A posting as published: its rows were masked and frozen when it went up. */
export async function publicPosting(
  db: Executor,
  postingId: string,
  origin: string,
): Promise<z.infer<typeof publicPostingOut>> {
  const p = await loadPosting(db, postingId);
  const { allowed: _, ...shown } = await presentPosting(db, null, p);
  return { ...shown, qr: await qrFor(origin, boardPaths.posting(p.communityId, p.id)) };
}

export async function publicRulebook(
  db: Executor,
  communityId: string,
  origin: string,
  at: Date = now(),
): Promise<z.infer<typeof publicRulebookOut>> {
  const community = await boardCommunity(db, communityId);
  const book = await rulebookInForce(db, community.path, shanghaiDate(at));
  if (!book) throw new AppError('not_found');
  const { allowed: _, ...shown } = await presentRulebook(db, null, book);
  return { ...shown, qr: await qrFor(origin, boardPaths.rulebook(community.id)) };
}

export async function publicConvention(
  db: Executor,
  communityId: string,
  origin: string,
): Promise<z.infer<typeof publicConventionOut>> {
  const community = await boardCommunity(db, communityId);
  const c = await conventionInForce(db, community.path);
  if (!c) throw new AppError('not_found');
  const names = await nameOrgUnits(db, [c.orgUnitId]);
  return {
    id: c.id,
    orgUnitName: names.get(c.orgUnitId) ?? '',
    version: c.version,
    title: c.title,
    body: c.body,
    status: c.status,
    effectiveFrom: c.effectiveFrom,
    qr: await qrFor(origin, boardPaths.convention(community.id)),
  };
}
