import type { Role } from '../../common/roles.ts';
import type { Executor } from '../db/client.ts';
import { roleGrant, userAccount } from './schema.ts';

export type NewGrant = {
  role: Role;
  orgUnitId: string;
  orgPath: string;
  householdId?: string | null;
  departmentId?: string | null;
  providerId?: string | null;
};

/** Creates an account with its grants. The caller hashes the password (the seed hashes once for all). */
export async function createUser(
  db: Executor,
  u: {
    phone: string;
    passwordHash: string;
    displayName: string;
    personId?: string | null;
    grants: NewGrant[];
  },
): Promise<string> {
  const [row] = await db
    .insert(userAccount)
    .values({
      phone: u.phone,
      passwordHash: u.passwordHash,
      displayName: u.displayName,
      personId: u.personId ?? null,
    })
    .returning({ id: userAccount.id });
  if (u.grants.length) {
    await db.insert(roleGrant).values(
      u.grants.map((g) => ({
        userId: row.id,
        role: g.role,
        orgUnitId: g.orgUnitId,
        orgPath: g.orgPath,
        householdId: g.householdId ?? null,
        departmentId: g.departmentId ?? null,
        providerId: g.providerId ?? null,
      })),
    );
  }
  return row.id;
}
