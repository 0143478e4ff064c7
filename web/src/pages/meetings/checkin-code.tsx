import { useQuery } from '@tanstack/react-query';
import { Flex, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import { QueryError } from '../../components/query-error.tsx';

/**
 * The rotating check-in QR: fetched again when the server says the code changes, so the screen always
 * shows the code of this moment (the server accepts it and the previous one only).
 */
export function CheckinCode({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const code = useQuery({
    queryKey: meetingsKeys.code(meetingId),
    queryFn: () => meetingsApi.code(meetingId),
    refetchInterval: (q) => ((q.state.data?.refreshInSeconds ?? 20) + 0.2) * 1000,
    refetchIntervalInBackground: true,
    gcTime: 0,
  });
  if (code.isPending) return <Skeleton.Image active style={{ width: 260, height: 260 }} />;
  if (code.isError) return <QueryError error={code.error} onRetry={() => code.refetch()} />;
  const c = code.data;
  return (
    <Flex vertical align="center" gap={8} data-testid="checkin-code">
      <div
        style={{ width: 260, maxWidth: '100%', background: '#fff' }}
        // The server renders the QR (an SVG of our own text); nothing user-supplied is in it.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered QR SVG
        dangerouslySetInnerHTML={{ __html: c.qrSvg }}
      />
      <Typography.Text
        copyable={false}
        style={{ fontSize: 30, letterSpacing: 4, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
        data-testid="checkin-code-text"
      >
        {c.code}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
        {t('meetings.codeHint', { seconds: c.stepSeconds })}
      </Typography.Text>
    </Flex>
  );
}

export function CheckinCodeModal({ meetingId, onClose }: { meetingId: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('meetings.codeTitle')} onCancel={onClose} footer={null} destroyOnHidden centered>
      <CheckinCode meetingId={meetingId} />
    </Modal>
  );
}
