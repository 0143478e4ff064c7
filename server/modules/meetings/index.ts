// The meetings module owns deliberation (议事协商) of the seed: 三事三议 at building, compound and
// community (楼栋邻里议事会、小区议事会、党员议事会、社区联席会), the monthly 三方联席会 of community,
// property company and owners' committee, 商户恳谈会, and the open sessions of 议事长廊 / 书记茶摊.
// Meetings take their agenda from cases (群众点单), projects or free topics; attendance is taken by a
// rotating QR at the venue; minutes are drafted and approved by different people; every decision
// dispatches a case or becomes a task tracked to done, and the outcome is published, masked.
export { meetingsRoutes } from './routes.ts';
export { loadMeeting } from './meetings.ts';
export { demoCouncilVoters, seedDemoMeetings } from './demo.ts';
