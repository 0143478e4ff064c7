import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { GENDERS, PERSON_TAGS, personCreate } from '../../../../common/contracts/org.ts';
import { orgApi, orgKeys, type PersonOut } from '../../api/org.ts';
import { FormError } from '../../components/form-error.tsx';
import { useLabels } from '../../components/labels.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';

type PersonTag = (typeof PERSON_TAGS)[number];
type Values = {
  orgUnitId?: string;
  name: string;
  phone?: string;
  idNumber?: string;
  gender?: (typeof GENDERS)[number];
  birthYear?: number;
  tags: PersonTag[];
};

/** New person on the roster, or edit one. The ID number is write-only here: it is never shown unmasked. */
export function PersonFormModal({
  person,
  onClose,
  onSaved,
}: {
  person?: PersonOut;
  onClose: () => void;
  onSaved: (p: PersonOut) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const shape = personCreate.shape;

  const save = useMutation({
    mutationFn: (v: Values) => {
      // The form shows the whole record, so it sends the whole record; the ID number only when typed,
      // since the form never holds the stored (unmasked) one.
      const fields = {
        name: v.name.trim(),
        phone: v.phone?.trim() || null,
        gender: v.gender ?? null,
        birthYear: v.birthYear ?? null,
        tags: v.tags,
        ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
      };
      return person
        ? orgApi.updatePerson(person.id, fields)
        : orgApi.createPerson({ ...fields, orgUnitId: v.orgUnitId! });
    },
    onSuccess: async (p) => {
      message.success(person ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: orgKeys.persons });
      await qc.invalidateQueries({ queryKey: orgKeys.households });
      onSaved(p);
    },
  });

  const initial: Partial<Values> = person
    ? {
        name: person.name,
        phone: person.phone ?? undefined,
        gender: person.gender ?? undefined,
        birthYear: person.birthYear ?? undefined,
        tags: person.tags.filter((x): x is PersonTag => (PERSON_TAGS as readonly string[]).includes(x)),
      }
    : { tags: [] };

  return (
    <Modal
      open
      title={person ? t('person.edit') : t('person.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!person && (
          <Form.Item
            name="orgUnitId"
            label={t('person.orgUnit')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrgUnitPicker />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('person.name')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.name, t('form.invalid'))]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('person.phone')}
          rules={[zodRule(shape.phone, t('person.phoneInvalid'))]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('person.idNumber')}
          extra={person ? t('person.idNumberKeep') : undefined}
          rules={[zodRule(shape.idNumber, t('person.idNumberInvalid'))]}
        >
          <Input maxLength={18} autoComplete="off" placeholder={person?.idNumberMasked ?? undefined} />
        </Form.Item>
        <Form.Item name="gender" label={t('person.gender')}>
          <Select allowClear options={GENDERS.map((g) => ({ value: g, label: labels.gender(g) }))} />
        </Form.Item>
        <Form.Item
          name="birthYear"
          label={t('person.birthYear')}
          rules={[zodRule(shape.birthYear, t('form.invalid'))]}
        >
          <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="tags" label={t('person.tags')}>
          <Select
            mode="multiple"
            allowClear
            options={PERSON_TAGS.map((tag) => ({ value: tag, label: labels.tag(tag) }))}
          />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
