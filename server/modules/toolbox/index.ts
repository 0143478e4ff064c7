// The toolbox module owns 共享工具箱 of the seed: tools with their stock kept at a venue (usually a
// 邻里驿站), lent to residents with a due date (`tool_loan`), returned, extended once or marked lost;
// the overdue reminders through the inbox, each loan's history, and the small figures (loans per month
// and per tool, the overdue rate). Units out never exceed the stock.
export { toolboxRoutes } from './routes.ts';
export { runToolboxJobs } from './reminders.ts';
export { seedDemoToolbox } from './demo.ts';
