import { LeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { qrSrc } from '../../api/board.ts';
import type { PostingOut } from '../../api/points.ts';
import { KindTag } from '../points/claim-parts.tsx';
import { signed, usePointsLabels } from '../points/points-labels.ts';

type Row = PostingOut['rows'][number];

/** The heading of a board page: title, subtitle, print and back on screen; the QR code beside it. */
export function BoardHeading({
  title,
  subTitle,
  qr,
  back,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  qr: { url: string; svg: string };
  back?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="linli-board-heading">
      <div style={{ minWidth: 0, flex: 1 }}>
        {back && (
          <Link to={back} className="linli-no-print">
            <Button type="link" icon={<LeftOutlined />} style={{ paddingInline: 0 }}>
              {t('board.back')}
            </Button>
          </Link>
        )}
        <Typography.Title
          level={2}
          className="linli-board-title"
          style={{ margin: 0 }}
          data-testid="board-title"
        >
          {title}
        </Typography.Title>
        {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        <div className="linli-no-print" style={{ marginTop: 12 }}>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="board-print">
            {t('board.print')}
          </Button>
        </div>
      </div>
      <QrCode qr={qr} />
    </div>
  );
}

export function QrCode({ qr }: { qr: { url: string; svg: string } }) {
  const { t } = useTranslation();
  return (
    <figure className="linli-board-qr" data-testid="board-qr">
      <img src={qrSrc(qr.svg)} alt={qr.url} />
      <figcaption>{t('board.qrHint')}</figcaption>
    </figure>
  );
}

/**
 * Posted rows exactly as published: masked names, never a room or a phone. A table on paper and wide
 * screens, a list on a phone (CSS picks one, so printing from a phone still gets the table).
 */
export function PostingRowsTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const total = rows.filter((r) => !r.revoked).reduce((s, r) => s + r.points, 0);
  return (
    <>
      <div className="linli-rows-list" data-testid="board-posting-list">
        {rows.map((r, i) => (
          <div key={r.claimId} className="linli-phone-card-row linli-rows-item">
            <div>
              <Typography.Text strong delete={r.revoked}>
                {i + 1}. {r.name}
              </Typography.Text>
              <span className="linli-muted" style={{ marginLeft: 6 }}>
                {labels.participant(r.participant)}
              </span>
              <div style={{ wordBreak: 'break-word' }}>{r.ruleTitle}</div>
              <div className="linli-muted">{r.deedDate}</div>
            </div>
            <div style={{ textAlign: 'right' }}>
              <Typography.Text strong delete={r.revoked}>
                {signed(r.points)}
              </Typography.Text>
              <div>
                <KindTag kind={r.kind} />
              </div>
            </div>
          </div>
        ))}
        {rows.length > 0 && (
          <div className="linli-rows-item" style={{ textAlign: 'right' }}>
            {t('board.total', { points: signed(total) })}
          </div>
        )}
      </div>
      <div className="linli-rows-table">
        <RowsTable rows={rows} total={total} />
      </div>
    </>
  );
}

function RowsTable({ rows, total }: { rows: Row[]; total: number }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  return (
    <Table<Row>
      rowKey="claimId"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 560 }}
      locale={{ emptyText: <Empty description={t('common.empty')} /> }}
      data-testid="board-posting-rows"
      columns={[
        { title: '#', key: 'no', width: 44, render: (_, __, i) => i + 1 },
        {
          title: t('board.name'),
          dataIndex: 'name',
          width: 150,
          render: (name: string, r) => (
            <Typography.Text delete={r.revoked} data-testid="board-row-name">
              {name}
            </Typography.Text>
          ),
        },
        {
          title: t('posting.participant'),
          dataIndex: 'participant',
          width: 100,
          render: (p: Row['participant']) => labels.participant(p),
        },
        { title: t('points.rule'), dataIndex: 'ruleTitle' },
        {
          title: t('rulebooks.kind'),
          dataIndex: 'kind',
          width: 90,
          render: (k: Row['kind']) => <KindTag kind={k} />,
        },
        {
          title: t('board.points'),
          dataIndex: 'points',
          width: 70,
          align: 'right',
          render: (v: number, r) => (
            <Typography.Text strong delete={r.revoked}>
              {signed(v)}
            </Typography.Text>
          ),
        },
        { title: t('points.deedDate'), dataIndex: 'deedDate', width: 110 },
      ]}
      summary={() =>
        rows.length > 0 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={7} align="right">
              {t('board.total', { points: signed(total) })}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
