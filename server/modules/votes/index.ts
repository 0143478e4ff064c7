// The votes module owns 表决 of the seed's deliberation (议事协商): motions put to the households of a
// building, compound or community (一户一票: any adult member casts the household's one vote, on the
// phone or on a paper ballot entered by staff) or to a body's members; the counting rules — simple
// majority, a participation quorum, and Civil Code art. 278 for owners' decisions (双三分之二参与,
// 双过半 / 双四分之三同意) with floor areas from the roster; secret ballots; results computed at
// closing, published and frozen. Meetings (the meetings module) link motions by id.
export { votesRoutes } from './routes.ts';
export { runVoteJobs } from './motions.ts';
export { seedDemoVotes } from './demo.ts';
