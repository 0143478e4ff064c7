import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, Descriptions, Empty, Input, Row, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type AwardCandidates, type AwardOut, summaryApi, summaryKeys } from '../../api/summaries.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useAwardTitle, usePointsLabels } from './points-labels.ts';

/** One award category: choose winners from the year's ranking, then publish (frozen, masked). */
export function AwardDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const award = useQuery({ queryKey: summaryKeys.award(id), queryFn: () => summaryApi.award(id) });
  return (
    <QueryState
      query={award}
      notFoundTitle={t('awards.notFound')}
      notFoundExtra={
        <Link to="/admin/points/awards">
          <Button>{t('awards.backToList')}</Button>
        </Link>
      }
    >
      {(a) => <AwardDetail award={a} />}
    </QueryState>
  );
}

type Choice = { accountId: string; citation: string };

function AwardDetail({ award: a }: { award: AwardOut }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  const awardTitle = useAwardTitle();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const reviewer = a.allowed.includes('points:review');
  const draft = a.state === 'draft';
  const candidates = useQuery({
    queryKey: summaryKeys.candidates(a.id),
    queryFn: () => summaryApi.candidates(a.id),
    enabled: reviewer && draft,
  });
  const [chosen, setChosen] = useState<Choice[]>([]);
  useEffect(() => {
    setChosen((a.winners ?? []).map((w) => ({ accountId: w.accountId, citation: w.citation ?? '' })));
  }, [a.winners]);

  const refresh = () => qc.invalidateQueries({ queryKey: summaryKeys.awards });
  const save = useMutation({
    mutationFn: () =>
      summaryApi.setWinners(a.id, {
        winners: chosen.map((c) => ({ accountId: c.accountId, citation: c.citation.trim() || undefined })),
      }),
    onSuccess: async () => {
      message.success(t('awards.winnersSaved'));
      await refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const publish = useMutation({
    mutationFn: () => summaryApi.publishAward(a.id),
    onSuccess: async () => {
      message.success(t('awards.publishedDone'));
      await refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const confirmPublish = () =>
    modal.confirm({
      title: t('awards.publishConfirm', { title: awardTitle(a) }),
      content: t('awards.publishHint'),
      okText: t('awards.publish'),
      cancelText: t('common.cancel'),
      onOk: () => publish.mutateAsync().catch(() => undefined),
    });
  const toggle = (accountId: string, on: boolean) =>
    setChosen((list) =>
      on ? [...list, { accountId, citation: '' }] : list.filter((c) => c.accountId !== accountId),
    );
  const cite = (accountId: string, citation: string) =>
    setChosen((list) => list.map((c) => (c.accountId === accountId ? { ...c, citation } : c)));

  const title = `${a.year} ${awardTitle(a)}`;
  return (
    <>
      <PageHeader
        title={
          <>
            {title}{' '}
            {draft ? (
              <Tag color="gold">{t('awards.draft')}</Tag>
            ) : (
              <Tag color="green">{t('awards.published')}</Tag>
            )}
          </>
        }
        crumbs={[{ title: t('menu.pointsAwards'), to: '/admin/points/awards' }, { title }]}
        extra={
          reviewer &&
          draft && (
            <>
              <Button loading={save.isPending} onClick={() => save.mutate()} data-testid="award-save">
                {t('awards.saveWinners')}
              </Button>
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={publish.isPending}
                disabled={(a.winners ?? []).length === 0}
                onClick={confirmPublish}
                data-testid="award-publish"
              >
                {t('awards.publish')}
              </Button>
            </>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('awards.community')}>{a.communityName}</Descriptions.Item>
          <Descriptions.Item label={t('awards.participant')}>
            {a.participant ? labels.participant(a.participant) : t('awards.anyParticipant')}
          </Descriptions.Item>
          <Descriptions.Item label={t('points.stateLabel')}>
            {a.publishedAt
              ? t('awards.publishedAt', { time: formatDateTime(a.publishedAt, i18n.language) })
              : t('awards.draft')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        {reviewer && draft && (
          <Col xs={24} xl={14}>
            <Card title={t('awards.candidates')}>
              {candidates.isError ? (
                <QueryError error={candidates.error} onRetry={() => candidates.refetch()} />
              ) : (
                <Table<AwardCandidates['items'][number]>
                  rowKey="accountId"
                  size="small"
                  loading={candidates.isFetching}
                  dataSource={candidates.data?.items}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty description={t('awards.noCandidates')} /> }}
                  columns={[
                    { title: t('summary.rank'), dataIndex: 'rank', width: 60 },
                    { title: t('posting.name'), dataIndex: 'name' },
                    { title: t('awards.publicName'), dataIndex: 'publicName' },
                    { title: t('points.points'), dataIndex: 'points', align: 'right', width: 80 },
                    {
                      title: t('awards.choose'),
                      key: 'choose',
                      width: 90,
                      render: (_, c) => (
                        <Checkbox
                          checked={chosen.some((x) => x.accountId === c.accountId)}
                          onChange={(e) => toggle(c.accountId, e.target.checked)}
                          data-testid="award-choose"
                        />
                      ),
                    },
                  ]}
                />
              )}
            </Card>
          </Col>
        )}
        <Col xs={24} xl={reviewer && draft ? 10 : 24}>
          <Card title={t('awards.winners')} data-testid="award-winners">
            {draft ? (
              chosen.length === 0 ? (
                <Empty description={t('awards.noWinners')} />
              ) : (
                chosen.map((c) => {
                  const who =
                    candidates.data?.items.find((x) => x.accountId === c.accountId) ??
                    a.winners?.find((w) => w.accountId === c.accountId);
                  return (
                    <div key={c.accountId} style={{ marginBottom: 12 }}>
                      <div style={{ fontWeight: 500 }}>
                        {who?.name} <span style={{ color: 'rgba(0,0,0,0.45)' }}>{who?.publicName}</span>{' '}
                        {t('points.pts', { points: who?.points ?? 0 })}
                      </div>
                      {reviewer ? (
                        <Input.TextArea
                          rows={2}
                          maxLength={200}
                          value={c.citation}
                          placeholder={t('awards.citationPlaceholder')}
                          onChange={(e) => cite(c.accountId, e.target.value)}
                        />
                      ) : (
                        c.citation
                      )}
                    </div>
                  );
                })
              )
            ) : (
              <Table
                rowKey={(w) => `${w.name}-${w.points}-${w.citation ?? ''}`}
                size="small"
                pagination={false}
                dataSource={a.published ?? []}
                columns={[
                  { title: t('posting.name'), dataIndex: 'name' },
                  { title: t('points.points'), dataIndex: 'points', align: 'right', width: 90 },
                  {
                    title: t('awards.citation'),
                    dataIndex: 'citation',
                    render: (v: string | null) => v ?? '—',
                  },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
