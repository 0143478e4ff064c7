import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PARTICIPANTS } from '../../../../common/contracts/points.ts';
import { awardCreate, BUILT_IN_AWARDS, type BuiltInAward } from '../../../../common/contracts/summaries.ts';
import { type AwardOut, summaryApi, summaryKeys } from '../../api/summaries.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime, todayInShanghai } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { zodRule } from '../../components/zod-rule.ts';
import { type Participant, useAwardTitle, usePointsLabels } from './points-labels.ts';
import { useCommunityChoice } from './use-community-choice.tsx';

/** 一年一表彰: the year's award categories of a community, their state and winners. */
export function AwardsPage() {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  const me = useMe();
  const awardTitle = useAwardTitle();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const { communityId, picker } = useCommunityChoice(t('postings.pickCommunity'));
  const { values, update } = useSearchState(['year'] as const);
  const year = Number(values.year) || thisYear;
  const [creating, setCreating] = useState(false);
  const q = { communityId: communityId ?? '', year };
  const list = useQuery({
    queryKey: [...summaryKeys.awards, q],
    queryFn: () => summaryApi.awards(q),
    enabled: !!communityId,
  });
  return (
    <>
      <PageHeader
        title={t('menu.pointsAwards')}
        subTitle={t('awards.hint')}
        extra={
          communityId &&
          can(me, 'points:review') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="award-create"
            >
              {t('awards.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {picker}
          <Select
            value={year}
            onChange={(y: number) => update({ year: y })}
            options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
            style={{ width: 120 }}
          />
        </Flex>
        {!communityId ? (
          <Empty description={t('postings.pickCommunityFirst')} />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<AwardOut>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data}
            pagination={false}
            locale={{ emptyText: <Empty description={t('awards.none')} /> }}
            columns={[
              {
                title: t('awards.category'),
                key: 'title',
                render: (_, a) => (
                  <Link to={`/admin/points/awards/${a.id}`} data-testid="award-link">
                    <TrophyOutlined style={{ color: '#d48806', marginRight: 6 }} />
                    {awardTitle(a)}
                  </Link>
                ),
              },
              { title: t('awards.year'), dataIndex: 'year', width: 90 },
              {
                title: t('awards.participant'),
                dataIndex: 'participant',
                width: 140,
                render: (p: Participant | null) => (p ? labels.participant(p) : t('awards.anyParticipant')),
              },
              {
                title: t('points.stateLabel'),
                dataIndex: 'state',
                width: 120,
                render: (s: AwardOut['state']) =>
                  s === 'published' ? (
                    <Tag color="green">{t('awards.published')}</Tag>
                  ) : (
                    <Tag color="gold">{t('awards.draft')}</Tag>
                  ),
              },
              {
                title: t('awards.winners'),
                key: 'winners',
                render: (_, a) =>
                  (a.published ?? a.winners ?? []).map((w) => w.name).join('、') || t('awards.noWinners'),
              },
              {
                title: t('awards.published'),
                dataIndex: 'publishedAt',
                width: 180,
                render: (v: string | null) => (v ? formatDateTime(v, i18n.language) : '—'),
              },
            ]}
          />
        )}
      </Card>
      {creating && communityId && (
        <CreateAwardModal communityId={communityId} year={year} onClose={() => setCreating(false)} />
      )}
    </>
  );
}

type Values = { category: string; code?: string; title?: string; participant?: Participant };
const CUSTOM = '__custom';

function CreateAwardModal({
  communityId,
  year,
  onClose,
}: {
  communityId: string;
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const custom = category === CUSTOM;
  const create = useMutation({
    mutationFn: (v: Values) =>
      summaryApi.createAward({
        communityId,
        year,
        category: custom ? (v.code ?? '').trim() : v.category,
        title: custom ? v.title?.trim() : undefined,
        participant: v.category === 'pioneer_rider' ? 'gig_worker' : v.participant,
      }),
    onSuccess: async (a) => {
      message.success(t('common.created'));
      await qc.invalidateQueries({ queryKey: summaryKeys.awards });
      navigate(`/admin/points/awards/${a.id}`);
    },
  });
  return (
    <Modal
      open
      title={`${t('awards.create')} · ${year}`}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ category: 'best_neighbour' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="category"
          label={t('awards.category')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Select
            options={[
              ...(Object.keys(BUILT_IN_AWARDS) as BuiltInAward[]).map((c) => ({
                value: c,
                label: t(`awards.builtIn.${c}`),
              })),
              { value: CUSTOM, label: t('awards.custom') },
            ]}
          />
        </Form.Item>
        {custom && (
          <>
            <Form.Item
              name="code"
              label={t('awards.customCode')}
              extra={t('awards.customCodeHint')}
              rules={[
                { required: true, message: t('form.required') },
                zodRule(awardCreate.shape.category, t('awards.customCodeInvalid')),
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('awards.customTitle')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </>
        )}
        {category !== 'pioneer_rider' && (
          <Form.Item name="participant" label={t('awards.participant')}>
            <Select
              allowClear
              placeholder={t('awards.anyParticipant')}
              options={PARTICIPANTS.map((p) => ({ value: p, label: labels.participant(p) }))}
            />
          </Form.Item>
        )}
        <FormError error={create.error} />
      </Form>
    </Modal>
  );
}
