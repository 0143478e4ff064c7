import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PARTY_ORG_KINDS } from '../../../../common/contracts/party.ts';
import { type PartyOrgKind, type PartyOrgSummary, partyApi, partyKeys } from '../../api/party.ts';
import { can, useMe } from '../../app/session.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PARTY_KIND_COLORS } from './party-kind-colors.ts';
import { PartyOrgFormModal } from './party-org-form-modal.tsx';

/** 党组织: the party tree beside the org tree; filter by where it sits and by level. */
export function PartyOrgsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useSearchState(['q', 'orgUnitId', 'kind'] as const);
  const [creating, setCreating] = useState(false);
  const filter = {
    q: values.q,
    orgUnitId: values.orgUnitId,
    kind: values.kind as PartyOrgKind | undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: [...partyKeys.all, 'list', filter],
    queryFn: () => partyApi.list(filter),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('menu.party')}
        subTitle={t('party.hint')}
        extra={
          can(me, 'party:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('party.createCommittee')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('party.searchPlaceholder')}
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
          <Select
            allowClear
            value={values.kind}
            placeholder={t('party.filterByKind')}
            onChange={(kind?: string) => update({ kind })}
            options={PARTY_ORG_KINDS.map((k) => ({ value: k, label: t(`party.kinds.${k}`) }))}
            style={{ width: 160 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<PartyOrgSummary>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={values.q ? t('party.noMatch') : t('party.none')} /> }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/admin/party-orgs/${r.id}`) })}
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
                title: t('party.name'),
                dataIndex: 'name',
                render: (v: string, r) => <Link to={`/admin/party-orgs/${r.id}`}>{v}</Link>,
              },
              {
                title: t('party.kind'),
                dataIndex: 'kind',
                width: 120,
                render: (k: PartyOrgKind) => <Tag color={PARTY_KIND_COLORS[k]}>{t(`party.kinds.${k}`)}</Tag>,
              },
              { title: t('party.orgUnit'), dataIndex: 'address' },
              {
                title: t('party.secretary'),
                dataIndex: 'secretary',
                width: 110,
                render: (s: PartyOrgSummary['secretary']) => s?.name ?? t('party.noSecretary'),
              },
              { title: t('party.memberCount'), dataIndex: 'memberCount', width: 90, align: 'right' },
              { title: t('party.childCount'), dataIndex: 'childCount', width: 100, align: 'right' },
            ]}
          />
        )}
      </Card>
      {creating && (
        <PartyOrgFormModal
          target={{ mode: 'committee' }}
          onClose={() => setCreating(false)}
          onSaved={(org) => {
            setCreating(false);
            navigate(`/admin/party-orgs/${org.id}`);
          }}
        />
      )}
    </>
  );
}
