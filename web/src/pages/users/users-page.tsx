import { ExclamationCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, Input, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { platformApi, platformKeys, type UserOut } from '../../api/platform.ts';
import { useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';

/** 账号: accounts granted inside my scope; disabling one ends all of its sessions at once. */
export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { values, page, pageSize, update } = useSearchState(['q'] as const);
  const filter = { q: values.q, page, pageSize };
  const list = useQuery({
    queryKey: [...platformKeys.users, filter],
    queryFn: () => platformApi.users(filter),
    placeholderData: keepPreviousData,
  });
  const toggle = useMutation({
    mutationFn: (u: UserOut) => (u.disabled ? platformApi.enableUser(u.id) : platformApi.disableUser(u.id)),
    onSuccess: async (u) => {
      message.success(
        u.disabled
          ? t('users.disabledDone', { name: u.displayName })
          : t('users.enabledDone', { name: u.displayName }),
      );
      await qc.invalidateQueries({ queryKey: platformKeys.users });
    },
    onError: (e) => message.error(errorText(e)),
  });

  const confirmToggle = (u: UserOut) =>
    modal.confirm({
      title: u.disabled
        ? t('users.enableTitle', { name: u.displayName })
        : t('users.disableTitle', { name: u.displayName }),
      icon: <ExclamationCircleOutlined />,
      content: u.disabled ? t('users.enableHint') : t('users.disableHint'),
      okText: u.disabled ? t('users.enable') : t('users.disable'),
      okButtonProps: { danger: !u.disabled },
      cancelText: t('common.cancel'),
      onOk: () => toggle.mutateAsync(u).catch(() => undefined),
    });

  return (
    <>
      <PageHeader title={t('menu.users')} subTitle={t('users.hint')} />
      <Card>
        <Input.Search
          key={values.q ?? ''}
          defaultValue={values.q}
          placeholder={t('users.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(q) => update({ q: q.trim() })}
          style={{ maxWidth: 360, marginBottom: 16 }}
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<UserOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('users.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 800 }}
            columns={[
              { title: t('users.name'), dataIndex: 'displayName', width: 200 },
              { title: t('users.phone'), dataIndex: 'phone', width: 140 },
              {
                title: t('users.roles'),
                dataIndex: 'roles',
                render: (roles: UserOut['roles']) =>
                  roles.map((r) => (
                    <Tag key={`${r.role}-${r.orgUnitId}`} color="red">
                      {labels.role(r.role)}
                    </Tag>
                  )),
              },
              {
                title: t('users.status'),
                dataIndex: 'disabled',
                width: 100,
                render: (d: boolean) =>
                  d ? (
                    <Badge status="default" text={t('users.statusDisabled')} />
                  ) : (
                    <Badge status="success" text={t('users.statusActive')} />
                  ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 110,
                render: (_, u) =>
                  u.id === me.user.id ? (
                    <span style={{ color: 'rgba(0,0,0,0.35)' }}>{t('users.self')}</span>
                  ) : (
                    <Button type="link" danger={!u.disabled} onClick={() => confirmToggle(u)}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
