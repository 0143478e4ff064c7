import type { ClaimAction, ClaimState } from '../../../common/contracts/points.ts';

/**
 * The claim state machine, in one table: 居民申报 → 网格初核 → 社区评议 → 定期公示 → 记入账户.
 * `by` says whose move it is; claims.ts checks role, scope and separation of duties on top.
 * Publishing a posting (approved → posted), crediting (posted → credited) and an upheld objection
 * (posted → revoked) are moves of postings.ts, listed here so the whole life of a claim is in one place.
 */
export const TRANSITIONS: Record<
  ClaimAction,
  { from: readonly ClaimState[]; to: ClaimState; by: 'checker' | 'claimant' | 'reviewer' }
> = {
  check_pass: { from: ['submitted'], to: 'checked', by: 'checker' },
  ask_more: { from: ['submitted'], to: 'needs_info', by: 'checker' },
  check_reject: { from: ['submitted', 'needs_info'], to: 'rejected', by: 'checker' },
  resubmit: { from: ['needs_info'], to: 'submitted', by: 'claimant' },
  withdraw: { from: ['submitted', 'needs_info', 'checked'], to: 'withdrawn', by: 'claimant' },
  approve: { from: ['checked'], to: 'approved', by: 'reviewer' },
  reject: { from: ['checked'], to: 'rejected', by: 'reviewer' },
};

export const SYSTEM_TRANSITIONS = {
  post: { from: ['approved'], to: 'posted' },
  credit: { from: ['posted'], to: 'credited' },
  revoke: { from: ['posted'], to: 'revoked' },
} as const satisfies Record<string, { from: readonly ClaimState[]; to: ClaimState }>;

/** Rejections must say why: the claimant sees the reason in the timeline. */
export const NEEDS_NOTE: readonly ClaimAction[] = ['ask_more', 'check_reject', 'reject'];

export function canMove(state: ClaimState, action: ClaimAction): boolean {
  return TRANSITIONS[action].from.includes(state);
}
