// The shop module owns 积分超市 of the seed: what points buy (legal aid, haircuts, health checks,
// holiday childcare, housekeeping, rice and oil, the bazaar's stall-fee waiver), redemptions with
// their vouchers, fulfilment at the provider's counter (核销), refunds on cancel and expiry, and the
// figures of 兑换总价值. Points move only through the points module's ledger.
export { shopRoutes } from './routes.ts';
export { figuresRoutes } from './figures-routes.ts';
export { expireVouchers, redeem, REDEEM_STEPS, type RedeemStep } from './redemptions.ts';
export { seedDemoShop } from './demo.ts';
