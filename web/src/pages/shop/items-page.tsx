import { EditOutlined, PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ITEM_KINDS } from '../../../../common/contracts/shop.ts';
import { formatYuan, type ItemKind, type ItemOut, shopApi, shopKeys } from '../../api/shop.ts';
import { can, useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDate } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useMyCommunity } from '../points/use-my-community.ts';
import { ItemFormModal } from './item-form-modal.tsx';
import { ProviderModal } from './provider-modal.tsx';
import { RestockModal } from './restock-modal.tsx';
import { ItemKindTag } from './shop-parts.tsx';
import { useShopLabels } from './shop-labels.ts';

type Editing = { kind: 'create' } | { kind: 'edit'; item: ItemOut } | { kind: 'restock'; item: ItemOut };

/** 商品管理: the catalogue of the providers in my scope: list, 上架, edit, 补货, 下架. */
export function ItemsPage() {
  const { t, i18n } = useTranslation();
  const labels = useShopLabels();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const { community } = useMyCommunity();
  const { values, page, pageSize, update } = useSearchState(['q', 'kind', 'status', 'providerId'] as const);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [registering, setRegistering] = useState(false);
  const kind = ITEM_KINDS.find((k) => k === values.kind);
  const status = (['active', 'archived'] as const).find((s) => s === values.status);
  const filter = { q: values.q, kind, status, providerId: values.providerId, page, pageSize };
  const list = useQuery({
    queryKey: [...shopKeys.items, 'admin', filter],
    queryFn: () => shopApi.items(filter),
    placeholderData: keepPreviousData,
  });
  const providers = useQuery({ queryKey: shopKeys.providers, queryFn: shopApi.providers });
  const setStatus = useMutation({
    mutationFn: (v: { item: ItemOut; status: 'active' | 'archived' }) =>
      shopApi.updateItem(v.item.id, { status: v.status }),
    onSuccess: async (item) => {
      message.success(
        item.status === 'archived'
          ? t('shop.items.archived', { title: item.title })
          : t('shop.items.restored', { title: item.title }),
      );
      await qc.invalidateQueries({ queryKey: shopKeys.items });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const manage = can(me, 'shop:manage');

  const confirmStatus = (item: ItemOut) => {
    const archiving = item.status === 'active';
    modal.confirm({
      title: archiving
        ? t('shop.items.archiveTitle', { title: item.title })
        : t('shop.items.restoreTitle', { title: item.title }),
      content: archiving ? t('shop.items.archiveHint') : undefined,
      okText: archiving ? t('shop.items.archive') : t('shop.items.restore'),
      okButtonProps: { danger: archiving },
      cancelText: t('common.cancel'),
      onOk: () =>
        setStatus.mutateAsync({ item, status: archiving ? 'archived' : 'active' }).catch(() => undefined),
    });
  };

  return (
    <>
      <PageHeader
        title={t('menu.shopItems')}
        subTitle={t('shop.items.hint')}
        extra={
          manage && (
            <>
              <Button
                icon={<ShopOutlined />}
                onClick={() => setRegistering(true)}
                data-testid="register-provider"
              >
                {t('shop.providers.register')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ kind: 'create' })}
                disabled={!providers.data?.length}
                data-testid="create-item"
              >
                {t('shop.items.create')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('shop.items.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 300 }}
          />
          <Select
            allowClear
            value={kind}
            onChange={(k?: ItemKind) => update({ kind: k })}
            placeholder={t('shop.items.kind')}
            options={ITEM_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            value={values.providerId}
            onChange={(p?: string) => update({ providerId: p })}
            placeholder={t('shop.provider')}
            options={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            value={status}
            onChange={(s?: string) => update({ status: s })}
            placeholder={t('shop.items.status')}
            options={[
              { value: 'active', label: t('shop.items.statusActive') },
              { value: 'archived', label: t('shop.items.statusArchived') },
            ]}
            style={{ width: 120 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<ItemOut>
            data-testid="items-table"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('shop.items.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1180 }}
            columns={[
              {
                title: t('shop.items.title'),
                key: 'title',
                width: 240,
                render: (_, i) => (
                  <Space size={4} wrap>
                    <Typography.Text strong>{i.title}</Typography.Text>
                    <ItemKindTag kind={i.kind} />
                    {i.hardshipOnly && <Tag color="volcano">{t('shop.hardshipOnly')}</Tag>}
                    {i.privilegeDays !== null && (
                      <Tag>{t('shop.privilegeDays', { days: i.privilegeDays })}</Tag>
                    )}
                  </Space>
                ),
              },
              { title: t('shop.provider'), key: 'provider', width: 160, render: (_, i) => i.provider.name },
              {
                title: t('shop.items.price'),
                dataIndex: 'pricePoints',
                width: 90,
                align: 'right',
                render: (p: number) => <Typography.Text strong>{p}</Typography.Text>,
              },
              {
                title: t('shop.cashValue'),
                dataIndex: 'cashValueFen',
                width: 110,
                align: 'right',
                render: (f: number) => formatYuan(f),
              },
              {
                title: t('shop.stock'),
                dataIndex: 'stock',
                width: 90,
                align: 'right',
                render: (s: number | null) =>
                  s === null ? (
                    <Typography.Text type="secondary">{t('shop.stockUnlimited')}</Typography.Text>
                  ) : (
                    <Typography.Text type={s === 0 ? 'danger' : undefined} data-testid="item-stock-cell">
                      {s}
                    </Typography.Text>
                  ),
              },
              {
                title: t('shop.perPerson'),
                key: 'limit',
                width: 140,
                render: (_, i) => labels.limit(i.limitPerPerson, i.limitPeriod),
              },
              {
                title: t('shop.window'),
                key: 'window',
                width: 120,
                render: (_, i) =>
                  i.availableTo
                    ? t('shop.items.until', { date: formatDate(i.availableTo, i18n.language) })
                    : '—',
              },
              {
                title: t('shop.items.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: ItemOut['status']) =>
                  s === 'active' ? (
                    <Tag color="green">{t('shop.items.statusActive')}</Tag>
                  ) : (
                    <Tag>{t('shop.items.statusArchived')}</Tag>
                  ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 200,
                fixed: 'right',
                render: (_, i) =>
                  i.allowed.includes('shop:manage') && (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing({ kind: 'edit', item: i })}
                      >
                        {t('common.edit')}
                      </Button>
                      {i.stock !== null && i.status === 'active' && (
                        <Button
                          type="link"
                          size="small"
                          onClick={() => setEditing({ kind: 'restock', item: i })}
                          data-testid="restock"
                        >
                          {t('shop.items.restock')}
                        </Button>
                      )}
                      <Button
                        type="link"
                        size="small"
                        danger={i.status === 'active'}
                        onClick={() => confirmStatus(i)}
                      >
                        {i.status === 'active' ? t('shop.items.archive') : t('shop.items.restore')}
                      </Button>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {editing?.kind === 'create' && <ItemFormModal onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <ItemFormModal item={editing.item} onClose={() => setEditing(null)} />}
      {editing?.kind === 'restock' && <RestockModal item={editing.item} onClose={() => setEditing(null)} />}
      {registering && (
        <ProviderModal
          community={community}
          providers={providers.data ?? []}
          onClose={() => setRegistering(false)}
        />
      )}
    </>
  );
}
