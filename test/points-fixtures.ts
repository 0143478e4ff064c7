import { eq } from 'drizzle-orm';
import type { Db } from '../server/db/client.ts';
import { orgUnit, person } from '../server/modules/org/schema.ts';
import { hashPassword } from '../server/platform/password.ts';
import type { Role } from '../common/roles.ts';
import { createUser } from '../server/platform/users.ts';

/** Today in Asia/Shanghai, as the claim dates are checked. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** An extra account with roles in community A (春熙社区), e.g. a second committee member. */
export async function extraUser(db: Db, phone: string, roles: Role[], personPhone?: string) {
  const [a] = await db.select().from(orgUnit).where(eq(orgUnit.name, '春熙社区'));
  const p = personPhone
    ? (await db.select().from(person).where(eq(person.phone, personPhone)))[0]
    : undefined;
  await createUser(db, {
    phone,
    displayName: `测试${phone.slice(-4)}`,
    passwordHash: await hashPassword('Linli@2026'),
    personId: p?.id ?? null,
    grants: roles.map((role) => ({ role, orgUnitId: a.id, orgPath: a.path })),
  });
}
