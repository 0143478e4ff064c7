import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PARTY_MEMBER_KINDS } from '../../../../common/contracts/party.ts';
import { type PartyMemberKind, type PartyOrgOut, partyApi, partyKeys } from '../../api/party.ts';
import { orgKeys } from '../../api/org.ts';
import { FormError } from '../../components/form-error.tsx';
import { PersonSelect } from '../../components/person-select.tsx';

type Values = { personId: string; kind: PartyMemberKind; workplace?: string; joinedOn?: Dayjs | null };

/** 登记党员: a party member of this org, or a serving member registered here from their workplace. */
export function PartyMemberModal({ org, onClose }: { org: PartyOrgOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      partyApi.putMember(org.id, v.personId, {
        kind: v.kind,
        workplace: v.kind === 'registered_member' ? v.workplace?.trim() || null : null,
        joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : null,
      }),
    onSuccess: async (next) => {
      qc.setQueryData(partyKeys.one(next.id), next);
      await qc.invalidateQueries({ queryKey: partyKeys.all });
      await qc.invalidateQueries({ queryKey: orgKeys.persons });
      message.success(t('common.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('party.addMember')}
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
        initialValues={{ kind: 'party_member' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="personId"
          label={t('household.person')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <PersonSelect />
        </Form.Item>
        <Form.Item name="kind" label={t('party.memberKind')}>
          <Radio.Group
            options={PARTY_MEMBER_KINDS.map((k) => ({ value: k, label: t(`party.memberKinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'registered_member' && (
          <Form.Item
            name="workplace"
            label={t('party.workplace')}
            rules={[{ required: true, whitespace: true, message: t('party.workplaceRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="joinedOn" label={t('party.joinedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
