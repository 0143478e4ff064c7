import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PERSON_TAGS } from '../../../../common/contracts/org.ts';
import { orgApi, orgKeys, type PersonOut } from '../../api/org.ts';
import { can, useMe } from '../../app/session.ts';
import { useLabels } from '../../components/labels.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { TagList } from '../../components/tag-list.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PersonFormModal } from './person-form-modal.tsx';

/** 居民: everyone on the roster in my scope; ID numbers always masked in the list. */
export function PersonsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const { values, page, pageSize, update } = useSearchState(['q', 'orgUnitId', 'tag'] as const);
  const [creating, setCreating] = useState(false);
  const filter = {
    q: values.q,
    orgUnitId: values.orgUnitId,
    tag: values.tag as (typeof PERSON_TAGS)[number] | undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: [...orgKeys.persons, 'list', filter],
    queryFn: () => orgApi.persons(filter),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('menu.persons')}
        subTitle={t('person.listHint')}
        extra={
          can(me, 'org:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('person.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('person.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 380 }}
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
            placeholder={t('person.filterByTag')}
            onChange={(tag?: string) => update({ tag })}
            options={PERSON_TAGS.map((tag) => ({ value: tag, label: labels.tag(tag) }))}
            style={{ width: 160 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<PersonOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={values.q ? t('person.noMatch') : t('person.none')} /> }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/admin/persons/${r.id}`) })}
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
              {
                title: t('person.name'),
                dataIndex: 'name',
                width: 120,
                render: (v: string, r) => <Link to={`/admin/persons/${r.id}`}>{v}</Link>,
              },
              {
                title: t('person.gender'),
                dataIndex: 'gender',
                width: 70,
                render: (g: PersonOut['gender']) => labels.gender(g),
              },
              {
                title: t('person.birthYear'),
                dataIndex: 'birthYear',
                width: 90,
                render: (y: number | null) => y ?? '—',
              },
              {
                title: t('person.phone'),
                dataIndex: 'phone',
                width: 140,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('person.idNumber'),
                dataIndex: 'idNumberMasked',
                width: 190,
                render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
              },
              {
                title: t('person.household'),
                key: 'household',
                render: (_, r) =>
                  r.households.length === 0
                    ? '—'
                    : r.households.map((h) => (
                        <div key={h.householdId}>
                          <Link to={`/admin/households/${h.householdId}`}>{h.address}</Link>
                        </div>
                      )),
              },
              {
                title: t('person.tags'),
                dataIndex: 'tags',
                width: 180,
                render: (tags: string[]) => <TagList tags={tags} />,
              },
            ]}
          />
        )}
      </Card>
      {creating && (
        <PersonFormModal
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            navigate(`/admin/persons/${p.id}`);
          }}
        />
      )}
    </>
  );
}
