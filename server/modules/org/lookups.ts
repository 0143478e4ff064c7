import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { pathIds } from './org-units.ts';
import { grid, gridBuilding, household, householdMember, person } from './schema.ts';

/** Where a person lives: their first household (heads first), its building and community. */
export async function homeOf(db: Executor, personId: string) {
  const [h] = await db
    .select({ householdId: household.id, buildingId: household.buildingId, orgPath: household.orgPath })
    .from(householdMember)
    .innerJoin(household, eq(household.id, householdMember.householdId))
    .where(eq(householdMember.personId, personId))
    .orderBy(asc(householdMember.relation))
    .limit(1);
  if (!h) return null;
  const ids = pathIds(h.orgPath);
  return { ...h, communityId: ids[2], communityPath: `/${ids.slice(0, 3).join('/')}/` };
}

/** The grid worker (user id) of the grid covering a building, if it has one. */
export async function gridWorkerOf(db: Executor, buildingId: string): Promise<string | null> {
  const [g] = await db
    .select({ worker: grid.workerUserId })
    .from(gridBuilding)
    .innerJoin(grid, eq(grid.id, gridBuilding.gridId))
    .where(eq(gridBuilding.buildingId, buildingId));
  return g?.worker ?? null;
}

/** The community an org path lies in ("/district/subdistrict/community/…"), or null above it. */
export function communityPathOf(orgPath: string): string | null {
  const ids = pathIds(orgPath);
  return ids.length >= 3 ? `/${ids.slice(0, 3).join('/')}/` : null;
}

/** The people of a household, with their names. */
export async function membersOf(db: Executor, householdId: string) {
  return db
    .select({ personId: person.id, name: person.name })
    .from(householdMember)
    .innerJoin(person, eq(person.id, householdMember.personId))
    .where(eq(householdMember.householdId, householdId));
}
