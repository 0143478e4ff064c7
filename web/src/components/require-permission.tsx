import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../common/permissions.ts';
import { can, useMe } from '../app/session.ts';

/** A typed-in URL for a page the user's roles do not cover: say so instead of showing a broken page. */
export function RequirePermission({
  permission,
  children,
}: {
  permission?: Permission;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  if (permission && !can(me, permission))
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('common.forbidden')} subTitle={t('common.forbiddenHint')} />
      </div>
    );
  return children;
}
