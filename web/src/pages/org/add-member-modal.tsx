import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RELATIONS } from '../../../../common/contracts/org.ts';
import { type HouseholdOut, orgApi, orgKeys, type Relation } from '../../api/org.ts';
import { FormError } from '../../components/form-error.tsx';
import { useLabels } from '../../components/labels.ts';
import { PersonSelect } from '../../components/person-select.tsx';

type Values = { personId: string; relation: Relation };

/** Adds a person already on the roster to this household (or changes their relation in it). */
export function AddMemberModal({ household, onClose }: { household: HouseholdOut; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => orgApi.putMember(household.id, v.personId, v.relation),
    onSuccess: async (h) => {
      qc.setQueryData(orgKeys.household(h.id), h);
      await qc.invalidateQueries({ queryKey: orgKeys.persons });
      message.success(t('common.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('household.addMember')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ relation: 'member' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="personId"
          label={t('household.person')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <PersonSelect />
        </Form.Item>
        <Form.Item
          name="relation"
          label={t('household.relation')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select options={RELATIONS.map((r) => ({ value: r, label: labels.relation(r) }))} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
