import { z } from 'zod';
import { postingRow, rulebookOut, VERSION_STATUSES } from './points.ts';

// The public board (公示栏) needs no login, so these response schemas are its whitelist: the
// serializer drops every field not named here. Names on it are masked (田*明) or 居民（未公开姓名）;
// it never carries a phone, an ID number or a room.

/** The online page a printed notice opens, and its QR code as an SVG document. */
export const qrOut = z.object({ url: z.string(), svg: z.string() });

export const publicCommunity = z.object({
  id: z.string(),
  name: z.string(),
  subdistrictId: z.string(),
  subdistrictName: z.string(),
});
export const publicCommunityList = z.object({ items: z.array(publicCommunity) });

export const publicPostingSummary = z.object({
  id: z.string(),
  period: z.string(),
  state: z.enum(['open', 'closed']),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  rowCount: z.number().int(),
});

export const publicRankingRow = z.object({
  /** Competition ranking: equal points share a rank (1, 1, 3). */
  rank: z.number().int(),
  /** 田*明, 居民（未公开姓名）, or a social organisation's name. */
  name: z.string(),
  points: z.number().int(),
});
export const publicRanking = z.object({
  /** "2026-11", "2026-Q4" or "2026", in Asia/Shanghai. */
  period: z.string(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  rows: z.array(publicRankingRow),
});

export const publicRulebookSummary = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number().int(),
  orgUnitName: z.string(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
});
export const publicConventionSummary = z.object({
  id: z.string(),
  title: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string().nullable(),
});

export const publicBoardOut = z.object({
  community: publicCommunity,
  /** The newest posting still open for objections, if any. */
  currentPosting: publicPostingSummary.nullable(),
  /** Every other posting, newest first. */
  pastPostings: z.array(publicPostingSummary),
  rankings: z.object({ month: publicRanking, quarter: publicRanking, year: publicRanking }),
  convention: publicConventionSummary.nullable(),
  rulebook: publicRulebookSummary.nullable(),
  qr: qrOut,
  generatedAt: z.iso.datetime(),
});
export type PublicBoardOut = z.infer<typeof publicBoardOut>;

/** A posting exactly as published (frozen rows), with which claims were revoked since. */
export const publicPostingOut = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  period: z.string(),
  state: z.enum(['open', 'closed']),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  rows: z.array(postingRow.extend({ revoked: z.boolean() })),
  objections: z.number().int(),
  qr: qrOut,
});

export const publicRulebookOut = rulebookOut.omit({ allowed: true }).extend({ qr: qrOut });

export const publicConventionOut = z.object({
  id: z.string(),
  orgUnitName: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  status: z.enum(VERSION_STATUSES),
  effectiveFrom: z.string().nullable(),
  qr: qrOut,
});
