import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { HOUSEHOLD_TAGS, householdCreate } from '../../../../common/contracts/org.ts';
import { type HouseholdOut, orgApi, orgKeys } from '../../api/org.ts';
import { FormError } from '../../components/form-error.tsx';
import { useLabels } from '../../components/labels.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';

type Values = {
  buildingId?: string;
  unitNo?: string;
  room: string;
  floorAreaM2?: number | null;
  tags: HouseholdTag[];
};

type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

/** New household in a building, or edit an existing one's room, area and tags. */
export function HouseholdFormModal({
  household,
  onClose,
  onSaved,
}: {
  household?: HouseholdOut;
  onClose: () => void;
  onSaved: (h: HouseholdOut) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const shape = householdCreate.shape;

  const save = useMutation({
    mutationFn: (v: Values) => {
      // The form shows the whole record, so it sends the whole record: what you see is what is saved.
      const fields = {
        unitNo: v.unitNo?.trim() ?? '',
        room: v.room.trim(),
        floorAreaM2: v.floorAreaM2 ?? null,
        tags: v.tags,
      };
      return household
        ? orgApi.updateHousehold(household.id, fields)
        : orgApi.createHousehold({ ...fields, buildingId: v.buildingId! });
    },
    onSuccess: async (h) => {
      message.success(household ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: orgKeys.households });
      await qc.invalidateQueries({ queryKey: orgKeys.units });
      onSaved(h);
    },
  });

  const initial: Partial<Values> = household
    ? {
        unitNo: household.unitNo,
        room: household.room,
        floorAreaM2: household.floorAreaM2,
        tags: household.tags.filter((x): x is HouseholdTag =>
          (HOUSEHOLD_TAGS as readonly string[]).includes(x),
        ),
      }
    : { tags: [] };

  return (
    <Modal
      open
      title={household ? t('household.edit') : t('household.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {!household && (
          <Form.Item
            name="buildingId"
            label={t('household.building')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrgUnitPicker selectableKinds={['building']} placeholder={t('household.pickBuilding')} />
          </Form.Item>
        )}
        <Form.Item
          name="unitNo"
          label={t('household.unitNo')}
          rules={[zodRule(shape.unitNo, t('form.invalid'))]}
        >
          <Input maxLength={10} placeholder={t('household.unitNoPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="room"
          label={t('household.room')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.room, t('form.invalid'))]}
        >
          <Input maxLength={20} placeholder="302" />
        </Form.Item>
        <Form.Item
          name="floorAreaM2"
          label={t('household.floorArea')}
          rules={[zodRule(shape.floorAreaM2, t('household.floorAreaInvalid'))]}
        >
          <InputNumber
            min={0}
            max={100000}
            precision={2}
            step={1}
            suffix="m²"
            style={{ width: '100%' }}
            data-testid="floor-area"
          />
        </Form.Item>
        <Form.Item name="tags" label={t('household.tags')}>
          <Select
            mode="multiple"
            allowClear
            options={HOUSEHOLD_TAGS.map((tag) => ({ value: tag, label: labels.tag(tag) }))}
          />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
