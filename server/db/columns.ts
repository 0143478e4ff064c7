import { sql } from 'drizzle-orm';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Column shapes every module's tables share.

/** A random UUID primary key, made by the database. */
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** A text[] that is never null: empty by default. */
export const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);
