import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, execRows } from './client.ts';

export async function migrate(database: Database, migrationsFolder: string): Promise<void> {
  // Both migrators read the same committed SQL; the casts only pick the driver's own type.
  if (database.kind === 'pglite') await migratePglite(database.db as never, { migrationsFolder });
  else await migratePg(database.db as never, { migrationsFolder });
}

/** The tag of the newest migration in the folder, e.g. "0000_foundation". */
export function latestMigrationTag(migrationsFolder: string): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? 'none';
}

/** How many migrations the database has applied (drizzle's bookkeeping table). */
export async function appliedMigrationCount(database: Database): Promise<number> {
  const rows = await execRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return Number(rows[0]?.n ?? 0);
}
