import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActivityKind, ActivityState, ActivitySummary } from '../../api/activities.ts';
import { meetingTime } from '../meetings/meetings-parts.tsx';

const STATE_COLORS: Record<ActivityState, string> = { open: 'green', cancelled: 'default', finished: 'blue' };
const KIND_COLORS: Partial<Record<ActivityKind, string>> = {
  health_clinic: 'red',
  haircut: 'purple',
  legal_advice: 'geekblue',
  policy_outreach: 'orange',
  mediation: 'cyan',
  emergency_drill: 'volcano',
};

export function ActivityStateTag({ state }: { state: ActivityState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="activity-state">
      {t(`activities.state.${state}`)}
    </Tag>
  );
}

export function ActivityKindTag({ kind }: { kind: ActivityKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`activities.kind.${kind}`)}
    </Tag>
  );
}

/** "2026/12/01 09:00–11:00" in the district's zone. */
export const activityTime = (a: Pick<ActivitySummary, 'startsAt' | 'endsAt'>, lang: string) =>
  meetingTime(a.startsAt, a.endsAt, lang);

/** Places left, or the waiting list, or the actor's own place in it. */
export function PlacesText({ a }: { a: ActivitySummary }) {
  const { t } = useTranslation();
  if (a.myStatus === 'waiting' && a.myPosition)
    return <Tag color="gold">{t('activities.waitingPosition', { position: a.myPosition })}</Tag>;
  if (a.myStatus === 'confirmed') return <Tag color="green">{t('activities.signupStatus.confirmed')}</Tag>;
  if (a.state !== 'open') return null;
  return a.placesLeft > 0 ? (
    <span className="linli-muted" data-testid="places-left">
      {t('activities.placesLeft', { count: a.placesLeft })}
    </span>
  ) : (
    <span className="linli-muted">{t('activities.full', { count: a.waiting })}</span>
  );
}

/** Minutes as "1 小时 30 分" / "1 h 30 min". */
export function hoursText(minutes: number, lang: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'en-US') return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
  return h ? `${h} 小时${m ? ` ${m} 分` : ''}` : `${m} 分钟`;
}
