import { z } from 'zod';
import { allowed, paged, pageQuery, queryBool } from './common.ts';

export const RULE_KINDS = ['base', 'contribution', 'deduction'] as const;
export const RULE_UNITS = ['time', 'hour', 'item'] as const;
export const DECLARERS = ['self', 'grid_worker', 'committee', 'system'] as const;
export const PARTICIPANTS = ['resident', 'gig_worker', 'volunteer', 'social_org'] as const;
export const VERSION_STATUSES = ['draft', 'active', 'retired'] as const;
/** 居民申报 → 网格初核 → 社区评议 → 定期公示 → 记入账户; needs_info is "ask for more". */
export const CLAIM_STATES = [
  'submitted',
  'needs_info',
  'checked',
  'approved',
  'posted',
  'credited',
  'rejected',
  'withdrawn',
  'revoked',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];
export const CLAIM_ACTIONS = [
  'check_pass',
  'ask_more',
  'check_reject',
  'resubmit',
  'withdraw',
  'approve',
  'reject',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];
export const ENTRY_KINDS = ['earn', 'deduct', 'redeem', 'refund', 'adjust', 'offset'] as const;

const isoDate = z.iso.date();

export const ruleIn = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,20}$/),
  title: z.string().trim().min(1).max(100),
  kind: z.enum(RULE_KINDS),
  pointsPerUnit: z.number().int().min(1).max(10_000),
  unit: z.enum(RULE_UNITS),
  evidence: z.enum(['photo', 'none']),
  capDay: z.number().int().min(1).nullable().default(null),
  capMonth: z.number().int().min(1).nullable().default(null),
  capYear: z.number().int().min(1).nullable().default(null),
  declarers: z.array(z.enum(DECLARERS)).min(1),
  participants: z.array(z.enum(PARTICIPANTS)).min(1),
});
export const ruleOut = ruleIn.extend({ id: z.string(), articleId: z.string() });
export type RuleOut = z.infer<typeof ruleOut>;

export const rulebookIn = z.object({
  orgUnitId: z.uuid(),
  title: z.string().trim().min(1).max(100),
  chapters: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(100),
        articles: z
          .array(
            z.object({
              title: z.string().trim().min(1).max(100),
              body: z.string().max(2000).default(''),
              rules: z.array(ruleIn).max(30).default([]),
            }),
          )
          .min(1)
          .max(30),
      }),
    )
    .min(1)
    .max(20),
});
export type RulebookIn = z.infer<typeof rulebookIn>;

export const rulebookOut = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  version: z.number(),
  title: z.string(),
  status: z.enum(VERSION_STATUSES),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  chapters: z.array(
    z.object({
      id: z.string(),
      no: z.number(),
      title: z.string(),
      articles: z.array(
        z.object({
          id: z.string(),
          no: z.number(),
          title: z.string(),
          body: z.string(),
          rules: z.array(ruleOut),
        }),
      ),
    }),
  ),
  allowed,
});
export type RulebookOut = z.infer<typeof rulebookOut>;
export const rulebookList = z.object({ items: z.array(rulebookOut.omit({ chapters: true })) });
export const rulebookQuery = z.object({ orgUnitId: z.uuid().optional() });
export const activateBody = z.object({ effectiveFrom: isoDate });

export const conventionIn = z.object({
  orgUnitId: z.uuid(),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(20_000),
  effectiveFrom: isoDate,
});
export const conventionOut = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  version: z.number(),
  title: z.string(),
  body: z.string(),
  status: z.enum(VERSION_STATUSES),
  effectiveFrom: z.string().nullable(),
});

export const claimCreate = z.object({
  ruleCode: z.string().min(1).max(20),
  /** Who the claim is for; omitted = the signed-in resident themselves. */
  personId: z.uuid().optional(),
  /** Or a social organisation (a partner unit of kind social_org), declared on its behalf. */
  partnerUnitId: z.uuid().optional(),
  /** A resident's own first claim may record their consent to appear (masked) on public postings. */
  publicConsent: z.boolean().optional(),
  quantity: z.number().int().min(1).max(1000).default(1),
  deedDate: isoDate,
  description: z.string().trim().min(2).max(1000),
  photoIds: z.array(z.uuid()).max(9).default([]),
  participant: z.enum(PARTICIPANTS).optional(),
});
export const claimTransition = z.object({
  action: z.enum(CLAIM_ACTIONS),
  note: z.string().trim().max(500).optional(),
  /** Grid check may adjust the quantity within the rule's caps. */
  quantity: z.number().int().min(1).max(1000).optional(),
});
export const batchApprove = z.object({
  claimIds: z.array(z.uuid()).min(1).max(500),
  note: z.string().max(500).optional(),
});

