import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { boardApi, boardKeys, type PublicBoardOut, type PublicRanking } from '../../api/board.ts';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { BoardHeading, PostingRowsTable } from './board-parts.tsx';

/** /board/:communityId — a community's notice board: the open posting, rankings, convention, rulebook. */
export function BoardPage() {
  const { t } = useTranslation();
  const { communityId = '' } = useParams();
  const board = useQuery({
    queryKey: boardKeys.board(communityId),
    queryFn: () => boardApi.board(communityId),
  });
  return (
    <QueryState query={board} notFoundTitle={t('board.notFound')}>
      {(b) => <Board board={b} />}
    </QueryState>
  );
}

function Board({ board: b }: { board: PublicBoardOut }) {
  const { t, i18n } = useTranslation();
  const cid = b.community.id;
  return (
    <div data-testid="board">
      <BoardHeading
        title={t('board.title', { name: b.community.name })}
        subTitle={t('board.subtitle', { subdistrict: b.community.subdistrictName })}
        qr={b.qr}
      />
      <section className="linli-board-section">
        <Typography.Title level={3}>{t('board.current')}</Typography.Title>
        {b.currentPosting ? (
          <CurrentPosting id={b.currentPosting.id} />
        ) : (
          <Card>
            <Empty description={t('board.noCurrent')} />
          </Card>
        )}
      </section>
      <section className="linli-board-section linli-board-break">
        <Typography.Title level={3}>{t('board.rankings')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {(['month', 'quarter', 'year'] as const).map((k) => (
            <Col key={k} xs={24} md={8}>
              <RankingCard title={t(`board.${k}`)} ranking={b.rankings[k]} testId={`ranking-${k}`} />
            </Col>
          ))}
        </Row>
      </section>
      <section className="linli-board-section">
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card title={t('board.convention')} className="linli-board-card">
              {b.convention ? (
                <>
                  <Typography.Text strong>{b.convention.title}</Typography.Text>
                  <div className="linli-muted">
                    {t('board.effective', {
                      version: b.convention.version,
                      date: b.convention.effectiveFrom ?? '—',
                    })}
                  </div>
                  <Link to={`/board/${cid}/convention`} className="linli-no-print">
                    {t('board.viewFull')}
                  </Link>
                </>
              ) : (
                <Empty description={t('board.noConvention')} />
              )}
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card title={t('board.rulebook')} className="linli-board-card">
              {b.rulebook ? (
                <>
                  <Typography.Text strong>{b.rulebook.title}</Typography.Text>
                  <div className="linli-muted">
                    {t('board.effective', {
                      version: b.rulebook.version,
                      date: b.rulebook.effectiveFrom ?? '—',
                    })}{' '}
                    · {t('board.publisher', { name: b.rulebook.orgUnitName })}
                  </div>
                  <Link to={`/board/${cid}/rulebook`} className="linli-no-print">
                    {t('board.viewFull')}
                  </Link>
                </>
              ) : (
                <Empty description={t('board.noRulebook')} />
              )}
            </Card>
          </Col>
        </Row>
      </section>
      <section className="linli-board-section">
        <Typography.Title level={3}>{t('board.past')}</Typography.Title>
        <Card styles={{ body: { padding: 0 } }}>
          {b.pastPostings.length === 0 ? (
            <Empty description={t('board.noPast')} style={{ padding: 16 }} />
          ) : (
            b.pastPostings.map((p) => (
              <Link
                key={p.id}
                to={`/board/${cid}/postings/${p.id}`}
                className="linli-board-link"
                data-testid="board-past-posting"
              >
                <span>
                  {t('posting.period', { period: p.period })}
                  <span className="linli-muted" style={{ marginLeft: 8 }}>
                    {t('board.window', {
                      from: formatDate(p.opensAt, i18n.language),
                      to: formatDate(p.closesAt, i18n.language),
                    })}
                  </span>
                </span>
                <span>
                  <Tag>{t('board.rowsCount', { count: p.rowCount })}</Tag>
                  <Tag color={p.state === 'open' ? 'purple' : 'default'}>
                    {t(`points.postingState.${p.state}`)}
                  </Tag>
                </span>
              </Link>
            ))
          )}
        </Card>
      </section>
      <div className="linli-board-note">
        <div>{t('board.maskNote')}</div>
        <div>{t('board.generatedAt', { time: formatDateTime(b.generatedAt, i18n.language) })}</div>
      </div>
    </div>
  );
}

function CurrentPosting({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const posting = useQuery({ queryKey: boardKeys.posting(id), queryFn: () => boardApi.posting(id) });
  if (posting.isPending) return <Skeleton active />;
  if (posting.isError) return <Alert type="warning" title={posting.error.message} />;
  const p = posting.data;
  return (
    <Card data-testid="board-current">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('board.postingTitle', { community: p.communityName, period: p.period })}
      </Typography.Title>
      <Typography.Paragraph>
        {t('board.window', {
          from: formatDate(p.opensAt, i18n.language),
          to: formatDate(p.closesAt, i18n.language),
        })}
      </Typography.Paragraph>
      <PostingRowsTable rows={p.rows} />
      <Alert
        type="info"
        style={{ marginTop: 12 }}
        title={t('board.objectionHint', { date: formatDate(p.closesAt, i18n.language) })}
      />
    </Card>
  );
}

function RankingCard({ title, ranking, testId }: { title: string; ranking: PublicRanking; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t('points.paren', { text: title, inner: ranking.period })}
      className="linli-board-card"
      styles={{ body: { padding: 0 } }}
      data-testid={testId}
    >
      <Table
        rowKey={(r) => `${r.rank}-${r.name}-${r.points}`}
        size="small"
        pagination={false}
        dataSource={ranking.rows.slice(0, 10)}
        locale={{
          emptyText: <Empty description={t('board.noRanking')} image={Empty.PRESENTED_IMAGE_SIMPLE} />,
        }}
        columns={[
          { title: t('board.rank'), dataIndex: 'rank', width: 56, align: 'center' },
          { title: t('board.name'), dataIndex: 'name' },
          { title: t('board.points'), dataIndex: 'points', width: 70, align: 'right' },
        ]}
      />
    </Card>
  );
}
