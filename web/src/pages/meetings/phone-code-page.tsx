import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PhoneTitle } from '../points/phone-back.tsx';
import { CheckinCode } from './checkin-code.tsx';

/** /m/meetings/:id/code — the organiser's phone at the venue door: the rotating QR. */
export function PhoneCodePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <>
      <PhoneTitle title={t('meetings.codeTitle')} back={`/m/meetings/${id}`} />
      <Card>
        <CheckinCode meetingId={id} />
      </Card>
    </>
  );
}
