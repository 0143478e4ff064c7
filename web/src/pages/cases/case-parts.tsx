import { ExclamationCircleFilled } from '@ant-design/icons';
import { Empty, Image, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import type { CaseKind, CaseOut, CaseState, CaseTimerOut, WhistleOut, WhistleState } from './cases-api.ts';

export const fileUrl = (id: string) => `/api/files/${id}`;

export const STATE_COLORS: Record<CaseState, string> = {
  reported: 'orange',
  checked: 'gold',
  queued: 'blue',
  dispatched: 'geekblue',
  in_progress: 'processing',
  whistled: 'purple',
  completed: 'cyan',
  reopened: 'volcano',
  closed: 'green',
  invalid: 'default',
  duplicate: 'default',
  withdrawn: 'default',
};

const KIND_COLORS: Record<CaseKind, string> = {
  demand: 'blue',
  hazard: 'orange',
  dispute: 'purple',
  suggestion: 'cyan',
  emergency: 'red',
};

const WHISTLE_COLORS: Record<WhistleState, string> = {
  whistled: 'orange',
  reported_in: 'blue',
  resolved: 'green',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="case-state" style={{ marginInlineEnd: 0 }}>
      {t(`cases.state.${state}`)}
    </Tag>
  );
}

export function CaseKindTag({ kind }: { kind: CaseKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`cases.kind.${kind}`)}
    </Tag>
  );
}

