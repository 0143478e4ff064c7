import { useTranslation } from 'react-i18next';
import { ERRORS, type ErrorCode } from '../../../../common/errors.ts';
import { BUILT_IN_AWARDS, type BuiltInAward } from '../../../../common/contracts/summaries.ts';
import type { ClaimAction, ClaimState } from '../../api/points.ts';
import type { zhCN } from '../../i18n/zh-CN.ts';

type P = typeof zhCN.points;
export type RuleKind = keyof P['kind'];
export type Participant = keyof P['participant'];
export type RuleUnit = keyof P['unit'];
export type Declarer = keyof P['declarer'];
export type EntryKind = keyof P['entryKind'];
type EventKey = keyof P['event'];

export const STATE_COLORS: Record<ClaimState, string> = {
  submitted: 'blue',
  needs_info: 'orange',
  checked: 'geekblue',
  approved: 'cyan',
  posted: 'purple',
  credited: 'green',
  rejected: 'red',
  withdrawn: 'default',
  revoked: 'volcano',
};

export const KIND_COLORS: Record<RuleKind, string> = {
  base: 'blue',
  contribution: 'green',
  deduction: 'red',
};

/** Display names of the points module's literal unions, in the current language. */
export function usePointsLabels() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return {
    state: (s: ClaimState) => t(`points.state.${s}`),
    action: (a: ClaimAction) => t(`points.action.${a}`),
    // Timeline actions include the system's moves (post, credit, revoke …); unknown ones show as sent.
    event: (a: string) => (a in EVENT_KEYS ? t(`points.event.${a as EventKey}`) : a),
    kind: (k: RuleKind) => t(`points.kind.${k}`),
    participant: (p: Participant) => t(`points.participant.${p}`),
    unit: (u: RuleUnit) => t(`points.unit.${u}`),
    declarer: (d: Declarer) => t(`points.declarer.${d}`),
    entryKind: (k: EntryKind) => t(`points.entryKind.${k}`),
    /** A batch result names only codes; the message catalogue is shared with the server. */
    error: (code: string) =>
      code in ERRORS ? (en ? ERRORS[code as ErrorCode].en : ERRORS[code as ErrorCode].zh) : code,
  };
}

/** An award category's name in the current language; a community's own categories carry their title. */
export function useAwardTitle() {
  const { t } = useTranslation();
  return (a: { category: string; title: string }) =>
    a.category in BUILT_IN_AWARDS ? t(`awards.builtIn.${a.category as BuiltInAward}`) : a.title;
}

/** Points with their sign, as the ledger and postings show them: +5, -10. */
export function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** A claim's effect on the balance: deductions count against it. */
export function claimPoints(c: { kind: RuleKind; points: number }): number {
  return c.kind === 'deduction' ? -c.points : c.points;
}

const EVENT_KEYS: Record<EventKey, true> = {
  declare: true,
  check_pass: true,
  ask_more: true,
  check_reject: true,
  resubmit: true,
  withdraw: true,
  approve: true,
  reject: true,
  post: true,
  credit: true,
  revoke: true,
  objection: true,
  appeal: true,
  objection_dismissed: true,
};
