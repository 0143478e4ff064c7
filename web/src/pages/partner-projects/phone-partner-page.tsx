import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TALENTS, type Talent } from '../../../../common/contracts/partner-projects.ts';
import { type PartnerInput, partnerProjectKeys, partnerProjectsApi } from '../../api/partner-projects.ts';
import { FormError } from '../../components/form-error.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { PartnerStateTag, TalentTags, useTalentLabel } from './parts.tsx';

/** /m/partner-projects/partner — become a 幸福家园合伙人, or see my status. */
export function PhonePartnerPage() {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: partnerProjectKeys.me, queryFn: partnerProjectsApi.me });
  const [again, setAgain] = useState(false);
  const p = me.data?.partner;
  return (
    <>
      <PhoneTitle title={t('partnerProjects.title')} back="/m/partner-projects" />
      {me.isError ? (
        <QueryError error={me.error} onRetry={() => me.refetch()} />
      ) : !me.data ? (
        <Skeleton active />
      ) : (
        <>
          {p && (
            <Card title={t('partnerProjects.phone.myStatus')} data-testid="my-partner">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('partnerProjects.field.name')}>
                  {p.name} <PartnerStateTag state={p.state} />
                </Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.compound')}>
                  {p.orgUnitName}
                </Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.talents')}>
                  <TalentTags talents={p.talents} note={p.talentNote} />
                </Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.intro')}>{p.intro}</Descriptions.Item>
              </Descriptions>
              {p.state === 'pending' && (
                <Alert type="info" showIcon title={t('partnerProjects.phone.pendingHint')} />
              )}
              {p.state === 'approved' && (
                <Alert
                  type="success"
                  showIcon
                  title={t('partnerProjects.phone.approvedHint')}
                  action={
                    <Link to="/m/partner-projects/propose">
                      <Button type="primary" data-testid="go-propose">
                        {t('partnerProjects.phone.propose')}
                      </Button>
                    </Link>
                  }
                />
              )}
              {p.state === 'declined' && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('partnerProjects.phone.declinedHint', { reason: p.reason })}
                />
              )}
              {p.state === 'suspended' && (
                <Alert
                  type="warning"
                  showIcon
                  title={t('partnerProjects.phone.suspendedHint', { reason: p.reason })}
                />
              )}
              {p.state === 'declined' && !again && (
                <Button block style={{ marginTop: 12 }} onClick={() => setAgain(true)}>
                  {t('partnerProjects.phone.applyAgain')}
                </Button>
              )}
            </Card>
          )}
          {me.data.canRegister && (!p || again) && <RegisterForm />}
          {!p && !me.data.canRegister && (
            <Result status="info" title={t('partnerProjects.phone.notPartner')} />
          )}
        </>
      )}
    </>
  );
}

function RegisterForm() {
  const { t } = useTranslation();
  const label = useTalentLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PartnerInput>();
  const register = useMutation({
    mutationFn: partnerProjectsApi.register,
    onSuccess: () => {
      message.success(t('partnerProjects.phone.registered'));
      qc.invalidateQueries({ queryKey: partnerProjectKeys.all });
    },
  });
  return (
    <Card title={t('partnerProjects.phone.becomePartner')}>
      <Alert
        type="info"
        showIcon
        title={t('partnerProjects.phone.partnerHint')}
        style={{ marginBottom: 12 }}
      />
      <Form form={form} layout="vertical" onFinish={(v) => register.mutate(v)} data-testid="partner-form">
        <Form.Item
          name="talents"
          label={t('partnerProjects.field.talents')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('partnerProjects.phone.talentsRequired') },
          ]}
        >
          <Checkbox.Group
            style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}
            options={TALENTS.map((x: Talent) => ({ value: x, label: label(x) }))}
          />
        </Form.Item>
        <Form.Item name="talentNote" label={t('partnerProjects.field.talentNote')}>
          <Input maxLength={100} size="large" />
        </Form.Item>
        <Form.Item
          name="intro"
          label={t('partnerProjects.field.intro')}
          rules={[
            { required: true, min: 2, whitespace: true, message: t('partnerProjects.phone.introRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="partner-intro" />
        </Form.Item>
        <FormError error={register.error} />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={register.isPending}
          data-testid="partner-submit"
        >
          {t('partnerProjects.phone.register')}
        </Button>
      </Form>
    </Card>
  );
}
