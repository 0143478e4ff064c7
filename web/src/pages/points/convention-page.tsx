import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conventionIn } from '../../../../common/contracts/points.ts';
import { boardApi, boardKeys } from '../../api/board.ts';
import { isApiError } from '../../api/client.ts';
import { pointsApi } from '../../api/points.ts';
import { FormError } from '../../components/form-error.tsx';
import { todayInShanghai } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { useCommunityChoice } from './use-community-choice.tsx';

/** 居民公约: the convention in force for a community (its own, else its subdistrict's); publish a new one. */
export function ConventionPage() {
  const { t } = useTranslation();
  const { communityId, picker } = useCommunityChoice(t('postings.pickCommunity'));
  const [publishing, setPublishing] = useState(false);
  // The signed-in API has no reader for conventions; the public board's is the same text, unmasked anyway.
  const convention = useQuery({
    queryKey: boardKeys.convention(communityId ?? ''),
    queryFn: () => boardApi.convention(communityId!),
    enabled: !!communityId,
    retry: false,
  });
  const none = isApiError(convention.error, 404);
  return (
    <>
      <PageHeader
        title={t('menu.pointsConvention')}
        subTitle={t('convention.hint')}
        extra={
          communityId && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setPublishing(true)}
              data-testid="convention-publish"
            >
              {t('convention.publish')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {picker}
        </Flex>
        {!communityId ? (
          <Empty description={t('postings.pickCommunityFirst')} />
        ) : convention.isPending ? (
          <Skeleton active />
        ) : none ? (
          <Empty description={t('convention.none')} />
        ) : convention.isError ? (
          <QueryError error={convention.error} onRetry={() => convention.refetch()} />
        ) : (
          <div data-testid="convention-current">
            <Typography.Title level={4} style={{ textAlign: 'center' }}>
              {convention.data.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
              {t('points.labelled', { label: t('convention.publisher'), value: convention.data.orgUnitName })}{' '}
              ·{' '}
              {t('convention.version', {
                version: convention.data.version,
                date: convention.data.effectiveFrom ?? '—',
              })}
            </Typography.Paragraph>
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 2, maxWidth: 760, margin: '0 auto' }}
            >
              {convention.data.body}
            </Typography.Paragraph>
          </div>
        )}
      </Card>
      {publishing && communityId && (
        <PublishModal
          communityId={communityId}
          initial={convention.data ? { title: convention.data.title, body: convention.data.body } : undefined}
          onClose={() => setPublishing(false)}
        />
      )}
    </>
  );
}

type Values = { orgUnitId: string; title: string; body: string; effectiveFrom: Dayjs };

function PublishModal({
  communityId,
  initial,
  onClose,
}: {
  communityId: string;
  initial?: { title: string; body: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const shape = conventionIn.shape;
  const publish = useMutation({
    mutationFn: (v: Values) =>
      pointsApi.publishConvention({
        orgUnitId: v.orgUnitId,
        title: v.title.trim(),
        body: v.body.trim(),
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      }),
    onSuccess: async (c) => {
      message.success(t('convention.published', { version: c.version }));
      await qc.invalidateQueries({ queryKey: ['board'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      width={720}
      title={t('convention.publish')}
      okText={t('convention.publish')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={publish.isPending}
      destroyOnHidden
    >
      <Alert type="info" title={t('convention.publishHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ orgUnitId: communityId, effectiveFrom: dayjs(todayInShanghai()), ...initial }}
        onFinish={(v) => publish.mutate(v)}
      >
        <Form.Item
          name="orgUnitId"
          label={t('convention.publisher')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrgUnitPicker selectableKinds={['community', 'subdistrict']} allowClear={false} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('convention.titleField')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.title, t('form.invalid'))]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('convention.body')}
          extra={t('convention.bodyHint')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.body, t('form.invalid'))]}
        >
          <Input.TextArea rows={10} maxLength={20000} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('convention.effectiveFrom')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
        <FormError error={publish.error} />
      </Form>
    </Modal>
  );
}
