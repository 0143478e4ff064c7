import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTICIPANTS } from '../../../../common/contracts/points.ts';
import { ITEM_KINDS, itemIn, LIMIT_PERIODS } from '../../../../common/contracts/shop.ts';
import { orgApi, orgKeys } from '../../api/org.ts';
import {
  type ItemInput,
  type ItemKind,
  type ItemOut,
  type ItemPatch,
  type LimitPeriod,
  shopApi,
  shopKeys,
} from '../../api/shop.ts';
import { FormError } from '../../components/form-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { useMyCommunity } from '../points/use-my-community.ts';
import { useShopLabels } from './shop-labels.ts';

type Participant = (typeof PARTICIPANTS)[number];

type Values = {
  providerId: string;
  kind: ItemKind;
  title: string;
  description?: string;
  pricePoints: number;
  cashValueYuan: number;
  unlimitedStock: boolean;
  stock?: number;
  limited: boolean;
  limitPerPerson?: number;
  limitPeriod: LimitPeriod;
  participants: Participant[];
  hardshipOnly: boolean;
  communityIds: string[];
  privilegeDays?: number;
  voucherValidDays: number;
  window?: [Dayjs | null, Dayjs | null] | null;
};

const shape = itemIn.shape;
const toFen = (yuan: number) => Math.round(yuan * 100);

/** The first instant of a calendar day in the district's zone (Asia/Shanghai, UTC+8 all year). */
const dayStart = (d: Dayjs) => new Date(`${d.format('YYYY-MM-DD')}T00:00:00+08:00`).toISOString();

/**
 * 上架 a new item, or edit one: price, value, limit and end date can change later; provider, kind,
 * participants and communities are fixed once residents may have redeemed it (the API says so too).
 */
