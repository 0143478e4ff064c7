import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { inboxApi, inboxKeys } from '../../api/inbox.ts';

/** How often the bell asks for news; a notice is at most this late on screen. */
const POLL_MS = 30_000;

/**
 * The bell in both shells' red header bars. The badge is white (a red badge would vanish on the red
 * bar); with an emergency unread it turns gold.
 */
export function InboxBell({ to }: { to: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useQuery({
    queryKey: inboxKeys.unread,
    queryFn: inboxApi.unreadCount,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
  const count = unread.data?.count ?? 0;
  const urgent = unread.data?.urgent ?? 0;
  const label = count > 0 ? `${t('inbox.bell')}（${t('inbox.bellCount', { count })}）` : t('inbox.bell');
  return (
    <Button
      type="text"
      onClick={() => navigate(to)}
      aria-label={label}
      data-testid="inbox-bell"
      data-unread={count}
      data-urgent={urgent}
      icon={
        <Badge
          count={count}
          overflowCount={99}
          size="small"
          offset={[4, -2]}
          data-testid="inbox-badge"
          style={
            urgent > 0
              ? { backgroundColor: '#faad14', color: '#5c0011', boxShadow: '0 0 0 1px #fff' }
              : { backgroundColor: '#fff', color: '#a8071a', boxShadow: '0 0 0 1px #a8071a' }
          }
        >
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      }
      title={label}
    />
  );
}
