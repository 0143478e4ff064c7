import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Flex, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { CodeAccepted, CodeEntry } from '../../components/code-entry.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';

/**
 * /m/meetings/:id/check-in (and /m/meetings/check-in to choose the meeting) — 扫码签到: the phone's
 * camera opens the QR's link with the code filled in; or the code is typed from the organiser's screen.
 */
export function PhoneCheckinPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const [meetingId, setMeetingId] = useState(id);
  const [code, setCode] = useState(params.get('code') ?? '');
  const qc = useQueryClient();
  const open = useQuery({
    queryKey: [...meetingsKeys.list, 'mine', 'open'],
    queryFn: () => meetingsApi.list({ mine: true, pageSize: 100 }),
    enabled: !id,
  });
  const checkIn = useMutation({
    mutationFn: () => meetingsApi.checkIn(meetingId!, code.trim()),
    onSuccess: () => qc.invalidateQueries({ queryKey: meetingsKeys.meeting(meetingId!) }),
  });
  const choices = (open.data?.items ?? []).filter((m) => m.state === 'scheduled' || m.state === 'in_session');
  return (
    <>
      <PhoneTitle title={t('meetings.checkIn')} back={id ? `/m/meetings/${id}` : '/m'} />
      <Card>
        {checkIn.isSuccess ? (
          <CodeAccepted
            testId="checkin-done"
            title={
              checkIn.data.already
                ? t('meetings.checkInAlready', { count: checkIn.data.attendance })
                : t('meetings.checkInDone', { count: checkIn.data.attendance })
            }
            backTo={`/m/meetings/${meetingId}`}
            backLabel={t('meetings.myMeetings')}
          />
        ) : (
          <Flex vertical gap={12}>
            {!id && (
              <Select
                size="large"
                value={meetingId}
                onChange={setMeetingId}
                placeholder={t('meetings.title')}
                options={choices.map((m) => ({ value: m.id, label: m.title }))}
                data-testid="checkin-meeting"
              />
            )}
            <CodeEntry
              hint={t('meetings.enterCodeHint')}
              placeholder={t('meetings.enterCode')}
              submitLabel={t('meetings.submitCheckIn')}
              code={code}
              onCode={setCode}
              error={checkIn.error}
              pending={checkIn.isPending}
              disabled={!meetingId}
              onSubmit={() => checkIn.mutate()}
              testId="checkin"
            />
          </Flex>
        )}
      </Card>
    </>
  );
}
