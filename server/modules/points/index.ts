// The points module owns 积分制 of the seed (沙依巴克区): the resident convention (居民公约) and the
// versioned points rulebook (积分管理实施细则, chapters → articles → rules), points accounts and their
// immutable ledger, claims through 居民申报 → 网格初核 → 社区评议 → 定期公示 (一月一公示) → credit,
// objections during the posting, base-point batches, and the volunteer hours of 长清区 credited as
// points. Other modules raise claims through `raiseSystemClaim` inside their own transaction.
export { pointsRoutes } from './routes.ts';
export { summaryRoutes } from './summary-routes.ts';
export { boardRoutes } from './board-routes.ts';
export { raiseSystemClaim, type SystemClaim } from './claims.ts';
export { postEntry, checkLedger, type NewEntry, type LedgerBreach } from './ledger.ts';
export { ensurePersonAccount, accountOfPerson } from './accounts.ts';
export { runPostingJobs, publicName, UNNAMED } from './postings.ts';
export { rulebookInForce, conventionInForce, presentRulebook } from './rulebooks.ts';
export { seedDemoPoints } from './demo.ts';
export { rankings, type RankingRow } from './rankings.ts';
export { entryByKey, lockAccount } from './ledger.ts';
