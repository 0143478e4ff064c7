import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { boardApi, boardKeys } from '../../api/board.ts';
import { QueryState } from '../../components/query-state.tsx';
import { BoardHeading } from './board-parts.tsx';

/** /board/:communityId/convention — the resident convention in force. */
export function BoardConventionPage() {
  const { t } = useTranslation();
  const { communityId = '' } = useParams();
  const convention = useQuery({
    queryKey: boardKeys.convention(communityId),
    queryFn: () => boardApi.convention(communityId),
  });
  return (
    <QueryState query={convention} notFoundTitle={t('board.noConvention')}>
      {(c) => (
        <div data-testid="board-convention">
          <BoardHeading
            title={c.title}
            subTitle={`${t('board.effective', { version: c.version, date: c.effectiveFrom ?? '—' })} · ${t('board.publisher', { name: c.orgUnitName })}`}
            qr={c.qr}
            back={`/board/${communityId}`}
          />
          <Card className="linli-board-section">
            <Typography.Paragraph className="linli-convention-body">{c.body}</Typography.Paragraph>
          </Card>
        </div>
      )}
    </QueryState>
  );
}
