import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type MeetingOut, meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { errorText } from '../../components/error-text.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { MeetingStateTag, meetingTime, TaskStateTag } from './meetings-parts.tsx';

/** /m/meetings/:id — the meeting on the phone: when and where, register, check in, the outcome. */
export function PhoneMeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: meetingsKeys.meeting(id), queryFn: () => meetingsApi.get(id) });
  return (
    <>
      <PhoneTitle title={t('meetings.myMeetings')} back="/m/meetings" />
      <QueryState query={meeting} notFoundTitle={t('meetings.meetingNotFound')}>
        {(m) => <PhoneMeeting m={m} />}
      </QueryState>
    </>
  );
}

function PhoneMeeting({ m }: { m: MeetingOut }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const register = useMutation({
    mutationFn: () => meetingsApi.register(m.id),
    onSuccess: (out) => {
      qc.setQueryData(meetingsKeys.meeting(m.id), out);
      message.success(t('meetings.registered'));
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <Card styles={{ body: { padding: 16 } }} data-testid="phone-meeting">
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {m.title}
          </Typography.Title>
          <MeetingStateTag state={m.state} />
        </Flex>
        <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('meetings.time')}>
            {meetingTime(m.startsAt, m.endsAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('meetings.venue')}>{m.venueName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('meetings.body')}>{m.bodyName}</Descriptions.Item>
          {m.me.role && (
            <Descriptions.Item label={t('meetings.myRole')}>
              {t(`meetings.role.${m.me.role}`)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('meetings.attendance')}>
            {m.attendance}
            {m.registrations > 0 && ` · ${t('meetings.registrations')} ${m.registrations}`}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 8 }}>
          {m.me.registered && <Tag color="blue">{t('meetings.registered')}</Tag>}
          {m.me.checkedIn && <Tag color="green">{t('meetings.checkedIn')}</Tag>}
        </Space>
      </Card>
      <Flex vertical gap={8}>
        {m.actions.includes('register') && (
          <Button
            size="large"
            block
            loading={register.isPending}
            onClick={() => register.mutate()}
            data-testid="register"
          >
            {t('meetings.register')}
          </Button>
        )}
        {m.actions.includes('check_in') && (
          <Link to={`/m/meetings/${m.id}/check-in`}>
            <Button size="large" type="primary" block data-testid="go-check-in">
              {t('meetings.checkIn')}
            </Button>
          </Link>
        )}
        {m.actions.includes('show_code') && (
          <Link to={`/m/meetings/${m.id}/code`}>
            <Button size="large" block data-testid="go-code">
              {t('meetings.showCode')}
            </Button>
          </Link>
        )}
      </Flex>
      <Card title={t('meetings.agenda')} size="small">
        <List
          size="small"
          dataSource={m.agenda}
          locale={{ emptyText: t('common.empty') }}
          renderItem={(a) => (
            <List.Item>
              {a.position}. {a.title}
            </List.Item>
          )}
        />
      </Card>
      {m.decisions.length > 0 && (
        <Card title={t('meetings.decisions')} size="small" data-testid="phone-decisions">
          <List
            size="small"
            dataSource={m.decisions}
            renderItem={(d) => (
              <List.Item>
                <div>
                  <div>{d.text}</div>
                  {d.task && (
                    <Space size={4} wrap style={{ marginTop: 4 }}>
                      <TaskStateTag task={d.task} />
                      <span className="linli-muted">
                        {d.task.ownerName} · {d.task.dueOn}
                      </span>
                    </Space>
                  )}
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
    </>
  );
}
