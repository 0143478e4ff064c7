import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';

const PROGRESS_COLORS = { open: 'blue', done: 'green', dispatched: 'volcano', resolved: 'default' } as const;

/** /board/meetings/:id — 议事结果公开: no login; agenda, decisions and their progress, names masked. */
export function PublicOutcomePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const outcome = useQuery({ queryKey: meetingsKeys.outcome(id), queryFn: () => meetingsApi.outcome(id) });
  return (
    <QueryState query={outcome} notFoundTitle={t('meetings.outcomeNotPublished')}>
      {(o) => (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="public-outcome">
          <div>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {o.title}
            </Typography.Title>
            <Typography.Text type="secondary">{t('meetings.outcomeHint')}</Typography.Text>
          </div>
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('meetings.body')}>
                {o.bodyName}（{t(`meetings.bodyKind.${o.bodyKind}`)}）
              </Descriptions.Item>
              <Descriptions.Item label={t('meetings.orgUnit')}>{o.orgUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('meetings.time')}>
                {formatDateTime(o.startsAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('meetings.venue')}>{o.venueName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('meetings.attendance')}>{o.attendance}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('meetings.agenda')}>
            <List
              dataSource={o.agenda}
              renderItem={(a) => (
                <List.Item>
                  <Space>
                    <span>{a.position}.</span>
                    <Tag>{t(`meetings.agendaKind.${a.kind}`)}</Tag>
                    {a.title}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('meetings.decisions')}>
            <List
              data-testid="public-decisions"
              locale={{ emptyText: t('meetings.noDecisions') }}
              dataSource={o.decisions}
              renderItem={(d) => (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <Space wrap>
                      <Tag color={PROGRESS_COLORS[d.state]}>{t(`meetings.outcomeState.${d.state}`)}</Tag>
                      <span>{d.text}</span>
                    </Space>
                    {(d.ownerName || d.result) && (
                      <div className="linli-muted" style={{ marginTop: 4 }}>
                        {d.ownerName && `${t('meetings.owner')}：${d.ownerName}`}
                        {d.dueOn && ` · ${t('meetings.dueOn')}：${d.dueOn}`}
                        {d.result && ` · ${t('meetings.result')}：${d.result}`}
                      </div>
                    )}
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Space>
      )}
    </QueryState>
  );
}
