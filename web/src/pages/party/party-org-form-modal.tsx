import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTY_ORG_KINDS, PARTY_PARENT_KINDS, partyOrgCreate } from '../../../../common/contracts/party.ts';
import { type PartyOrgKind, type PartyOrgOut, partyApi, partyKeys } from '../../api/party.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';

export type PartyFormTarget =
  | { mode: 'committee' }
  | { mode: 'child'; parent: PartyOrgOut }
  | { mode: 'edit'; org: PartyOrgOut };

type Values = { name: string; kind?: PartyOrgKind; orgUnitId?: string; secretaryPersonId?: string | null };

/** The kinds that may sit under a parent of `kind` (the nesting rule lives in the shared contract). */
function childKinds(kind: PartyOrgKind): PartyOrgKind[] {
  return PARTY_ORG_KINDS.filter((k) => PARTY_PARENT_KINDS[k].includes(kind));
}

/** New community committee, new sub-organisation of a parent, or rename / set the secretary. */
export function PartyOrgFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: PartyFormTarget;
  onClose: () => void;
  onSaved: (org: PartyOrgOut) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (v: Values) => {
      if (target.mode === 'edit')
        return partyApi.update(target.org.id, {
          name: v.name,
          secretaryPersonId: v.secretaryPersonId ?? null,
        });
      if (target.mode === 'committee')
        return partyApi.create({
          kind: 'community_committee',
          orgUnitId: v.orgUnitId!,
          name: v.name,
          parentId: null,
        });
      return partyApi.create({
        kind: v.kind!,
        orgUnitId: v.orgUnitId!,
        name: v.name,
        parentId: target.parent.id,
      });
    },
    onSuccess: async (org) => {
      message.success(target.mode === 'edit' ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: partyKeys.all });
      onSaved(org);
    },
  });

  const initial: Partial<Values> =
    target.mode === 'edit'
      ? { name: target.org.name, secretaryPersonId: target.org.secretary?.personId ?? null }
      : target.mode === 'child'
        ? { kind: childKinds(target.parent.kind)[0], orgUnitId: target.parent.orgUnit.id }
        : {};

  const title =
    target.mode === 'edit'
      ? t('party.edit')
      : target.mode === 'committee'
        ? t('party.createCommittee')
        : t('party.createChild');

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
        {target.mode === 'child' && (
          <>
            <Form.Item label={t('party.parent')}>
              <Input value={target.parent.name} disabled />
            </Form.Item>
            <Form.Item
              name="kind"
              label={t('party.kind')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Select
                options={childKinds(target.parent.kind).map((k) => ({
                  value: k,
                  label: t(`party.kinds.${k}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        {target.mode !== 'edit' && (
          <Form.Item
            name="orgUnitId"
            label={target.mode === 'committee' ? t('party.community') : t('party.attachedUnit')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrgUnitPicker
              selectableKinds={
                target.mode === 'committee' ? ['community'] : ['community', 'compound', 'building']
              }
              initialLabel={target.mode === 'child' ? target.parent.orgUnit.name : undefined}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('party.name')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(partyOrgCreate.shape.name, t('form.invalid')),
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        {target.mode === 'edit' && (
          <Form.Item name="secretaryPersonId" label={t('party.secretary')}>
            <Select
              allowClear
              placeholder={t('party.noSecretary')}
              options={target.org.members.map((m) => ({ value: m.personId, label: m.name }))}
              notFoundContent={t('party.noMembers')}
            />
          </Form.Item>
        )}
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
