import { PictureOutlined } from '@ant-design/icons';
import { Descriptions, Empty, Flex, Table, type TableProps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ClaimOut } from '../../api/points.ts';
import { formatDateTime } from '../../components/format.ts';
import { ClaimPhotos, ClaimPoints, ClaimStateTag, ClaimTimeline, KindTag } from './claim-parts.tsx';
import { usePointsLabels } from './points-labels.ts';

type Props = Pick<TableProps<ClaimOut>, 'loading' | 'pagination' | 'rowSelection'> & {
  claims: ClaimOut[] | undefined;
  empty: string;
  /** The last column: the moves this actor may make on the row's claim. */
  actions?: (claim: ClaimOut) => ReactNode;
  showState?: boolean;
};

/** Claims as a desktop table; a row expands to its photos, details and timeline. */
export function ClaimsTable({ claims, empty, actions, showState = true, ...table }: Props) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  return (
    <Table<ClaimOut>
      rowKey="id"
      dataSource={claims}
      locale={{ emptyText: <Empty description={empty} /> }}
      scroll={{ x: 1000 }}
      expandable={{
        expandedRowRender: (c) => (
          <Flex gap={24} wrap style={{ padding: '4px 8px' }}>
            <div style={{ flex: '1 1 360px', minWidth: 0 }}>
              <ClaimPhotos ids={c.photoIds} size={112} />
              <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
                <Descriptions.Item label={t('points.address')}>{c.address}</Descriptions.Item>
                <Descriptions.Item label={t('points.declaredVia')}>
                  {labels.declarer(c.declaredVia)}
                </Descriptions.Item>
                <Descriptions.Item label={t('points.createdAt')}>
                  {formatDateTime(c.createdAt, i18n.language)}
                </Descriptions.Item>
                <Descriptions.Item label={t('rulebooks.version')}>
                  {t('points.rulebookVersion', { version: c.rulebookVersion })}
                </Descriptions.Item>
              </Descriptions>
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
          width: 200,
          render: (name: string, c) => (
            <>
              <Link to={`/admin/points/claims/${c.id}`} data-testid="claim-link">
                {name}
              </Link>
              <Typography.Paragraph
                type="secondary"
                ellipsis={{ rows: 2 }}
                style={{ fontSize: 12, margin: 0 }}
              >
                {c.address}
              </Typography.Paragraph>
            </>
          ),
        },
        {
          title: t('points.rule'),
          dataIndex: 'ruleTitle',
          render: (title: string, c) => (
            <>
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
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }}>
                {c.description}
              </Typography.Paragraph>
            </>
          ),
        },
        { title: t('points.quantity'), dataIndex: 'quantity', width: 64, align: 'right' },
        {
          title: t('points.points'),
          key: 'points',
          width: 72,
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
