import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Pagination, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type LoanOut, toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { errorText } from '../../components/error-text.ts';
import { todayInShanghai } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { CategoryTag, LoanStateTag } from './toolbox-parts.tsx';

const PAGE_SIZE = 10;

/** /m/toolbox/loans — 我借的工具: what I have out and when it is due (overdue in red), then my history. */
export function PhoneMyLoansPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const out = useQuery({
    queryKey: [...toolboxKeys.loans, 'mine', 'out'],
    queryFn: () => toolboxApi.loans({ mine: true, state: 'out', pageSize: 50 }),
  });
  const history = useQuery({
    queryKey: [...toolboxKeys.loans, 'mine', 'returned', page],
    queryFn: () => toolboxApi.loans({ mine: true, state: 'returned', page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PhoneTitle title={t('toolbox.phone.mine')} back="/m" />
      {out.isError ? (
        <QueryError error={out.error} onRetry={() => out.refetch()} />
      ) : !out.data ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : out.data.items.length === 0 ? (
        <Card>
          <Empty description={t('toolbox.phone.mineNone')}>
            <Link to="/m/toolbox">
              <Button type="primary">{t('toolbox.tileCatalogue')}</Button>
            </Link>
          </Empty>
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="my-loans-out">
          {out.data.items.map((l) => (
            <OutCard key={l.id} loan={l} />
          ))}
        </div>
      )}
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('toolbox.phone.history')}
      </Typography.Title>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => history.refetch()} />
      ) : !history.data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : history.data.items.length === 0 ? (
        <Card>
          <Empty description={t('toolbox.loans.none')} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: '4px 14px' } }} data-testid="my-loans-history">
          {history.data.items.map((l) => (
            <Flex key={l.id} justify="space-between" align="center" style={{ padding: '10px 0' }} gap={8}>
              <div>
                <div>{l.toolName}</div>
                <div className="linli-muted">
                  {t('toolbox.phone.returnedOn', { date: (l.returnedAt ?? '').slice(0, 10) })}
                </div>
              </div>
              <LoanStateTag loan={l} />
            </Flex>
          ))}
        </Card>
      )}
      {(history.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={history.data?.total ?? 0}
          onChange={setPage}
        />
      )}
    </>
  );
}

function OutCard({ loan }: { loan: LoanOut }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const extend = useMutation({
    mutationFn: () => toolboxApi.extend(loan.id),
    onSuccess: async (l) => {
      message.success(t('toolbox.loans.extendedDone', { date: l.dueDate }));
      await qc.invalidateQueries({ queryKey: toolboxKeys.all });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const dueToday = loan.dueDate === todayInShanghai();
  return (
    <Card styles={{ body: { padding: '12px 14px' } }} data-testid="my-loan">
      <Flex justify="space-between" align="start" gap={8}>
        <div>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {loan.toolName}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            <CategoryTag category={loan.category} />
            <span className="linli-muted">{loan.venueName}</span>
          </div>
        </div>
        <LoanStateTag loan={loan} />
      </Flex>
      <div style={{ marginTop: 8 }}>
        {loan.overdue ? (
          <Alert
            type="error"
            showIcon
            title={t('toolbox.phone.overdue', { count: loan.daysOverdue, venue: loan.venueName })}
            data-testid="overdue-warning"
          />
        ) : dueToday ? (
          <Alert type="warning" showIcon title={t('toolbox.phone.dueToday')} />
        ) : (
          <Typography.Text>{t('toolbox.phone.due', { date: loan.dueDate })}</Typography.Text>
        )}
      </div>
      {loan.actions.includes('extend') && (
        <Button
          block
          style={{ marginTop: 8 }}
          loading={extend.isPending}
          onClick={() =>
            modal.confirm({
              title: t('toolbox.phone.extendConfirm', { name: loan.toolName }),
              content: t('toolbox.loans.extendHint'),
              okText: t('toolbox.phone.extend'),
              cancelText: t('common.cancel'),
              onOk: () => extend.mutateAsync().catch(() => undefined),
            })
          }
        >
          {t('toolbox.phone.extend')}
        </Button>
      )}
    </Card>
  );
}
