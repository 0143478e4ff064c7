import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { partnerApi, partnerKeys } from '../../api/partners.ts';
import { type ProviderInput, type ProviderOut, shopApi, shopKeys } from '../../api/shop.ts';
import { FormError } from '../../components/form-error.tsx';
import type { MyCommunity } from '../points/use-my-community.ts';

/**
 * 登记提供方: the community's own shop counter, or one of its partner units (共建单位), becomes a
 * provider that items can be listed under. Merchants and property companies join with their modules.
 */
export function ProviderModal({
  community,
  providers,
  onClose,
}: {
  community: MyCommunity;
  providers: ProviderOut[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ ref: string }>();
  const filter = { orgUnitId: community?.id, pageSize: 200 };
  const partners = useQuery({
    queryKey: [...partnerKeys.all, 'list', filter],
    queryFn: () => partnerApi.list(filter),
  });
  const registered = new Set(providers.map((p) => p.refId));
  const options = [
    ...(community && !registered.has(community.id)
      ? [{ value: `community:${community.id}`, label: t('shop.providers.ownShop', { name: community.name }) }]
      : []),
    ...(partners.data?.items ?? [])
      .filter((p) => !registered.has(p.id))
      .map((p) => ({ value: `partner_unit:${p.id}`, label: `${p.name}（${p.orgUnitName}）` })),
  ];
  const save = useMutation({
    mutationFn: (ref: string) => {
      const [refType, refId] = ref.split(':') as [ProviderInput['refType'], string];
      return shopApi.registerProvider({ refType, refId });
    },
    onSuccess: async (p) => {
      message.success(t('shop.providers.registered', { name: p.name }));
      await qc.invalidateQueries({ queryKey: shopKeys.providers });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('shop.providers.register')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('shop.providers.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.ref)}>
        <Form.Item
          name="ref"
          label={t('shop.provider')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={partners.isPending}
            options={options}
            notFoundContent={t('shop.providers.noneLeft')}
          />
        </Form.Item>
      </Form>
      <FormError error={save.error} />
    </Modal>
  );
}
