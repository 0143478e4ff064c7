import { and, eq, like, sql } from 'drizzle-orm';
import { execRows } from '../../db/client.ts';
import type { TestApp } from '../../../test/harness.ts';
import { hashPassword } from '../../platform/password.ts';
import { userAccount } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';

/** Test helpers shared by the activity tests (PGlite and PostgreSQL). */
export async function activityFixtures(t: TestApp) {
  const unit = async (name: string) =>
    (
      await execRows<{ id: string; path: string }>(
        t.db,
        sql`select id, path from org_unit where name = ${name}`,
      )
    )[0];
  const community = await unit('春熙社区');
  const compound = await unit('幸福家园小区');
  const venues = await execRows<{ id: string; name: string }>(
    t.db,
    sql`select id, name from venue where org_path like ${`${community.path}%`} order by name`,
  );
  const venueId = venues.find((v) => v.name.includes('党群服务中心'))!.id;
  const staff = await t.login('13900000003');

  /** Creates an open activity organised by the service centre, starting `startInMin` from now. */
  async function create(over: Record<string, unknown> = {}, startInMin = 60, lengthMin = 120) {
    const startsAt = new Date(Date.now() + startInMin * 60_000);
    const r = await t.call({
      method: 'POST',
      url: '/api/volunteers/activities',
      cookie: staff,
      body: {
        title: '测试义诊',
        kind: 'health_clinic',
        orgUnitId: community.id,
        organiser: { kind: 'venue', id: venueId },
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + lengthMin * 60_000).toISOString(),
        capacity: 2,
        place: '一楼大厅',
        ...over,
      },
    });
    if (r.status !== 200) throw new Error(`create activity: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as { id: string };
  }

  /** `n` extra residents of 春熙社区 with their own logins (phones 1398800xxxx). */
  async function residents(n: number, prefix = '1398800') {
    const rows = await execRows<{
      person_id: string;
      name: string;
      household_id: string;
      org_path: string;
      org_unit_id: string;
    }>(
      t.db,
      sql`select p.id as person_id, p.name, h.id as household_id, h.org_path, h.building_id as org_unit_id
          from person p join household_member hm on hm.person_id = p.id join household h on h.id = hm.household_id
          where h.org_path like ${`${compound.path}%`}
            and not exists (select 1 from user_account u where u.person_id = p.id)
          order by p.id limit ${n}`,
    );
    const passwordHash = await hashPassword('Linli@2026');
    const out: { cookie: string; personId: string; userId: string }[] = [];
    for (const [i, r] of rows.entries()) {
      const phone = `${prefix}${String(i).padStart(4, '0')}`;
      const existing = await t.db
        .select()
        .from(userAccount)
        .where(and(eq(userAccount.phone, phone), like(userAccount.phone, '1398%')));
      const userId =
        existing[0]?.id ??
        (await createUser(t.db, {
          phone,
          displayName: r.name,
          personId: r.person_id,
          passwordHash,
          grants: [
            { role: 'resident', orgUnitId: r.org_unit_id, orgPath: r.org_path, householdId: r.household_id },
          ],
        }));
      out.push({ cookie: await t.login(phone), personId: r.person_id, userId });
    }
    return out;
  }
  return { community, compound, venueId, staff, create, residents };
}
