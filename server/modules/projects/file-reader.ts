import { sql } from 'drizzle-orm';
import { type Executor, execRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { authorizeList } from './policy.ts';

/**
 * A progress photo of a plan or a project is visible to whoever reads that list: staff in reach of
 * it, residents of the project's own area (they rate it), and — once a plan is published, since its
 * progress is public (公示进度) — every signed-in user.
 */
export async function projectFileReader(db: Executor, actor: Actor, fileId: string): Promise<boolean> {
  const rows = await execRows<{ org_path: string; plan_state: string | null }>(
    db,
    sql`select coalesce(p.org_path, l.org_path) as org_path, p.state as plan_state
        from project_update u
        left join project_plan p on p.id = u.plan_id
        left join livelihood_project l on l.id = u.project_id
        where u.photo_ids @> array[${fileId}]::text[]
        limit 20`,
  );
  for (const r of rows) {
    if (r.plan_state && r.plan_state !== 'draft') return true;
    if (actor.grants.some((g) => g.role === 'resident' && g.orgPath.startsWith(r.org_path))) return true;
    try {
      authorizeList(actor, 'projects:read', r.org_path);
      return true;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return false;
}
