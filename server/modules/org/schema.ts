import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, textArray, updatedAt } from '../../db/columns.ts';

/**
 * district → subdistrict → community → compound → building. `path` is the materialised path of ids,
 * "/<district>/<subdistrict>/…/<self>/", so a subtree is `path LIKE '<prefix>%'`.
 */
export const orgUnit = pgTable(
  'org_unit',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    parentId: uuid('parent_id'),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    address: text('address'),
    compoundClass: integer('compound_class'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('org_unit_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_unit_parent_idx').on(t.parentId),
  ],
);

export const household = pgTable(
  'household',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => orgUnit.id),
    orgPath: text('org_path').notNull(),
    unitNo: text('unit_no').notNull().default(''),
    room: text('room').notNull(),
    floorAreaM2: numeric('floor_area_m2', { precision: 10, scale: 2 }),
    tags: textArray('tags'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('household_room_idx').on(t.buildingId, t.unitNo, t.room),
    index('household_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** 人: everyone on the roster. `org_path` follows their household (or the unit that registered them). */
export const person = pgTable(
  'person',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    idNumber: text('id_number'),
    gender: text('gender'),
    birthYear: integer('birth_year'),
    tags: textArray('tags'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('person_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`),
    index('person_phone_idx').on(t.phone),
    index('person_id_number_idx').on(t.idNumber),
    index('person_name_idx').on(t.name),
  ],
);

export const householdMember = pgTable(
  'household_member',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => household.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    relation: text('relation').notNull().default('member'),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.personId] }),
    index('household_member_person_idx').on(t.personId),
  ],
);

/** The party tree beside the org tree: community_committee → general_branch → branch → group. */
export const partyOrg = pgTable(
  'party_org',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    parentId: uuid('parent_id'),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnit.id),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    secretaryPersonId: uuid('secretary_person_id').references(() => person.id),
    createdAt: createdAt(),
  },
  (t) => [index('party_org_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`)],
);

/** party_member: belongs to the organisation; registered_member: serves here, registered from a workplace. */
export const partyMembership = pgTable(
  'party_membership',
  {
    partyOrgId: uuid('party_org_id')
      .notNull()
      .references(() => partyOrg.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    workplace: text('workplace'),
    joinedOn: text('joined_on'),
  },
  (t) => [primaryKey({ columns: [t.partyOrgId, t.personId] })],
);

/** A grid covers buildings of one community and has one grid worker (a user account). */
export const grid = pgTable('grid', {
  id: id(),
  districtId: uuid('district_id').notNull(),
  orgUnitId: uuid('org_unit_id')
    .notNull()
    .references(() => orgUnit.id),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  workerUserId: uuid('worker_user_id'),
  createdAt: createdAt(),
});

export const gridBuilding = pgTable(
  'grid_building',
  {
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grid.id, { onDelete: 'cascade' }),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => orgUnit.id),
  },
  // A building lies in exactly one grid.
  (t) => [
    primaryKey({ columns: [t.gridId, t.buildingId] }),
    uniqueIndex('grid_building_once').on(t.buildingId),
  ],
);

/** 职能部门 with what they answer for inside compounds and a duty phone (public at compound gates). */
export const department = pgTable('department', {
  id: id(),
  districtId: uuid('district_id').notNull(),
  orgUnitId: uuid('org_unit_id')
    .notNull()
    .references(() => orgUnit.id),
  orgPath: text('org_path').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  dutyPhone: text('duty_phone').notNull(),
  responsibilities: textArray('responsibilities'),
  createdAt: createdAt(),
});

/** 共建单位: organisations that co-build a community. */
export const partnerUnit = pgTable('partner_unit', {
  id: id(),
  districtId: uuid('district_id').notNull(),
  orgUnitId: uuid('org_unit_id')
    .notNull()
    .references(() => orgUnit.id),
  orgPath: text('org_path').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull().default('enterprise'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  services: text('services'),
  createdAt: createdAt(),
});

/** A roster import run: progress for the page that polls it, and the row-by-row report. */
export const rosterImport = pgTable('roster_import', {
  id: id(),
  districtId: uuid('district_id').notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  orgPath: text('org_path').notNull(),
  userId: uuid('user_id').notNull(),
  fileName: text('file_name').notNull(),
  mode: text('mode').notNull(),
  status: text('status').notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  createdCount: integer('created_count').notNull().default(0),
  updatedCount: integer('updated_count').notNull().default(0),
  unchangedCount: integer('unchanged_count').notNull().default(0),
  report: text('report').notNull().default('[]'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
