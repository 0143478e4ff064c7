import { and, asc, eq, inArray, like } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { pathIds } from './org-units.ts';
import { grid, gridBuilding, household, householdMember, orgUnit, person } from './schema.ts';

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

/** The grid workers (user ids) of the grids covering any building at or under a compound's path. */
export async function gridWorkersUnder(db: Executor, path: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ worker: grid.workerUserId })
    .from(gridBuilding)
    .innerJoin(grid, eq(grid.id, gridBuilding.gridId))
    .innerJoin(orgUnit, eq(orgUnit.id, gridBuilding.buildingId))
    .where(like(orgUnit.path, `${path}%`));
  return rows.flatMap((r) => (r.worker ? [r.worker] : []));
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

/** The communities at or under an org unit's path, by name: e.g. a subdistrict's, for breakdowns. */
export async function communitiesUnder(db: Executor, path: string) {
  return db
    .select({ id: orgUnit.id, name: orgUnit.name, path: orgUnit.path })
    .from(orgUnit)
    .where(and(like(orgUnit.path, `${path}%`), eq(orgUnit.kind, 'community')))
    .orderBy(asc(orgUnit.name));
}

/** Persons' tags (gig_worker, volunteer, …) by id, in one query, for modules that select by them. */
export async function personTags(db: Executor, personIds: string[]): Promise<Map<string, string[]>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ id: person.id, tags: person.tags })
    .from(person)
    .where(inArray(person.id, personIds));
  return new Map(rows.map((r) => [r.id, r.tags]));
}
