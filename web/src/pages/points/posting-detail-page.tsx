import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { objectionDecide } from '../../../../common/contracts/points.ts';
import { type ObjectionOut, type PostingOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { KindTag } from './claim-parts.tsx';
import { signed, usePointsLabels } from './points-labels.ts';

type Row = PostingOut['rows'][number];

/** A posting as published (masked, frozen) and the objections against it, with the committee's decisions. */
export function PostingDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const posting = useQuery({ queryKey: pointsKeys.posting(id), queryFn: () => pointsApi.posting(id) });
  return (
    <QueryState
      query={posting}
      notFoundTitle={t('postings.notFound')}
      notFoundExtra={
        <Link to="/admin/points/postings">
          <Button>{t('postings.backToList')}</Button>
        </Link>
      }
    >
      {(p) => <PostingDetail posting={p} />}
    </QueryState>
  );
}

const OBJECTION_COLORS: Record<ObjectionOut['state'], string> = {
  open: 'orange',
  upheld: 'red',
  dismissed: 'default',
};

function PostingDetail({ posting: p }: { posting: PostingOut }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  const objections = useQuery({
    queryKey: [...pointsKeys.objections, { postingId: p.id }],
    queryFn: () => pointsApi.objections({ postingId: p.id }),
  });
  const [deciding, setDeciding] = useState<ObjectionOut | null>(null);
  const rowOf = new Map(p.rows.map((r) => [r.claimId, r]));
  const title = `${p.communityName} ${t('posting.period', { period: p.period })}`;
  return (
    <>
      <PageHeader
        title={
          <>
            {title}{' '}
            <Tag color={p.state === 'open' ? 'purple' : 'default'}>{t(`points.postingState.${p.state}`)}</Tag>
          </>
        }
        crumbs={[{ title: t('menu.pointsPostings'), to: '/admin/points/postings' }, { title }]}
        extra={
          <Link to={`/board/${p.communityId}/postings/${p.id}`} target="_blank">
            <Button icon={<PrinterOutlined />}>{t('postings.publicPage')}</Button>
          </Link>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('postings.opensAt')}>
            {formatDateTime(p.opensAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('postings.closesAt')}>
            {formatDateTime(p.closesAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('postings.objections')}>{p.objections}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('points.paren', { text: t('postings.rows'), inner: p.rows.length })}
        style={{ marginBottom: 16 }}
      >
        <Table<Row>
          rowKey="claimId"
          dataSource={p.rows}
          pagination={p.rows.length > 50 ? { pageSize: 50 } : false}
          data-testid="posting-rows"
          columns={[
            {
              title: t('posting.name'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <Typography.Text delete={r.revoked} data-testid="posting-row-name">
                  {name}
                </Typography.Text>
              ),
            },
            {
              title: t('posting.participant'),
              dataIndex: 'participant',
              render: (v: Row['participant']) => labels.participant(v),
            },
            { title: t('points.rule'), dataIndex: 'ruleTitle' },
            {
              title: t('rulebooks.kind'),
              dataIndex: 'kind',
              render: (k: Row['kind']) => <KindTag kind={k} />,
            },
            {
              title: t('points.points'),
              dataIndex: 'points',
              align: 'right',
              render: (v: number) => (
                <Typography.Text strong style={{ color: v < 0 ? '#cf1322' : '#389e0d' }}>
                  {signed(v)}
                </Typography.Text>
              ),
            },
            { title: t('points.deedDate'), dataIndex: 'deedDate' },
            {
              title: t('points.stateLabel'),
              dataIndex: 'revoked',
              render: (revoked: boolean) =>
                revoked ? <Tag color="volcano">{t('posting.revoked')}</Tag> : null,
            },
            {
              title: t('postings.claim'),
              key: 'claim',
              render: (_, r) => <Link to={`/admin/points/claims/${r.claimId}`}>{t('common.detail')}</Link>,
            },
          ]}
        />
      </Card>
      <Card title={t('postings.objectionList')} data-testid="objections">
        <Table<ObjectionOut>
          rowKey="id"
          loading={objections.isFetching}
          dataSource={objections.data}
          pagination={false}
          locale={{ emptyText: <Empty description={t('postings.noObjections')} /> }}
          columns={[
            {
              title: t('postings.claim'),
              dataIndex: 'claimId',
              render: (id: string) => {
                const r = rowOf.get(id);
                return <Link to={`/admin/points/claims/${id}`}>{r ? `${r.name} · ${r.ruleTitle}` : id}</Link>;
              },
            },
            { title: t('postings.reason'), dataIndex: 'reason' },
            {
              title: t('postings.filedAt'),
              dataIndex: 'createdAt',
              width: 170,
              render: (v: string) => formatDateTime(v, i18n.language),
            },
            {
              title: t('points.stateLabel'),
              dataIndex: 'state',
              width: 110,
              render: (s: ObjectionOut['state']) => (
                <Tag color={OBJECTION_COLORS[s]}>{t(`points.objectionState.${s}`)}</Tag>
              ),
            },
            {
              title: t('postings.decision'),
              dataIndex: 'decisionNote',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 110,
              render: (_, o) =>
                o.state === 'open' && o.allowed.includes('points:review') ? (
                  <Button type="link" onClick={() => setDeciding(o)} data-testid="decide-objection">
                    {t('postings.decideTitle')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {deciding && (
        <DecideModal
          objection={deciding}
          row={rowOf.get(deciding.claimId)}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}

type Decision = { decision: 'uphold' | 'dismiss'; note: string };

function DecideModal({
  objection: o,
  row,
  onClose,
}: {
  objection: ObjectionOut;
  row?: Row;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Decision>();
  const decision = Form.useWatch('decision', form);
  const decide = useMutation({
    mutationFn: (v: Decision) => pointsApi.decide(o.id, v.decision, v.note.trim()),
    onSuccess: async () => {
      message.success(t('postings.decided'));
      await qc.invalidateQueries({ queryKey: pointsKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('postings.decideTitle')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      {row && (
        <Typography.Paragraph type="secondary">
          {t('posting.objectFor', { name: row.name, rule: row.ruleTitle, points: signed(row.points) })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph>
        {t('points.labelled', { label: t('postings.reason'), value: o.reason })}
      </Typography.Paragraph>
      <Form<Decision>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'dismiss' }}
        onFinish={(v) => decide.mutate(v)}
      >
        <Form.Item
          name="decision"
          extra={decision === 'uphold' ? t('postings.upholdHint') : t('postings.dismissHint')}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'dismiss', label: t('postings.dismiss') },
              { value: 'uphold', label: t('postings.uphold') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('postings.decisionNote')}
          rules={[
            { required: true, whitespace: true, message: t('postings.decisionNoteInvalid') },
            zodRule(objectionDecide.shape.note, t('postings.decisionNoteInvalid')),
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('postings.decisionNotePlaceholder')}
            data-testid="decision-note"
          />
        </Form.Item>
        <FormError error={decide.error} />
      </Form>
    </Modal>
  );
}
