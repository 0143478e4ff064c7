import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, textArray } from '../../db/columns.ts';

/** A place to meet: 党群服务中心, 邻里驿站, 议事长廊. The volunteers module books them later. */
export const venue = pgTable(
  'venue',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    address: text('address').notNull().default(''),
    facilities: textArray('facilities'),
    openingHours: text('opening_hours').notNull().default(''),
    capacity: integer('capacity'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('venue_path_idx').on(t.orgPath)],
);
