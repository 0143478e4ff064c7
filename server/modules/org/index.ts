// The org module owns 人、地 of the seed's "人、地、事、物" database: the org tree (district →
// subdistrict → community → compound → building), households and persons, the party organisation
// beside it (社区党组织—小区党支部—楼栋党小组), grids with their grid workers, departments (住建、城管、
// 消防、公安、交警) with their responsibilities, and partner units (共建单位). Other modules import only
// from this file.
export { orgRoutes } from './routes.ts';
export { structureRoutes } from './structure-routes.ts';
export { rosterRoutes } from './roster-routes.ts';
export { nameOrgUnits, loadOrgUnit, pathIds, underUnit } from './org-units.ts';
export { loadHousehold, householdTarget, roomLabel } from './households.ts';
export { loadPerson, personTarget, isMinor } from './persons.ts';
export { seedDemoOrg, assignGridWorker, orgIsEmpty, demoPartyMember, type DemoOrg } from './demo.ts';
export {
  homeOf,
  gridWorkerOf,
  gridWorkersUnder,
  communityPathOf,
  membersOf,
  communitiesUnder,
  personTags,
} from './lookups.ts';
export { neutralise } from './roster-export.ts';
export { attachment } from './roster-routes.ts';
export { failInterruptedImports } from './roster-import.ts';
export { loadPartnerUnit } from './partners.ts';
