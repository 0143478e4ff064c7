import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { objectionCreate } from '../../../../common/contracts/points.ts';
import { type PostingOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { FormError } from '../../components/form-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { signed } from './points-labels.ts';

type Row = PostingOut['rows'][number];

/** 提出异议 on one row of an open posting; the objector stays anonymous on the claim's timeline. */
export function ObjectionModal({ row, onClose }: { row: Row; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const file = useMutation({
    mutationFn: (reason: string) => pointsApi.object(row.claimId, reason.trim()),
    onSuccess: async () => {
      message.success(t('posting.objectionFiled'));
      await qc.invalidateQueries({ queryKey: pointsKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('posting.objectTitle')}
      okText={t('posting.object')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={file.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('posting.objectFor', { name: row.name, rule: row.ruleTitle, points: signed(row.points) })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => file.mutate(v.reason)}>
        <Form.Item
          name="reason"
          label={t('posting.reason')}
          rules={[
            { required: true, whitespace: true, message: t('posting.reasonInvalid') },
            zodRule(objectionCreate.shape.reason, t('posting.reasonInvalid')),
          ]}
        >
          <Input.TextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder={t('posting.reasonPlaceholder')}
            data-testid="objection-reason"
          />
        </Form.Item>
        <FormError error={file.error} />
      </Form>
    </Modal>
  );
}
