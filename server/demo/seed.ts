import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assignGridWorker, demoPartyMember, orgIsEmpty, seedDemoOrg } from '../modules/org/index.ts';
import { seedDemoPoints } from '../modules/points/index.ts';
import { seedDemoShop } from '../modules/shop/index.ts';
import { seedDemoCases, seedDemoDutyRoster } from '../modules/cases/index.ts';
import { seedDemoProjects } from '../modules/projects/index.ts';
import { seedDemoVotes } from '../modules/votes/index.ts';
import { loadActor } from '../platform/sessions.ts';
import { SYSTEM_ACTOR } from '../platform/access.ts';
import { recordAudit } from '../platform/audit.ts';
import { hashPassword } from '../platform/password.ts';
import { notification, userAccount } from '../platform/schema.ts';
import { createUser, type NewGrant } from '../platform/users.ts';
import { demoCouncilVoters, seedDemoMeetings } from '../modules/meetings/index.ts';
import { seedDemoActivities, seedDemoTeams } from '../modules/volunteers/index.ts';
import { seedDemoVenueLife } from '../modules/venues/index.ts';
import { seedDemoPartners } from '../modules/partners/index.ts';
import { seedDemoToolbox } from '../modules/toolbox/index.ts';

export const DEMO_PASSWORD = 'Linli@2026';

export const DEMO_ACCOUNTS = [
  { phone: '13900000001', label: 'district_admin 区级管理员（邻里示范区）' },
  { phone: '13900000002', label: 'subdistrict_admin 街道管理员（平顶山街道）' },
  { phone: '13900000003', label: 'community_staff 社区工作人员（春熙社区 = 社区A）' },
  { phone: '13900000004', label: 'community_staff 社区工作人员（杨梅江社区 = 社区B）' },
  { phone: '13900000005', label: 'grid_worker 网格员（春熙社区）' },
  { phone: '13900000006', label: 'points_committee 积分管理小组（春熙社区）' },
  { phone: '13900000007', label: 'resident 居民 田志明（春熙社区 幸福家园小区 1号楼 1单元302）' },
  { phone: '13900000008', label: 'department_staff 职能部门（区城市管理局）' },
  { phone: '13900000009', label: 'provider_staff 服务提供方（安心家政服务社，积分超市核销）' },
  { phone: '13900000010', label: 'building_leader 楼栋长（幸福家园小区 1号楼）' },
  { phone: '13900000011', label: 'compound_secretary 小区党支部书记（幸福家园小区）' },
  { phone: '13900000012', label: 'safety_sentinel 安全哨兵（物业，幸福家园小区）' },
  { phone: '13900000013', label: 'resident 党员居民（春熙社区，可接单）' },
  // 议事表决 (H10): two more households of 幸福家园小区's council, so three households can vote.
  { phone: '13900000014', label: 'resident 居民（幸福家园小区议事会成员）' },
  { phone: '13900000015', label: 'resident 居民（幸福家园小区议事会成员，另一户）' },
] as const;

/**
 * Seeds the demo district into an empty database, in one transaction, never over real data.
 * An advisory lock keeps two app nodes starting at once from both seeding.
 */
