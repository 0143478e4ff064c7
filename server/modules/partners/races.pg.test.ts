import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/password.ts';
import { createUser } from '../../platform/users.ts';
import { partner, partnerProject, partnerProjectParticipant } from './schema.ts';

// On PostgreSQL, where requests really run at once: many residents joining a project with few
// places take exactly its capacity; one resident joining from two phones at once is one place.
let t: TestApp;
let staff: string;
let communityId: string;
const residents: string[] = [];

beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  staff = await t.login('13900000003');
  const rows = await execRows<{
    person_id: string;
    household_id: string;
    building_id: string;
    org_path: string;
    community: string;
  }>(
    t.db,
    sql`select distinct on (p.id) p.id as person_id, h.id as household_id, h.building_id, h.org_path,
          (select id from org_unit where name = '春熙社区') as community
        from person p join household_member m on m.person_id = p.id join household h on h.id = m.household_id
        where h.org_path like (select path from org_unit where name = '幸福家园小区') || '%'
          and not exists (select 1 from user_account u where u.person_id = p.id)
          and not exists (select 1 from partner x where x.person_id = p.id)
        order by p.id limit 12`,
  );
  communityId = rows[0].community;
  const passwordHash = await hashPassword('Linli@2026');
  for (const [i, r] of rows.entries()) {
    const phone = `1377000${String(i).padStart(4, '0')}`;
    await createUser(t.db, {
      phone,
      passwordHash,
      displayName: phone,
      personId: r.person_id,
      grants: [
        { role: 'resident', orgUnitId: r.building_id, orgPath: r.org_path, householdId: r.household_id },
      ],
    });
    residents.push(await t.login(phone));
  }
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

async function openProject(capacity: number) {
  const [lead] = await t.db.select().from(partner).where(eq(partner.state, 'approved')).limit(1);
  const r = await t.call({
    method: 'POST',
    url: '/api/partner-projects',
    cookie: staff,
    body: {
      title: `并发报名 ${capacity}`,
      kind: 'art_class',
      orgUnitId: communityId,
      capacity,
      leadPartnerIds: [lead.id],
    },
  });
  expect(r.status).toBe(200);
  return r.body.id as string;
}

describe('concurrent joins', () => {
  it('twelve residents at once for five places: five join, seven are told it is full', async () => {
    const id = await openProject(5);
    const replies = await Promise.all(
      residents.map((cookie) => t.call({ method: 'POST', url: `/api/partner-projects/${id}/join`, cookie })),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = replies.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.body.error.code).toBe('partner_project_full');
    const [p] = await t.db.select().from(partnerProject).where(eq(partnerProject.id, id));
    expect(p.participantCount).toBe(5);
    const rows = await t.db
      .select()
      .from(partnerProjectParticipant)
      .where(and(eq(partnerProjectParticipant.projectId, id), isNull(partnerProjectParticipant.leftAt)));
    expect(rows).toHaveLength(5);
  });

  it('leaves and joins racing never exceed capacity, and the counter matches the rows', async () => {
    const id = await openProject(3);
    for (const cookie of residents.slice(0, 3))
      expect((await t.call({ method: 'POST', url: `/api/partner-projects/${id}/join`, cookie })).status).toBe(
        200,
      );
    // Two leave while nine try to join: at most two of them get in.
    const replies = await Promise.all([
      ...residents
        .slice(0, 2)
        .map((cookie) => t.call({ method: 'POST', url: `/api/partner-projects/${id}/leave`, cookie })),
      ...residents
        .slice(3)
        .map((cookie) => t.call({ method: 'POST', url: `/api/partner-projects/${id}/join`, cookie })),
    ]);
    const joined = replies.slice(2).filter((r) => r.status === 200).length;
    expect(joined).toBeLessThanOrEqual(2);
    const [p] = await t.db.select().from(partnerProject).where(eq(partnerProject.id, id));
    const rows = await t.db
      .select()
      .from(partnerProjectParticipant)
      .where(and(eq(partnerProjectParticipant.projectId, id), isNull(partnerProjectParticipant.leftAt)));
    expect(p.participantCount).toBe(rows.length);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows.length).toBe(1 + joined);
  });

  it('one resident joining from two phones at once takes one place', async () => {
    const id = await openProject(10);
    const again = await t.login('13770000000');
    const replies = await Promise.all(
      [residents[0], again, residents[0], again].map((cookie) =>
        t.call({ method: 'POST', url: `/api/partner-projects/${id}/join`, cookie }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 200))
      expect(r.body.error.code).toBe('partner_project_joined');
    const [p] = await t.db.select().from(partnerProject).where(eq(partnerProject.id, id));
    expect(p.participantCount).toBe(1);
  });
});
