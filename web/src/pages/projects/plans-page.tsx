import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Progress, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PLAN_STATES, type PlanState } from '../../../../common/contracts/projects.ts';
import { type PlanPage, projectKeys, projectsApi } from '../../api/projects.ts';
import { can, useMe } from '../../app/session.ts';
import { formatDate } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PlanFormModal } from './plan-form-modal.tsx';
import { PlanStateTag, useUnitChoice } from './projects-parts.tsx';

type Row = PlanPage['items'][number];

/** 一事一策: the task forces' plans for long-standing problems. */
export function PlansPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { orgUnitId, picker } = useUnitChoice();
  const { values, page, pageSize, update } = useSearchState(['q', 'state'] as const);
  const [creating, setCreating] = useState(false);
  const filter = {
    orgUnitId,
    q: values.q,
    state: PLAN_STATES.find((s) => s === values.state),
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: [...projectKeys.plans, filter],
    queryFn: () => projectsApi.plans(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title={t('projects.plans.title')}
        subTitle={t('projects.plans.hint')}
        extra={
          can(me, 'projects:manage') && orgUnitId ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="plan-create"
            >
              {t('projects.plans.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {picker}
          <Input.Search
            allowClear
            defaultValue={values.q}
            onSearch={(q) => update({ q })}
            style={{ width: 240 }}
          />
          <Select
            allowClear
            value={filter.state}
            onChange={(s?: PlanState) => update({ state: s })}
            placeholder={t('projects.state')}
            options={PLAN_STATES.map((s) => ({ value: s, label: t(`projects.plans.states.${s}`) }))}
            style={{ width: 120 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Row>
            data-testid="plans-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('projects.plans.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            columns={[
              {
                title: t('projects.plans.name'),
                key: 'title',
                render: (_, r) => <Link to={`/admin/projects/plans/${r.id}`}>{r.title}</Link>,
              },
              { title: t('projects.responsibleUnit'), dataIndex: 'orgUnitName', width: 140 },
              {
                title: t('projects.state'),
                dataIndex: 'state',
                width: 100,
                render: (s: PlanState) => <PlanStateTag state={s} />,
              },
              {
                title: t('projects.plans.progress'),
                key: 'progress',
                width: 240,
                render: (_, r) => (
                  <Progress
                    percent={r.milestonesTotal ? Math.round((r.milestonesDone / r.milestonesTotal) * 100) : 0}
                    format={() => `${r.milestonesDone}/${r.milestonesTotal}`}
                    size="small"
                  />
                ),
              },
              {
                title: t('common.created'),
                dataIndex: 'createdAt',
                width: 120,
                render: (v: string) => formatDate(v, i18n.language),
              },
            ]}
          />
        )}
      </Card>
      {creating && orgUnitId && (
        <PlanFormModal
          orgUnitId={orgUnitId}
          onClose={() => setCreating(false)}
          onSaved={(p) => navigate(`/admin/projects/plans/${p.id}`)}
        />
      )}
    </>
  );
}
