import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_OPTIONS, VOTE_RULES } from '../../../../common/contracts/votes.ts';
import { type MotionInput, type VoteRule, votesApi, votesKeys } from '../../api/votes.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PersonSelect } from '../../components/person-select.tsx';

type Values = {
  title: string;
  description?: string;
  scopeId: string;
  options: string[];
  rule: VoteRule;
  quorumP?: number;
  quorumQ?: number;
  electorate: 'households' | 'members';
  members?: string[];
  secret: boolean;
  closesAt: Dayjs;
};

/** 新建表决: scope, rule (with its thresholds explained), electorate, options, closing time, secrecy. */
export function MotionFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const rule = Form.useWatch('rule', form) ?? 'simple_majority';
  const electorate = Form.useWatch('electorate', form) ?? 'households';
  // Art. 278 counts owners' households and their floor area: never a members' list.
  useEffect(() => {
    if (rule.startsWith('art278') && electorate !== 'households')
      form.setFieldValue('electorate', 'households');
  }, [rule, electorate, form]);
  const create = useMutation({
    mutationFn: (body: MotionInput) => votesApi.create(body),
    onSuccess: (m) => {
      qc.invalidateQueries({ queryKey: votesKeys.all });
      form.resetFields();
      onClose();
      onCreated(m.id);
    },
  });
  const submit = (v: Values) =>
    create.mutate({
      title: v.title,
      description: v.description ?? '',
      scopeId: v.scopeId,
      options: v.options.map((o) => o.trim()).filter(Boolean),
      rule: v.rule,
      quorum: v.rule === 'participation_quorum' ? [v.quorumP ?? 1, v.quorumQ ?? 2] : null,
      electorate: v.electorate,
      memberPersonIds: v.electorate === 'members' ? (v.members ?? []) : [],
      secret: v.secret,
      closesAt: v.closesAt.toISOString(),
    });
  return (
    <Modal
      open={open}
      title={t('votes.admin.create')}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'motion-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          options: [...DEFAULT_OPTIONS],
          rule: 'simple_majority',
          electorate: 'households',
          secret: false,
          quorumP: 1,
          quorumQ: 2,
          closesAt: dayjs().add(7, 'day').hour(20).minute(0).second(0),
        }}
      >
        <Form.Item name="title" label={t('votes.admin.titleField')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="motion-title" />
        </Form.Item>
        <Form.Item name="description" label={t('votes.admin.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="scopeId"
          label={t('votes.admin.scope')}
          extra={t('votes.admin.scopeHint')}
          rules={[{ required: true }]}
        >
          <OrgUnitPicker selectableKinds={['community', 'compound', 'building']} />
        </Form.Item>
        <Form.Item name="rule" label={t('votes.admin.ruleField')} extra={t(`votes.ruleHint.${rule}`)}>
          <Select
            options={VOTE_RULES.map((r) => ({ value: r, label: t(`votes.rule.${r}`) }))}
            data-testid="motion-rule"
          />
        </Form.Item>
        {rule === 'participation_quorum' && (
          <Form.Item label={t('votes.admin.quorum')}>
            <Space>
              {t('votes.admin.quorumOf')}
              <Form.Item name="quorumP" noStyle rules={[{ required: true }]}>
                <InputNumber min={1} max={9} />
              </Form.Item>
              /
              <Form.Item name="quorumQ" noStyle rules={[{ required: true }]}>
                <InputNumber min={1} max={10} />
              </Form.Item>
            </Space>
          </Form.Item>
        )}
        <Form.Item
          name="electorate"
          label={t('votes.admin.electorateField')}
          extra={t(`votes.electorateHint.${electorate}`)}
        >
          <Radio.Group
            disabled={rule.startsWith('art278')}
            options={[
              { value: 'households', label: t('votes.electorate.households') },
              { value: 'members', label: t('votes.electorate.members') },
            ]}
          />
        </Form.Item>
        {electorate === 'members' && !rule.startsWith('art278') && (
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Form.Item label={t('votes.admin.members')}>
                {fields.map((f) => (
                  <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={f.name} noStyle rules={[{ required: true }]}>
                      <PersonSelect />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  {t('votes.admin.members')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Form.List name="options">
          {(fields, { add, remove }) => (
            <Form.Item label={t('votes.admin.options')}>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={f.name} noStyle rules={[{ required: true, max: 40 }]}>
                    <Input style={{ width: 280 }} />
                  </Form.Item>
                  {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {fields.length < 10 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  {t('votes.admin.addOption')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="closesAt" label={t('votes.admin.closesAtField')} rules={[{ required: true }]}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('votes.admin.secretField')}
          valuePropName="checked"
          extra={t('votes.admin.secretHint')}
        >
          <Switch />
        </Form.Item>
        <FormError error={create.error} />
      </Form>
    </Modal>
  );
}
