import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type CodePurpose, activitiesApi, activitiesKeys } from '../../api/activities.ts';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';

/**
 * /m/activities/:id/code — the organiser's phone at the door: the rotating check-in or check-out QR,
 * fetched again when the server says the code changes, with the attendance counts refreshed with it.
 */
export function PhoneActivityCodePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [purpose, setPurpose] = useState<CodePurpose>('checkin');
  return (
    <>
      <PhoneTitle title={t('activities.codeTitle')} back={`/m/activities/${id}`} />
      <Segmented
        block
        size="large"
        value={purpose}
        onChange={(v) => setPurpose(v as CodePurpose)}
        options={[
          { value: 'checkin', label: t('activities.codeCheckin') },
          { value: 'checkout', label: t('activities.codeCheckout') },
        ]}
        data-testid="code-purpose"
      />
      <Card>
        <ActivityCode activityId={id} purpose={purpose} />
      </Card>
    </>
  );
}

export function ActivityCode({ activityId, purpose }: { activityId: string; purpose: CodePurpose }) {
  const { t } = useTranslation();
  const code = useQuery({
    queryKey: activitiesKeys.code(activityId, purpose),
    queryFn: () => activitiesApi.code(activityId, purpose),
    // The next code when this one expires, and the counts at most every 5 seconds meanwhile.
    refetchInterval: (q) => Math.min(5, (q.state.data?.refreshInSeconds ?? 20) + 0.2) * 1000,
    refetchIntervalInBackground: true,
    gcTime: 0,
  });
  if (code.isPending) return <Skeleton.Image active style={{ width: 260, height: 260 }} />;
  if (code.isError) return <QueryError error={code.error} onRetry={() => code.refetch()} />;
  const c = code.data;
  return (
    <Flex vertical align="center" gap={8} data-testid="activity-code">
      <Typography.Text strong>
        {purpose === 'checkin' ? t('activities.codeCheckin') : t('activities.codeCheckout')}
      </Typography.Text>
      <div
        style={{ width: 260, maxWidth: '100%', background: '#fff' }}
        // The server renders the QR (an SVG of our own text); nothing user-supplied is in it.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered QR SVG
        dangerouslySetInnerHTML={{ __html: c.qrSvg }}
      />
      <Typography.Text
        style={{ fontSize: 30, letterSpacing: 4, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
        data-testid="activity-code-text"
      >
        {c.code}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
        {t('activities.codeHint', { seconds: c.stepSeconds })}
      </Typography.Text>
      <Typography.Text data-testid="activity-code-counts">
        {t('activities.codeCounts', {
          confirmed: c.confirmed,
          checkedIn: c.checkedIn,
          checkedOut: c.checkedOut,
        })}
      </Typography.Text>
    </Flex>
  );
}
