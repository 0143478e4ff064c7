import { and, asc, eq, like, ne } from 'drizzle-orm';
import type { Executor } from '../server/db/client.ts';
import { household, householdMember, orgUnit, person } from '../server/modules/org/schema.ts';

/**
 * Landmarks of the demo district for tests: 田先生's household, a neighbour in the same building,
 * one in a sibling building, one in sibling community B, one in the other subdistrict.
 */
export async function demoLandmarks(db: Executor) {
  const unit = async (name: string) => {
    const [u] = await db.select().from(orgUnit).where(eq(orgUnit.name, name));
    if (!u) throw new Error(`demo unit ${name} missing`);
    return u;
  };
  const [tian] = await db.select().from(person).where(eq(person.phone, '13900000007'));
  const [own] = await db
    .select({ h: household })
    .from(household)
    .innerJoin(householdMember, eq(householdMember.householdId, household.id))
    .where(eq(householdMember.personId, tian.id));
  const firstIn = async (path: string, not?: string) => {
    const rows = await db
      .select()
      .from(household)
      .where(and(eq(household.orgPath, path), not ? ne(household.id, not) : undefined))
      .orderBy(asc(household.unitNo), asc(household.room))
      .limit(1);
    return rows[0];
  };
  const communityA = await unit('春熙社区');
  const communityB = await unit('杨梅江社区');
  const communityC = await unit('红旗社区');
  const building = own.h.orgPath;
  const [buildingUnit] = await db.select().from(orgUnit).where(eq(orgUnit.path, building));
  const [sibling] = await db
    .select()
    .from(orgUnit)
    .where(and(eq(orgUnit.parentId, buildingUnit.parentId!), ne(orgUnit.id, buildingUnit.id)))
    .orderBy(asc(orgUnit.name))
    .limit(1);
  const firstUnder = async (prefix: string) => {
    const [h] = await db
      .select()
      .from(household)
      .where(like(household.orgPath, `${prefix}%`))
      // Ordered as the household list orders, so "the first" is the same row on every database.
      .orderBy(asc(household.orgPath), asc(household.unitNo), asc(household.room))
      .limit(1);
    return h;
  };
  return {
    tian,
    communityA,
    communityB,
    communityC,
    ownHousehold: own.h,
    sameBuilding: await firstIn(building, own.h.id),
    siblingBuilding: await firstIn(sibling.path),
    siblingBuildingUnit: sibling,
    siblingCommunity: await firstUnder(communityB.path),
    otherSubdistrict: await firstUnder(communityC.path),
  };
}
