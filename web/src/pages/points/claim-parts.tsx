import { Empty, Image, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ClaimOut, fileUrl } from '../../api/points.ts';
import { formatDateTime } from '../../components/format.ts';
import { claimPoints, KIND_COLORS, STATE_COLORS, signed, usePointsLabels } from './points-labels.ts';

export function ClaimStateTag({ state }: { state: ClaimOut['state'] }) {
  const labels = usePointsLabels();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="claim-state" style={{ marginInlineEnd: 0 }}>
      {labels.state(state)}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: ClaimOut['kind'] }) {
  const labels = usePointsLabels();
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
      {labels.kind(kind)}
    </Tag>
  );
}

/** The claim's points with their sign, green for earning and red for a deduction. */
export function ClaimPoints({
  claim,
  strong,
}: {
  claim: Pick<ClaimOut, 'kind' | 'points'>;
  strong?: boolean;
}) {
  const value = claimPoints(claim);
  return (
    <Typography.Text
      strong={strong}
      style={{ color: value < 0 ? '#cf1322' : '#389e0d', whiteSpace: 'nowrap' }}
      data-testid="claim-points"
    >
      {signed(value)}
    </Typography.Text>
  );
}

/** Evidence photos as thumbnails that open full size; the files endpoint checks the session's scope. */
export function ClaimPhotos({ ids, size = 88 }: { ids: string[]; size?: number }) {
  const { t } = useTranslation();
  if (ids.length === 0) return <Typography.Text type="secondary">{t('points.noPhotos')}</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="claim-photos">
        {ids.map((id, i) => (
          <Image
            key={id}
            src={fileUrl(id)}
            alt={t('points.photoAlt', { n: i + 1 })}
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
  declare: 'blue',
  check_pass: 'green',
  approve: 'green',
  credit: 'green',
  post: 'purple',
  ask_more: 'orange',
  objection: 'orange',
  appeal: 'orange',
  check_reject: 'red',
  reject: 'red',
  revoke: 'red',
  withdraw: 'gray',
  objection_dismissed: 'green',
};

/** 办理进度: every move of the claim, who made it and why, oldest first. */
export function ClaimTimeline({ timeline }: { timeline: ClaimOut['timeline'] }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  if (timeline.length === 0) return <Empty description={t('common.empty')} />;
  return (
    <Timeline
      data-testid="claim-timeline"
      items={timeline.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: EVENT_COLORS[e.action] ?? 'blue',
        content: (
          <>
            <div style={{ fontWeight: 500 }}>{labels.event(e.action)}</div>
            {e.note && <div style={{ wordBreak: 'break-word' }}>{e.note}</div>}
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
              {e.actorName} · {formatDateTime(e.at, i18n.language)}
            </div>
          </>
        ),
      }))}
    />
  );
}
