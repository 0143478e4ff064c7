import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PartnerUnitKind, type PartnerUnitOut, partnerApi, partnerKeys } from '../../api/partners.ts';
import { can, useMe } from '../../app/session.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PartnerUnitFormModal } from './partner-unit-form-modal.tsx';

/** 共建单位: partner units paired with communities and what they offer. */
export function PartnerUnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useSearchState(['q', 'orgUnitId'] as const);
  const [form, setForm] = useState<{ partner?: PartnerUnitOut } | null>(null);
  const filter = { q: values.q, orgUnitId: values.orgUnitId, page, pageSize };
  const list = useQuery({
    queryKey: [...partnerKeys.all, 'list', filter],
    queryFn: () => partnerApi.list(filter),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('menu.partners')}
        subTitle={t('partner.hint')}
        extra={
          can(me, 'partner:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
              {t('partner.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('partner.searchPlaceholder')}
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
          <Table<PartnerUnitOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{
              emptyText: <Empty description={values.q ? t('partner.noMatch') : t('partner.none')} />,
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1000 }}
            columns={[
              { title: t('partner.name'), dataIndex: 'name', width: 200 },
              {
                title: t('partner.kind'),
                dataIndex: 'kind',
                width: 110,
                render: (k: PartnerUnitKind) => <Tag color="blue">{t(`partner.kinds.${k}`)}</Tag>,
              },
              { title: t('partner.community'), dataIndex: 'orgUnitName', width: 130 },
              {
                title: t('partner.contactName'),
                key: 'contact',
                width: 180,
                render: (_, p) => [p.contactName, p.contactPhone].filter(Boolean).join(' · ') || '—',
              },
              { title: t('partner.services'), dataIndex: 'services', render: (v: string | null) => v ?? '—' },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, p) =>
                  p.allowed.includes('partner:write') && (
                    <Button type="link" icon={<EditOutlined />} onClick={() => setForm({ partner: p })}>
                      {t('common.edit')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {form && <PartnerUnitFormModal partner={form.partner} onClose={() => setForm(null)} />}
    </>
  );
}
