import type { CaseAction, CaseState, MatterLevel } from '../../../common/contracts/cases.ts';

/**
 * The case state machine, in one table: 群众点单 → 网格核实 → 三事分类 → 派单 → 接单 → 办结 → 评单.
 * `by` says whose move it is; cases.ts checks role, scope and identity on top:
 * - checker: the grid worker of the building (网格员);
 * - reporter: whoever reported the case;
 * - level: the queue holder of the case's matter level (楼栋长 / 小区党支部 / 社区), or a level above;
 * - assignee: the party member (or, for a team or unit, the dispatcher on its behalf).
 * The moves of whistles.ts and of the scheduler are listed below, so the whole life is in one place.
 */
export const TRANSITIONS: Record<
  CaseAction,
  { from: readonly CaseState[]; to: CaseState; by: 'checker' | 'reporter' | 'level' | 'assignee' }
> = {
  check_valid: { from: ['reported'], to: 'checked', by: 'checker' },
  check_invalid: { from: ['reported'], to: 'invalid', by: 'checker' },
  check_duplicate: { from: ['reported'], to: 'duplicate', by: 'checker' },
  withdraw: { from: ['reported'], to: 'withdrawn', by: 'reporter' },
  classify: { from: ['checked'], to: 'queued', by: 'level' },
  pass_up: { from: ['queued', 'reopened'], to: 'queued', by: 'level' },
  dispatch: { from: ['queued', 'reopened'], to: 'dispatched', by: 'level' },
  accept: { from: ['dispatched'], to: 'in_progress', by: 'assignee' },
  decline: { from: ['dispatched'], to: 'queued', by: 'assignee' },
  progress: { from: ['in_progress'], to: 'in_progress', by: 'assignee' },
  complete: { from: ['in_progress'], to: 'completed', by: 'assignee' },
  // A rating of 2 or less sends the case back to its dispatcher instead (LOW_RATING_STATE).
  rate: { from: ['completed'], to: 'closed', by: 'reporter' },
};

/** 评单: ratings at or below this reopen the case. */
export const LOW_RATING = 2;
export const LOW_RATING_STATE: CaseState = 'reopened';

/** Moves made by whistles.ts (吹哨报到) and the scheduler. */
export const SYSTEM_TRANSITIONS = {
  whistle: { from: ['checked', 'queued', 'reopened'], to: 'whistled' },
  departments_done: { from: ['whistled'], to: 'completed' },
  close_unrated: { from: ['completed'], to: 'closed' },
} as const satisfies Record<string, { from: readonly CaseState[]; to: CaseState }>;

/** Moves that must say why (the reporter reads the reason in the timeline). */
export const NEEDS_NOTE: readonly CaseAction[] = ['check_invalid', 'decline', 'progress', 'complete'];

/** Open: not yet closed or set aside. Duplicates are looked for among these. */
export const OPEN_STATES: readonly CaseState[] = [
  'reported',
  'checked',
  'queued',
  'dispatched',
  'in_progress',
  'whistled',
  'completed',
  'reopened',
];

export const LEVEL_RANK: Record<MatterLevel, number> = { building: 0, compound: 1, community: 2 };
export const NEXT_LEVEL: Record<MatterLevel, MatterLevel | null> = {
  building: 'compound',
  compound: 'community',
  community: null,
};

export function canMove(state: CaseState, action: CaseAction): boolean {
  return TRANSITIONS[action].from.includes(state);
}
