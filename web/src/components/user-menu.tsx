import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout, useMe } from '../app/session.ts';
import { useLabels } from './labels.ts';

/** The signed-in user's name, their roles with scopes, and sign-out. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const logout = useLogout();
  const navigate = useNavigate();
  const items = [
    {
      key: 'roles',
      type: 'group' as const,
      label: t('shell.myRoles'),
      children: me.roles.map((r, i) => ({
        key: `role-${i}`,
        disabled: true,
        label: `${labels.role(r.role)} · ${r.orgUnitName}`,
      })),
    },
    { type: 'divider' as const },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: t('auth.logout'),
      danger: true,
      onClick: () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }),
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
        {!compact && <span>{me.user.displayName}</span>}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
