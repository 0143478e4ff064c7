// The volunteers module owns the seed's 红色志愿服务队 and its 志愿服务岗位 (政策宣讲、矛盾调解、健康义诊、
// 应急救援 …), volunteers with their skills and availability, matching "技能+需求" (for a post, an
// activity or a case, who fits best, lives closest and has served least lately), the figures of
// community life, and the activities teams organise with check-in and certified hours (以时长认定积分).
// Other modules import only from this file.
export { loadTeam, isTeamLeader, type TeamRow } from './teams.ts';
export { teamRoutes } from './team-routes.ts';
export { seedDemoTeams } from './demo-teams.ts';
// Activities (V2): routes, the reminder job, the demo year, and the tables other parts read.
export { activityRoutes } from './activity-routes.ts';
export { runActivityReminders } from './jobs.ts';
export { seedDemoActivities } from './demo-activities.ts';
export { activity, activitySignup, volunteerHours } from './activity-schema.ts';
