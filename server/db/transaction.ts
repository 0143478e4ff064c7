import type { Db, Tx } from './client.ts';

/**
 * One command, one transaction. Inside, use the `tx` you are given, never the outer `db`:
 * on PGlite a query on `db` waits for the open transaction and deadlocks.
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
