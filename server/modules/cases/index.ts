// The cases module owns the demand loop of the seed: 群众点单、社区派单、党员接单、群众评单 (the four
// orders), the grid worker's check (网格初核) that earns a resident points for a valid hazard or
// suggestion, 三事三议 (家事 at the building, 众事 at the compound, 公事 at the community, each level
// able to pass a case up), and 社区吹哨、部门报到 with escalation to the subdistrict and the tiered
// handling figure (resolved_locally / escalated). Other modules import only from this file.
export { casesRoutes } from './routes.ts';
export { runCaseJobs, runTimerScan } from './jobs.ts';
export { seedDemoDutyRoster } from './duty.ts';
export { DEFAULT_CATEGORIES, categoriesAt } from './categories.ts';
export { fileCase, type Reporter } from './cases.ts';
export { seedDemoCases } from './demo.ts';
// Open311 reads cases and whistles (read-only) to answer GET requests.
export { civicCase, caseWhistle, caseTimer } from './schema.ts';
export { OPEN_STATES } from './case-machine.ts';
export { loadCase } from './cases.ts';
// Meetings dispatch an agenda case by decision (议事决定派单), through the case's own transition.
export { transitionCase } from './cases.ts';
export { caseFileReader } from './file-reader.ts';
