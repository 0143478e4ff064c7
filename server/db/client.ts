import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

/** One type for both drivers, so no module knows which database it runs on. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The driver underneath, for the few things Drizzle does not do (dumps, CREATE DATABASE). */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
};

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  // btree_gist: exclusion constraints that mix equality and ranges (a room is never double-booked).
  const client = new PGlite({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { btree_gist },
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server drops (restart, admin termination, DROP DATABASE … FORCE right
  // after pool.end(), which resolves before the sockets close) makes the pool emit 'error'; with no
  // listener that is an uncaught exception that kills the process. pg discards the dead client and
  // the next query opens a new one, so a note is all it needs.
  pool.on('error', (err) => {
    if (!pool.ending) console.warn(`[db] idle connection lost: ${err.message}`);
  });
  // A bad URL should fail at start-up, not on the first request.
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, kind: 'postgres', pool, close: () => pool.end() };
}

export async function openDatabase(cfg: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : openPglite({ dataDir: cfg.dataDir });
}

/** Raw SQL returning rows; both drivers answer `{ rows }`, which the shared type cannot express. */
export async function execRows<T>(db: Executor, query: import('drizzle-orm').SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Independent reads: at once on the pool, one after another inside a transaction, whose single
 * connection cannot run two queries at a time (pg 8 queues them with a deprecation warning, pg 9
 * refuses). Pass thunks, so nothing starts before this decides how to run it.
 */
export async function readAll<T extends unknown[]>(
  db: Executor,
  reads: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  const thunks = reads as unknown as (() => unknown)[];
  if (!(db instanceof PgTransaction)) return (await Promise.all(thunks.map((r) => r()))) as T;
  const out: unknown[] = [];
  for (const r of thunks) out.push(await r());
  return out as T;
}
