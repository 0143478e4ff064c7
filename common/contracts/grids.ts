import { z } from 'zod';
import { allowed, paged, pageQuery } from './common.ts';

const name = z.string().trim().min(1).max(60);

export const gridBuildingOut = z.object({
  id: z.string(),
  name: z.string(),
  /** The compound the building stands in. */
  compoundId: z.string().nullable(),
  compoundName: z.string().nullable(),
  householdCount: z.number(),
});

export const gridOut = z.object({
  id: z.string(),
  /** The community the grid belongs to. */
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  buildings: z.array(gridBuildingOut),
  householdCount: z.number(),
  /** The grid worker (a user account holding grid_worker in scope), or null when unassigned. */
  worker: z.object({ userId: z.string(), displayName: z.string(), phone: z.string() }).nullable(),
  allowed,
});
export type GridOut = z.infer<typeof gridOut>;

export const gridQuery = pageQuery.extend({
  /** Grids of this community, or covering a building under this unit (a compound, a building). */
  orgUnitId: z.uuid().optional(),
  q: z.string().trim().max(60).optional(),
});
export const gridPage = paged(gridOut);

/** A building lies in at most one grid (409 building_in_other_grid) and in the grid's community. */
export const gridCreate = z.object({
  orgUnitId: z.uuid(),
  name,
  buildingIds: z.array(z.uuid()).max(200).default([]),
  workerUserId: z.uuid().nullable().optional(),
});
/** `buildingIds` replaces the whole set; `workerUserId: null` leaves the grid unassigned. */
export const gridUpdate = z.object({
  name: name.optional(),
  buildingIds: z.array(z.uuid()).max(200).optional(),
  workerUserId: z.uuid().nullable().optional(),
});
