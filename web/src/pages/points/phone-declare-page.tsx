import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Skeleton,
  Tag,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { claimCreate } from '../../../../common/contracts/points.ts';
import { orgApi, orgKeys } from '../../api/org.ts';
import { pointsApi, pointsKeys, type RuleOut, type UploadedFile } from '../../api/points.ts';
import { useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { todayInShanghai } from '../../components/format.ts';
import { PersonSelect } from '../../components/person-select.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { KindTag } from './claim-parts.tsx';
import { PhoneTitle } from './phone-back.tsx';
import { type Participant, usePointsLabels } from './points-labels.ts';
import { useMyCommunity } from './use-my-community.ts';
import { useRulebookInForce } from './use-rulebook-in-force.ts';

const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTOS = 9;

type Values = {
  personId?: string;
  ruleCode: string;
  quantity: number;
  deedDate: Dayjs;
  description: string;
};

/** 申报积分: a resident declares a deed of their own, with photos. */
export function PhoneDeclarePage() {
  return <DeclareForm onBehalf={false} />;
}

/** 代为申报: a grid worker declares for a resident of the grid (deductions too). */
export function PhoneDeclareForPage() {
  return <DeclareForm onBehalf />;
}

/** Everyone is a resident; the person's tags add the other participant types a rule may be for. */
function participantsOf(tags: readonly string[]): Participant[] {
  const out: Participant[] = ['resident'];
  if (tags.includes('gig_worker')) out.push('gig_worker');
  if (tags.includes('volunteer')) out.push('volunteer');
  return out;
}

function DeclareForm({ onBehalf }: { onBehalf: boolean }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile<UploadedFile>[]>([]);
  const { community } = useMyCommunity();
  const rulebook = useRulebookInForce(community?.id);

  // Who the claim is for, and so which participant types its rules must fit.
  const personId = Form.useWatch('personId', form);
  const householdId = me.roles.find((r) => r.role === 'resident')?.householdId ?? '';
  const household = useQuery({
    queryKey: orgKeys.household(householdId),
    queryFn: () => orgApi.household(householdId),
    enabled: !onBehalf && !!householdId,
  });
  const person = useQuery({
    queryKey: orgKeys.person(personId ?? ''),
    queryFn: () => orgApi.person(personId!),
    enabled: onBehalf && !!personId,
  });
  const tags = onBehalf
    ? (person.data?.tags ?? [])
    : (household.data?.members.find((m) => m.personId === me.user.personId)?.tags ?? []);
  const mayBe = participantsOf(tags);
  const via = onBehalf ? 'grid_worker' : 'self';
  const rules = rulebook.rules.filter(
    (r) => r.declarers.includes(via) && r.participants.some((p) => mayBe.includes(p)),
  );

  const ruleCode = Form.useWatch('ruleCode', form);
  const quantity = Form.useWatch('quantity', form) ?? 1;
  const rule = rules.find((r) => r.code === ruleCode);
  const uploading = photos.some((f) => f.status === 'uploading');
  // A resident's own claim under a photo rule needs one; a grid worker has seen the deed in person.
  const needsPhoto = rule?.evidence === 'photo' && !onBehalf && !photos.some((f) => f.status === 'done');

  const declare = useMutation({
    mutationFn: (v: Values) =>
      pointsApi.declare({
        ruleCode: v.ruleCode,
        personId: onBehalf ? v.personId : undefined,
        quantity: v.quantity,
        deedDate: v.deedDate.format('YYYY-MM-DD'),
        description: v.description.trim(),
        photoIds: photos.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])),
      }),
    onSuccess: async (c) => {
      message.success(c.state === 'checked' ? t('declare.submittedChecked') : t('declare.submitted'));
      await qc.invalidateQueries({ queryKey: pointsKeys.all });
      navigate(`/m/points/claims/${c.id}`, { replace: true });
    },
  });

  const onFinish = (v: Values) => {
    if (uploading) return void message.warning(t('declare.photoUploading'));
    if (needsPhoto) return void message.error(t('declare.photoRequired'));
    declare.mutate(v);
  };

  const today = todayInShanghai();
  const body = () => {
    if (rulebook.isPending) return <Skeleton active />;
    if (rulebook.none || !rulebook.book)
      return <Alert type="warning" showIcon title={t('declare.noRulebook')} />;
    return (
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ quantity: 1, deedDate: dayjs(today) }}
        onFinish={onFinish}
        size="large"
      >
        {onBehalf && (
          <Form.Item
            name="personId"
            label={t('declare.person')}
            rules={[{ required: true, message: t('declare.personRequired') }]}
          >
            <PersonSelect />
          </Form.Item>
        )}
        <Form.Item
          name="ruleCode"
          label={t('declare.rule')}
          rules={[{ required: true, message: t('declare.ruleRequired') }]}
          extra={t('declare.basis', { title: rulebook.book.title, version: rulebook.book.version })}
        >
          {rules.length === 0 ? (
            <Alert type="info" title={t('declare.noRules')} />
          ) : (
            <Radio.Group vertical style={{ width: '100%' }} data-testid="rule-options">
              {rules.map((r) => (
                <Radio
                  key={r.code}
                  value={r.code}
                  className="linli-rule-option"
                  data-testid={`rule-${r.code}`}
                >
                  <RuleLine rule={r} />
                </Radio>
              ))}
            </Radio.Group>
          )}
        </Form.Item>
        <Form.Item
          name="quantity"
          label={
            rule
              ? t('points.paren', { text: t('declare.quantity'), inner: labels.unit(rule.unit) })
              : t('declare.quantity')
          }
          rules={[{ required: true, message: t('form.required') }]}
          extra={rule && <Estimate rule={rule} quantity={quantity} />}
        >
          <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="deedDate"
          label={t('declare.deedDate')}
          rules={[{ required: true, message: t('declare.deedDateRequired') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            inputReadOnly
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('declare.description')}
          rules={[
            { required: true, whitespace: true, message: t('declare.descriptionInvalid') },
            zodRule(claimCreate.shape.description, t('declare.descriptionInvalid')),
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('declare.descriptionPlaceholder')}
            data-testid="declare-description"
          />
        </Form.Item>
        <Form.Item
          label={t('declare.photos')}
          extra={t('declare.photosHint')}
          required={rule?.evidence === 'photo' && !onBehalf}
        >
          <Upload<UploadedFile>
            listType="picture-card"
            accept={PHOTO_TYPES.join(',')}
            multiple
            maxCount={MAX_PHOTOS}
            fileList={photos}
            onChange={({ fileList }) => setPhotos(fileList)}
            beforeUpload={(file) => {
              if (!PHOTO_TYPES.includes(file.type)) {
                message.error(t('declare.photoType'));
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_PHOTO_BYTES) {
                message.error(t('declare.photoTooLarge'));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onSuccess, onError }) => {
              pointsApi
                .upload(file as File)
                .then((r) => onSuccess?.(r))
                .catch((e: Error) => {
                  message.error(e.message);
                  onError?.(e);
                });
            }}
            data-testid="photo-upload"
          >
            {photos.length < MAX_PHOTOS && (
              <button type="button" className="linli-upload-button">
                <CameraOutlined style={{ fontSize: 22 }} />
                <div>{t('declare.addPhoto')}</div>
              </button>
            )}
          </Upload>
        </Form.Item>
        {needsPhoto && (
          <Alert type="info" showIcon title={t('declare.photoRequired')} style={{ marginBottom: 16 }} />
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={declare.isPending}
          disabled={uploading}
          data-testid="declare-submit"
        >
          {t('declare.submit')}
        </Button>
        <FormError error={declare.error} />
      </Form>
    );
  };

  return (
    <>
      <PhoneTitle title={onBehalf ? t('declare.titleFor') : t('declare.title')} />
      <Card>{body()}</Card>
    </>
  );
}

function RuleLine({ rule: r }: { rule: RuleOut }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  return (
    <span style={{ display: 'block' }}>
      <span style={{ wordBreak: 'break-word' }}>
        <span className="linli-muted" style={{ marginRight: 6 }}>
          {r.code}
        </span>
        {r.title}
      </span>
      <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 }}>
        <KindTag kind={r.kind} />
        <Tag style={{ marginInlineEnd: 0 }}>
          {t('rulebooks.perUnitValue', {
            points: r.kind === 'deduction' ? -r.pointsPerUnit : r.pointsPerUnit,
            unit: labels.unit(r.unit),
          })}
        </Tag>
        {r.evidence === 'photo' && <Tag style={{ marginInlineEnd: 0 }}>{t('points.evidence.photo')}</Tag>}
      </span>
    </span>
  );
}

function Estimate({ rule, quantity }: { rule: RuleOut; quantity: number }) {
  const { t } = useTranslation();
  const points = rule.pointsPerUnit * (Number(quantity) || 1);
  const caps = [
    rule.capDay && t('declare.capDay', { n: rule.capDay }),
    rule.capMonth && t('declare.capMonth', { n: rule.capMonth }),
    rule.capYear && t('declare.capYear', { n: rule.capYear }),
  ].filter(Boolean);
  return (
    <span data-testid="declare-estimate">
      {rule.kind === 'deduction'
        ? t('declare.estimateDeduction', { points })
        : t('declare.estimate', { points })}
      {caps.length > 0 && ` · ${t('declare.caps', { caps: caps.join('，') })}`}
    </span>
  );
}
