import { useQuery } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { boardApi, boardKeys } from '../../api/board.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RulebookView } from '../points/rulebook-view.tsx';
import { BoardHeading } from './board-parts.tsx';

/** /board/:communityId/rulebook — the rulebook in force, chapter by chapter. */
export function BoardRulebookPage() {
  const { t } = useTranslation();
  const { communityId = '' } = useParams();
  const book = useQuery({
    queryKey: boardKeys.rulebook(communityId),
    queryFn: () => boardApi.rulebook(communityId),
  });
  return (
    <QueryState query={book} notFoundTitle={t('board.noRulebook')}>
      {(b) => (
        <div data-testid="board-rulebook">
          <BoardHeading
            title={b.title}
            subTitle={`${t('board.effective', { version: b.version, date: b.effectiveFrom ?? '—' })} · ${t('board.publisher', { name: b.orgUnitName })}`}
            qr={b.qr}
            back={`/board/${communityId}`}
          />
          <Card className="linli-board-section">
            <RulebookView book={b} />
          </Card>
        </div>
      )}
    </QueryState>
  );
}
