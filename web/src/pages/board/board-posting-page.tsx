import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { boardApi, boardKeys } from '../../api/board.ts';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { BoardHeading, PostingRowsTable } from './board-parts.tsx';

/** /board/:communityId/postings/:id — one posting as published, printable with its QR code. */
export function BoardPostingPage() {
  const { t, i18n } = useTranslation();
  const { communityId = '', id = '' } = useParams();
  const posting = useQuery({ queryKey: boardKeys.posting(id), queryFn: () => boardApi.posting(id) });
  return (
    <QueryState query={posting} notFoundTitle={t('postings.notFound')}>
      {(p) => (
        <div data-testid="board-posting">
          <BoardHeading
            title={t('board.postingTitle', { community: p.communityName, period: p.period })}
            subTitle={`${t('board.window', {
              from: formatDate(p.opensAt, i18n.language),
              to: formatDate(p.closesAt, i18n.language),
            })} · ${t(`points.postingState.${p.state}`)}`}
            qr={p.qr}
            back={`/board/${p.communityId || communityId}`}
          />
          <Card className="linli-board-section">
            <PostingRowsTable rows={p.rows} />
            {p.state === 'open' && (
              <Alert
                type="info"
                style={{ marginTop: 12 }}
                title={t('board.objectionHint', { date: formatDate(p.closesAt, i18n.language) })}
              />
            )}
          </Card>
          <div className="linli-board-note">
            <div>{t('board.maskNote')}</div>
            <Typography.Text type="secondary">
              {t('board.generatedAt', { time: formatDateTime(new Date().toISOString(), i18n.language) })}
            </Typography.Text>
          </div>
        </div>
      )}
    </QueryState>
  );
}
