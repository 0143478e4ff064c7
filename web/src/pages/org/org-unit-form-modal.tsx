import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHILD_KIND, orgUnitCreate } from '../../../../common/contracts/org.ts';
import { type OrgUnitOut, orgApi, orgKeys } from '../../api/org.ts';
import { FormError } from '../../components/form-error.tsx';
import { useLabels } from '../../components/labels.ts';
import { zodRule } from '../../components/zod-rule.ts';

type Values = { name: string; code?: string; address?: string; compoundClass?: 1 | 2 };

export type OrgUnitFormTarget = { mode: 'create'; parent: OrgUnitOut } | { mode: 'edit'; unit: OrgUnitOut };

/** Creates a child of `parent` (its kind follows from the parent's) or edits a unit's own fields. */
export function OrgUnitFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: OrgUnitFormTarget;
  onClose: () => void;
  onSaved: (unit: OrgUnitOut) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = target.mode === 'create' ? CHILD_KIND[target.parent.kind] : target.unit.kind;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        code: v.code || undefined,
        address: v.address || undefined,
        compoundClass: kind === 'compound' ? v.compoundClass : undefined,
      };
      return target.mode === 'create'
        ? orgApi.createUnit({ ...body, parentId: target.parent.id })
        : orgApi.updateUnit(target.unit.id, body);
    },
    onSuccess: async (unit) => {
      message.success(target.mode === 'create' ? t('common.created') : t('common.saved'));
      await qc.invalidateQueries({ queryKey: orgKeys.units });
      onSaved(unit);
    },
  });

  const initial: Partial<Values> =
    target.mode === 'edit'
      ? {
          name: target.unit.name,
          code: target.unit.code ?? undefined,
          address: target.unit.address ?? undefined,
          compoundClass: (target.unit.compoundClass as 1 | 2 | null) ?? undefined,
        }
      : {};

  const title =
    target.mode === 'create'
      ? t('org.createChild', { kind: kind ? labels.kind(kind) : '', parent: target.parent.name })
      : t('org.editUnit', { name: target.unit.name });

  return (
    <Modal
      open
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(orgUnitCreate.shape.name, t('form.invalid')),
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[zodRule(orgUnitCreate.shape.code, t('form.invalid'))]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('org.address')}
          rules={[zodRule(orgUnitCreate.shape.address, t('form.invalid'))]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'compound' && (
          <Form.Item name="compoundClass" label={t('org.compoundClass')}>
            <Select
              allowClear
              options={[
                { value: 1, label: t('org.compoundClass1') },
                { value: 2, label: t('org.compoundClass2') },
              ]}
            />
          </Form.Item>
        )}
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
