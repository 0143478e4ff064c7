import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, textArray, transitionColumns, updatedAt } from '../../db/columns.ts';

/**
 * 表决事项 (motion). `meeting_id` names a meeting of the meetings module without a foreign key
 * (each module owns its tables); `org_unit_id`/`org_path` is the scope (a building, compound or
 * community) whose households vote, or whose staff manage a members' vote.
 */
export const voteMotion = pgTable(
  'vote_motion',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    meetingId: uuid('meeting_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    options: text('options').array().notNull(),
    rule: text('rule').notNull(),
    quorumNum: integer('quorum_num'),
    quorumDen: integer('quorum_den'),
    electorate: text('electorate').notNull(),
    /** members electorate: who may vote, until the snapshot at opening takes over. */
    memberPersonIds: textArray('member_person_ids'),
    secret: boolean('secret').notNull().default(false),
    state: text('state').notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('vote_motion_path_idx').on(t.orgPath),
    index('vote_motion_due_idx').on(t.state, t.closesAt),
    index('vote_motion_meeting_idx').on(t.meetingId),
  ],
);

export const voteMotionEvent = pgTable(
  'vote_motion_event',
  {
    id: id(),
    motionId: uuid('motion_id')
      .notNull()
      .references(() => voteMotion.id),
    ...transitionColumns(),
  },
  (t) => [index('vote_motion_event_motion_idx').on(t.motionId, t.at)],
);

/**
 * The electorate, frozen when the motion opens: one row per household (with its floor area from the
 * roster, hundredths of m²) or per named member. Art. 278's denominators are these rows, so a roster
 * edit during the vote moves no threshold.
 */
export const voteElector = pgTable(
  'vote_elector',
  {
    id: id(),
    motionId: uuid('motion_id')
      .notNull()
      .references(() => voteMotion.id),
    householdId: uuid('household_id'),
    personId: uuid('person_id'),
    label: text('label').notNull(),
    areaCenti: bigint('area_centi', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    uniqueIndex('vote_elector_household_idx').on(t.motionId, t.householdId),
    uniqueIndex('vote_elector_person_idx').on(t.motionId, t.personId),
  ],
);

/**
 * "Has voted": one row per elector and motion, whatever the channel. The unique (motion, elector)
 * key is what counts a household once across phone and paper: of two racing inserts the database
 * keeps one, and the loser gets vote_already_cast.
 *
 * Secrecy: for a secret motion `choice` stays null. The choice goes only into `vote_count`, a
 * counter per (motion, option) incremented in the same transaction: it has no voter, no ballot id
 * and no time of its own, so there is nothing to join a ballot back to a choice with (a separate
 * per-ballot choice row would still be joinable by insertion time or order). For open motions the
 * choice is kept on the ballot too, so a household can see what it voted.
 */
export const voteBallot = pgTable(
  'vote_ballot',
  {
    id: id(),
    motionId: uuid('motion_id')
      .notNull()
      .references(() => voteMotion.id),
    electorId: uuid('elector_id')
      .notNull()
      .references(() => voteElector.id),
    channel: text('channel').notNull(),
    /** The adult member who cast it on the phone, or null for paper. */
    voterPersonId: uuid('voter_person_id'),
    /** Who entered it: the voter's account, or the staff member entering a paper ballot. */
    enteredBy: uuid('entered_by'),
    note: text('note'),
    choice: integer('choice'),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('vote_ballot_once_idx').on(t.motionId, t.electorId)],
);

/** Running tally per option: votes and participating area. No voter in it, by design (see above). */
export const voteCount = pgTable(
  'vote_count',
  {
    motionId: uuid('motion_id')
      .notNull()
      .references(() => voteMotion.id),
    option: integer('option').notNull(),
    votes: integer('votes').notNull().default(0),
    areaCenti: bigint('area_centi', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [uniqueIndex('vote_count_option_idx').on(t.motionId, t.option)],
);

/** The result, computed once at closing and never updated: publishing only stamps the motion. */
export const voteResult = pgTable('vote_result', {
  motionId: uuid('motion_id')
    .primaryKey()
    .references(() => voteMotion.id),
  electorateCount: integer('electorate_count').notNull(),
  electorateAreaCenti: bigint('electorate_area_centi', { mode: 'bigint' }).notNull(),
  /** [{ index, label, votes, areaCenti }] and the rule's checks, as computed. */
  tally: jsonb('tally').notNull(),
  checks: jsonb('checks').notNull(),
  cast: integer('cast').notNull(),
  castAreaCenti: bigint('cast_area_centi', { mode: 'bigint' }).notNull(),
  winner: integer('winner'),
  outcome: text('outcome').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
