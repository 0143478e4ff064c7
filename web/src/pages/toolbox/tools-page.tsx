import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TOOL_CATEGORIES } from '../../../../common/contracts/toolbox.ts';
import { type ToolCategory, type ToolOut, toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { errorText } from '../../components/error-text.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import {
  Availability,
  CategoryTag,
  useCategoryOptions,
  FiguresCard,
  LendModal,
  ToolFormModal,
} from './toolbox-parts.tsx';

type Dialog = { kind: 'create' } | { kind: 'edit'; tool: ToolOut } | { kind: 'lend'; tool: ToolOut };

/** 工具管理: the stations' tools with what is free now, lend from the row, the small figures. */
export function ToolsPage() {
  const { t } = useTranslation();
  const categories = useCategoryOptions();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { values, page, pageSize, update } = useSearchState(['q', 'category', 'free', 'retired'] as const);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const category = TOOL_CATEGORIES.find((c) => c === values.category);
  const filter = {
    q: values.q,
    category,
    available: values.free === '1' || undefined,
    includeRetired: values.retired === '1' || undefined,
    page,
    pageSize,
  };
  const list = useQuery({
    queryKey: [...toolboxKeys.tools, 'desk', filter],
    queryFn: () => toolboxApi.tools(filter),
    placeholderData: keepPreviousData,
  });
  const setActive = useMutation({
    mutationFn: (v: { tool: ToolOut; active: boolean }) =>
      toolboxApi.updateTool(v.tool.id, { active: v.active }),
    onSuccess: async (tool) => {
      message.success(
        tool.active
          ? t('toolbox.tools.restoredDone', { name: tool.name })
          : t('toolbox.tools.retiredDone', { name: tool.name }),
      );
      await qc.invalidateQueries({ queryKey: toolboxKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const confirmRetire = (tool: ToolOut) =>
    tool.active
      ? modal.confirm({
          title: t('toolbox.tools.retireTitle', { name: tool.name }),
          content: t('toolbox.tools.retireHint'),
          okText: t('toolbox.tools.retire'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () => setActive.mutateAsync({ tool, active: false }).catch(() => undefined),
        })
      : setActive.mutate({ tool, active: true });
  const filtered = !!(values.q || category || values.free);

  return (
    <>
      <PageHeader
        title={t('menu.toolboxTools')}
        subTitle={t('toolbox.tools.hint')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="add-tool"
          >
            {t('toolbox.tools.add')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <FiguresCard />
        <Card>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
            <Input.Search
              key={values.q ?? ''}
              defaultValue={values.q}
              placeholder={t('toolbox.tools.searchPlaceholder')}
              allowClear
              enterButton={t('common.search')}
              onSearch={(q) => update({ q: q.trim() })}
              style={{ maxWidth: 300 }}
              data-testid="tool-search"
            />
            <Select
              allowClear
              value={category}
              onChange={(c?: ToolCategory) => update({ category: c })}
              placeholder={t('toolbox.tools.allCategories')}
              options={categories}
              style={{ width: 140 }}
              data-testid="tool-category"
            />
            <Checkbox
              checked={values.free === '1'}
              onChange={(e) => update({ free: e.target.checked ? '1' : undefined })}
            >
              {t('toolbox.tools.onlyFree')}
            </Checkbox>
            <Checkbox
              checked={values.retired === '1'}
              onChange={(e) => update({ retired: e.target.checked ? '1' : undefined })}
            >
              {t('toolbox.tools.includeRetired')}
            </Checkbox>
          </Flex>
          {list.isError ? (
            <QueryError error={list.error} onRetry={() => list.refetch()} />
          ) : (
            <Table<ToolOut>
              data-testid="tools-table"
              rowKey="id"
              loading={list.isFetching}
              dataSource={list.data?.items}
              locale={{
                emptyText: (
                  <Empty description={filtered ? t('toolbox.tools.noMatch') : t('toolbox.tools.none')} />
                ),
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
                {
                  title: t('toolbox.tools.name'),
                  key: 'name',
                  width: 220,
                  render: (_, x) => (
                    <Space size={4} wrap>
                      <Link to={`/admin/toolbox/tools/${x.id}`} data-testid="tool-link">
                        <Typography.Text strong>{x.name}</Typography.Text>
                      </Link>
                      <CategoryTag category={x.category} />
                    </Space>
                  ),
                },
                {
                  title: t('toolbox.tools.venue'),
                  key: 'venue',
                  width: 200,
                  render: (_, x) => (
                    <>
                      <div>{x.venueName}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.orgUnitName}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  title: t('toolbox.tools.free'),
                  key: 'free',
                  width: 200,
                  render: (_, x) => (
                    <Space size={4} wrap>
                      <Availability tool={x} />
                      {x.overdueCount > 0 && (
                        <Typography.Text type="danger">
                          {t('toolbox.tools.overdueCount', { count: x.overdueCount })}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                { title: t('toolbox.tools.stock'), dataIndex: 'stock', width: 70, align: 'right' },
                {
                  title: t('toolbox.tools.loanDays'),
                  dataIndex: 'loanDays',
                  width: 80,
                  render: (d: number) => t('toolbox.tools.days', { count: d }),
                },
                {
                  title: t('toolbox.tools.depositNote'),
                  dataIndex: 'depositNote',
                  ellipsis: true,
                  render: (d: string) => d || '—',
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 210,
                  fixed: 'right',
                  render: (_, x) =>
                    x.allowed.includes('toolbox:lend') && (
                      <Space size={0}>
                        <Button
                          type="link"
                          size="small"
                          disabled={x.unitsFree === 0}
                          onClick={() => setDialog({ kind: 'lend', tool: x })}
                          data-testid="lend-tool"
                        >
                          {t('toolbox.tools.lend')}
                        </Button>
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setDialog({ kind: 'edit', tool: x })}
                        >
                          {t('toolbox.tools.edit')}
                        </Button>
                        <Button type="link" size="small" danger={x.active} onClick={() => confirmRetire(x)}>
                          {x.active ? t('toolbox.tools.retire') : t('toolbox.tools.restore')}
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          )}
        </Card>
      </Flex>
      {dialog?.kind === 'create' && <ToolFormModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <ToolFormModal tool={dialog.tool} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'lend' && <LendModal tool={dialog.tool} onClose={() => setDialog(null)} />}
    </>
  );
}
