import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, textArray, transitionColumns } from '../../db/columns.ts';

/** 居民公约: the convention text a community (or a subdistrict, for all its communities) publishes. */
export const convention = pgTable(
  'convention',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull(), // draft | active | retired
    effectiveFrom: date('effective_from'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('convention_version_idx').on(t.orgUnitId, t.version)],
);

/**
 * 积分管理实施细则, one row per version: draft → active from a date → retired when the next one takes
 * effect (`effective_to`). An active version never changes; a revision is a new version.
 */
export const rulebook = pgTable(
  'rulebook',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(), // draft | active | retired
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('rulebook_version_idx').on(t.orgUnitId, t.version)],
);

export const rulebookChapter = pgTable('rulebook_chapter', {
  id: id(),
  rulebookId: uuid('rulebook_id')
    .notNull()
    .references(() => rulebook.id, { onDelete: 'cascade' }),
  no: integer('no').notNull(),
  title: text('title').notNull(),
});

export const rulebookArticle = pgTable('rulebook_article', {
  id: id(),
  rulebookId: uuid('rulebook_id')
    .notNull()
    .references(() => rulebook.id, { onDelete: 'cascade' }),
  chapterId: uuid('chapter_id')
    .notNull()
    .references(() => rulebookChapter.id, { onDelete: 'cascade' }),
  no: integer('no').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
});

/** A rule: what earns or costs points, how many per unit, caps, who may declare it, and for whom. */
export const rule = pgTable(
  'rule',
  {
    id: id(),
    rulebookId: uuid('rulebook_id')
      .notNull()
      .references(() => rulebook.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => rulebookArticle.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(), // base | contribution | deduction
    pointsPerUnit: integer('points_per_unit').notNull(),
    unit: text('unit').notNull(), // time | hour | item
    evidence: text('evidence').notNull(), // photo | none
    capDay: integer('cap_day'),
    capMonth: integer('cap_month'),
    capYear: integer('cap_year'),
    declarers: textArray('declarers'), // self | grid_worker | committee | system
    participants: textArray('participants'), // resident | gig_worker | volunteer | social_org
  },
  (t) => [uniqueIndex('rule_code_idx').on(t.rulebookId, t.code)],
);

/** A points account: one per person, or per social organisation (a partner unit of kind social_org). */
export const pointsAccount = pgTable(
  'points_account',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgPath: text('org_path').notNull(),
    ownerType: text('owner_type').notNull(), // person | social_org
    personId: uuid('person_id'),
    partnerUnitId: uuid('partner_unit_id'),
    displayName: text('display_name').notNull(),
    /** Cached sum of the account's ledger entries; check-ledger proves they agree. */
    balance: integer('balance').notNull().default(0),
    /** Consent to appear by (masked) name on public boards; without it: 居民（未公开姓名）. */
    publicConsent: boolean('public_consent').notNull().default(false),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('points_account_person_idx').on(t.personId),
    uniqueIndex('points_account_partner_idx').on(t.partnerUnitId),
    index('points_account_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** Immutable: earn, deduct, redeem, refund, adjust, offset. Corrections are new entries. */
export const ledgerEntry = pgTable(
  'ledger_entry',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtId: uuid('district_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => pointsAccount.id),
    kind: text('kind').notNull(),
    amount: integer('amount').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    causeType: text('cause_type').notNull(), // claim | redemption | adjustment
    causeId: text('cause_id').notNull(),
    ruleId: uuid('rule_id'),
    rulebookVersion: integer('rulebook_version'),
    idempotencyKey: text('idempotency_key').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('ledger_entry_idem_idx').on(t.idempotencyKey),
    index('ledger_entry_account_idx').on(t.accountId, t.id),
    // Summaries and settlements read the ledger by time and by cause.
    index('ledger_entry_created_idx').on(t.createdAt),
    index('ledger_entry_cause_idx').on(t.causeType, t.causeId),
  ],
);

/** A claim for points (or a deduction), from declaration to credit. States: see claims.ts. */
export const claim = pgTable(
  'claim',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    communityId: uuid('community_id').notNull(),
    orgPath: text('org_path').notNull(),
    householdId: uuid('household_id'),
    accountId: uuid('account_id')
      .notNull()
      .references(() => pointsAccount.id),
    personId: uuid('person_id'),
    participant: text('participant').notNull(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => rule.id),
    rulebookId: uuid('rulebook_id').notNull(),
    rulebookVersion: integer('rulebook_version').notNull(),
    kind: text('kind').notNull(),
    quantity: integer('quantity').notNull(),
    points: integer('points').notNull(),
    deedDate: date('deed_date').notNull(),
    description: text('description').notNull(),
    photoIds: textArray('photo_ids'),
    declaredVia: text('declared_via').notNull(), // self | grid_worker | committee | system
    declaredBy: uuid('declared_by'),
    checkedBy: uuid('checked_by'),
    approvedBy: uuid('approved_by'),
    postingId: uuid('posting_id'),
    /** Set for claims another module raises (e.g. a case), so raising twice yields one claim. */
    sourceKey: text('source_key'),
    state: text('state').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('claim_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('claim_state_idx').on(t.communityId, t.state),
    index('claim_account_idx').on(t.accountId),
    uniqueIndex('claim_source_idx').on(t.sourceKey),
  ],
);

/** The claim's timeline: every transition, who made it, and why. */
export const claimEvent = pgTable(
  'claim_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claim.id, { onDelete: 'cascade' }),
    ...transitionColumns(),
  },
  (t) => [index('claim_event_claim_idx').on(t.claimId, t.id)],
);

/** 一月一公示: one posting per community and period, open for objections, then frozen. */
export const posting = pgTable(
  'posting',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    communityId: uuid('community_id').notNull(),
    orgPath: text('org_path').notNull(),
    period: text('period').notNull(),
    state: text('state').notNull(), // open | closed
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The published list exactly as the public saw it (masked), frozen at publication. */
    snapshot: text('snapshot').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('posting_period_idx').on(t.communityId, t.period)],
);

export const objection = pgTable(
  'objection',
  {
    id: id(),
    postingId: uuid('posting_id')
      .notNull()
      .references(() => posting.id),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claim.id),
    orgPath: text('org_path').notNull(),
    objectorUserId: uuid('objector_user_id').notNull(),
    reason: text('reason').notNull(),
    state: text('state').notNull(), // open | upheld | dismissed
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index('objection_posting_idx').on(t.postingId)],
);

/** Per-community settings of the points system (defaults apply when there is no row). */
export const pointsSettings = pgTable('points_settings', {
  communityId: uuid('community_id').primaryKey(),
  postingWindowDays: integer('posting_window_days').notNull().default(7),
  postingCadence: text('posting_cadence').notNull().default('monthly'),
});

/** 一年一表彰: an award category of a community (最美邻里, 服务之星, 先锋骑手, and its own). */
export const award = pgTable(
  'award',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    communityId: uuid('community_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    participant: text('participant'),
    state: text('state').notNull(), // draft | published
    publishedAt: timestamp('published_at', { withTimezone: true }),
    snapshot: text('snapshot'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('award_category_idx').on(t.communityId, t.year, t.category)],
);

export const awardWinner = pgTable(
  'award_winner',
  {
    awardId: uuid('award_id')
      .notNull()
      .references(() => award.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => pointsAccount.id),
    points: integer('points').notNull(),
    citation: text('citation'),
  },
  (t) => [uniqueIndex('award_winner_idx').on(t.awardId, t.accountId)],
);