export async function seedDemoIfEmpty(db: Db, opts: { log?: (s: string) => void } = {}): Promise<boolean> {
  const log = opts.log ?? (() => {});
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(20261129)`);
    const users = await tx.select({ id: userAccount.id }).from(userAccount).limit(1);
    if (!(await orgIsEmpty(tx)) || users.length > 0) return false;
    log('seeding the demo district (first run)…');
    const org = await seedDemoOrg(tx);
    const [a, b] = org.communities;
    const at = (u: { id: string; path: string }) => ({ orgUnitId: u.id, orgPath: u.path });
    const district = { id: org.districtId, path: org.districtPath };
    const accounts: { phone: string; name: string; grants: NewGrant[]; personId?: string }[] = [
      { phone: '13900000001', name: '赵区管', grants: [{ role: 'district_admin', ...at(district) }] },
      {
        phone: '13900000002',
        name: '钱街道',
        grants: [{ role: 'subdistrict_admin', ...at(org.subdistricts[0]) }],
      },
      { phone: '13900000003', name: '孙社工', grants: [{ role: 'community_staff', ...at(a) }] },
      { phone: '13900000004', name: '李社工', grants: [{ role: 'community_staff', ...at(b) }] },
      { phone: '13900000005', name: '周网格', grants: [{ role: 'grid_worker', ...at(a) }] },
      { phone: '13900000006', name: '吴积分', grants: [{ role: 'points_committee', ...at(a) }] },
      {
        phone: '13900000007',
        name: '田志明',
        personId: org.tian.personId,
        grants: [
          {
            role: 'resident',
            orgUnitId: org.tian.buildingId,
            orgPath: org.tian.buildingPath,
            householdId: org.tian.householdId,
          },
        ],
      },
      {
        phone: '13900000008',
        name: '郑城管',
        grants: [
          {
            role: 'department_staff',
            ...at(district),
            departmentId: org.departments.find((d) => d.code === 'chengguan')!.id,
          },
        ],
      },
    ];
    // The front line of 幸福家园小区 (田志明's compound) for cases and emergencies, and a resident
    // party member of 春熙社区 who takes dispatched orders.
    const compoundPath = `/${org.tian.buildingPath.split('/').filter(Boolean).slice(0, 4).join('/')}/`;
    const compound = { id: compoundPath.split('/').filter(Boolean)[3], path: compoundPath };
    const member = await demoPartyMember(tx, a.path, org.tian.personId);
    accounts.push(
      {
        phone: '13900000010',
        name: '冯楼长',
        grants: [
          { role: 'building_leader', ...at({ id: org.tian.buildingId, path: org.tian.buildingPath }) },
        ],
      },
      { phone: '13900000011', name: '陈书记', grants: [{ role: 'compound_secretary', ...at(compound) }] },
      { phone: '13900000012', name: '褚哨兵', grants: [{ role: 'safety_sentinel', ...at(compound) }] },
      {
        phone: '13900000013',
        name: member.name,
        personId: member.personId,
        grants: [
          {
            role: 'resident',
            orgUnitId: member.buildingId,
            orgPath: member.orgPath,
            householdId: member.householdId,
          },
        ],
      },
    );
    const ids = new Map<string, string>();
    for (const acc of accounts) {
      ids.set(acc.phone, await createUser(tx, { ...acc, displayName: acc.name, passwordHash }));
    }
    // Every grid has a worker: community A's first grid is the demo grid worker's; the rest get their own.
    for (const [i, g] of org.grids.entries()) {
      const userId =
        i === 0
          ? ids.get('13900000005')!
          : await createUser(tx, {
              phone: `139000010${String(i).padStart(2, '0')}`,
              displayName: `${g.name}网格员`,
              passwordHash,
              grants: [{ role: 'grid_worker', ...at(org.communities[g.communityIndex]) }],
            });
      await assignGridWorker(tx, g.id, userId);
    }
    const actor = async (phone: string) => {
      const [u] = await tx.select().from(userAccount).where(eq(userAccount.phone, phone));
      return loadActor(tx, u, null);
    };
    await seedDemoPoints(
      tx,
      { subdistrictId: org.subdistricts[0].id, communityId: a.id, tianPersonId: org.tian.personId },
      {
        subdistrictAdmin: await actor('13900000002'),
        staff: await actor('13900000003'),
        gridWorker: await actor('13900000005'),
        committee: await actor('13900000006'),
        tian: await actor('13900000007'),
      },
    );
    const shop = await seedDemoShop(
      tx,
      { communityId: a.id, ...org.partnersOfA },
      await actor('13900000003'),
    );
    await createUser(tx, {
      phone: '13900000009',
      displayName: '安心家政店员',
      passwordHash,
      grants: [{ role: 'provider_staff', ...at(a), providerId: shop.housekeepingProviderId }],
    });
    // 值班表: 孙社工 by day, 周网格 by night, so an emergency in 春熙社区 always reaches someone.
    await seedDemoDutyRoster(tx, a, ids.get('13900000003')!, ids.get('13900000005')!, new Date());
    await seedDemoCases(tx, org);
    await seedDemoVotes(
      tx,
      { communityId: a.id, tianHouseholdId: org.tian.householdId },
      await actor('13900000003'),
    );
    await seedDemoProjects(tx, a.id, await actor('13900000003'));
    await seedDemoMeetings(tx, a.id, await actor('13900000003'));
    // Venues (issue 7, V3): spaces, hours, a year of bookings and recurring services with visits.
    await seedDemoVenueLife(tx, a.id, await actor('13900000003'));
    // 议事表决 (H10): council members of two other households of 幸福家园小区 sign in to vote.
    for (const [i, v] of (await demoCouncilVoters(tx, compoundPath, org.tian.householdId)).entries()) {
      await createUser(tx, {
        phone: `1390000001${4 + i}`,
        displayName: v.name,
        personId: v.personId,
        passwordHash,
        grants: [
          { role: 'resident', orgUnitId: v.buildingId, orgPath: v.orgPath, householdId: v.householdId },
        ],
      });
    }
    // 志愿服务队 (V1): the 红色志愿服务队 with its four posts, compound teams, ~40 volunteers.
    await seedDemoTeams(tx, a.id);
    // 幸福家园合伙人 (V5): 25 partners and a year of 35 cooperative projects with participants.
    await seedDemoPartners(tx, a.id, await actor('13900000003'));
    // 志愿活动 (V2): a year of 春熙社区's activities with sign-ups and certified hours.
    await seedDemoActivities(tx, a.id, await actor('13900000003'));
    // 共享工具箱 (V4): ~20 tools at 春熙社区's stations and a year of loans.
    await seedDemoToolbox(tx, a.id, await actor('13900000003'));
    // The demo's year happened before anyone signed in: the notices it wrote are history, already
    // read, so a demo user's bell counts only what happens from now on.
    await tx.update(notification).set({ readAt: sql`created_at` }).where(isNull(notification.readAt));
    await recordAudit(
      { actor: SYSTEM_ACTOR, tx },
      {
        action: 'demo.seeded',
        subjectType: 'org_unit',
        subjectId: org.districtId,
        orgPath: org.districtPath,
        orgUnitId: org.districtId,
        summary: '初始化演示区数据（首次启动）',
      },
    );
    log('demo district seeded');
    return true;
  });
}
