import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BODY_KINDS, MEMBER_ROLES, type MemberRole } from '../../../../common/contracts/meetings.ts';
import { type BodyKind, type BodyOut, meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PersonSelect } from '../../components/person-select.tsx';
import { QueryError } from '../../components/query-error.tsx';

/** 议事主体: the bodies of every level in my scope, with their members; create and edit them. */
export function BodiesPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<BodyKind>();
  const [editing, setEditing] = useState<BodyOut | 'new' | null>(null);
  const bodies = useQuery({
    queryKey: [...meetingsKeys.bodies, kind],
    queryFn: () => meetingsApi.bodies({ kind }),
  });
  return (
    <>
      <PageHeader
        title={t('menu.meetingBodies')}
        subTitle={t('meetings.bodiesHint')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="new-body"
          >
            {t('meetings.newBody')}
          </Button>
        }
      />
      <Card>
        <Select
          allowClear
          value={kind}
          onChange={setKind}
          placeholder={t('meetings.bodyKindLabel')}
          options={BODY_KINDS.map((k) => ({ value: k, label: t(`meetings.bodyKind.${k}`) }))}
          style={{ width: 240, marginBottom: 16 }}
        />
        {bodies.isError ? (
          <QueryError error={bodies.error} onRetry={() => bodies.refetch()} />
        ) : (
          <Table<BodyOut>
            data-testid="bodies-table"
            rowKey="id"
            loading={bodies.isFetching}
            dataSource={bodies.data}
            locale={{ emptyText: <Empty description={t('meetings.noBodies')} /> }}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('meetings.bodyName'), dataIndex: 'name' },
              {
                title: t('meetings.bodyKindLabel'),
                dataIndex: 'kind',
                width: 200,
                render: (k: BodyKind, b) => (
                  <Space size={4} wrap>
                    {t(`meetings.bodyKind.${k}`)}
                    {b.openToResidents && <Tag color="green">{t('meetings.openToResidents')}</Tag>}
                  </Space>
                ),
              },
              { title: t('meetings.orgUnit'), dataIndex: 'orgUnitName', width: 140 },
              {
                title: t('meetings.members'),
                key: 'members',
                render: (_, b) => (
                  <Typography.Text style={{ fontSize: 13 }}>
                    {b.members
                      .map((m) =>
                        m.role === 'member' ? m.name : `${m.name}（${t(`meetings.role.${m.role}`)}）`,
                      )
                      .join('、') || '—'}
                  </Typography.Text>
                ),
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 80,
                render: (_, b) =>
                  b.allowed.includes('meetings:manage') && (
                    <Button type="link" size="small" onClick={() => setEditing(b)}>
                      {t('common.edit')}
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {editing && <BodyModal body={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

type MemberForm = { role: MemberRole; personId?: string; name?: string; affiliation?: string };
type BodyForm = {
  kind: BodyKind;
  name: string;
  orgUnitId: string;
  openToResidents?: boolean;
  members: MemberForm[];
};

function BodyModal({ body, onClose }: { body: BodyOut | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<BodyForm>();
  const save = useMutation({
    mutationFn: (v: BodyForm) => {
      const members = (v.members ?? []).map((m) => ({
        role: m.role,
        personId: m.personId || undefined,
        name: m.name?.trim() || undefined,
        affiliation: m.affiliation?.trim() ?? '',
      }));
      return body
        ? meetingsApi.updateBody(body.id, { name: v.name, openToResidents: v.openToResidents, members })
        : meetingsApi.createBody({ ...v, members });
    },
    onSuccess: async () => {
      message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: meetingsKeys.bodies });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={body ? t('meetings.editBody') : t('meetings.newBody')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={720}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          body
            ? {
                kind: body.kind,
                name: body.name,
                orgUnitId: body.orgUnitId,
                openToResidents: body.openToResidents,
                members: body.members.map((m) => ({
                  role: m.role,
                  personId: m.personId ?? undefined,
                  name: m.personId ? undefined : m.name,
                  affiliation: m.affiliation,
                })),
              }
            : { kind: 'compound_council', members: [{ role: 'chair' }, { role: 'secretary' }] }
        }
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="kind"
            label={t('meetings.bodyKindLabel')}
            rules={[{ required: true }]}
            style={{ width: 220 }}
          >
            <Select
              disabled={!!body}
              options={BODY_KINDS.map((k) => ({ value: k, label: t(`meetings.bodyKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('meetings.bodyName')}
            rules={[{ required: true, min: 2, max: 100 }]}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input data-testid="body-name" />
          </Form.Item>
        </Flex>
        {!body && (
          <Form.Item name="orgUnitId" label={t('meetings.orgUnit')} rules={[{ required: true }]}>
            <OrgUnitPicker />
          </Form.Item>
        )}
        <Form.Item name="openToResidents" valuePropName="checked">
          <Checkbox>{t('meetings.openToResidents')}</Checkbox>
        </Form.Item>
        <Typography.Text strong>{t('meetings.members')}</Typography.Text>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline" wrap style={{ marginTop: 8 }}>
                  <Form.Item name={[f.name, 'role']} noStyle>
                    <Select
                      style={{ width: 100 }}
                      options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`meetings.role.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'personId']} noStyle>
                    <PersonSelect />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} noStyle>
                    <Input placeholder={t('meetings.memberName')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'affiliation']} noStyle>
                    <Input placeholder={t('meetings.affiliation')} style={{ width: 120 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button
                type="dashed"
                onClick={() => add({ role: 'member' })}
                icon={<PlusOutlined />}
                style={{ marginTop: 8 }}
              >
                {t('meetings.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <FormError error={save.error} />
    </Modal>
  );
}
