import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { centiToM2, type MotionAction, type MotionDetail, votesApi, votesKeys } from '../../api/votes.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { MotionStateTag, ResultView, RuleTag } from './vote-parts.tsx';

/** One motion for staff: its moves, paper-ballot entry while open, the result with the rule explained. */
export function VoteDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const motion = useQuery({ queryKey: votesKeys.motion(id), queryFn: () => votesApi.get(id) });
  return (
    <QueryState query={motion}>
      {(m) => (
        <>
          <PageHeader
            title={m.title}
            crumbs={[{ title: t('menu.votes'), to: '/admin/votes' }, { title: m.title }]}
            extra={<Moves m={m} />}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Overview m={m} />
                {m.state === 'open' && m.actions.length > 0 && <PaperBallots m={m} />}
              </Space>
            </Col>
            <Col xs={24} xl={10}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Card title={t('votes.result.title')} data-testid="result-card">
                  {m.result ? (
                    <ResultView result={m.result} options={m.options} electorate={m.electorate} />
                  ) : (
                    <Typography.Text type="secondary">{t('votes.result.pending')}</Typography.Text>
                  )}
                  {m.state === 'published' && (
                    <div style={{ marginTop: 12 }}>
                      <a
                        href={`/public/votes/${m.id}`}
                        target="_blank"
                        rel="noreferrer"
                        data-testid="public-link"
                      >
                        {t('votes.result.publicLink')}
                      </a>
                    </div>
                  )}
                </Card>
                <Card title={t('votes.admin.history')}>
                  <Timeline
                    items={m.history.map((h) => ({
                      children: (
                        <>
                          <Typography.Text strong>
                            {t(`votes.state.${h.toState as MotionDetail['state']}`)}
                          </Typography.Text>{' '}
                          <Typography.Text type="secondary">
                            {h.actorName} · {formatDateTime(h.at, i18n.language)}
                          </Typography.Text>
                          {h.note && <div>{h.note}</div>}
                        </>
                      ),
                    }))}
                  />
                </Card>
              </Space>
            </Col>
          </Row>
        </>
      )}
    </QueryState>
  );
}

function Overview({ m }: { m: MotionDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'state', label: '', children: <MotionStateTag state={m.state} /> },
          { key: 'rule', label: t('votes.admin.ruleField'), children: <RuleTag rule={m.rule} /> },
          { key: 'scope', label: t('votes.admin.scope'), children: m.scope.name },
          {
            key: 'electorate',
            label: t('votes.admin.electorateField'),
            children: (
              <Space size={4}>
                {t(`votes.electorate.${m.electorate}`)}
                <Tag color={m.secret ? 'gold' : 'default'}>
                  {m.secret ? t('votes.secret') : t('votes.named')}
                </Tag>
              </Space>
            ),
          },
          {
            key: 'closes',
            label: t('votes.admin.closesAtField'),
            children: formatDateTime(m.closesAt, i18n.language),
          },
          {
            key: 'turnout',
            label: t('votes.admin.voted'),
            children:
              m.state === 'draft'
                ? '—'
                : t('votes.turnout', { voted: m.votedCount, total: m.electorateCount }),
          },
          ...(m.quorum
            ? [{ key: 'quorum', label: t('votes.admin.quorum'), children: `${m.quorum[0]}/${m.quorum[1]}` }]
            : []),
          {
            key: 'options',
            label: t('votes.admin.options'),
            span: 2,
            children: m.options.map((o, i) => <Tag key={o}>{`${i + 1}. ${o}`}</Tag>),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t(`votes.ruleHint.${m.rule}`)}
      </Typography.Paragraph>
      {m.description && (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {m.description}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function Moves({ m }: { m: MotionDetail }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const move = useMutation({
    mutationFn: (a: MotionAction) => votesApi.move(m.id, a),
    onSuccess: () => qc.invalidateQueries({ queryKey: votesKeys.all }),
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Space>
      {m.actions.map((a) => (
        <Button
          key={a}
          type={a === 'cancel' ? 'default' : 'primary'}
          danger={a === 'cancel'}
          loading={move.isPending && move.variables === a}
          data-testid={`motion-${a}`}
          onClick={() =>
            modal.confirm({
              title: t(`votes.admin.actions.${a}`),
              content: t(`votes.admin.confirm.${a}`, { scope: m.scope.name }),
              onOk: () => move.mutateAsync(a),
            })
          }
        >
          {t(`votes.admin.actions.${a}`)}
        </Button>
      ))}
    </Space>
  );
}

type Elector = {
  householdId: string | null;
  personId: string | null;
  label: string;
  areaCenti: string;
  voted: boolean;
  channel: 'phone' | 'paper' | null;
};

function PaperBallots({ m }: { m: MotionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [entering, setEntering] = useState<Elector | null>(null);
  const [choice, setChoice] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const list = useQuery({
    queryKey: [...votesKeys.electors(m.id), q, page],
    queryFn: () => votesApi.electors(m.id, { q: q || undefined, page, pageSize: 10 }),
  });
  const enter = useMutation({
    mutationFn: () =>
      votesApi.paper(m.id, {
        choice: choice!,
        note: note || undefined,
        ...(entering?.householdId
          ? { householdId: entering.householdId }
          : { personId: entering?.personId ?? '' }),
      }),
    onSuccess: () => {
      message.success(t('votes.admin.entered', { label: entering?.label }));
      setEntering(null);
      setChoice(null);
      setNote('');
      qc.invalidateQueries({ queryKey: votesKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Card
      title={t('votes.admin.paper')}
      extra={<Typography.Text type="secondary">{t('votes.admin.paperHint')}</Typography.Text>}
    >
      <Input.Search
        allowClear
        placeholder={t('votes.admin.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        style={{ maxWidth: 320, marginBottom: 12 }}
        data-testid="elector-search"
      />
      <Table<Elector>
        size="small"
        rowKey={(e) => e.householdId ?? e.personId ?? e.label}
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: <Empty /> }}
        pagination={{
          current: page,
          pageSize: 10,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('votes.admin.elector'), dataIndex: 'label' },
          ...(m.electorate === 'households'
            ? [
                {
                  title: t('votes.admin.area'),
                  dataIndex: 'areaCenti',
                  width: 110,
                  render: (v: string) => centiToM2(v),
                },
              ]
            : []),
          {
            title: '',
            width: 170,
            render: (_: unknown, e: Elector) =>
              e.voted ? (
                <Tag color="green">
                  {t('votes.admin.voted')} · {t(`votes.channel.${e.channel ?? 'phone'}`)}
                </Tag>
              ) : (
                <Flex gap={8} align="center">
                  <Tag>{t('votes.admin.notVoted')}</Tag>
                  <Button size="small" onClick={() => setEntering(e)} data-testid="paper-enter">
                    {t('votes.admin.enter')}
                  </Button>
                </Flex>
              ),
          },
        ]}
      />
      <Modal
        open={!!entering}
        title={`${t('votes.admin.paper')} · ${entering?.label ?? ''}`}
        onCancel={() => setEntering(null)}
        onOk={() => enter.mutate()}
        okButtonProps={{ disabled: choice === null, 'data-testid': 'paper-save' } as ButtonProps}
        confirmLoading={enter.isPending}
        destroyOnHidden
      >
        <Radio.Group
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          style={{ display: 'flex', flexDirection: 'column', gap: 8, marginBottom: 12 }}
        >
          {m.options.map((o, i) => (
            <Radio key={o} value={i}>
              {o}
            </Radio>
          ))}
        </Radio.Group>
        <Input
          placeholder={t('votes.admin.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={200}
        />
      </Modal>
    </Card>
  );
}
