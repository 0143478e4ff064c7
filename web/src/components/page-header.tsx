import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

export type Crumb = { title: ReactNode; to?: string };

/** Title row of a desktop page: breadcrumbs, the title, and the page's primary actions on the right. */
export function PageHeader({
  title,
  crumbs,
  extra,
  subTitle,
}: {
  title: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
  subTitle?: ReactNode;
}) {
  return (
    <div className="linli-page-header">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex align="center" justify="space-between" gap={12} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
