import { PictureOutlined } from '@ant-design/icons';
import { Empty, Flex, Table, type TableProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClaimOut } from '../../api/points.ts';
import { formatDateTime } from '../../components/format.ts';
import { ClaimPhotos, ClaimPoints, ClaimStateTag, ClaimTimeline, KindTag } from './claim-parts.tsx';

type Props = Pick<TableProps<ClaimOut>, 'loading' | 'pagination' | 'rowSelection'> & {
  claims: ClaimOut[] | undefined;
  empty: string;
  /** The last column: the moves this actor may make on the row's claim. */
  actions?: (claim: ClaimOut) => ReactNode;
  showState?: boolean;
};

/** Claims as a desktop table; a row expands to its description, photos and timeline. */
export function ClaimsTable({ claims, empty, actions, showState = true, ...table }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Table<ClaimOut>
      rowKey="id"
      dataSource={claims}
      locale={{ emptyText: <Empty description={empty} /> }}
      scroll={{ x: 1100 }}
      expandable={{
        expandedRowRender: (c) => (
          <Flex gap={24} wrap style={{ padding: '4px 8px' }}>
            <div style={{ flex: '1 1 320px', minWidth: 0 }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph>
              <ClaimPhotos ids={c.photoIds} size={96} />
            </div>
            <div style={{ flex: '1 1 320px', minWidth: 0 }}>
              <ClaimTimeline timeline={c.timeline} />
            </div>
          </Flex>
        ),
      }}
      columns={[
        {
          title: t('points.claimant'),
          dataIndex: 'claimantName',
          width: 120,
          render: (name: string, c) => (
            <Link to={`/admin/points/claims/${c.id}`} data-testid="claim-link">
              {name}
            </Link>
          ),
        },
        {
          title: t('points.rule'),
          dataIndex: 'ruleTitle',
          render: (title: string, c) => (
            <Flex gap={6} align="center" wrap>
              <KindTag kind={c.kind} />
              <span>
                <Typography.Text type="secondary">{c.ruleCode}</Typography.Text> {title}
              </span>
              {c.photoIds.length > 0 && (
                <Typography.Text type="secondary">
                  <PictureOutlined /> {c.photoIds.length}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        { title: t('points.address'), dataIndex: 'address', width: 220, ellipsis: true },
        { title: t('points.quantity'), dataIndex: 'quantity', width: 70, align: 'right' },
        {
          title: t('points.points'),
          key: 'points',
          width: 80,
          align: 'right',
          render: (_, c) => <ClaimPoints claim={c} strong />,
        },
        { title: t('points.deedDate'), dataIndex: 'deedDate', width: 110 },
        ...(showState
          ? [
              {
                title: t('points.stateLabel'),
                dataIndex: 'state',
                width: 110,
                render: (s: ClaimOut['state']) => <ClaimStateTag state={s} />,
              },
            ]
          : []),
        {
          title: t('points.createdAt'),
          dataIndex: 'createdAt',
          width: 170,
          render: (v: string) => formatDateTime(v, i18n.language),
        },
        ...(actions
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 170,
                fixed: 'right' as const,
                render: (_: unknown, c: ClaimOut) => actions(c),
              },
            ]
          : []),
      ]}
      {...table}
    />
  );
}
