import type { MeetingAction, MeetingState } from '../../../common/contracts/meetings.ts';

/**
 * The meeting's life, in one table. `by` names who may make the move; meetings.ts checks it:
 * - organiser: meetings:manage over the body's org unit (社区 / 小区党支部 / 楼栋长);
 * - chair: the body's chair (主持人), or an organiser;
 * - secretary: the body's secretary (记录人), the chair, or an organiser.
 * Approving the minutes is further refused to whoever drafted them (separation of duties).
 */
export const MEETING_TRANSITIONS: Record<
  MeetingAction,
  { from: readonly MeetingState[]; to: MeetingState; by: 'organiser' | 'chair' | 'secretary' }
> = {
  start: { from: ['scheduled'], to: 'in_session', by: 'chair' },
  end: { from: ['in_session'], to: 'minutes_draft', by: 'secretary' },
  approve_minutes: { from: ['minutes_draft'], to: 'minutes_approved', by: 'chair' },
  close: { from: ['minutes_approved'], to: 'closed', by: 'organiser' },
  cancel: { from: ['scheduled'], to: 'cancelled', by: 'organiser' },
};

/** States in which people may still register and check in. */
export const OPEN_FOR_ATTENDANCE: readonly MeetingState[] = ['scheduled', 'in_session'];
/** States in which decisions may be recorded. */
export const DECIDING: readonly MeetingState[] = ['in_session', 'minutes_draft'];
/** States whose outcome is public. */
export const PUBLISHED: readonly MeetingState[] = ['minutes_approved', 'closed'];
/** States in which the agenda may still change. */
export const AGENDA_OPEN: readonly MeetingState[] = ['scheduled', 'in_session'];

export function canMove(state: MeetingState, action: MeetingAction): boolean {
  return MEETING_TRANSITIONS[action].from.includes(state);
}
