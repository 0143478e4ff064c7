// The projects module owns 一事一策 ("对历史遗留问题，成立专班'一事一策'攻坚并公示进度": a task force's
// plan with milestones and a public progress page) and 暖心实项目 ("将幸福家园建设分解为为民服务、
// 环境整治等100个暖心实项目，明确责任主体与完成时限。建立'周调度、月研判、季总结'工作机制"): the
// yearly list with responsible units, deadlines, budgets and milestones, the weekly dispatch board,
// the monthly review, the quarterly summary (printable and Excel), residents' ratings of finished
// projects and the public progress page. Other modules import only from this file.
export { projectsRoutes } from './routes.ts';
export { seedDemoProjects } from './demo.ts';
export { projectFileReader } from './file-reader.ts';
