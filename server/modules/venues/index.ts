// The venues module owns the places where the seed's communities meet and serve: 党群服务中心,
// 邻里驿站, 议事长廊 (where 书记茶摊 is held) — name, kind, address, facilities, opening hours. The
// meetings module schedules into them; the volunteers module will book them.
export { venuesRoutes } from './routes.ts';
export { loadVenue, venueNames, type VenueRow } from './venues.ts';
export { seedDemoVenues } from './demo.ts';
