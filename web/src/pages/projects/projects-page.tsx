import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  PROJECT_CATEGORIES,
  PROJECT_STATES,
  type ProjectCategory,
  type ProjectState,
} from '../../../../common/contracts/projects.ts';
import { type ProjectSummary, projectKeys, projectsApi, yuan } from '../../api/projects.ts';
import { can, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { ProjectFormModal } from './project-form-modal.tsx';
import { CategoryTag, currentYear, ProjectStateTag, RatingText, useUnitChoice } from './projects-parts.tsx';

/** 暖心实项目清单: the year's list, searchable and filtered by state, category and responsible unit. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { orgUnitId, picker } = useUnitChoice();
  const { values, page, pageSize, update } = useSearchState([
    'q',
    'state',
    'category',
    'unit',
    'year',
    'delayed',
  ] as const);
  const [creating, setCreating] = useState(false);
  const year = Number(values.year) || currentYear();
  const filter = {
    orgUnitId,
    year,
    q: values.q,
    state: PROJECT_STATES.find((s) => s === values.state),
    category: PROJECT_CATEGORIES.find((c) => c === values.category),
    unit: values.unit,
    delayed: values.delayed === '1' ? true : undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: [...projectKeys.list, filter],
    queryFn: () => projectsApi.list(filter),
    placeholderData: keepPreviousData,
    enabled: !!orgUnitId,
  });
  const units = useQuery({
    queryKey: [...projectKeys.units, orgUnitId],
    queryFn: () => projectsApi.units(orgUnitId),
    enabled: !!orgUnitId,
  });
  const years = [currentYear() + 1, currentYear(), currentYear() - 1, currentYear() - 2];
  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subTitle={t('projects.hint')}
        extra={
          can(me, 'projects:manage') && orgUnitId ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="project-create"
            >
              {t('projects.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
          {picker}
          <Select
            value={year}
            onChange={(y: number) => update({ year: y })}
            options={years.map((y) => ({ value: y, label: `${y}` }))}
            style={{ width: 100 }}
            aria-label={t('projects.year')}
          />
          <Input.Search
            allowClear
            defaultValue={values.q}
            placeholder={t('projects.search')}
            onSearch={(q) => update({ q })}
            style={{ width: 240 }}
            data-testid="project-search"
          />
          <Select
            allowClear
            value={filter.state}
            onChange={(s?: ProjectState) => update({ state: s })}
            placeholder={t('projects.state')}
            options={PROJECT_STATES.map((s) => ({ value: s, label: t(`projects.states.${s}`) }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            value={filter.category}
            onChange={(c?: ProjectCategory) => update({ category: c })}
            placeholder={t('projects.category')}
            options={PROJECT_CATEGORIES.map((c) => ({ value: c, label: t(`projects.categories.${c}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            showSearch
            value={values.unit}
            onChange={(u?: string) => update({ unit: u })}
            placeholder={t('projects.responsibleUnit')}
            options={(units.data ?? []).map((u) => ({ value: u, label: u }))}
            style={{ width: 200 }}
          />
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={values.delayed === '1'}
              onChange={(on) => update({ delayed: on ? '1' : undefined })}
            />
            <span>{t('projects.delayedOnly')}</span>
          </Flex>
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ProjectSummary>
            data-testid="projects-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('projects.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1100 }}
            columns={[
              { title: t('projects.number'), dataIndex: 'number', width: 64, align: 'right' },
              {
                title: t('projects.name'),
                key: 'title',
                render: (_, r) => (
                  <div>
                    <Link to={`/admin/projects/${r.id}`}>{r.title}</Link>
                    <div>
                      <CategoryTag category={r.category} />
                    </div>
                  </div>
                ),
              },
              {
                title: t('projects.responsibleUnit'),
                key: 'unit',
                width: 180,
                render: (_, r) => (
                  <div>
                    <div>{r.responsibleUnit}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.leadName}
                    </Typography.Text>
                  </div>
                ),
              },
              { title: t('projects.deadline'), dataIndex: 'deadline', width: 110 },
              {
                title: t('projects.state'),
                key: 'state',
                width: 150,
                render: (_, r) => <ProjectStateTag state={r.state} delayed={r.delayed} />,
              },
              {
                title: t('projects.budget'),
                key: 'budget',
                width: 150,
                align: 'right',
                render: (_, r) => (
                  <div style={{ whiteSpace: 'nowrap' }}>
                    <div>{yuan(r.budgetFen)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('projects.spent')} {yuan(r.spentFen)}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('projects.rating'),
                key: 'rating',
                width: 200,
                render: (_, r) => <RatingText average={r.ratingAverage} count={r.ratingCount} />,
              },
            ]}
          />
        )}
      </Card>
      {creating && orgUnitId && (
        <ProjectFormModal
          orgUnitId={orgUnitId}
          year={year}
          onClose={() => setCreating(false)}
          onSaved={(p) => navigate(`/admin/projects/${p.id}`)}
        />
      )}
    </>
  );
}
