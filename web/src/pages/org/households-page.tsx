import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { HOUSEHOLD_TAGS } from '../../../../common/contracts/org.ts';
import { type HouseholdOut, orgApi, orgKeys } from '../../api/org.ts';
import { can, useMe } from '../../app/session.ts';
import { formatArea } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TagList } from '../../components/tag-list.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { HouseholdFormModal } from './household-form-modal.tsx';

/** 住户: search by member name, phone tail or room, within an org unit; open one to see its members. */
export function HouseholdsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useSearchState(['q', 'orgUnitId', 'tag'] as const);
  const [creating, setCreating] = useState(false);
  const filter = {
    q: values.q,
    orgUnitId: values.orgUnitId,
    tag: values.tag as (typeof HOUSEHOLD_TAGS)[number] | undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: [...orgKeys.households, 'list', filter],
    queryFn: () => orgApi.households(filter),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('menu.households')}
        subTitle={t('household.listHint')}
        extra={
          can(me, 'org:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('household.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('household.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 380 }}
            data-testid="household-search"
          />
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={t('org.filterByUnit')}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            value={values.tag}
            placeholder={t('household.filterByTag')}
            onChange={(tag?: string) => update({ tag })}
            options={HOUSEHOLD_TAGS.map((tag) => ({ value: tag, label: labels.tag(tag) }))}
            style={{ width: 160 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<HouseholdOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{
              emptyText: <Empty description={values.q ? t('household.noMatch') : t('household.none')} />,
            }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/admin/households/${r.id}`) })}
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
              {
                title: t('household.address'),
                dataIndex: 'address',
                render: (v: string, r) => (
                  <Link to={`/admin/households/${r.id}`} data-testid="household-link">
                    {v}
                  </Link>
                ),
              },
              {
                title: t('household.members'),
                key: 'members',
                render: (_, r) =>
                  r.members.length === 0
                    ? t('household.noMembers')
                    : r.members.map((m) => `${m.name}（${labels.relation(m.relation)}）`).join('、'),
              },
              {
                title: t('household.floorArea'),
                dataIndex: 'floorAreaM2',
                width: 120,
                align: 'right',
                render: (v: number | null) => formatArea(v),
              },
              {
                title: t('household.tags'),
                dataIndex: 'tags',
                width: 200,
                render: (tags: string[]) => <TagList tags={tags} />,
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                fixed: 'right',
                render: (_, r) => <Link to={`/admin/households/${r.id}`}>{t('common.detail')}</Link>,
              },
            ]}
          />
        )}
      </Card>
      {creating && (
        <HouseholdFormModal
          onClose={() => setCreating(false)}
          onSaved={(h) => {
            setCreating(false);
            navigate(`/admin/households/${h.id}`);
          }}
        />
      )}
    </>
  );
}
