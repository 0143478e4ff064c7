import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  centiToM2,
  type MotionState,
  type RuleCheck,
  type VoteResultOut,
  type VoteRule,
} from '../../api/votes.ts';
import { formatDateTime } from '../../components/format.ts';

const STATE_COLORS: Record<MotionState, string> = {
  draft: 'default',
  open: 'processing',
  closed: 'warning',
  published: 'success',
  cancelled: 'default',
};

export function MotionStateTag({ state }: { state: MotionState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="motion-state" style={{ marginInlineEnd: 0 }}>
      {t(`votes.state.${state}`)}
    </Tag>
  );
}

export function RuleTag({ rule }: { rule: VoteRule }) {
  const { t } = useTranslation();
  return (
    <Tag color={rule.startsWith('art278') ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {t(`votes.rule.${rule}`)}
    </Tag>
  );
}

const AREA_CHECKS: RuleCheck['key'][] = ['participation_area', 'approval_area'];

/** "参与户数 12/15 ≥ 2/3 ✓": one threshold of the rule, with the numbers it was decided on. */
function CheckLine({ check }: { check: RuleCheck }) {
  const { t } = useTranslation();
  const area = AREA_CHECKS.includes(check.key);
  const fmt = (v: string) => (area ? `${centiToM2(v)} ㎡` : v);
  const [p, q] = check.threshold;
  return (
    <Flex align="center" gap={8} data-testid="rule-check" wrap>
      {check.passed ? (
        <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="✓" />
      ) : (
        <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="✗" />
      )}
      <Typography.Text strong>{t(`votes.result.check.${check.key}`)}</Typography.Text>
      <Typography.Text>
        {fmt(check.num)} / {fmt(check.den)} {check.strict ? '>' : '≥'} {p}/{q}
      </Typography.Text>
      <Typography.Text type={check.passed ? 'success' : 'danger'}>{check.passed ? '✓' : '✗'}</Typography.Text>
    </Flex>
  );
}

/** Tallies per option (votes and, for households, floor area) and how the rule decided. */
export function ResultView({
  result,
  options,
  electorate,
}: {
  result: VoteResultOut;
  options: string[];
  electorate: 'households' | 'members';
}) {
  const { t, i18n } = useTranslation();
  const headline =
    result.outcome === 'carried'
      ? t('votes.result.carried', { option: options[result.winner ?? 0] })
      : t(`votes.result.${result.outcome}`);
  return (
    <div data-testid="vote-result" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title
        level={5}
        style={{ margin: 0 }}
        type={result.outcome === 'carried' ? 'success' : 'warning'}
      >
        {headline}
      </Typography.Title>
      <Typography.Text type="secondary">
        {electorate === 'households'
          ? t('votes.result.electorate', {
              count: result.electorateCount,
              area: centiToM2(result.electorateAreaCenti),
            })
          : t('votes.result.electorateMembers', { count: result.electorateCount })}
        {' · '}
        {t('votes.result.cast', { count: result.cast })}
      </Typography.Text>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="tally">
        {result.tally.map((o) => (
          <div key={o.index}>
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong={o.index === result.winner}>{o.label}</Typography.Text>
              <Typography.Text>
                {t('votes.result.votes', { count: o.votes })}
                {electorate === 'households' &&
                  ` · ${t('votes.result.area', { area: centiToM2(o.areaCenti) })}`}
              </Typography.Text>
            </Flex>
            <Progress
              percent={result.cast ? Math.round((o.votes * 100) / result.cast) : 0}
              showInfo={false}
              size="small"
              status={o.index === result.winner ? 'success' : 'normal'}
            />
          </div>
        ))}
      </div>
      <Descriptions
        size="small"
        column={1}
        title={t('votes.result.checks')}
        items={[
          {
            key: 'checks',
            children: (
              <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                {result.checks.map((c) => (
                  <CheckLine key={c.key} check={c} />
                ))}
              </div>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('votes.result.computedAt', { time: formatDateTime(result.computedAt, i18n.language) })}
      </Typography.Text>
    </div>
  );
}
