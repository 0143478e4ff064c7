import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealBody } from '../../../../common/contracts/org.ts';
import { orgApi } from '../../api/org.ts';
import { FormError } from '../../components/form-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';

/**
 * "查看完整证件号": asks for a reason (which the server audits) and shows the full number in the dialog
 * only; it is not kept anywhere after the dialog closes.
 */
export function RevealIdButton({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({ mutationFn: (reason: string) => orgApi.revealId(personId, reason) });
  const close = () => {
    setOpen(false);
    reveal.reset();
    form.resetFields();
  };
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-id">
        {t('person.revealId')}
      </Button>
      <Modal
        open={open}
        title={t('person.revealId')}
        onCancel={close}
        destroyOnHidden
        okText={reveal.isSuccess ? t('common.close') : t('person.revealConfirm')}
        cancelButtonProps={{ style: reveal.isSuccess ? { display: 'none' } : undefined }}
        cancelText={t('common.cancel')}
        confirmLoading={reveal.isPending}
        onOk={() => (reveal.isSuccess ? close() : form.submit())}
      >
        {reveal.isSuccess ? (
          <Alert
            type="warning"
            showIcon
            title={
              <Typography.Text copyable strong style={{ fontSize: 18 }} data-testid="revealed-id">
                {reveal.data.idNumber ?? t('person.noIdNumber')}
              </Typography.Text>
            }
            description={t('person.revealedNotice')}
          />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate(v.reason.trim())}>
            <Alert type="info" showIcon title={t('person.revealWarning')} style={{ marginBottom: 16 }} />
            <Form.Item
              name="reason"
              label={t('person.revealReason')}
              rules={[
                { required: true, message: t('person.revealReasonRequired') },
                zodRule(revealBody.shape.reason, t('person.revealReasonRequired')),
              ]}
            >
              <Input.TextArea
                rows={3}
                maxLength={200}
                showCount
                placeholder={t('person.revealReasonPlaceholder')}
              />
            </Form.Item>
            <FormError error={reveal.error} />
          </Form>
        )}
      </Modal>
    </>
  );
}
