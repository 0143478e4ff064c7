// The venues module owns the places where the seed's communities meet and serve: 党群服务中心,
// 邻里驿站, 议事长廊 (where 书记茶摊 is held) — their spaces (多功能会议室, 康养小站, 棋牌天地 …) with
// weekly opening hours, room bookings that never overlap, and recurring services (义诊, 低价理发,
// 法律咨询) whose sessions count visits (服务人次). The meetings module schedules into venues; the
// volunteers module books spaces for activities (`bookSpace`) and reads `serviceVisitFigures`.
export { venuesRoutes } from './routes.ts';
export { loadVenue, loadSpace, venueNames, type VenueRow, type SpaceRow } from './venues.ts';
export { bookSpace, cancelBooking, type BookSpaceInput, type BookingRow } from './bookings.ts';
export { generateAllSessions } from './services.ts';
export { serviceVisitFigures } from './figures.ts';
export { seedDemoVenues, seedDemoVenueLife } from './demo.ts';
