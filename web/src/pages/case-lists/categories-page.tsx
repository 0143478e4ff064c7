import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_KINDS, type CaseKind } from '../../../../common/contracts/cases.ts';
import { useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { type CategoryAdminRow, type CategoryInput, caseListKeys, caseListsApi } from './api.ts';

/** 事项分类: the catalogue as it applies at a community, subdistrict or district, and its local overrides. */
export function CaseCategoriesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { values, update } = useSearchState(['orgUnitId'] as const);
  const unitId = values.orgUnitId ?? me.roles.find((g) => g.role !== 'resident')?.orgUnitId;
  const catalogue = useQuery({
    queryKey: caseListKeys.categories(unitId ?? ''),
    queryFn: () => caseListsApi.categories(unitId!),
    enabled: !!unitId,
  });
  const [editing, setEditing] = useState<{ row: CategoryAdminRow | null } | null>(null);
  const ct = (k: string, o?: Record<string, unknown>) =>
    t(`caseLists.categories.${k}` as 'caseLists.categories.code', o);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const remove = useMutation({
    mutationFn: (code: string) => caseListsApi.deleteCategory(unitId!, code),
    onSuccess: (data) => {
      qc.setQueryData(caseListKeys.categories(unitId!), data);
      message.success(ct('removed'));
    },
    onError: (e) => message.error((e as Error).message),
  });
  const canEdit = catalogue.data?.allowed.includes('cases:configure') ?? false;
  return (
    <>
      <PageHeader
        title={ct('title')}
        subTitle={ct('hint')}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ row: null })}
              data-testid="category-add"
            >
              {ct('add')}
            </Button>
          ) : null
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <Flex gap={12} align="center">
          <span>{ct('unit')}</span>
          <OrgUnitPicker
            value={unitId}
            onChange={(id) => update({ orgUnitId: id })}
            selectableKinds={['district', 'subdistrict', 'community']}
            placeholder={ct('pickUnit')}
            allowClear={false}
            style={{ width: 260 }}
          />
        </Flex>
      </Card>
      <QueryState query={catalogue}>
        {(cat) => (
          <Table<CategoryAdminRow>
            rowKey="code"
            size="middle"
            pagination={false}
            dataSource={cat.items}
            data-testid="category-table"
            columns={[
              {
                title: ct('name'),
                key: 'name',
                render: (_, r) => (
                  <Flex vertical gap={2}>
                    <span>
                      {r.name} {r.active ? null : <Tag>{ct('inactive')}</Tag>}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.code}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: ct('kinds'),
                dataIndex: 'kinds',
                render: (ks: CaseKind[]) => ks.map((k) => <Tag key={k}>{t(`caseLists.kind.${k}`)}</Tag>),
              },
              {
                title: ct('rule'),
                dataIndex: 'ruleCode',
                width: 90,
                render: (r: string | null) => r ?? ct('noRule'),
              },
              {
                title: ct('sla'),
                key: 'sla',
                render: (_, r) =>
                  ct('slaShort', {
                    check: r.checkHours,
                    accept: r.acceptHours,
                    respond: r.respondHours,
                    resolve: r.resolveHours,
                  }),
              },
              { title: ct('rateDays'), dataIndex: 'rateDays', width: 100, align: 'right' },
              {
                title: ct('source'),
                key: 'source',
                width: 170,
                render: (_, r) =>
                  r.source === 'local' ? (
                    <Tag color="blue">{ct('sourceLocal')}</Tag>
                  ) : r.source === 'inherited' ? (
                    <Tag color="gold">{ct('sourceInherited', { unit: r.definedAt })}</Tag>
                  ) : (
                    <Tag>{ct('sourceDefault')}</Tag>
                  ),
              },
              ...(canEdit
                ? [
                    {
                      title: '',
                      key: 'actions',
                      width: 200,
                      render: (_: unknown, r: CategoryAdminRow) => (
                        <Flex gap={4}>
                          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ row: r })}>
                            {r.source === 'local' ? ct('edit') : ct('override')}
                          </Button>
                          {r.source === 'local' ? (
                            <Popconfirm title={ct('removeConfirm')} onConfirm={() => remove.mutate(r.code)}>
                              <Button
                                size="small"
                                danger
                                icon={<DeleteOutlined />}
                                aria-label={ct('remove')}
                              />
                            </Popconfirm>
                          ) : null}
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      {editing && unitId ? (
        <CategoryModal unitId={unitId} row={editing.row} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function CategoryModal({
  unitId,
  row,
  onClose,
}: {
  unitId: string;
  row: CategoryAdminRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ct = (k: string) => t(`caseLists.categories.${k}` as 'caseLists.categories.code');
  const [form] = Form.useForm<CategoryInput & { code: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: ({ code, ...body }: CategoryInput & { code: string }) =>
      caseListsApi.putCategory(unitId, code, { ...body, ruleCode: body.ruleCode || null }),
    onSuccess: (data) => {
      qc.setQueryData(caseListKeys.categories(unitId), data);
      message.success(ct('saved'));
      onClose();
    },
  });
  const hours = (name: keyof CategoryInput, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]} style={{ flex: 1 }}>
      <InputNumber min={1} max={8760} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={row ? `${row.name}（${row.code}）` : ct('add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={560}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          row
            ? { ...row, ruleCode: row.ruleCode ?? '' }
            : {
                kinds: ['demand'],
                checkHours: 24,
                acceptHours: 24,
                respondHours: 24,
                resolveHours: 72,
                rateDays: 7,
                active: true,
                ruleCode: '',
              }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {row ? (
          <Form.Item name="code" hidden>
            <Input />
          </Form.Item>
        ) : (
          <Form.Item
            name="code"
            label={ct('code')}
            extra={ct('codeHelp')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="name" label={ct('name')} rules={[{ required: true, min: 2, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kinds" label={ct('kinds')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={CASE_KINDS.map((k) => ({ value: k, label: t(`caseLists.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="ruleCode"
          label={ct('rule')}
          extra={ct('ruleHelp')}
          rules={[{ pattern: /^([A-Z]\d{2,3})?$/ }]}
        >
          <Input placeholder="C03" style={{ width: 120 }} />
        </Form.Item>
        <Flex gap={12}>
          {hours('checkHours', ct('checkHours'))}
          {hours('acceptHours', ct('acceptHours'))}
        </Flex>
        <Flex gap={12}>
          {hours('respondHours', ct('respondHours'))}
          {hours('resolveHours', ct('resolveHours'))}
        </Flex>
        <Flex gap={12}>
          <Form.Item name="rateDays" label={ct('rateDays')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={1} max={60} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="active" label={ct('active')} valuePropName="checked" style={{ flex: 1 }}>
            <Switch />
          </Form.Item>
        </Flex>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
