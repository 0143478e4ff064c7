import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { contactPhone, departmentCreate } from '../../../../common/contracts/departments.ts';
import { type DepartmentOut, departmentApi, departmentKeys } from '../../api/departments.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';

type Values = {
  orgUnitId: string;
  code: string;
  name: string;
  dutyPhone: string;
  responsibilities: string[];
};

export function DepartmentFormModal({
  department,
  onClose,
}: {
  department?: DepartmentOut;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const shape = departmentCreate.shape;
  const save = useMutation({
    mutationFn: (v: Values) => {
      const fields = {
        code: v.code.trim(),
        name: v.name.trim(),
        dutyPhone: v.dutyPhone.trim(),
        responsibilities: v.responsibilities.map((r) => r.trim()).filter(Boolean),
      };
      return department
        ? departmentApi.update(department.id, fields)
        : departmentApi.create({ ...fields, orgUnitId: v.orgUnitId });
    },
    onSuccess: async () => {
      message.success(department ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: departmentKeys.all });
      onClose();
    },
  });
  const initial: Partial<Values> = department
    ? {
        code: department.code,
        name: department.name,
        dutyPhone: department.dutyPhone,
        responsibilities: department.responsibilities,
      }
    : { responsibilities: [] };
  return (
    <Modal
      open
      title={department ? t('department.edit') : t('department.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {department ? (
          <Form.Item label={t('department.orgUnit')}>
            <Input disabled value={department.orgUnitName} />
          </Form.Item>
        ) : (
          <Form.Item
            name="orgUnitId"
            label={t('department.orgUnit')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrgUnitPicker selectableKinds={['district', 'subdistrict']} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('department.name')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.name, t('form.invalid'))]}
        >
          <Input maxLength={60} placeholder={t('department.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('department.code')}
          extra={t('department.codeHint')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(shape.code, t('department.codeInvalid')),
          ]}
        >
          <Input maxLength={32} placeholder="chengguan" />
        </Form.Item>
        <Form.Item
          name="dutyPhone"
          label={t('department.dutyPhone')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(contactPhone, t('department.dutyPhoneInvalid')),
          ]}
        >
          <Input maxLength={20} inputMode="tel" placeholder="12345" />
        </Form.Item>
        <Form.Item
          name="responsibilities"
          label={t('department.responsibilities')}
          extra={t('department.responsibilitiesHint')}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={['、', ',', '，']} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
