import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, List, Progress, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { projectKeys, projectsApi } from '../../api/projects.ts';
import { QueryState } from '../../components/query-state.tsx';
import { CategoryTag, currentYear, PlanStateTag, ProjectStateTag, RatingText } from './projects-parts.tsx';

/** /board/:communityId/projects — the year's 暖心实项目 in public: state, deadline and rating; names masked. */
export function PublicProjectsPage() {
  const { t } = useTranslation();
  const { communityId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  const list = useQuery({
    queryKey: [...projectKeys.public, communityId, year],
    queryFn: () => projectsApi.publicList(communityId, year),
  });
  return (
    <QueryState query={list}>
      {(l) => (
        <div data-testid="public-projects">
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('projects.public.title', { community: l.communityName, year: l.year })}
            </Typography.Title>
            <Select
              className="linli-no-print"
              value={year}
              onChange={(y: number) => setParams({ year: String(y) })}
              options={[currentYear(), currentYear() - 1].map((y) => ({ value: y, label: `${y}` }))}
              style={{ width: 100 }}
            />
          </Flex>
          <Card style={{ margin: '12px 0' }}>
            <Typography.Text>
              {t('projects.public.summary', { total: l.total, done: l.done })}
            </Typography.Text>
            <Progress percent={l.total ? Math.round((l.done / l.total) * 100) : 0} />
          </Card>
          {l.plans.length > 0 && (
            <Card title={t('projects.public.plans')} size="small" style={{ marginBottom: 12 }}>
              <List
                size="small"
                dataSource={l.plans}
                renderItem={(p) => (
                  <List.Item extra={<PlanStateTag state={p.state} />}>
                    <Link to={`/board/plans/${p.id}`}>{p.title}</Link>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {l.items.length === 0 ? (
            <Empty description={t('projects.none')} />
          ) : (
            <List
              dataSource={l.items}
              renderItem={(p) => (
                <List.Item data-testid="public-project" data-project-id={p.id}>
                  <div style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8} wrap>
                      <Typography.Text strong>
                        {p.number}. {p.title}
                      </Typography.Text>
                      <ProjectStateTag state={p.state} delayed={p.delayed} />
                    </Flex>
                    <Flex justify="space-between" gap={8} wrap style={{ marginTop: 4 }}>
                      <span>
                        <CategoryTag category={p.category} />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.responsibleUnit} · {p.leadName} · {t('projects.deadline')} {p.deadline}
                        </Typography.Text>
                      </span>
                      <RatingText average={p.ratingAverage} count={p.ratingCount} />
                    </Flex>
                  </div>
                </List.Item>
              )}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            {t('projects.public.notice')}
          </Typography.Paragraph>
        </div>
      )}
    </QueryState>
  );
}
