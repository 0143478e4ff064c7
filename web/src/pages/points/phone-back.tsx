import { LeftOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The top of a phone sub-page: a big back target and the page's title. */
export function PhoneTitle({
  title,
  back = '/m',
  extra,
}: {
  title: ReactNode;
  back?: string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 4, minHeight: 40 }}>
      <Link to={back} aria-label={t('phone.back')}>
        <Button icon={<LeftOutlined />} size="large" type="text" style={{ paddingInline: 4 }} />
      </Link>
      <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 0 }}>
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}
