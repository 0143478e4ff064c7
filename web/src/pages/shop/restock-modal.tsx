import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ItemOut, shopApi, shopKeys } from '../../api/shop.ts';
import { FormError } from '../../components/form-error.tsx';

/**
 * 补货 (or, negative, a correction): the API adds a delta to the stock rather than setting it, so a
 * restock can never undo the sales made while the form was open.
 */
export function RestockModal({ item, onClose }: { item: ItemOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ delta: number }>();
  const delta = Form.useWatch('delta', form) ?? 0;
  const stock = item.stock ?? 0;
  const save = useMutation({
    mutationFn: (d: number) => shopApi.updateItem(item.id, { stockDelta: d }),
    onSuccess: async (updated) => {
      message.success(t('shop.items.restocked', { stock: updated.stock }));
      await qc.invalidateQueries({ queryKey: shopKeys.items });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('shop.items.restockTitle', { title: item.title })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ delta: 10 }}
        onFinish={(v) => save.mutate(v.delta)}
      >
        <Form.Item
          name="delta"
          label={t('shop.items.stockDelta')}
          extra={t('shop.items.stockDeltaHint')}
          rules={[
            { required: true, message: t('form.required') },
            {
              validator: async (_r, v: number) => {
                if (v === 0) throw new Error(t('shop.items.stockDeltaZero'));
                if (stock + v < 0) throw new Error(t('shop.items.stockBelowZero'));
              },
            },
          ]}
        >
          <InputNumber
            min={-1_000_000}
            max={1_000_000}
            precision={0}
            style={{ width: 200 }}
            data-testid="stock-delta"
          />
        </Form.Item>
      </Form>
      <Descriptions column={2} size="small">
        <Descriptions.Item label={t('shop.items.stockNow')}>{stock}</Descriptions.Item>
        <Descriptions.Item label={t('shop.items.stockAfter')}>
          <Typography.Text strong>{stock + (Number.isFinite(delta) ? delta : 0)}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <FormError error={save.error} />
    </Modal>
  );
}
