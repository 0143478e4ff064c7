// Every table, gathered for Drizzle and drizzle-kit. Each module owns and writes only its own.
export * from '../platform/schema.ts';
export * from '../modules/org/schema.ts';
export * from '../modules/points/schema.ts';
export * from '../modules/shop/schema.ts';
export * from '../modules/cases/schema.ts';
export * from '../modules/projects/schema.ts';
export * from '../modules/open311/schema.ts';
export * from '../modules/votes/schema.ts';
export * from '../modules/venues/schema.ts';
export * from '../modules/meetings/schema.ts';
export * from '../modules/volunteers/schema.ts';
export * from '../modules/volunteers/activity-schema.ts';
export * from '../modules/partners/schema.ts';
export * from '../modules/toolbox/schema.ts';
