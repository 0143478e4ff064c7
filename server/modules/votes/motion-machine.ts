import type { MotionAction, MotionState } from '../../../common/contracts/votes.ts';

/**
 * The life of a motion, in one table: draft → open (the electorate is frozen) → closed (the result
 * is computed and stored) → published (shown to electors and on the public page; never changes
 * again). A draft or an open motion may be cancelled. Closing happens by hand or when the closing
 * time passes (runVoteJobs, by the system).
 */
export const MOTION_TRANSITIONS: Record<MotionAction, { from: readonly MotionState[]; to: MotionState }> = {
  open: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  publish: { from: ['closed'], to: 'published' },
  cancel: { from: ['draft', 'open'], to: 'cancelled' },
};

export function canMove(state: MotionState, action: MotionAction): boolean {
  return MOTION_TRANSITIONS[action].from.includes(state);
}

export function movesFrom(state: MotionState): MotionAction[] {
  return (Object.keys(MOTION_TRANSITIONS) as MotionAction[]).filter((a) => canMove(state, a));
}