export const claimEventOut = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export const claimOut = z.object({
  id: z.string(),
  state: z.enum(CLAIM_STATES),
  kind: z.enum(RULE_KINDS),
  ruleCode: z.string(),
  ruleTitle: z.string(),
  rulebookVersion: z.number(),
  quantity: z.number(),
  points: z.number(),
  deedDate: z.string(),
  description: z.string(),
  photoIds: z.array(z.string()),
  personId: z.string().nullable(),
  claimantName: z.string(),
  participant: z.enum(PARTICIPANTS),
  address: z.string(),
  declaredVia: z.enum(DECLARERS),
  postingId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  timeline: z.array(claimEventOut),
  /** Transitions this actor may make now; the UI shows only these buttons. */
  actions: z.array(z.enum(CLAIM_ACTIONS)),
  allowed,
});
export type ClaimOut = z.infer<typeof claimOut>;
export const claimQuery = pageQuery.extend({
  state: z.enum(CLAIM_STATES).optional(),
  mine: queryBool.optional(),
  /** The actor's work queue: claims waiting for the action their role performs. */
  queue: z.enum(['check', 'review']).optional(),
  orgUnitId: z.uuid().optional(),
  personId: z.uuid().optional(),
});
export const claimPage = paged(claimOut);
export const batchResult = z.object({
  approved: z.array(z.string()),
  failed: z.array(z.object({ claimId: z.string(), code: z.string() })),
});

export const entryOut = z.object({
  id: z.number(),
  kind: z.enum(ENTRY_KINDS),
  amount: z.number(),
  balanceAfter: z.number(),
  causeType: z.string(),
  causeId: z.string(),
  rulebookVersion: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const accountOut = z.object({
  id: z.string(),
  displayName: z.string(),
  ownerType: z.enum(['person', 'social_org']),
  personId: z.string().nullable(),
  balance: z.number(),
  publicConsent: z.boolean(),
  entries: z.array(entryOut),
});
export const householdPointsOut = z.object({
  householdId: z.string(),
  total: z.number(),
  members: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      accountId: z.string().nullable(),
      balance: z.number(),
    }),
  ),
});
export const consentBody = z.object({ publicConsent: z.boolean() });

export const postingRow = z.object({
  claimId: z.string(),
  /** 田*明, or 居民（未公开姓名） without consent. Never a room or a phone. */
  name: z.string(),
  participant: z.enum(PARTICIPANTS),
  ruleTitle: z.string(),
  kind: z.enum(RULE_KINDS),
  points: z.number(),
  deedDate: z.string(),
});
export const postingOut = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  period: z.string(),
  state: z.enum(['open', 'closed']),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  rows: z.array(postingRow.extend({ revoked: z.boolean() })),
  objections: z.number(),
  allowed,
});
export type PostingOut = z.infer<typeof postingOut>;
export const postingList = z.object({ items: z.array(postingOut.omit({ rows: true })) });
export const postingQuery = z.object({ communityId: z.uuid().optional() });
export const postingPublish = z.object({
  communityId: z.uuid(),
  period: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
});

export const objectionCreate = z.object({ claimId: z.uuid(), reason: z.string().trim().min(4).max(500) });
export const objectionDecide = z.object({
  decision: z.enum(['uphold', 'dismiss']),
  note: z.string().trim().min(2).max(500),
});
export const objectionOut = z.object({
  id: z.string(),
  postingId: z.string(),
  claimId: z.string(),
  reason: z.string(),
  state: z.enum(['open', 'upheld', 'dismissed']),
  decisionNote: z.string().nullable(),
  createdAt: z.iso.datetime(),
  allowed,
});
export const objectionList = z.object({ items: z.array(objectionOut) });
export const objectionQuery = z.object({
  postingId: z.uuid().optional(),
  state: z.enum(['open', 'upheld', 'dismissed']).optional(),
});

export const baseBatchCreate = z.object({
  communityId: z.uuid(),
  ruleCode: z.string().min(1).max(20),
  period: z.string().regex(/^\d{4}-\d{2}$/),
});
export const baseBatchOut = z.object({
  created: z.number(),
  skipped: z.number(),
  claimIds: z.array(z.string()),
});
export { pageQuery };
