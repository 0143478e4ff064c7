import { z } from 'zod';
import { allowed, paged, pageQuery } from './common.ts';

/** 表决规则: simple majority of votes cast; a participation quorum then a majority; Civil Code art. 278. */
export const VOTE_RULES = [
  'simple_majority',
  'participation_quorum',
  'art278_general',
  'art278_major',
] as const;
export type VoteRule = (typeof VOTE_RULES)[number];
/** households: one household, one vote (any adult member casts it); members: a named list of persons. */
export const ELECTORATE_KINDS = ['households', 'members'] as const;
export type ElectorateKind = (typeof ELECTORATE_KINDS)[number];
export const MOTION_STATES = ['draft', 'open', 'closed', 'published', 'cancelled'] as const;
export type MotionState = (typeof MOTION_STATES)[number];
export const MOTION_ACTIONS = ['open', 'close', 'publish', 'cancel'] as const;
export type MotionAction = (typeof MOTION_ACTIONS)[number];
export const BALLOT_CHANNELS = ['phone', 'paper'] as const;
export const DEFAULT_OPTIONS = ['同意', '反对', '弃权'] as const;

/** One threshold test of the rule, as "num / den ≥ p/q" (or "> p/q" when strict). */
export const ruleCheck = z.object({
  key: z.enum([
    'participation',
    'participation_households',
    'participation_area',
    'approval',
    'approval_households',
    'approval_area',
  ]),
  num: z.string(),
  den: z.string(),
  /** The threshold as a fraction [p, q]. */
  threshold: z.tuple([z.number().int(), z.number().int()]),
  strict: z.boolean(),
  passed: z.boolean(),
});
export type RuleCheck = z.infer<typeof ruleCheck>;

export const optionTally = z.object({
  index: z.number().int(),
  label: z.string(),
  votes: z.number().int(),
  /** Participating floor area in hundredths of m² (households electorates), as a decimal string. */
  areaCenti: z.string(),
});

export const voteResultOut = z.object({
  electorateCount: z.number().int(),
  electorateAreaCenti: z.string(),
  cast: z.number().int(),
  castAreaCenti: z.string(),
  tally: z.array(optionTally),
  checks: z.array(ruleCheck),
  /** The option carried, or null when none did (no quorum, no majority). */
  winner: z.number().int().nullable(),
  outcome: z.enum(['carried', 'not_carried', 'no_quorum']),
  computedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type VoteResultOut = z.infer<typeof voteResultOut>;

export const myBallot = z.object({
  /** can_vote | voted (by me or another member of my household, on the phone or on paper) | not_eligible */
  state: z.enum(['can_vote', 'voted', 'not_eligible', 'not_open']),
  channel: z.enum(BALLOT_CHANNELS).nullable(),
  castAt: z.string().nullable(),
  /** Only for open ballots, and only the caster's own household's choice. */
  choice: z.number().int().nullable(),
  /** Why not eligible: minor, not_in_electorate. */
  reason: z.string().nullable(),
  householdId: z.string().nullable(),
});
export type MyBallot = z.infer<typeof myBallot>;

export const motionOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  options: z.array(z.string()),
  rule: z.enum(VOTE_RULES),
  /** participation_quorum: the share of the electorate that must take part, [p, q]. */
  quorum: z.tuple([z.number().int(), z.number().int()]).nullable(),
  electorate: z.enum(ELECTORATE_KINDS),
  secret: z.boolean(),
  state: z.enum(MOTION_STATES),
  scope: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  meetingId: z.string().nullable(),
  closesAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Electors (households or members) and how many have voted so far. */
  electorateCount: z.number().int(),
  votedCount: z.number().int(),
  myBallot: myBallot.nullable(),
  allowed: allowed,
  actions: z.array(z.enum(MOTION_ACTIONS)),
});
export type MotionOut = z.infer<typeof motionOut>;

export const motionDetail = motionOut.extend({
  memberPersonIds: z.array(z.string()),
  result: voteResultOut.nullable(),
  history: z.array(
    z.object({
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actorName: z.string(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type MotionDetail = z.infer<typeof motionDetail>;

export const motionPage = paged(motionOut);

export const motionQuery = pageQuery.extend({
  state: z.enum(MOTION_STATES).optional(),
  /** Only motions I may vote on now. */
  mine: z.union([z.boolean(), z.stringbool()]).optional(),
  /** The motions put at one meeting (the meetings module links them by id). */
  meetingId: z.uuid().optional(),
});

const ratio = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([p, q]) => p <= q, 'a share is at most 1');

export const motionCreate = z
  .object({
    title: z.string().trim().min(1).max(100),
    description: z.string().trim().max(5000).default(''),
    options: z
      .array(z.string().trim().min(1).max(40))
      .min(2)
      .max(10)
      .default([...DEFAULT_OPTIONS])
      .refine((xs) => new Set(xs).size === xs.length, 'options must differ'),
    rule: z.enum(VOTE_RULES).default('simple_majority'),
    quorum: ratio.nullable().default(null),
    electorate: z.enum(ELECTORATE_KINDS).default('households'),
    /** For a members electorate: the persons who may vote (e.g. a body's members). */
    memberPersonIds: z.array(z.uuid()).max(500).default([]),
    scopeId: z.uuid(),
    meetingId: z.uuid().nullable().default(null),
    secret: z.boolean().default(false),
    closesAt: z.iso.datetime(),
  })
  .superRefine((m, ctx) => {
    if (m.rule === 'participation_quorum' && !m.quorum)
      ctx.addIssue({ code: 'custom', path: ['quorum'], message: 'a participation quorum needs its share' });
    if (m.rule.startsWith('art278') && m.electorate !== 'households')
      ctx.addIssue({ code: 'custom', path: ['electorate'], message: 'art. 278 counts households' });
    if (m.electorate === 'members' && m.memberPersonIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['memberPersonIds'], message: 'name the members' });
  });

export const motionTransition = z.object({
  action: z.enum(MOTION_ACTIONS),
  note: z.string().trim().max(500).optional(),
});

export const ballotIn = z.object({
  choice: z.number().int().min(0).max(9),
  /** When the voter belongs to more than one household of the electorate. */
  householdId: z.uuid().optional(),
});
export const paperBallotIn = z
  .object({
    choice: z.number().int().min(0).max(9),
    householdId: z.uuid().optional(),
    personId: z.uuid().optional(),
    /** The paper ballot's serial or a note (收回纸质表决票编号). */
    note: z.string().trim().max(200).optional(),
  })
  .refine((b) => !!b.householdId !== !!b.personId, 'name the household or the member');

export const ballotOut = z.object({
  motionId: z.string(),
  channel: z.enum(BALLOT_CHANNELS),
  castAt: z.string(),
  myBallot: myBallot,
});

/** The electors of a motion for paper-ballot entry: who has voted, never what. */
export const electorOut = z.object({
  householdId: z.string().nullable(),
  personId: z.string().nullable(),
  label: z.string(),
  areaCenti: z.string(),
  voted: z.boolean(),
  channel: z.enum(BALLOT_CHANNELS).nullable(),
});
export const electorQuery = pageQuery.extend({ q: z.string().trim().max(40).optional() });
export const electorPage = paged(electorOut);

/** The public result page of a published motion: tallies only, no names, no rooms. */
export const publicVoteOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  options: z.array(z.string()),
  rule: z.enum(VOTE_RULES),
  quorum: z.tuple([z.number().int(), z.number().int()]).nullable(),
  electorate: z.enum(ELECTORATE_KINDS),
  secret: z.boolean(),
  scopeName: z.string(),
  closedAt: z.string().nullable(),
  result: voteResultOut,
});
