import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  type ButtonProps,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ACTIVITY_KINDS, ORGANISER_KINDS } from '../../../../common/contracts/activities.ts';
import { type ActivityKind, type ActivityOut, activitiesApi, activitiesKeys } from '../../api/activities.ts';
import { api } from '../../api/client.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';

type OrganiserKind = (typeof ORGANISER_KINDS)[number];
type Values = {
  title: string;
  kind: ActivityKind;
  orgUnitId: string;
  organiserKind: OrganiserKind;
  organiserId: string;
  place?: string;
  time: [Dayjs, Dayjs];
  deadline?: Dayjs | null;
  capacity: number;
  earnsPoints: boolean;
  description?: string;
};
type Choice = { id: string; name?: string; title?: string; orgUnitId?: string };

/** The organisers one may pick: teams, venues or partner projects of the chosen area. */
function useOrganisers(kind: OrganiserKind) {
  const path = {
    team: '/api/volunteers/teams',
    venue: '/api/venues',
    partner_project: '/api/partner-projects',
  }[kind];
  return useQuery({
    queryKey: ['activities', 'organisers', kind],
    queryFn: () => api.get<{ items: Choice[] }>(path, { pageSize: 200 }).then((r) => r.items),
  });
}

/** 发布 / 编辑志愿活动: a modal; editing changes the details, not the organiser or the area. */
export function ActivityFormModal({ activity, onClose }: { activity?: ActivityOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const organiserKind = Form.useWatch('organiserKind', form) ?? 'venue';
  const organisers = useOrganisers(organiserKind);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        title: v.title.trim(),
        kind: v.kind,
        place: v.place?.trim() ?? '',
        startsAt: v.time[0].toISOString(),
        endsAt: v.time[1].toISOString(),
        capacity: v.capacity,
        signupDeadline: v.deadline ? v.deadline.toISOString() : null,
        earnsPoints: v.earnsPoints,
        description: v.description?.trim() ?? '',
      };
      return activity
        ? activitiesApi.update(activity.id, common)
        : activitiesApi.create({
            ...common,
            orgUnitId: v.orgUnitId,
            organiser: { kind: v.organiserKind, id: v.organiserId },
          });
    },
    onSuccess: async (a) => {
      message.success(activity ? t('activities.saved') : t('activities.created'));
      await qc.invalidateQueries({ queryKey: activitiesKeys.all });
      onClose();
      if (!activity) navigate(`/admin/activities/${a.id}`);
    },
  });
  return (
    <Modal
      open
      title={activity ? t('activities.edit') : t('activities.create')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'activity-save' } as ButtonProps}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          activity
            ? {
                title: activity.title,
                kind: activity.kind,
                place: activity.place,
                time: [dayjs(activity.startsAt), dayjs(activity.endsAt)],
                deadline: activity.signupDeadline ? dayjs(activity.signupDeadline) : null,
                capacity: activity.capacity,
                earnsPoints: activity.earnsPoints,
                description: activity.description,
              }
            : { organiserKind: 'venue', capacity: 10, earnsPoints: true, kind: 'health_clinic' }
        }
      >
        <Form.Item
          name="title"
          label={t('activities.fields.title')}
          rules={[{ required: true, min: 2, max: 100 }]}
        >
          <Input data-testid="activity-title-input" />
        </Form.Item>
        <Form.Item name="kind" label={t('activities.fields.kind')} rules={[{ required: true }]}>
          <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))} />
        </Form.Item>
        {!activity && (
          <>
            <Form.Item name="orgUnitId" label={t('activities.fields.orgUnit')} rules={[{ required: true }]}>
              <OrgUnitPicker selectableKinds={['community', 'compound']} />
            </Form.Item>
            <Form.Item
              name="organiserKind"
              label={t('activities.fields.organiserKind')}
              rules={[{ required: true }]}
            >
              <Radio.Group
                optionType="button"
                onChange={() => form.setFieldValue('organiserId', undefined)}
                options={ORGANISER_KINDS.map((k) => ({
                  value: k,
                  label: t(`activities.organiserKind.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="organiserId"
              label={t('activities.fields.organiser')}
              rules={[{ required: true }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={organisers.isFetching}
                options={(organisers.data ?? []).map((o) => ({
                  value: o.id,
                  label: o.name ?? o.title ?? o.id,
                }))}
                data-testid="activity-organiser"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="place" label={t('activities.fields.place')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="time" label={t('activities.fields.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('activities.fields.deadline')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        {!activity && (
          <Form.Item name="capacity" label={t('activities.fields.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="earnsPoints" label={t('activities.fields.earnsPoints')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="description" label={t('activities.fields.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
