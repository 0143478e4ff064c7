import { sql } from 'drizzle-orm';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Column shapes every module's tables share.

/** A random UUID primary key, made by the database. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** A text[] that is never null: empty by default. */
export const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/**
 * The history row every workflow appends on each transition (DESIGN.md: "appends a row to the
 * entity's history"): what happened, from which state to which, who did it, why, and when.
 */
export const transitionColumns = () => ({
  action: text('action').notNull(),
  fromState: text('from_state'),
  toState: text('to_state').notNull(),
  actorUserId: uuid('actor_user_id'),
  actorName: text('actor_name').notNull(),
  note: text('note'),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
