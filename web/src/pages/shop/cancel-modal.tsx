import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { cancelBody } from '../../../../common/contracts/shop.ts';
import { pointsKeys } from '../../api/points.ts';
import { type RedemptionOut, shopApi, shopKeys } from '../../api/shop.ts';
import { FormError } from '../../components/form-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';

/**
 * Cancelling a voucher before it is used: a reason, then the points go back and the stock returns.
 * Whoever may read a redemption (its holder, whoever redeemed for them, shop staff over it) may also
 * cancel it while it is issued: the server checks both the same way.
 */
export function CancelRedemptionModal({
  redemption: r,
  onClose,
  onDone,
}: {
  redemption: RedemptionOut;
  onClose: () => void;
  onDone?: (r: RedemptionOut) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({
    mutationFn: (reason: string) => shopApi.cancel(r.id, reason.trim()),
    onSuccess: async (done) => {
      qc.setQueryData(shopKeys.redemption(done.id), done);
      message.success(t('shop.cancelled', { points: done.points }));
      onDone?.(done);
      onClose();
      await Promise.all([
        qc.invalidateQueries({ queryKey: shopKeys.all }),
        qc.invalidateQueries({ queryKey: pointsKeys.me }),
      ]);
    },
  });
  return (
    <Modal
      open
      title={t('shop.cancel')}
      okText={t('shop.cancelConfirm')}
      cancelText={t('shop.keep')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={cancel.isPending}
      destroyOnHidden
      centered
    >
      <Typography.Paragraph>
        {t('shop.cancelHint', { item: r.itemTitle, points: r.points, code: r.voucherCode })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v.reason)}>
        <Form.Item
          name="reason"
          label={t('shop.cancelReason')}
          rules={[
            { required: true, message: t('shop.cancelReasonInvalid') },
            zodRule(cancelBody.shape.reason, t('shop.cancelReasonInvalid')),
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('shop.cancelReasonPlaceholder')}
            data-testid="cancel-reason"
          />
        </Form.Item>
      </Form>
      <FormError error={cancel.error} />
    </Modal>
  );
}
