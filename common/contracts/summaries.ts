import { z } from 'zod';
import { allowed, queryBool } from './common.ts';
import { PARTICIPANTS, RULE_KINDS } from './points.ts';

// 一季一汇总 (quarterly_summary) and 一年一表彰 (annual_awards): the contracts the summary page, its Excel
// export and the committee's award screens share with the server.

/** "2026-Q4": a calendar quarter in Asia/Shanghai time. */
export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
export const quarterParam = z.string().regex(QUARTER_PATTERN, 'YYYY-Q1 … YYYY-Q4');

export const summaryQuery = z.object({
  orgUnitId: z.uuid(),
  quarter: quarterParam,
  /** The printable variant: contributors' names as on the public board (田*明, or unnamed). */
  masked: queryBool.default(false),
});
export type SummaryQuery = z.infer<typeof summaryQuery>;

const count = z.number().int();

export const summaryRuleRow = z.object({
  code: z.string(),
  title: z.string(),
  kind: z.enum(RULE_KINDS),
  /** Credited claims (ledger entries) under the rule in the quarter. */
  entries: count,
  /** Signed: deductions are negative. */
  points: count,
});
export const summaryKindRow = z.object({ kind: z.enum(RULE_KINDS), entries: count, points: count });

/** Households with at least one credited claim, against the quarter before. */
export const householdGrowth = z.object({
  current: count,
  previous: count,
  change: count,
  /** Percentage change, one decimal; null when the previous quarter had none. */
  changePct: z.number().nullable(),
});

export const issuedTotals = z.object({
  /** Points credited by earn entries. */
  earned: count,
  /** Points taken by deductions, as a positive number. */
  deducted: count,
  net: count,
});

export const redemptionTally = z.object({ count, points: count });

export const contributorRow = z.object({
  rank: count,
  accountId: z.string(),
  /** The real name for staff; with `masked=true` as the public board shows it. */
  name: z.string(),
  points: count,
});

export const participantTally = z.object({
  participant: z.enum(['gig_worker', 'volunteer']),
  /** Distinct persons with a credited claim as this participant type. */
  persons: count,
  points: count,
});

export const communityBreakdownRow = z.object({
  communityId: z.string(),
  communityName: z.string(),
  issued: issuedTotals,
  households: householdGrowth,
  redemptions: redemptionTally,
});

export const summaryOut = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitKind: z.enum(['community', 'subdistrict']),
  quarter: z.string(),
  previousQuarter: z.string(),
  /** The quarter's bounds as instants: [from, to). */
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  masked: z.boolean(),
  issued: issuedTotals,
  byRule: z.array(summaryRuleRow),
  byKind: z.array(summaryKindRow),
  households: householdGrowth,
  topContributors: z.array(contributorRow),
  participants: z.array(participantTally),
  redemptions: redemptionTally,
  /** A subdistrict's communities, each with its own figures; empty for a community. */
  communities: z.array(communityBreakdownRow),
});
export type SummaryOut = z.infer<typeof summaryOut>;

/** 最美邻里, 服务之星, 先锋骑手: the seed's categories; a community may add its own. */
export const BUILT_IN_AWARDS = {
  best_neighbour: { title: '最美邻里', participant: null },
  service_star: { title: '服务之星', participant: null },
  pioneer_rider: { title: '先锋骑手', participant: 'gig_worker' },
} as const satisfies Record<string, { title: string; participant: (typeof PARTICIPANTS)[number] | null }>;
export type BuiltInAward = keyof typeof BUILT_IN_AWARDS;
export const isBuiltInAward = (c: string): c is BuiltInAward => Object.hasOwn(BUILT_IN_AWARDS, c);

export const AWARD_STATES = ['draft', 'published'] as const;

export const awardCreate = z
  .object({
    communityId: z.uuid(),
    year: z.number().int().min(2000).max(2100),
    /** A built-in code, or the community's own (lower-case letters, digits, underscores). */
    category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    title: z.string().trim().min(1).max(50).optional(),
    participant: z.enum(PARTICIPANTS).optional(),
  })
  .superRefine((v, ctx) => {
    if (!isBuiltInAward(v.category) && !v.title) {
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'a custom category needs a title' });
    }
    // 先锋骑手 honours gig workers (新就业群体) and no one else.
    if (v.category === 'pioneer_rider' && v.participant && v.participant !== 'gig_worker') {
      ctx.addIssue({ code: 'custom', path: ['participant'], message: 'pioneer_rider is for gig_worker' });
    }
  });
export type AwardCreate = z.infer<typeof awardCreate>;

export const awardQuery = z.object({
  communityId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const awardWinnersIn = z.object({
  winners: z
    .array(z.object({ accountId: z.uuid(), citation: z.string().trim().max(200).optional() }))
    .max(50)
    .refine((ws) => new Set(ws.map((w) => w.accountId)).size === ws.length, 'each account once'),
});
export type AwardWinnersIn = z.infer<typeof awardWinnersIn>;

export const awardWinnerOut = z.object({
  accountId: z.string(),
  name: z.string(),
  /** As the published list shows it: 田*明, or 居民（未公开姓名）. */
  publicName: z.string(),
  /** Points earned in the award's year. */
  points: count,
  citation: z.string().nullable(),
});
export const publishedWinner = z.object({ name: z.string(), points: count, citation: z.string().nullable() });
export type PublishedWinner = z.infer<typeof publishedWinner>;

export const awardOut = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  year: count,
  category: z.string(),
  title: z.string(),
  participant: z.enum(PARTICIPANTS).nullable(),
  state: z.enum(AWARD_STATES),
  publishedAt: z.iso.datetime().nullable(),
  /** The chosen winners with real names; null for readers who may see only the published list. */
  winners: z.array(awardWinnerOut).nullable(),
  /** The list frozen at publication (masked names); null while a draft. */
  published: z.array(publishedWinner).nullable(),
  allowed,
});
export type AwardOut = z.infer<typeof awardOut>;
export const awardList = z.object({ items: z.array(awardOut) });

export const awardCandidate = z.object({
  rank: count,
  accountId: z.string(),
  personId: z.string().nullable(),
  name: z.string(),
  publicName: z.string(),
  /** Points earned in the award's year. */
  points: count,
  chosen: z.boolean(),
});
export const awardCandidates = z.object({
  awardId: z.string(),
  year: count,
  participant: z.enum(PARTICIPANTS).nullable(),
  items: z.array(awardCandidate),
});
