import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Flex, List, Row, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type WeeklyOut, projectKeys, projectsApi } from '../../api/projects.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { CategoryTag, useUnitChoice } from './projects-parts.tsx';

/** 周调度: what falls due this week and what is overdue, per responsible unit. */
export function WeeklyPage() {
  const { t } = useTranslation();
  const { orgUnitId, picker } = useUnitChoice();
  const { values, update } = useSearchState(['date'] as const);
  const board = useQuery({
    queryKey: [...projectKeys.weekly, orgUnitId, values.date],
    queryFn: () => projectsApi.weekly(orgUnitId!, values.date),
    enabled: !!orgUnitId,
  });
  return (
    <>
      <PageHeader title={t('projects.weekly.title')} subTitle={t('projects.weekly.hint')} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          {picker}
          <DatePicker
            value={values.date ? dayjs(values.date) : dayjs()}
            onChange={(d) => update({ date: d ? d.format('YYYY-MM-DD') : undefined })}
            allowClear={false}
          />
        </Flex>
      </Card>
      {orgUnitId ? (
        <QueryState query={board}>{(b) => <Board board={b} />}</QueryState>
      ) : (
        <Empty description={t('projects.pickUnit')} />
      )}
    </>
  );
}

function Board({ board: b }: { board: WeeklyOut }) {
  const { t } = useTranslation();
  const item = (p: WeeklyOut['units'][number]['overdue'][number], overdue: boolean) => (
    <List.Item>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Link to={`/admin/projects/${p.id}`} data-testid="weekly-project" data-project-id={p.id}>
          {p.number}. {p.title}
        </Link>
        <div>
          <CategoryTag category={p.category} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.leadName} · {p.deadline}
          </Typography.Text>
        </div>
      </div>
      {overdue && <Tag color="error">{t('projects.weekly.daysOverdue', { count: p.daysOverdue })}</Tag>}
    </List.Item>
  );
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Card>
            <Statistic title={t('projects.weekly.dueThisWeek')} value={b.totals.dueThisWeek} />
            <Typography.Text type="secondary">
              {t('projects.weekly.week', { from: b.weekStart, to: b.weekEnd })}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic
              title={t('projects.weekly.overdue')}
              value={b.totals.overdue}
              styles={{ content: { color: b.totals.overdue ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic title={t('projects.weekly.doneThisWeek')} value={b.totals.doneThisWeek} />
          </Card>
        </Col>
      </Row>
      {b.units.length === 0 ? (
        <Card>
          <Empty description={t('projects.weekly.nothing')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {b.units.map((u) => (
            <Col key={u.responsibleUnit} xs={24} lg={12} xxl={8}>
              <Card
                title={u.responsibleUnit}
                size="small"
                data-testid="weekly-unit"
                extra={
                  <Flex gap={4}>
                    {u.overdue.length > 0 && (
                      <Tag color="error">{`${t('projects.weekly.overdue')} ${u.overdue.length}`}</Tag>
                    )}
                    {u.dueThisWeek.length > 0 && (
                      <Tag color="warning">{`${t('projects.weekly.dueThisWeek')} ${u.dueThisWeek.length}`}</Tag>
                    )}
                  </Flex>
                }
              >
                {u.overdue.length > 0 && (
                  <List size="small" dataSource={u.overdue} renderItem={(p) => item(p, true)} />
                )}
                {u.dueThisWeek.length > 0 && (
                  <List size="small" dataSource={u.dueThisWeek} renderItem={(p) => item(p, false)} />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