export function ItemFormModal({ item, onClose }: { item?: ItemOut; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useShopLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { community } = useMyCommunity();
  const providers = useQuery({ queryKey: shopKeys.providers, queryFn: shopApi.providers, enabled: !item });
  const communities = useQuery({
    queryKey: [...orgKeys.units, 'kind', 'community'],
    queryFn: () => orgApi.searchUnits({ kind: 'community' }),
    enabled: !item,
  });
  // The staff's own community, once it is known, is where a new item is offered unless they choose.
  useEffect(() => {
    if (!item && community && !form.getFieldValue('communityIds')?.length)
      form.setFieldValue('communityIds', [community.id]);
  }, [item, community, form]);
  const kind = Form.useWatch('kind', form) ?? item?.kind;
  const unlimitedStock = Form.useWatch('unlimitedStock', form);
  const limited = Form.useWatch('limited', form) ?? item?.limitPerPerson !== null;

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (!item) return shopApi.createItem(inputOf(v));
      const patch = patchOf(item, v);
      return Object.keys(patch).length > 0 ? shopApi.updateItem(item.id, patch) : item;
    },
    onSuccess: async () => {
      message.success(item ? t('common.saved') : t('shop.items.created'));
      await qc.invalidateQueries({ queryKey: shopKeys.items });
      onClose();
    },
  });

  const initial: Partial<Values> = item
    ? {
        title: item.title,
        description: item.description,
        pricePoints: item.pricePoints,
        cashValueYuan: item.cashValueFen / 100,
        limited: item.limitPerPerson !== null,
        limitPerPerson: item.limitPerPerson ?? undefined,
        window: item.availableTo ? [null, dayjs(item.availableTo).subtract(1, 'day')] : undefined,
      }
    : {
        kind: 'service',
        unlimitedStock: true,
        limited: true,
        limitPerPerson: 1,
        limitPeriod: 'month',
        participants: ['resident', 'gig_worker', 'volunteer'],
        hardshipOnly: false,
        communityIds: community ? [community.id] : [],
        voucherValidDays: 30,
      };

  const required = { required: true, message: t('form.required') };
  return (
    <Modal
      open
      width={720}
      title={item ? t('shop.items.edit', { title: item.title }) : t('shop.items.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        data-testid="item-form"
      >
        {!item && (
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="providerId" label={t('shop.provider')} rules={[required]}>
                <Select
                  loading={providers.isPending}
                  options={(providers.data ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.name}（${t(`shop.providerType.${p.refType}`)}）`,
                  }))}
                  placeholder={t('shop.items.pickProvider')}
                  data-testid="item-provider"
                />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="kind" label={t('shop.items.kind')} rules={[required]}>
                <Radio.Group
                  optionType="button"
                  options={ITEM_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          name="title"
          label={t('shop.items.title')}
          rules={[required, zodRule(shape.title, t('form.invalid'))]}
        >
          <Input
            maxLength={60}
            showCount
            placeholder={t('shop.items.titlePlaceholder')}
            data-testid="item-title"
          />
        </Form.Item>
        <Form.Item name="description" label={t('shop.description')}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('shop.items.descriptionPlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="pricePoints" label={t('shop.items.price')} rules={[required]}>
              <InputNumber
                min={1}
                max={1_000_000}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('shop.pointsUnit')}
                data-testid="item-price-input"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="cashValueYuan"
              label={t('shop.cashValue')}
              tooltip={t('shop.items.cashValueHint')}
              rules={[required]}
            >
              <InputNumber
                min={0}
                max={1_000_000}
                precision={2}
                step={1}
                prefix="¥"
                style={{ width: '100%' }}
                data-testid="item-cash-input"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            {!item && (
              <Form.Item name="voucherValidDays" label={t('shop.items.validDays')} rules={[required]}>
                <InputNumber
                  min={1}
                  max={365}
                  precision={0}
                  style={{ width: '100%' }}
                  suffix={t('shop.items.days')}
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          {!item && (
            <Col span={8}>
              <Form.Item label={t('shop.stock')} required>
                <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  <Form.Item name="unlimitedStock" valuePropName="checked" noStyle>
                    <Switch
                      checkedChildren={t('shop.stockUnlimited')}
                      unCheckedChildren={t('shop.items.stocked')}
                    />
                  </Form.Item>
                  {!unlimitedStock && (
                    <Form.Item name="stock" noStyle rules={[required]}>
                      <InputNumber
                        min={0}
                        max={1_000_000}
                        precision={0}
                        style={{ width: 110 }}
                        data-testid="item-stock"
                      />
                    </Form.Item>
                  )}
                </div>
              </Form.Item>
            </Col>
          )}
          <Col span={item ? 12 : 16}>
            <Form.Item label={t('shop.perPerson')} required>
              <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                <Form.Item name="limited" valuePropName="checked" noStyle>
                  <Switch checkedChildren={t('shop.items.limited')} unCheckedChildren={t('shop.noLimit')} />
                </Form.Item>
                {limited && !item && (
                  <Form.Item name="limitPeriod" noStyle>
                    <Select
                      style={{ width: 110 }}
                      options={LIMIT_PERIODS.map((p) => ({ value: p, label: t(`shop.period.${p}`) }))}
                    />
                  </Form.Item>
                )}
                {limited && (
                  <Form.Item name="limitPerPerson" noStyle rules={[required]}>
                    <InputNumber
                      min={1}
                      max={1000}
                      precision={0}
                      style={{ width: 110 }}
                      suffix={t('shop.items.times')}
                    />
                  </Form.Item>
                )}
              </div>
            </Form.Item>
          </Col>
          {item && (
            <Col span={12}>
              <Form.Item label={t('shop.items.availableTo')}>
                <Form.Item name={['window', 1]} noStyle>
                  <DatePicker style={{ width: '100%' }} allowClear />
                </Form.Item>
              </Form.Item>
            </Col>
          )}
        </Row>
        {!item && (
          <>
            <Form.Item name="participants" label={t('shop.participants')} rules={[required]}>
              <Checkbox.Group
                options={PARTICIPANTS.map((p) => ({ value: p, label: labels.participant(p) }))}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col span={16}>
                <Form.Item
                  name="communityIds"
                  label={t('shop.items.communities')}
                  tooltip={t('shop.items.communitiesHint')}
                  rules={[required]}
                >
                  <Select
                    mode="multiple"
                    loading={communities.isPending}
                    options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                    data-testid="item-communities"
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="hardshipOnly" label={t('shop.hardshipOnly')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={16}>
                <Form.Item name="window" label={t('shop.window')} tooltip={t('shop.items.windowHint')}>
                  <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                {kind === 'privilege' && (
                  <Form.Item
                    name="privilegeDays"
                    label={t('shop.items.privilegeDays')}
                    tooltip={t('shop.items.privilegeHint')}
                    rules={[required]}
                  >
                    <InputNumber
                      min={1}
                      max={365}
                      precision={0}
                      style={{ width: '100%' }}
                      suffix={t('shop.items.days')}
                    />
                  </Form.Item>
                )}
              </Col>
            </Row>
            <Typography.Text type="secondary">{t('shop.items.photosLater')}</Typography.Text>
          </>
        )}
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}

function inputOf(v: Values): ItemInput {
  const [from, to] = v.window ?? [null, null];
  return {
    providerId: v.providerId,
    kind: v.kind,
    title: v.title.trim(),
    description: v.description?.trim() ?? '',
    pricePoints: v.pricePoints,
    cashValueFen: toFen(v.cashValueYuan),
    stock: v.unlimitedStock ? null : (v.stock ?? 0),
    limitPerPerson: v.limited ? (v.limitPerPerson ?? 1) : null,
    limitPeriod: v.limitPeriod,
    participants: v.participants,
    hardshipOnly: v.hardshipOnly,
    communityIds: v.communityIds,
    privilegeDays: v.kind === 'privilege' ? (v.privilegeDays ?? null) : null,
    voucherValidDays: v.voucherValidDays,
    availableFrom: from ? dayStart(from) : null,
    // The last day chosen is included: the item stops at the next midnight.
    availableTo: to ? dayStart(to.add(1, 'day')) : null,
  };
}

/** Only what changed, so the audit trail names the fields that were really edited. */
function patchOf(item: ItemOut, v: Values): ItemPatch {
  const patch: ItemPatch = {};
  const title = v.title.trim();
  const description = v.description?.trim() ?? '';
  const cashValueFen = toFen(v.cashValueYuan);
  const limitPerPerson = v.limited ? (v.limitPerPerson ?? 1) : null;
  const end = v.window?.[1];
  const availableTo = end ? dayStart(end.add(1, 'day')) : null;
  if (title !== item.title) patch.title = title;
  if (description !== item.description) patch.description = description;
  if (v.pricePoints !== item.pricePoints) patch.pricePoints = v.pricePoints;
  if (cashValueFen !== item.cashValueFen) patch.cashValueFen = cashValueFen;
  if (limitPerPerson !== item.limitPerPerson) patch.limitPerPerson = limitPerPerson;
  if ((availableTo ?? null) !== (item.availableTo ? new Date(item.availableTo).toISOString() : null))
    patch.availableTo = availableTo;
  return patch;
}
