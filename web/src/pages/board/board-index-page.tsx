import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { boardApi, boardKeys, type PublicCommunity } from '../../api/board.ts';
import { QueryState } from '../../components/query-state.tsx';

/** /board — every community's board, grouped by subdistrict. */
export function BoardIndexPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: boardKeys.communities, queryFn: boardApi.communities });
  return (
    <>
      <Typography.Title level={2} className="linli-board-title">
        {t('board.index')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('board.indexHint')}</Typography.Paragraph>
      <QueryState query={list}>
        {(items) => {
          if (items.length === 0) return <Empty />;
          const groups = new Map<string, PublicCommunity[]>();
          for (const c of items) groups.set(c.subdistrictName, [...(groups.get(c.subdistrictName) ?? []), c]);
          return [...groups].map(([name, communities]) => (
            <Card key={name} title={name} style={{ marginBottom: 16 }} styles={{ body: { padding: 0 } }}>
              {communities.map((c) => (
                <Link
                  key={c.id}
                  to={`/board/${c.id}`}
                  className="linli-board-link"
                  data-testid="board-community"
                >
                  <span>{c.name}</span>
                  <RightOutlined />
                </Link>
              ))}
            </Card>
          ));
        }}
      </QueryState>
    </>
  );
}
