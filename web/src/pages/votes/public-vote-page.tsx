import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { votesApi } from '../../api/votes.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ResultView, RuleTag } from './vote-parts.tsx';

/** /public/votes/:id — the public result of a published motion: tallies and thresholds, no names. */
export function PublicVotePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const vote = useQuery({ queryKey: ['votes', 'public', id], queryFn: () => votesApi.publicResult(id) });
  return (
    <div style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Typography.Text type="secondary">{t('votes.publicPage.title')}</Typography.Text>
      <QueryState query={vote}>
        {(v) => (
          <Card style={{ marginTop: 8 }}>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="public-vote-title">
              {v.title}
            </Typography.Title>
            <Flex gap={6} wrap style={{ marginBottom: 8 }}>
              <RuleTag rule={v.rule} />
              <Tag>{t(`votes.electorate.${v.electorate}`)}</Tag>
              {v.secret && <Tag color="gold">{t('votes.secret')}</Tag>}
            </Flex>
            <Typography.Paragraph type="secondary">
              {v.scopeName}
              {v.closedAt && ` · ${t('votes.closedAt', { time: formatDateTime(v.closedAt, i18n.language) })}`}
            </Typography.Paragraph>
            {v.description && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.description}</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t(`votes.ruleHint.${v.rule}`)}
            </Typography.Paragraph>
            <ResultView result={v.result} options={v.options} electorate={v.electorate} />
          </Card>
        )}
      </QueryState>
    </div>
  );
}
