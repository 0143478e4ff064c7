import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PROJECT_KINDS } from '../../../../common/contracts/partner-projects.ts';
import { type ProjectKind, partnerProjectKeys, partnerProjectsApi } from '../../api/partner-projects.ts';
import { FormError } from '../../components/form-error.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';

type Values = {
  title: string;
  kind: ProjectKind;
  orgUnitId: string;
  description?: string;
  targetParticipants?: string;
  capacity?: number | null;
  dates?: [Dayjs, Dayjs] | null;
};

/** /m/partner-projects/propose — an approved partner proposes a cooperative project. */
export function PhoneProposePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useQuery({ queryKey: partnerProjectKeys.me, queryFn: partnerProjectsApi.me });
  const create = useMutation({
    mutationFn: (v: Values) =>
      partnerProjectsApi.create({
        title: v.title,
        kind: v.kind,
        orgUnitId: v.orgUnitId,
        description: v.description ?? '',
        targetParticipants: v.targetParticipants ?? '',
        capacity: v.capacity ?? null,
        startsOn: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
        endsOn: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
      }),
    onSuccess: (p) => {
      message.success(t('partnerProjects.phone.proposed'));
      qc.invalidateQueries({ queryKey: partnerProjectKeys.all });
      navigate(`/m/partner-projects/${p.id}`);
    },
  });
  const units = me.data?.units ?? [];
  return (
    <>
      <PhoneTitle title={t('partnerProjects.phone.propose')} back="/m/partner-projects" />
      {me.isError ? (
        <QueryError error={me.error} onRetry={() => me.refetch()} />
      ) : !me.data ? (
        <Skeleton active />
      ) : me.data.partner?.state !== 'approved' ? (
        <Result status="info" title={t('partnerProjects.phone.notPartner')} />
      ) : (
        <Card>
          <Alert
            type="info"
            showIcon
            title={t('partnerProjects.phone.proposeHint')}
            style={{ marginBottom: 12 }}
          />
          <Form<Values>
            layout="vertical"
            initialValues={{ orgUnitId: units.find((u) => u.kind === 'compound')?.id }}
            onFinish={(v) => create.mutate(v)}
            data-testid="propose-form"
          >
            <Form.Item
              name="title"
              label={t('partnerProjects.field.title')}
              rules={[
                {
                  required: true,
                  min: 2,
                  whitespace: true,
                  message: t('partnerProjects.phone.titleRequired'),
                },
              ]}
            >
              <Input size="large" maxLength={60} data-testid="project-title" />
            </Form.Item>
            <Form.Item
              name="kind"
              label={t('partnerProjects.field.kind')}
              rules={[{ required: true, message: t('partnerProjects.phone.kindRequired') }]}
            >
              <Select
                size="large"
                data-testid="project-kind"
                options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`partnerProjects.kind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="orgUnitId"
              label={t('partnerProjects.field.orgUnit')}
              rules={[{ required: true, message: t('partnerProjects.phone.unitRequired') }]}
            >
              <Select size="large" options={units.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item name="targetParticipants" label={t('partnerProjects.field.target')}>
              <Input size="large" maxLength={100} data-testid="project-target" />
            </Form.Item>
            <Form.Item
              name="capacity"
              label={t('partnerProjects.field.capacity')}
              extra={t('partnerProjects.field.capacityHint')}
            >
              <InputNumber
                size="large"
                min={1}
                max={5000}
                style={{ width: '100%' }}
                data-testid="project-capacity"
              />
            </Form.Item>
            <Form.Item name="dates" label={t('partnerProjects.field.dates')}>
              <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />
            </Form.Item>
            <Form.Item name="description" label={t('partnerProjects.field.description')}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <FormError error={create.error} />
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={create.isPending}
              data-testid="propose-submit"
            >
              {t('partnerProjects.phone.propose')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
