import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, List, Radio, Select, Skeleton, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CASE_KINDS, caseCreate } from '../../../../common/contracts/cases.ts';
import { orgApi, orgKeys } from '../../api/org.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { LocateButton } from './case-actions.tsx';
import { CaseStateTag } from './case-parts.tsx';
import { type CaseKind, caseKeys, casesApi, type Duplicate } from './cases-api.ts';
import { isUploading, type PhotoList, PhotoUpload, photoIdsOf } from './photo-upload.tsx';
import { useGeolocation } from './use-geolocation.ts';

type Values = {
  kind: CaseKind;
  categoryCode: string;
  description: string;
  orgUnitId: string;
  address?: string;
  anonymous: boolean;
};

/** 随手拍 / 我要报事: what, where, photos; similar open cases are shown before it is filed. */
export function PhoneReportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const householdId = me.roles.find((r) => r.role === 'resident' && r.householdId)?.householdId ?? '';
  const household = useQuery({
    queryKey: orgKeys.household(householdId),
    queryFn: () => orgApi.household(householdId),
    enabled: !!householdId,
  });
  return (
    <>
      <PhoneTitle title={t('cases.report.title')} back="/m" />
      <Card>
        {householdId && household.isPending ? (
          <Skeleton active />
        ) : (
          <ReportForm
            home={
              household.data
                ? {
                    buildingId: household.data.buildingId,
                    places: [
                      ...household.data.trail
                        .filter(
                          (u) => u.kind === 'building' || u.kind === 'compound' || u.kind === 'community',
                        )
                        .reverse(),
                    ],
                  }
                : null
            }
          />
        )}
      </Card>
    </>
  );
}

type Home = { buildingId: string; places: { id: string; name: string; kind: string }[] };

