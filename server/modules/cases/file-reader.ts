import { sql } from 'drizzle-orm';
import { type Executor, execRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizeSee, loadCase, whistledDepartments } from './cases.ts';
import { timersOf, wasNotified } from './timers.ts';

/**
 * A photo on a case (its report, a progress note, a department's result) is visible to whoever sees
 * the case: the reporter, staff in scope, the assignee, the whistled departments, the people an
 * emergency alert reached. The GIN indexes on photo_ids keep the lookup cheap.
 */
export async function caseFileReader(db: Executor, actor: Actor, fileId: string): Promise<boolean> {
  const ids = await execRows<{ id: string }>(
    db,
    sql`select id from civic_case where photo_ids @> array[${fileId}]::text[]
        union
        select case_id as id from case_event where photo_ids @> array[${fileId}]::text[]
        limit 20`,
  );
  for (const { id } of ids) {
    const c = await loadCase(db, id);
    if (wasNotified(actor, await timersOf(db, id))) return true;
    try {
      authorizeSee(actor, c, await whistledDepartments(db, id));
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return false;
}
