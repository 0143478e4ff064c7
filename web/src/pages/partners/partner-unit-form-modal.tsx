import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { contactPhone } from '../../../../common/contracts/departments.ts';
import { PARTNER_UNIT_KINDS, partnerUnitCreate } from '../../../../common/contracts/partners.ts';
import { type PartnerUnitKind, type PartnerUnitOut, partnerApi, partnerKeys } from '../../api/partners.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';

type Values = {
  orgUnitId: string;
  name: string;
  kind: PartnerUnitKind;
  contactName?: string;
  contactPhone?: string;
  services?: string;
};

export function PartnerUnitFormModal({
  partner,
  onClose,
}: {
  partner?: PartnerUnitOut;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const shape = partnerUnitCreate.shape;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        name: v.name.trim(),
        kind: v.kind,
        contactName: v.contactName?.trim() || null,
        contactPhone: v.contactPhone?.trim() || null,
        services: v.services?.trim() || null,
      };
      return partner
        ? partnerApi.update(partner.id, fields)
        : partnerApi.create({ ...fields, orgUnitId: v.orgUnitId });
    },
    onSuccess: async () => {
      message.success(partner ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: partnerKeys.all });
      onClose();
    },
  });
  const initial: Partial<Values> = partner
    ? {
        name: partner.name,
        kind: partner.kind,
        contactName: partner.contactName ?? undefined,
        contactPhone: partner.contactPhone ?? undefined,
        services: partner.services ?? undefined,
      }
    : { kind: 'enterprise' };
  return (
    <Modal
      open
      title={partner ? t('partner.edit') : t('partner.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {partner ? (
          <Form.Item label={t('partner.community')}>
            <Input disabled value={partner.orgUnitName} />
          </Form.Item>
        ) : (
          <Form.Item
            name="orgUnitId"
            label={t('partner.community')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrgUnitPicker selectableKinds={['community']} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('partner.name')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.name, t('form.invalid'))]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('partner.kind')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={PARTNER_UNIT_KINDS.map((k) => ({ value: k, label: t(`partner.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('partner.contactName')}
          rules={[zodRule(shape.contactName, t('form.invalid'))]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('partner.contactPhone')}
          rules={[zodRule(contactPhone, t('department.dutyPhoneInvalid'))]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="services"
          label={t('partner.services')}
          rules={[zodRule(shape.services, t('form.invalid'))]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('partner.servicesPlaceholder')} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
