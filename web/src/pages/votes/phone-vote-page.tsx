import { CheckCircleTwoTone } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Modal, Radio, Space, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { type MotionDetail, votesApi, votesKeys } from '../../api/votes.ts';
import { errorText } from '../../components/error-text.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { MotionStateTag, ResultView, RuleTag } from './vote-parts.tsx';

/** /m/votes/:id — the ballot: choose, confirm, done; "already cast by your household"; the result. */
export function PhoneVotePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const motion = useQuery({ queryKey: votesKeys.motion(id), queryFn: () => votesApi.get(id) });
  return (
    <>
      <PhoneTitle title={t('votes.phoneTitle')} back="/m/votes" />
      <QueryState query={motion}>{(m) => <Ballot m={m} />}</QueryState>
    </>
  );
}

function Ballot({ m }: { m: MotionDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [choice, setChoice] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const cast = useMutation({
    mutationFn: (c: number) => votesApi.cast(m.id, { choice: c }),
    onSuccess: () => {
      message.success(t('votes.ballot.done'));
      setConfirming(false);
      qc.invalidateQueries({ queryKey: votesKeys.all });
    },
    onError: (e) => {
      setConfirming(false);
      // Someone else in the household got there first: show the voted state, not an error.
      if (isApiError(e, 409)) qc.invalidateQueries({ queryKey: votesKeys.all });
      message.error(errorText(e));
    },
  });
  const my = m.myBallot;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
      <Card styles={{ body: { padding: '14px 16px' } }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="motion-title">
          {m.title}
        </Typography.Title>
        <Flex gap={6} wrap style={{ margin: '8px 0' }}>
          <MotionStateTag state={m.state} />
          <RuleTag rule={m.rule} />
          <Tag style={{ marginInlineEnd: 0 }}>{m.secret ? t('votes.secret') : t('votes.named')}</Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {m.scope.name} · {t(`votes.electorate.${m.electorate}`)} ·{' '}
          {t('votes.closesAt', { time: formatShortDateTime(m.closesAt, i18n.language) })}
        </Typography.Text>
        {m.description && (
          <Typography.Paragraph style={{ margin: '10px 0 0', whiteSpace: 'pre-wrap' }}>
            {m.description}
          </Typography.Paragraph>
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t(`votes.ruleHint.${m.rule}`)}
        </Typography.Paragraph>
      </Card>

      {m.state === 'open' && my?.state === 'can_vote' && (
        <Card styles={{ body: { padding: '14px 16px' } }} data-testid="ballot-form">
          <Typography.Text strong>{t('votes.ballot.choose')}</Typography.Text>
          <Radio.Group
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            style={{ display: 'flex', flexDirection: 'column', gap: 12, margin: '12px 0 16px' }}
          >
            {m.options.map((o, i) => (
              <Radio key={o} value={i} style={{ fontSize: 17 }} data-testid="ballot-option">
                {o}
              </Radio>
            ))}
          </Radio.Group>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t(`votes.electorateHint.${m.electorate}`)}
          </Typography.Paragraph>
          <Button
            type="primary"
            size="large"
            block
            disabled={choice === null}
            onClick={() => setConfirming(true)}
            data-testid="ballot-submit"
          >
            {t('votes.ballot.submit')}
          </Button>
          <Modal
            open={confirming}
            title={t('votes.ballot.confirmTitle')}
            okText={t('votes.ballot.confirmOk')}
            confirmLoading={cast.isPending}
            onOk={() => choice !== null && cast.mutate(choice)}
            onCancel={() => setConfirming(false)}
            okButtonProps={{ 'data-testid': 'ballot-confirm' } as ButtonProps}
          >
            {t('votes.ballot.confirmBody', { choice: choice === null ? '' : m.options[choice] })}
          </Modal>
        </Card>
      )}

      {my?.state === 'voted' && (
        <Card styles={{ body: { padding: '14px 16px' } }} data-testid="ballot-voted">
          <Space align="start">
            <CheckCircleTwoTone twoToneColor="#52c41a" style={{ fontSize: 28 }} />
            <div>
              <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>
                {m.electorate === 'members' ? t('votes.my.votedMember') : t('votes.my.voted')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t('votes.my.votedBy', {
                  channel: t(`votes.channel.${my.channel ?? 'phone'}`),
                  time: formatShortDateTime(my.castAt ?? '', i18n.language),
                })}
              </Typography.Text>
              <Typography.Text style={{ display: 'block', marginTop: 4 }}>
                {m.secret || my.choice === null
                  ? t('votes.my.secretChoice')
                  : t('votes.my.yourChoice', { choice: m.options[my.choice] })}
              </Typography.Text>
            </div>
          </Space>
        </Card>
      )}

      {my?.state === 'not_eligible' && (
        <Alert
          type="warning"
          showIcon
          message={my.reason === 'minor' ? t('votes.my.minor') : t('votes.my.not_eligible')}
          data-testid="ballot-not-eligible"
        />
      )}

      <Card styles={{ body: { padding: '14px 16px' } }} title={t('votes.result.title')}>
        {m.result ? (
          <ResultView result={m.result} options={m.options} electorate={m.electorate} />
        ) : (
          <Typography.Text type="secondary">{t('votes.result.pending')}</Typography.Text>
        )}
      </Card>
    </div>
  );
}