function ReportForm({ home }: { home: Home | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PhotoList>([]);
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const geo = useGeolocation();
  // Scanned at a compound gate (部门职责清单): the compound, unless the reporter lives in it.
  const [search] = useSearchParams();
  const fromGate = search.get('orgUnitId') ?? undefined;
  const kind = Form.useWatch('kind', form);
  const orgUnitId = Form.useWatch('orgUnitId', form) ?? home?.buildingId;
  const categories = useQuery({
    queryKey: caseKeys.categories(orgUnitId),
    queryFn: () => casesApi.categories(orgUnitId),
  });
  const fitting = (categories.data ?? []).filter((c) => !kind || c.kinds.includes(kind));
  const staff = can(me, 'cases:check') || can(me, 'cases:handle');
  // Without a home or the org tree (a sentinel): the places of their own grants.
  const grantPlaces = [...new Map(me.roles.map((r) => [r.orgUnitId, r.orgUnitName])).entries()].map(
    ([value, label]) => ({ value, label }),
  );

  const report = useMutation({
    mutationFn: (v: Values) =>
      casesApi.report({
        kind: v.kind,
        categoryCode: v.categoryCode,
        description: v.description.trim(),
        photoIds: photoIdsOf(photos),
        orgUnitId: v.orgUnitId,
        address: v.address?.trim() || undefined,
        lat: geo.position?.lat,
        lng: geo.position?.lng,
        anonymous: v.anonymous,
      }),
    onSuccess: async (c) => {
      message.success(t('cases.report.submitted'));
      await qc.invalidateQueries({ queryKey: caseKeys.all });
      navigate(`/m/cases/${c.id}`, { replace: true });
    },
  });
  const lookup = useMutation({
    mutationFn: (v: Values) => casesApi.duplicates(v.categoryCode, v.orgUnitId),
    onSuccess: (found, v) => {
      if (found.length === 0) report.mutate(v);
      else setDuplicates(found);
    },
  });

  const onFinish = (v: Values) => {
    if (isUploading(photos)) return void message.warning(t('cases.report.photoUploading'));
    lookup.mutate(v);
  };

  if (duplicates) {
    return (
      <div data-testid="report-duplicates">
        <Alert
          type="warning"
          showIcon
          title={t('cases.report.duplicatesTitle')}
          description={t('cases.report.duplicatesHint')}
          style={{ marginBottom: 12 }}
        />
        <List
          dataSource={duplicates}
          renderItem={(d) => (
            <List.Item
              data-testid="duplicate-item"
              extra={
                staff && (
                  <Link to={`/m/cases/${d.id}`}>
                    <Button size="small">{t('cases.report.openExisting')}</Button>
                  </Link>
                )
              }
            >
              <List.Item.Meta
                title={<span style={{ wordBreak: 'break-word' }}>{d.description}</span>}
                description={
                  <Flex gap={6} wrap align="center">
                    <CaseStateTag state={d.state} />
                    <span className="linli-muted">
                      {d.place} · {formatDateTime(d.createdAt, i18n.language)}
                    </span>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Button
            type="primary"
            size="large"
            block
            loading={report.isPending}
            onClick={() => report.mutate(form.getFieldsValue(true) as Values)}
            data-testid="report-go-on"
          >
            {t('cases.report.goOn')}
          </Button>
          <Button size="large" block onClick={() => setDuplicates(null)}>
            {t('cases.report.back')}
          </Button>
        </Flex>
        <FormError error={report.error} />
      </div>
    );
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      size="large"
      initialValues={{
        anonymous: false,
        orgUnitId:
          home?.buildingId ??
          (can(me, 'org:read')
            ? fromGate
            : (grantPlaces.find((p) => p.value === fromGate) ?? grantPlaces[0])?.value),
      }}
      onFinish={onFinish}
      preserve
    >
      <Form.Item
        name="kind"
        label={t('cases.field.kind')}
        rules={[{ required: true, message: t('cases.report.kindRequired') }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
          onChange={() => form.setFieldValue('categoryCode', undefined)}
          data-testid="report-kind"
        >
          {CASE_KINDS.map((k) => (
            <Radio.Button key={k} value={k} data-testid={`kind-${k}`} style={{ borderRadius: 6 }}>
              {t(`cases.kind.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {kind === 'emergency' && (
        <Alert type="error" showIcon title={t('cases.detail.emergency')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="categoryCode"
        label={t('cases.field.category')}
        rules={[{ required: true, message: t('cases.report.categoryRequired') }]}
      >
        <Select
          loading={categories.isPending}
          disabled={!kind}
          notFoundContent={t('cases.report.noCategories')}
          options={fitting.map((c) => ({ value: c.code, label: c.name }))}
          data-testid="report-category"
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('cases.field.description')}
        rules={[
          { required: true, whitespace: true, message: t('cases.report.descriptionInvalid') },
          zodRule(caseCreate.shape.description, t('cases.report.descriptionInvalid')),
        ]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('cases.report.descriptionPlaceholder')}
          data-testid="report-description"
        />
      </Form.Item>
      <Form.Item label={t('cases.field.photos')} extra={t('cases.report.photosHint')}>
        <PhotoUpload value={photos} onChange={setPhotos} />
      </Form.Item>
      <Form.Item label={t('cases.field.place')} extra={home ? t('cases.report.placeHint') : undefined}>
        <div data-testid="report-place-field">
          <Form.Item
            name="orgUnitId"
            noStyle
            rules={[{ required: true, message: t('cases.report.placeRequired') }]}
          >
            {home ? (
              <Select
                options={home.places.map((p) => ({ value: p.id, label: p.name }))}
                data-testid="report-place"
              />
            ) : !can(me, 'org:read') ? (
              <Select options={grantPlaces} data-testid="report-place" />
            ) : (
              <OrgUnitPicker
                selectableKinds={['building', 'compound', 'community']}
                allowClear={false}
                style={{ width: '100%' }}
              />
            )}
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name="address" label={t('cases.field.address')}>
        <Input maxLength={200} placeholder={t('cases.report.addressPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('cases.field.location')}>
        <LocateButton geo={geo} />
      </Form.Item>
      <Form.Item
        name="anonymous"
        label={t('cases.field.anonymous')}
        valuePropName="checked"
        extra={t('cases.report.anonymousHint')}
      >
        <Switch data-testid="report-anonymous" />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        loading={lookup.isPending || report.isPending}
        disabled={isUploading(photos)}
        data-testid="report-submit"
      >
        {lookup.isPending ? t('cases.report.checkingDuplicates') : t('cases.report.submit')}
      </Button>
      <FormError error={lookup.error ?? report.error} />
    </Form>
  );
}
