import { ApiOutlined, CheckOutlined, CopyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { open311ClientCreate } from '../../../../common/contracts/open311.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { type Open311ClientOut, open311Api, open311Keys } from './open311-api.ts';

/** Open311 接入管理: the outside systems that file cases through GeoReport v2, and their keys. */
export function Open311ClientsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [shownKey, setShownKey] = useState<{ name: string; key: string } | null>(null);
  const list = useQuery({ queryKey: open311Keys.clients, queryFn: open311Api.list });
  const revoke = useMutation({
    mutationFn: (id: string) => open311Api.revoke(id),
    onSuccess: async () => {
      message.success(t('open311.revokedDone'));
      await qc.invalidateQueries({ queryKey: open311Keys.clients });
    },
    onError: (e) => message.error(e.message),
  });
  const endpoint = `${window.location.origin}/open311/v2`;

  return (
    <>
      <PageHeader
        title={t('menu.open311Clients')}
        subTitle={t('open311.hint')}
        extra={
          can(me, 'cases:api_clients') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('open311.create')}
            </Button>
          )
        }
      />
      <Card>
        <Typography.Paragraph>
          <ApiOutlined /> {t('open311.endpoint')}：
          <Typography.Text code copyable>
            {endpoint}
          </Typography.Text>
        </Typography.Paragraph>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Open311ClientOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('open311.none')} /> }}
            scroll={{ x: 1100 }}
            columns={[
              { title: t('open311.name'), dataIndex: 'name', width: 200 },
              { title: t('open311.unit'), dataIndex: 'place', width: 220 },
              {
                title: t('open311.keyPrefix'),
                dataIndex: 'keyPrefix',
                width: 150,
                render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
              },
              { title: t('open311.requests'), dataIndex: 'requests', width: 110, align: 'right' },
              { title: t('open311.createdBy'), dataIndex: 'createdByName', width: 110 },
              {
                title: t('open311.createdAt'),
                dataIndex: 'createdAt',
                width: 170,
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('open311.status'),
                key: 'status',
                width: 200,
                render: (_, c) =>
                  c.revokedAt ? (
                    <Tag
                      color="default"
                      title={t('open311.revokedAt', { time: formatDateTime(c.revokedAt, i18n.language) })}
                    >
                      {t('open311.revoked')} · {formatDateTime(c.revokedAt, i18n.language)}
                    </Tag>
                  ) : (
                    <Tag color="green">{t('open311.active')}</Tag>
                  ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 100,
                fixed: 'right',
                render: (_, c) =>
                  c.actions.includes('revoke') && (
                    <Popconfirm
                      title={t('open311.revoke')}
                      description={
                        <div style={{ maxWidth: 280 }}>{t('open311.revokeConfirm', { name: c.name })}</div>
                      }
                      okText={t('open311.revoke')}
                      okButtonProps={{ danger: true, loading: revoke.isPending }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => revoke.mutateAsync(c.id)}
                    >
                      <Button type="link" danger icon={<StopOutlined />}>
                        {t('open311.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {creating && (
        <CreateClientModal
          onClose={() => setCreating(false)}
          onCreated={(name, key) => {
            setCreating(false);
            setShownKey({ name, key });
          }}
        />
      )}
      {shownKey && (
        <KeyOnceModal name={shownKey.name} apiKey={shownKey.key} onClose={() => setShownKey(null)} />
      )}
    </>
  );
}

type Values = { name: string; orgUnitId: string };

function CreateClientModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (name: string, key: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => open311Api.create({ name: v.name.trim(), orgUnitId: v.orgUnitId }),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: open311Keys.clients });
      onCreated(res.client.name, res.apiKey);
    },
  });
  return (
    <Modal
      open
      title={t('open311.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('open311.name')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(open311ClientCreate.shape.name, t('form.invalid')),
          ]}
        >
          <Input maxLength={60} placeholder={t('open311.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t('open311.unit')}
          extra={t('open311.unitHelp')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrgUnitPicker selectableKinds={['district', 'subdistrict', 'community']} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}

/** Copies through the Clipboard API, or a selected textarea where that is missing (plain HTTP on a LAN). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {}
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

/** The key, once: nothing on the server can show it again. */
function KeyOnceModal({ name, apiKey, onClose }: { name: string; apiKey: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  return (
    <Modal
      open
      title={`${t('open311.keyTitle')} · ${name}`}
      width={640}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('open311.keyDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('open311.keyOnce')} style={{ marginBottom: 16 }} />
      <Flex gap={8} align="center">
        <Typography.Text
          code
          style={{ wordBreak: 'break-all', fontSize: 14, flex: 1 }}
          data-testid="open311-key"
        >
          {apiKey}
        </Typography.Text>
        <Button
          icon={copied ? <CheckOutlined /> : <CopyOutlined />}
          onClick={async () => {
            if (await copyText(apiKey)) {
              setCopied(true);
              message.success(t('open311.keyCopied'));
            }
          }}
        >
          {copied ? t('open311.keyCopied') : t('open311.copy')}
        </Button>
      </Flex>
    </Modal>
  );
}
