import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Flex, Steps, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { projectKeys, projectsApi } from '../../api/projects.ts';
import { formatDate } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PlanStateTag } from './projects-parts.tsx';

/** /board/plans/:id — a 一事一策's public progress: task force (private persons masked) and milestones. */
export function PublicPlanPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const plan = useQuery({
    queryKey: [...projectKeys.public, 'plan', id],
    queryFn: () => projectsApi.publicPlan(id),
  });
  return (
    <QueryState query={plan}>
      {(p) => (
        <div data-testid="public-plan">
          <Typography.Text type="secondary">
            {p.communityName} · {t('projects.public.planTitle')}
          </Typography.Text>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: '4px 0' }}>
              {p.title}
            </Typography.Title>
            <PlanStateTag state={p.state} />
          </Flex>
          <Card size="small" style={{ margin: '12px 0' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('projects.public.problem')}>{p.problem}</Descriptions.Item>
              <Descriptions.Item label={t('projects.public.goal')}>{p.goal}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('projects.public.milestones')} style={{ marginBottom: 12 }}>
            {p.milestones.length === 0 ? (
              <Empty />
            ) : (
              <Steps
                direction="vertical"
                size="small"
                items={p.milestones.map((m) => ({
                  title: m.title,
                  status: m.doneAt ? 'finish' : m.overdue ? 'error' : 'wait',
                  description: `${m.ownerName ? `${m.ownerName} · ` : ''}${t('projects.dueDate')} ${m.dueDate}${
                    m.doneAt ? ` · ${t('projects.milestoneDone')} ${formatDate(m.doneAt, i18n.language)}` : ''
                  }`,
                }))}
              />
            )}
          </Card>
          <Card size="small" title={t('projects.public.taskForce')} style={{ marginBottom: 12 }}>
            <Table
              size="small"
              pagination={false}
              rowKey={(m) => `${m.name}-${m.unit}-${m.role}`}
              dataSource={p.taskForce}
              columns={[
                { title: t('projects.plans.member'), dataIndex: 'name' },
                { title: t('projects.plans.unit'), dataIndex: 'unit' },
                { title: t('projects.plans.role'), dataIndex: 'role' },
              ]}
            />
          </Card>
          <Card size="small" title={t('projects.public.updates')}>
            {p.updates.length === 0 ? (
              <Empty />
            ) : (
              <Timeline
                items={p.updates.map((u) => ({
                  children: (
                    <div>
                      <div>{u.note}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDate(u.at, i18n.language)}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t('projects.public.notice')}
          </Typography.Paragraph>
        </div>
      )}
    </QueryState>
  );
}
