import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type GridOut, gridApi, gridKeys } from '../../api/grids.ts';
import { can, useMe } from '../../app/session.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { GridFormModal } from './grid-form-modal.tsx';

/** 网格: each grid's buildings, households and grid worker. */
export function GridsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useSearchState(['q', 'orgUnitId'] as const);
  const [form, setForm] = useState<{ grid?: GridOut } | null>(null);
  const filter = { q: values.q, orgUnitId: values.orgUnitId, page, pageSize };
  const list = useQuery({
    queryKey: [...gridKeys.all, 'list', filter],
    queryFn: () => gridApi.list(filter),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('menu.grids')}
        subTitle={t('grid.hint')}
        extra={
          can(me, 'grid:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
              {t('grid.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('grid.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 320 }}
          />
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
          <Table<GridOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={values.q ? t('grid.noMatch') : t('grid.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 900 }}
            columns={[
              { title: t('grid.name'), dataIndex: 'name', width: 160 },
              { title: t('grid.community'), dataIndex: 'orgUnitName', width: 140 },
              {
                title: t('grid.buildings'),
                dataIndex: 'buildings',
                render: (bs: GridOut['buildings']) =>
                  bs.length === 0 ? (
                    '—'
                  ) : (
                    <Tooltip title={bs.map((b) => `${b.compoundName ?? ''} ${b.name}`).join('、')}>
                      <span>
                        {t('grid.buildingCount', { count: bs.length })}：
                        {bs
                          .slice(0, 4)
                          .map((b) => b.name)
                          .join('、')}
                        {bs.length > 4 ? '…' : ''}
                      </span>
                    </Tooltip>
                  ),
              },
              { title: t('grid.householdCount'), dataIndex: 'householdCount', width: 90, align: 'right' },
              {
                title: t('grid.worker'),
                dataIndex: 'worker',
                width: 170,
                render: (w: GridOut['worker']) => (w ? `${w.displayName} · ${w.phone}` : t('grid.noWorker')),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, g) =>
                  g.allowed.includes('grid:write') && (
                    <Button type="link" icon={<EditOutlined />} onClick={() => setForm({ grid: g })}>
                      {t('common.edit')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {form && <GridFormModal grid={form.grid} onClose={() => setForm(null)} />}
    </>
  );
}
