import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, transitionColumns } from '../../db/columns.ts';

/**
 * A tool of the shared toolbox, kept at a venue (usually a 邻里驿站). `units_out` counts the loans
 * out now; the check keeps it within the stock even if a code path forgot the row lock.
 */
export const tool = pgTable(
  'tool',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    venueId: uuid('venue_id').notNull(),
    /** The venue's unit (community or compound) and path: who lends it. */
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** The community whose residents borrow it. */
    communityPath: text('community_path').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    stock: integer('stock').notNull(),
    unitsOut: integer('units_out').notNull().default(0),
    loanDays: integer('loan_days').notNull().default(7),
    depositNote: text('deposit_note').notNull().default(''),
    conditionNotes: text('condition_notes').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index('tool_path_idx').on(t.orgPath),
    index('tool_community_idx').on(t.communityPath),
    check('tool_units_out_within_stock', sql`${t.unitsOut} >= 0 and ${t.unitsOut} <= ${t.stock}`),
  ],
);

/** 共享工具箱 loan (`tool_loan`): one unit lent to a resident, out → returned | lost. */
export const toolLoan = pgTable(
  'tool_loan',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    toolId: uuid('tool_id')
      .notNull()
      .references(() => tool.id),
    orgPath: text('org_path').notNull(),
    communityPath: text('community_path').notNull(),
    personId: uuid('person_id').notNull(),
    borrowerName: text('borrower_name').notNull(),
    state: text('state').notNull(), // out | returned | lost
    lentAt: timestamp('lent_at', { withTimezone: true }).notNull(),
    lentBy: uuid('lent_by'),
    lentByName: text('lent_by_name').notNull(),
    /** Calendar date in Asia/Shanghai; overdue from the day after. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    extended: boolean('extended').notNull().default(false),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnCondition: text('return_condition'),
    note: text('note'),
    /** Overdue reminders sent to the borrower (at most a few). */
    overdueReminders: integer('overdue_reminders').notNull().default(0),
    staffAlerted: boolean('staff_alerted').notNull().default(false),
  },
  (t) => [
    index('tool_loan_tool_idx').on(t.toolId, t.lentAt),
    index('tool_loan_person_idx').on(t.personId, t.lentAt),
    index('tool_loan_due_idx').on(t.state, t.dueDate),
    index('tool_loan_path_idx').on(t.orgPath),
  ],
);

/** The loan's history: lent, extended, returned, marked lost. */
export const toolLoanEvent = pgTable(
  'tool_loan_event',
  {
    id: id(),
    loanId: uuid('loan_id')
      .notNull()
      .references(() => toolLoan.id),
    ...transitionColumns(),
  },
  (t) => [index('tool_loan_event_loan_idx').on(t.loanId, t.at)],
);
