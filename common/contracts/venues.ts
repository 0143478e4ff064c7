import { z } from 'zod';
import { allowed } from './common.ts';

/** 党群服务中心, 邻里驿站, 议事长廊 (书记茶摊 sits in a corridor), or another room. */
export const VENUE_KINDS = ['service_centre', 'station', 'corridor', 'other'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export const venueIn = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(VENUE_KINDS),
  /** A community or a compound. */
  orgUnitId: z.uuid(),
  address: z.string().trim().max(200).default(''),
  facilities: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** Free text, e.g. "周一至周五 9:00–17:30". */
  openingHours: z.string().trim().max(200).default(''),
  capacity: z.number().int().min(1).max(10_000).nullable().default(null),
});
export const venueUpdate = venueIn
  .omit({ orgUnitId: true })
  .partial()
  .extend({ active: z.boolean().optional() });

export const venueOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(VENUE_KINDS),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  address: z.string(),
  facilities: z.array(z.string()),
  openingHours: z.string(),
  capacity: z.number().int().nullable(),
  active: z.boolean(),
  allowed,
});
export type VenueOut = z.infer<typeof venueOut>;
export const venueList = z.object({ items: z.array(venueOut) });
export const venueQuery = z.object({
  orgUnitId: z.uuid().optional(),
  kind: z.enum(VENUE_KINDS).optional(),
});
