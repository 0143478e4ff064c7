import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pointsApi, pointsKeys, type RulebookSummary } from '../../api/points.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { VersionStatusTag } from './rulebook-view.tsx';

/** 积分细则: every version published for my unit and the units above it, newest first. */
export function RulebooksPage() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['orgUnitId'] as const);
  const list = useQuery({
    queryKey: [...pointsKeys.rulebooks, 'list', values.orgUnitId],
    queryFn: () => pointsApi.rulebooks(values.orgUnitId),
  });
  return (
    <>
      <PageHeader title={t('menu.pointsRulebooks')} subTitle={t('rulebooks.hint')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={t('org.filterByUnit')}
            style={{ width: 260 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<RulebookSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data}
            pagination={false}
            locale={{ emptyText: <Empty description={t('rulebooks.none')} /> }}
            columns={[
              {
                title: t('rulebooks.title'),
                dataIndex: 'title',
                render: (title: string, b) => (
                  <Link to={`/admin/points/rulebooks/${b.id}`} data-testid="rulebook-link">
                    {title}
                  </Link>
                ),
              },
              { title: t('rulebooks.publisher'), dataIndex: 'orgUnitName', width: 160 },
              {
                title: t('rulebooks.version'),
                dataIndex: 'version',
                width: 90,
                render: (v: number) => t('rulebooks.versionN', { version: v }),
              },
              {
                title: t('rulebooks.status'),
                key: 'status',
                width: 100,
                render: (_, b) => <VersionStatusTag book={b} />,
              },
              {
                title: t('rulebooks.effectiveFrom'),
                dataIndex: 'effectiveFrom',
                width: 120,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('rulebooks.effectiveTo'),
                dataIndex: 'effectiveTo',
                width: 120,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, b) => <Link to={`/admin/points/rulebooks/${b.id}`}>{t('rulebooks.view')}</Link>,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
