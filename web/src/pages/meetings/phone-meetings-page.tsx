import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { MeetingStateTag, meetingTime } from './meetings-parts.tsx';

/** /m/meetings — 我的会议: the meetings I sit in, registered for, or may join as a resident. */
export function PhoneMeetingsPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: [...meetingsKeys.list, 'mine'],
    queryFn: () => meetingsApi.list({ mine: true, pageSize: 100 }),
  });
  return (
    <>
      <PhoneTitle title={t('meetings.myMeetings')} />
      <QueryState query={list}>
        {(page) => {
          // Coming meetings first (soonest on top), then the past ones, latest first.
          const now = Date.now();
          const coming = page.items.filter((m) => new Date(m.endsAt).getTime() >= now);
          const past = page.items.filter((m) => new Date(m.endsAt).getTime() < now).reverse();
          const rows = [...coming, ...past];
          if (rows.length === 0)
            return (
              <Card>
                <Empty description={t('meetings.noMyMeetings')} />
              </Card>
            );
          return (
            <Card styles={{ body: { padding: 0 } }} data-testid="my-meetings">
              {rows.map((m) => (
                <Link
                  key={m.id}
                  to={`/m/meetings/${m.id}`}
                  style={{ color: 'inherit', display: 'block', borderBottom: '1px solid #f0f0f0' }}
                >
                  <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong>{m.title}</Typography.Text>
                      <div className="linli-muted">{meetingTime(m.startsAt, m.endsAt, i18n.language)}</div>
                      <div className="linli-muted">
                        {t(`meetings.bodyKind.${m.bodyKind}`)}
                        {m.venueName ? ` · ${m.venueName}` : ''}
                      </div>
                    </div>
                    <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                      <MeetingStateTag state={m.state} />
                      <RightOutlined />
                    </span>
                  </div>
                </Link>
              ))}
            </Card>
          );
        }}
      </QueryState>
    </>
  );
}
