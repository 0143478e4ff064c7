import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ActivityOut, activitiesApi, activitiesKeys } from '../../api/activities.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { ActivityKindTag, ActivityStateTag, activityTime, hoursText, PlacesText } from './activity-parts.tsx';

/** /m/activities/:id — an activity: sign up or join the waiting list, cancel, check in and out. */
export function PhoneActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const activity = useQuery({ queryKey: activitiesKeys.activity(id), queryFn: () => activitiesApi.get(id) });
  return (
    <>
      <PhoneTitle title={t('activities.title')} back="/m/activities" />
      <QueryState query={activity}>{(a) => <ActivityCard a={a} />}</QueryState>
    </>
  );
}

function ActivityCard({ a }: { a: ActivityOut }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const done = async (next: ActivityOut, text: string) => {
    qc.setQueryData(activitiesKeys.activity(a.id), next);
    await qc.invalidateQueries({ queryKey: activitiesKeys.list });
    message.success(text);
  };
  const signUp = useMutation({
    mutationFn: () => activitiesApi.signUp(a.id),
    onSuccess: (n) =>
      done(n, n.myStatus === 'waiting' ? t('activities.waitlisted') : t('activities.signedUp')),
  });
  const leave = useMutation({
    mutationFn: () => activitiesApi.leave(a.id),
    onSuccess: (n) => done(n, t('activities.left')),
  });
  const error = signUp.error ?? leave.error;
  const my = a.mySignup;
  return (
    <Flex vertical gap={12}>
      <Card>
        <Flex vertical gap={6}>
          <Flex gap={6} align="center" wrap>
            <ActivityKindTag kind={a.kind} />
            <ActivityStateTag state={a.state} />
          </Flex>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="activity-title">
            {a.title}
          </Typography.Title>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'time', label: t('activities.time'), children: activityTime(a, i18n.language) },
              { key: 'place', label: t('activities.place'), children: a.place || '—' },
              {
                key: 'organiser',
                label: t('activities.organiser'),
                children: `${a.organiserName}（${t(`activities.organiserKind.${a.organiserKind}`)}）`,
              },
              {
                key: 'places',
                label: t('activities.places'),
                children: (
                  <span data-testid="activity-places">
                    {a.confirmed}/{a.capacity}
                    {a.waiting > 0 ? ` · ${t('activities.waitingCount')} ${a.waiting}` : ''}
                  </span>
                ),
              },
              ...(a.signupDeadline
                ? [
                    {
                      key: 'deadline',
                      label: t('activities.deadline'),
                      children: formatDateTime(a.signupDeadline, i18n.language),
                    },
                  ]
                : []),
              {
                key: 'points',
                label: t('activities.earnsPoints'),
                children: a.earnsPoints ? t('activities.earnsPointsYes') : t('activities.earnsPointsNo'),
              },
            ]}
          />
          {a.description && (
            <Typography.Paragraph style={{ margin: 0 }}>{a.description}</Typography.Paragraph>
          )}
          {a.state === 'cancelled' && a.cancelReason && (
            <Alert
              type="warning"
              showIcon
              title={t('activities.cancelledReason', { reason: a.cancelReason })}
            />
          )}
        </Flex>
      </Card>
      {my && my.status !== 'cancelled' && (
        <Card size="small" title={t('activities.myStatus')} data-testid="my-signup">
          <Flex vertical gap={4}>
            <span>
              {my.status === 'waiting' && my.position ? (
                <Tag color="gold">{t('activities.waitingPosition', { position: my.position })}</Tag>
              ) : (
                <Tag color="green">{t(`activities.signupStatus.${my.status}`)}</Tag>
              )}
            </span>
            {my.checkedInAt && (
              <span className="linli-muted">
                {t('activities.checkedInAt', { time: formatDateTime(my.checkedInAt, i18n.language) })}
              </span>
            )}
            {my.checkedOutAt && (
              <span className="linli-muted">
                {t('activities.checkedOutAt', { time: formatDateTime(my.checkedOutAt, i18n.language) })}
                {my.minutes !== null ? ` · ${hoursText(my.minutes, i18n.language)}` : ''}
              </span>
            )}
          </Flex>
        </Card>
      )}
      {(!my || my.status === 'cancelled') &&
        a.state === 'open' &&
        (a.actions.includes('sign_up') ? (
          <PlacesText a={a} />
        ) : (
          <Typography.Text type="secondary">{t('activities.signupClosed')}</Typography.Text>
        ))}
      {error && <Alert type="error" showIcon title={errorText(error)} data-testid="activity-error" />}
      <Flex vertical gap={8}>
        {a.actions.includes('sign_up') && (
          <Button
            type="primary"
            size="large"
            block
            loading={signUp.isPending}
            onClick={() => signUp.mutate()}
            data-testid="activity-signup"
          >
            {a.placesLeft > 0 ? t('activities.signUp') : t('activities.signUpWait')}
          </Button>
        )}
        {a.actions.includes('check_in') && (
          <Link to={`/m/activities/${a.id}/scan?purpose=checkin`}>
            <Button type="primary" size="large" block data-testid="activity-checkin">
              {t('activities.checkIn')}
            </Button>
          </Link>
        )}
        {a.actions.includes('check_out') && (
          <Link to={`/m/activities/${a.id}/scan?purpose=checkout`}>
            <Button type="primary" size="large" block data-testid="activity-checkout">
              {t('activities.checkOut')}
            </Button>
          </Link>
        )}
        {a.actions.includes('show_code') && (
          <Link to={`/m/activities/${a.id}/code`}>
            <Button size="large" block data-testid="activity-show-code">
              {t('activities.showCode')}
            </Button>
          </Link>
        )}
        {a.actions.includes('cancel_signup') && (
          <Button
            danger
            size="large"
            block
            loading={leave.isPending}
            onClick={() =>
              modal.confirm({
                title: t('activities.leave'),
                content: t('activities.leaveConfirm'),
                okButtonProps: { danger: true },
                onOk: () => leave.mutateAsync(),
              })
            }
            data-testid="activity-leave"
          >
            {t('activities.leave')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