export function WhistleStateTag({ state }: { state: WhistleState }) {
  const { t } = useTranslation();
  return (
    <Tag color={WHISTLE_COLORS[state]} data-testid="whistle-state" style={{ marginInlineEnd: 0 }}>
      {t(`cases.whistleState.${state}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag
      color="red"
      icon={<ExclamationCircleFilled />}
      data-testid="case-overdue"
      style={{ marginInlineEnd: 0 }}
    >
      {t('cases.detail.overdue')}
    </Tag>
  );
}

/** Photos as thumbnails that open full size; the files endpoint checks the session's scope. */
export function CasePhotos({ ids, size = 88 }: { ids: string[]; size?: number }) {
  const { t } = useTranslation();
  if (ids.length === 0)
    return <Typography.Text type="secondary">{t('cases.detail.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="case-photos">
        {ids.map((id, i) => (
          <Image
            key={id}
            src={fileUrl(id)}
            alt={t('cases.detail.photoAlt', { n: i + 1 })}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 6 }}
          />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

const EVENT_COLORS: Record<string, string> = {
  report: 'blue',
  check_valid: 'green',
  check_invalid: 'red',
  check_duplicate: 'gray',
  withdraw: 'gray',
  decline: 'orange',
  complete: 'green',
  rate: 'green',
  whistle: 'purple',
  report_in: 'purple',
  department_result: 'green',
  escalate: 'red',
  acknowledge: 'green',
  check_in: 'green',
  emergency_alert: 'red',
  timer_breached: 'red',
};

/** The label of a timeline event; a move this page does not know yet shows its code. */
function useEventLabel() {
  const { t, i18n } = useTranslation();
  return (action: string) => {
    const key = `cases.event.${action}`;
    return i18n.exists(key) ? t(key as 'cases.event.report') : action;
  };
}

/** 办理经过: every move with who made it and when, to the second, oldest first. */
export function CaseTimeline({ timeline }: { timeline: CaseOut['timeline'] }) {
  const { t, i18n } = useTranslation();
  const label = useEventLabel();
  if (timeline.length === 0) return <Empty description={t('common.empty')} />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={timeline.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: EVENT_COLORS[e.action] ?? 'blue',
        content: (
          <div data-testid="case-event">
            <div style={{ fontWeight: 500 }}>
              {label(e.action)}
              {e.fromState !== e.toState && (
                <span className="linli-muted" style={{ marginLeft: 6 }}>
                  → {t(`cases.state.${e.toState as CaseState}`, { defaultValue: e.toState })}
                </span>
              )}
            </div>
            {e.note && <div style={{ wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{e.note}</div>}
            {e.photoIds.length > 0 && (
              <div style={{ marginTop: 4 }}>
                <CasePhotos ids={e.photoIds} size={56} />
              </div>
            )}
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
              {e.actorName} · <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** 办理时限: each deadline, red once it has passed unmet. */
export function CaseTimers({ timers, whistles }: { timers: CaseTimerOut[]; whistles: WhistleOut[] }) {
  const { t, i18n } = useTranslation();
  if (timers.length === 0)
    return <Typography.Text type="secondary">{t('cases.detail.noDeadlines')}</Typography.Text>;
  const dept = (id: string | null) => whistles.find((w) => w.id === id)?.departmentName;
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="case-timers">
      {timers.map((x) => {
        const late = x.state === 'breached';
        return (
          <li
            key={`${x.kind}-${x.whistleId ?? ''}-${x.startedAt}`}
            style={{ color: late ? '#cf1322' : undefined }}
          >
            <span style={{ fontWeight: 500 }}>
              {t(`cases.sla.${x.kind}`)}
              {dept(x.whistleId) && ` · ${dept(x.whistleId)}`}
            </span>{' '}
            <Tag
              color={late ? 'red' : x.state === 'met' ? 'green' : x.state === 'pending' ? 'blue' : 'default'}
              style={{ marginInline: 4 }}
            >
              {t(`cases.timerState.${x.state}`)}
            </Tag>
            <span style={{ whiteSpace: 'nowrap' }}>
              {x.state === 'met' && x.metAt
                ? t('cases.detail.metAt', { time: time(x.metAt) })
                : x.state === 'breached' && x.breachedAt
                  ? t('cases.detail.breachedAt', { time: time(x.breachedAt) })
                  : t('cases.detail.due', { time: time(x.dueAt) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

const WHISTLE_BOX = { border: '1px solid #f0f0f0', borderRadius: 8, padding: 10 } as const;

/** 吹哨报到: the departments called in, when they reported in, what they did. */
export function CaseWhistles({ whistles }: { whistles: WhistleOut[] }) {
  const { t, i18n } = useTranslation();
  if (whistles.length === 0)
    return <Typography.Text type="secondary">{t('cases.detail.noWhistles')}</Typography.Text>;
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="case-whistles">
      {whistles.map((w) => (
        <div key={w.id} style={WHISTLE_BOX} data-testid="case-whistle">
          <div className="linli-phone-card-row">
            <Typography.Text strong>{w.departmentName}</Typography.Text>
            <WhistleStateTag state={w.state} />
          </div>
          <div style={{ wordBreak: 'break-word' }}>{w.summary}</div>
          <div className="linli-muted">
            {t('cases.detail.respondDue', { time: time(w.respondDueAt) })} ·{' '}
            {t('cases.detail.deadlineAt', { time: time(w.deadline) })}
          </div>
          {w.reportedInAt && (
            <div className="linli-muted">
              {t('cases.detail.reportedInAt', { time: time(w.reportedInAt) })}
            </div>
          )}
          {w.actionTaken && (
            <div style={{ wordBreak: 'break-word' }}>
              {t('cases.labelled', { label: t('cases.field.actionTaken'), value: w.actionTaken })}
            </div>
          )}
          {w.result && (
            <div style={{ wordBreak: 'break-word' }} data-testid="whistle-result">
              {t('cases.labelled', { label: t('cases.field.result'), value: w.result })}
            </div>
          )}
          {w.resolvedAt && (
            <div className="linli-muted">{t('cases.detail.resolvedAt', { time: time(w.resolvedAt) })}</div>
          )}
          {w.escalatedAt && (
            <div style={{ color: '#cf1322', fontSize: 12 }}>
              {t('cases.detail.escalatedAt', { time: time(w.escalatedAt) })}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
