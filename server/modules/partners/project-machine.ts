import type { ProjectAction, ProjectState } from '../../../common/contracts/partner-projects.ts';

/**
 * A cooperative project's life, in one table. `by` names who may make the move:
 * - staff: partner_projects:manage over the project's community or compound;
 * - lead: one of its lead partners (still approved);
 * - either: staff or a lead.
 * `reason`: the move needs a note (why declined or cancelled).
 */
export const PROJECT_TRANSITIONS: Record<
  ProjectAction,
  { from: readonly ProjectState[]; to: ProjectState; by: 'staff' | 'lead' | 'either'; reason?: true }
> = {
  approve: { from: ['proposed'], to: 'approved', by: 'staff' },
  decline: { from: ['proposed'], to: 'declined', by: 'staff', reason: true },
  start: { from: ['approved'], to: 'active', by: 'either' },
  finish: { from: ['active'], to: 'finished', by: 'either' },
  cancel: { from: ['approved', 'active'], to: 'cancelled', by: 'staff', reason: true },
  withdraw: { from: ['proposed'], to: 'cancelled', by: 'lead' },
};

/** States in which residents may join or leave. */
export const OPEN_FOR_JOINING: readonly ProjectState[] = ['approved', 'active'];

export function mayMove(action: ProjectAction, who: { staff: boolean; lead: boolean }): boolean {
  const by = PROJECT_TRANSITIONS[action].by;
  return by === 'staff' ? who.staff : by === 'lead' ? who.lead : who.staff || who.lead;
}

export function canMove(state: ProjectState, action: ProjectAction): boolean {
  return PROJECT_TRANSITIONS[action].from.includes(state);
}
