import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SessionOut, type VenueOut, venuesApi, venuesKeys } from '../../api/venues.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import {
  addDays,
  ServiceKindTag,
  shInstant,
  shParts,
  todaySh,
  useHoursSummary,
  useWeekdayLabel,
  weekdayOf,
} from './venue-parts.tsx';

/** /m/venues — 服务场所: the venues of my area with hours, facilities and this week's services. */
export function PhoneVenuesPage() {
  const { t } = useTranslation();
  const today = todaySh();
  const venues = useQuery({ queryKey: [...venuesKeys.all, 'list'], queryFn: () => venuesApi.venues() });
  // Fixed when the page opens: a query key made from "now" on every render would never settle.
  const [q] = useState(() => ({ from: new Date().toISOString(), to: shInstant(addDays(today, 7), '00:00') }));
  const sessions = useQuery({ queryKey: venuesKeys.sessions(q), queryFn: () => venuesApi.sessions(q) });
  return (
    <>
      <PhoneTitle title={t('venues.phoneTitle')} />
      <QueryState query={venues}>
        {(list) => {
          const open = list.filter((v) => v.active);
          if (open.length === 0)
            return (
              <Card>
                <Empty description={t('venues.noVenues')} />
              </Card>
            );
          return (
            <Flex vertical gap={12} data-testid="phone-venues">
              {open.map((v) => (
                <VenueCard
                  key={v.id}
                  v={v}
                  sessions={(sessions.data ?? []).filter(
                    (s) => s.venueId === v.id && s.state === 'scheduled',
                  )}
                />
              ))}
            </Flex>
          );
        }}
      </QueryState>
    </>
  );
}

function VenueCard({ v, sessions }: { v: VenueOut; sessions: SessionOut[] }) {
  const { t } = useTranslation();
  const summary = useHoursSummary();
  const label = useWeekdayLabel();
  return (
    <Card size="small" title={v.name} extra={<Tag>{t(`venues.kind.${v.kind}`)}</Tag>}>
      <Flex vertical gap={6}>
        {v.address && (
          <span>
            <EnvironmentOutlined /> {v.address}
          </span>
        )}
        <span>
          <ClockCircleOutlined /> {summary(v.weeklyHours)}
          {v.openingHours && <div className="linli-muted">{v.openingHours}</div>}
        </span>
        {(v.facilities.length > 0 || v.spaces.length > 0) && (
          <div>
            {[...new Set([...v.spaces.filter((s) => s.active).map((s) => s.name), ...v.facilities])].map(
              (f) => (
                <Tag key={f} style={{ marginBottom: 4 }}>
                  {f}
                </Tag>
              ),
            )}
          </div>
        )}
        <Typography.Text strong style={{ marginTop: 4 }}>
          {t('venues.thisWeeksServices')}
        </Typography.Text>
        {sessions.length === 0 ? (
          <span className="linli-muted">{t('venues.noServicesThisWeek')}</span>
        ) : (
          sessions.map((s) => {
            const p = shParts(s.startsAt);
            return (
              <div key={s.id} className="linli-phone-card-row" data-testid="phone-session">
                <div style={{ minWidth: 0 }}>
                  <div>
                    <ServiceKindTag kind={s.kind} /> {s.title}
                  </div>
                  <div className="linli-muted">
                    {p.date.slice(5)} {label(weekdayOf(p.date))} {p.time}–{shParts(s.endsAt).time} ·{' '}
                    {s.spaceName}
                  </div>
                  <div className="linli-muted">{s.providerName}</div>
                </div>
              </div>
            );
          })
        )}
      </Flex>
    </Card>
  );
}
