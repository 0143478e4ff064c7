import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Flex, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { type CodePurpose, activitiesApi, activitiesKeys } from '../../api/activities.ts';
import { CodeAccepted, CodeEntry } from '../../components/code-entry.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';

/**
 * /m/activities/:id/scan (and /m/activities/scan to choose the activity) — 签到 / 签退: the phone's
 * camera opens the QR's link with the code filled in, or the code is typed from the organiser's screen.
 */
export function PhoneActivityScanPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const [activityId, setActivityId] = useState(id);
  const [purpose, setPurpose] = useState<CodePurpose>(
    params.get('purpose') === 'checkout' ? 'checkout' : 'checkin',
  );
  const [code, setCode] = useState(params.get('code') ?? '');
  const qc = useQueryClient();
  const mine = useQuery({
    queryKey: [...activitiesKeys.list, 'mine', 'scan'],
    queryFn: () => activitiesApi.list({ mine: true, upcoming: true, pageSize: 50 }),
    enabled: !id,
  });
  const scan = useMutation({
    mutationFn: () => activitiesApi.scan(activityId!, purpose, code.trim()),
    onSuccess: () => qc.invalidateQueries({ queryKey: activitiesKeys.all }),
  });
  const choices = (mine.data?.items ?? []).filter((a) => a.myStatus === 'confirmed');
  const r = scan.data;
  return (
    <>
      <PhoneTitle title={t('activities.scanTitle')} back={id ? `/m/activities/${id}` : '/m'} />
      <Card>
        {r ? (
          <CodeAccepted
            testId="scan-done"
            title={
              r.purpose === 'checkin'
                ? r.already
                  ? t('activities.scanAlready')
                  : t('activities.scanDone')
                : r.already
                  ? t('activities.scanOutAlready')
                  : t('activities.scanOutDone', { count: r.minutes ?? 0 })
            }
            backTo={`/m/activities/${activityId}`}
            backLabel={t('activities.backToActivity')}
          />
        ) : (
          <Flex vertical gap={12}>
            {!id && (
              <Select
                size="large"
                value={activityId}
                onChange={setActivityId}
                placeholder={t('activities.scanActivity')}
                options={choices.map((a) => ({ value: a.id, label: a.title }))}
                data-testid="scan-activity"
              />
            )}
            <Segmented
              block
              size="large"
              value={purpose}
              onChange={(v) => setPurpose(v as CodePurpose)}
              options={[
                { value: 'checkin', label: t('activities.purposeCheckin') },
                { value: 'checkout', label: t('activities.purposeCheckout') },
              ]}
              data-testid="scan-purpose"
            />
            <CodeEntry
              hint={t('activities.scanHint')}
              placeholder={t('activities.enterCode')}
              submitLabel={t('activities.submitScan')}
              code={code}
              onCode={setCode}
              error={scan.error}
              pending={scan.isPending}
              disabled={!activityId}
              onSubmit={() => scan.mutate()}
              testId="scan"
            />
          </Flex>
        )}
      </Card>
    </>
  );
}
