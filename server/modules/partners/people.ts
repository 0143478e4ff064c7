import { sql } from 'drizzle-orm';
import { maskPhone } from '../../../common/masking.ts';
import { type Executor, execRows } from '../../db/client.ts';

/** Names (and masked phones) of persons by id, in one query. */
export async function personNames(db: Executor, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; phone: string | null }>();
  const rows = await execRows<{ id: string; name: string; phone: string | null }>(
    db,
    sql`select id, name, phone from person where id in (${sql.join(
      unique.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone ? maskPhone(r.phone) : null }]));
}

/** The sign-in accounts of persons, for inbox notices. */
export async function usersOfPersons(db: Executor, personIds: string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await execRows<{ id: string }>(
    db,
    sql`select id from user_account where person_id in (${sql.join(
      personIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and disabled_at is null`,
  );
  return rows.map((r) => r.id);
}
