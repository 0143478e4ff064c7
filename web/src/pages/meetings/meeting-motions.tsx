import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEFAULT_OPTIONS, VOTE_RULES } from '../../../../common/contracts/votes.ts';
import { type MeetingOut, meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { type MotionAction, type MotionOut, type VoteRule, votesApi, votesKeys } from '../../api/votes.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format.ts';
import { FormError } from '../../components/form-error.tsx';
import { MotionStateTag, RuleTag } from '../votes/vote-parts.tsx';

type AgendaItem = MeetingOut['agenda'][number];
const MOVES: MotionAction[] = ['open', 'close', 'publish'];

/** One line that cites a published result in a decision: "表决「…」：同意 3 票…，通过". */
function citation(t: TFunction, m: MotionOut, r: ResultLite) {
  const tally = r.tally.map((o) => `${o.label} ${o.votes}`).join('，');
  const outcome =
    r.outcome === 'carried'
      ? t('votes.result.carried', { option: m.options[r.winner ?? 0] })
      : t(`votes.result.${r.outcome}`);
  return t('meetings.motions.citation', {
    title: m.title,
    cast: r.cast,
    total: r.electorateCount,
    tally,
    outcome,
  });
}
type ResultLite = Awaited<ReturnType<typeof votesApi.result>>;

/** 会议表决: the motions put at this meeting, their state and published result; open new ones. */
export function MeetingMotions({
  m,
  proposing,
  onProposed,
  onCite,
}: {
  m: MeetingOut;
  proposing: AgendaItem | null;
  onProposed: () => void;
  onCite: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const motions = useQuery({
    queryKey: [...votesKeys.list, 'meeting', m.id],
    queryFn: () => votesApi.list({ meetingId: m.id, pageSize: 50 }),
  });
  const move = useMutation({
    mutationFn: (a: { id: string; action: MotionAction }) => votesApi.move(a.id, a.action),
    onSuccess: () => qc.invalidateQueries({ queryKey: votesKeys.all }),
    onError: (e) => message.error(errorText(e)),
  });
  const items = motions.data?.items ?? [];
  return (
    <Card title={t('meetings.motions.title')} style={{ marginBottom: 16 }} data-testid="meeting-motions">
      <List
        loading={motions.isFetching && !motions.data}
        locale={{ emptyText: t('meetings.motions.none') }}
        dataSource={items}
        renderItem={(v) => (
          <List.Item
            data-testid="meeting-motion"
            actions={MOVES.filter((a) => v.actions.includes(a)).map((a) => (
              <Button
                key={a}
                size="small"
                type={a === 'open' ? 'primary' : 'default'}
                loading={move.isPending && move.variables?.id === v.id && move.variables.action === a}
                data-testid={`motion-move-${a}`}
                onClick={() =>
                  modal.confirm({
                    title: t(`votes.admin.actions.${a}`),
                    content: t(`votes.admin.confirm.${a}`, { scope: v.scope.name }),
                    onOk: () => move.mutateAsync({ id: v.id, action: a }),
                  })
                }
              >
                {t(`votes.admin.actions.${a}`)}
              </Button>
            ))}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <MotionStateTag state={v.state} />
                  <Link to={`/admin/votes/${v.id}`}>{v.title}</Link>
                </Space>
              }
              description={
                <Flex vertical gap={4}>
                  <Space wrap size={4}>
                    <RuleTag rule={v.rule} />
                    {v.quorum && <Tag>{`${t('votes.admin.quorum')} ${v.quorum[0]}/${v.quorum[1]}`}</Tag>}
                    <Tag>{t(`votes.electorate.${v.electorate}`)}</Tag>
                    <span data-testid="motion-turnout">
                      {t('votes.turnout', { voted: v.votedCount, total: v.electorateCount })}
                    </span>
                    <span>{t('votes.closesAt', { time: formatDateTime(v.closesAt, i18n.language) })}</span>
                  </Space>
                  {v.state === 'published' && (
                    <PublishedResult motion={v} canCite={m.actions.includes('decide')} onCite={onCite} />
                  )}
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      {proposing && (
        <ProposeModal
          m={m}
          item={proposing}
          onClose={onProposed}
          onCreated={() => {
            qc.invalidateQueries({ queryKey: votesKeys.all });
            qc.invalidateQueries({ queryKey: meetingsKeys.meeting(m.id) });
            onProposed();
          }}
        />
      )}
    </Card>
  );
}

function PublishedResult({
  motion,
  canCite,
  onCite,
}: {
  motion: MotionOut;
  canCite: boolean;
  onCite: (text: string) => void;
}) {
  const { t } = useTranslation();
  const result = useQuery({
    queryKey: [...votesKeys.motion(motion.id), 'result'],
    queryFn: () => votesApi.result(motion.id),
  });
  const r = result.data;
  if (!r) return null;
  return (
    <Space wrap data-testid="motion-result">
      <Typography.Text strong type={r.outcome === 'carried' ? 'success' : 'warning'}>
        {r.outcome === 'carried'
          ? t('votes.result.carried', { option: motion.options[r.winner ?? 0] })
          : t(`votes.result.${r.outcome}`)}
      </Typography.Text>
      <Typography.Text type="secondary">
        {r.tally.map((o) => `${o.label} ${o.votes}`).join(' · ')}
      </Typography.Text>
      <a href={`/public/votes/${motion.id}`} target="_blank" rel="noreferrer">
        {t('votes.result.publicLink')}
      </a>
      {canCite && (
        <Button size="small" onClick={() => onCite(citation(t, motion, r))} data-testid="cite-result">
          {t('meetings.motions.cite')}
        </Button>
      )}
    </Space>
  );
}

type Values = {
  title: string;
  rule: VoteRule;
  quorumP: number;
  quorumQ: number;
  electorate: 'households' | 'members';
  closesAt: Dayjs;
};

/** 发起表决 on an agenda item: linked to the meeting, the electorate prefilled from its compound or body. */
function ProposeModal({
  m,
  item,
  onClose,
  onCreated,
}: {
  m: MeetingOut;
  item: AgendaItem;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rule = Form.useWatch('rule', form) ?? 'participation_quorum';
  const electorate = Form.useWatch('electorate', form) ?? 'members';
  const body = useQuery({
    queryKey: [...meetingsKeys.bodies, m.orgUnitId],
    queryFn: () => meetingsApi.bodies({ orgUnitId: m.orgUnitId }),
    select: (bs) => bs.find((b) => b.id === m.bodyId) ?? null,
  });
  const members = (body.data?.members ?? []).filter((x) => x.personId);
  const create = useMutation({
    mutationFn: (v: Values) =>
      votesApi.create({
        title: v.title,
        description: t('meetings.motions.fromAgenda', { meeting: m.title, item: item.title }),
        options: [...DEFAULT_OPTIONS],
        rule: v.rule,
        quorum: v.rule === 'participation_quorum' ? [v.quorumP, v.quorumQ] : null,
        electorate: v.rule.startsWith('art278') ? 'households' : v.electorate,
        memberPersonIds:
          v.electorate === 'members' && !v.rule.startsWith('art278')
            ? members.map((x) => x.personId as string)
            : [],
        scopeId: m.orgUnitId,
        meetingId: m.id,
        secret: false,
        closesAt: v.closesAt.toISOString(),
      }),
    onSuccess: onCreated,
  });
  const byMembers = electorate === 'members' && !rule.startsWith('art278');
  return (
    <Modal
      open
      title={t('meetings.motions.propose')}
      width={620}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'motion-save', disabled: byMembers && !members.length } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('meetings.motions.agendaItem')}：{item.position}. {item.title}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          title: t('meetings.motions.defaultTitle', { item: item.title }).slice(0, 100),
          rule: 'participation_quorum',
          quorumP: 1,
          quorumQ: 2,
          electorate: 'members',
          closesAt: dayjs().add(1, 'day').hour(20).minute(0).second(0),
        }}
      >
        <Form.Item name="title" label={t('votes.admin.titleField')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="motion-title" />
        </Form.Item>
        <Form.Item name="rule" label={t('votes.admin.ruleField')} extra={t(`votes.ruleHint.${rule}`)}>
          <Select
            data-testid="motion-rule"
            options={VOTE_RULES.map((r) => ({ value: r, label: t(`votes.rule.${r}`) }))}
          />
        </Form.Item>
        {rule === 'participation_quorum' && (
          <Form.Item label={t('votes.admin.quorum')}>
            <Space>
              {t('votes.admin.quorumOf')}
              <Form.Item name="quorumP" noStyle rules={[{ required: true }]}>
                <InputNumber min={1} max={9} data-testid="quorum-p" />
              </Form.Item>
              /
              <Form.Item name="quorumQ" noStyle rules={[{ required: true }]}>
                <InputNumber min={1} max={10} data-testid="quorum-q" />
              </Form.Item>
            </Space>
          </Form.Item>
        )}
        <Form.Item name="electorate" label={t('votes.admin.electorateField')}>
          <Radio.Group
            disabled={rule.startsWith('art278')}
            data-testid="motion-electorate"
            options={[
              {
                value: 'members',
                label: t('meetings.motions.bodyMembers', { body: m.bodyName, count: members.length }),
              },
              {
                value: 'households',
                label: t('meetings.motions.households', { scope: m.orgUnitName }),
              },
            ]}
          />
        </Form.Item>
        {byMembers && (
          <Flex wrap gap={4} style={{ marginBottom: 16 }} data-testid="motion-members">
            {members.map((x) => (
              <Tag key={x.id}>{x.name}</Tag>
            ))}
          </Flex>
        )}
        <Form.Item name="closesAt" label={t('votes.admin.closesAtField')} rules={[{ required: true }]}>
          <DatePicker showTime format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <FormError error={create.error} />
      </Form>
    </Modal>
  );
}
