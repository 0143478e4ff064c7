import { EditOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DepartmentOut, departmentApi, departmentKeys } from '../../api/departments.ts';
import { can, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { DepartmentFormModal } from './department-form-modal.tsx';

/** 职能部门: who answers for what, and their duty phone. A district has a handful, so no server paging. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, page, pageSize, update } = useSearchState(['q'] as const);
  const [form, setForm] = useState<{ department?: DepartmentOut } | null>(null);
  const list = useQuery({
    queryKey: [...departmentKeys.all, values.q ?? ''],
    queryFn: () => departmentApi.list({ q: values.q }),
  });

  return (
    <>
      <PageHeader
        title={t('menu.departments')}
        subTitle={t('department.hint')}
        extra={
          can(me, 'department:write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
              {t('department.create')}
            </Button>
          )
        }
      />
      <Card>
        <Input.Search
          key={values.q ?? ''}
          defaultValue={values.q}
          placeholder={t('department.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(q) => update({ q: q.trim() })}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<DepartmentOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data}
            locale={{
              emptyText: <Empty description={values.q ? t('department.noMatch') : t('department.none')} />,
            }}
            pagination={{
              current: page,
              pageSize,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 900 }}
            columns={[
              { title: t('department.name'), dataIndex: 'name', width: 160 },
              {
                title: t('department.code'),
                dataIndex: 'code',
                width: 120,
                render: (v: string) => <code>{v}</code>,
              },
              { title: t('department.orgUnit'), dataIndex: 'orgUnitName', width: 140 },
              {
                title: t('department.dutyPhone'),
                dataIndex: 'dutyPhone',
                width: 150,
                render: (v: string) => (
                  <a href={`tel:${v}`}>
                    <PhoneOutlined /> {v}
                  </a>
                ),
              },
              {
                title: t('department.responsibilities'),
                dataIndex: 'responsibilities',
                render: (rs: string[]) =>
                  rs.length === 0
                    ? '—'
                    : rs.map((r) => (
                        <Tag key={r} style={{ marginBlock: 2 }}>
                          {r}
                        </Tag>
                      )),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 90,
                render: (_, d) =>
                  d.allowed.includes('department:write') && (
                    <Button type="link" icon={<EditOutlined />} onClick={() => setForm({ department: d })}>
                      {t('common.edit')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {form && <DepartmentFormModal department={form.department} onClose={() => setForm(null)} />}
    </>
  );
}
