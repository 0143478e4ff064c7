// The partners module owns the seed's 幸福家园合伙人 (community partners, `partner`): residents who
// register their talents (绘画、书法、摄影、手工…) and, once approved by community staff, run
// cooperative projects (合作项目, `partner_project`: 暑期美术班, 老年婚纱摄影, 亲子阅读, 义剪…) that other
// residents join. It is NOT the org module's partner units (共建单位, `partner_unit`, org/partners.ts).
// The volunteers module organises activities for a project and checks it through this file.
export { loadPartnerProject, isProjectLead, type PartnerProjectRef } from './lookups.ts';
export { partnersRoutes } from './routes.ts';
export { seedDemoPartners } from './demo.ts';
