import { Button, Empty, Space, Table, Timeline, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LoanOut } from '../../api/toolbox.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoanStateTag, useLoanActions } from './toolbox-parts.tsx';

/** Loans with their state, due date, the desk's actions, and each loan's history when expanded. */
export function LoansTable({
  loans,
  loading,
  pagination,
  showTool = true,
  showBorrower = true,
  emptyText,
}: {
  loans?: LoanOut[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  showTool?: boolean;
  showBorrower?: boolean;
  emptyText?: string;
}) {
  const { t, i18n } = useTranslation();
  const actions = useLoanActions();
  return (
    <Table<LoanOut>
      data-testid="loans-table"
      rowKey="id"
      loading={loading}
      dataSource={loans}
      pagination={pagination}
      locale={{ emptyText: <Empty description={emptyText ?? t('toolbox.loans.none')} /> }}
      scroll={{ x: 960 }}
      expandable={{
        expandedRowRender: (l) => (
          <Timeline
            style={{ marginTop: 8, marginBottom: -16 }}
            items={l.events.map((e) => ({
              children: (
                <span>
                  {formatDateTime(e.at, i18n.language)} ·{' '}
                  {t(`toolbox.event.${e.action}` as 'toolbox.event.lent')} · {e.actorName}
                  {e.note ? ` · ${e.note}` : ''}
                </span>
              ),
            }))}
          />
        ),
      }}
      columns={[
        ...(showTool
          ? [
              {
                title: t('toolbox.loans.tool'),
                key: 'tool',
                width: 180,
                render: (_: unknown, l: LoanOut) => (
                  <>
                    <Link to={`/admin/toolbox/tools/${l.toolId}`}>{l.toolName}</Link>
                    <div className="linli-muted" style={{ fontSize: 12 }}>
                      {l.venueName}
                    </div>
                  </>
                ),
              },
            ]
          : []),
        ...(showBorrower
          ? [
              {
                title: t('toolbox.loans.borrower'),
                key: 'borrower',
                width: 110,
                // The person's own history: every loan of theirs at the stations in scope.
                render: (_: unknown, l: LoanOut) => (
                  <Link to={`/admin/toolbox/loans?personId=${l.personId}`}>{l.borrowerName}</Link>
                ),
              },
            ]
          : []),
        {
          title: t('toolbox.loans.lentAt'),
          key: 'lentAt',
          width: 150,
          render: (_, l) => (
            <>
              <div>{formatDateTime(l.lentAt, i18n.language)}</div>
              <div className="linli-muted" style={{ fontSize: 12 }}>
                {l.lentByName}
              </div>
            </>
          ),
        },
        {
          title: t('toolbox.loans.dueDate'),
          key: 'due',
          width: 130,
          render: (_, l) => (
            <Space size={4} wrap>
              <Typography.Text type={l.overdue ? 'danger' : undefined}>{l.dueDate}</Typography.Text>
              {l.extended && (
                <Typography.Text type="secondary">({t('toolbox.loans.extended')})</Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('toolbox.loans.state'),
          key: 'state',
          width: 120,
          render: (_, l) => <LoanStateTag loan={l} />,
        },
        {
          title: t('toolbox.loans.returnedAt'),
          key: 'returnedAt',
          width: 150,
          render: (_, l) =>
            l.returnedAt ? (
              <>
                <div>{formatDateTime(l.returnedAt, i18n.language)}</div>
                {l.returnCondition && (
                  <div className="linli-muted" style={{ fontSize: 12 }}>
                    {t(`toolbox.condition.${l.returnCondition}`)}
                  </div>
                )}
              </>
            ) : (
              '—'
            ),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 210,
          fixed: 'right',
          render: (_, l) => (
            <Space size={0}>
              {l.actions.includes('return') && (
                <Button
                  type="link"
                  size="small"
                  onClick={() => actions.returnLoan(l)}
                  data-testid="return-loan"
                >
                  {t('toolbox.loans.returnAction')}
                </Button>
              )}
              {l.actions.includes('extend') && (
                <Button type="link" size="small" onClick={() => actions.extend(l)}>
                  {t('toolbox.loans.extend')}
                </Button>
              )}
              {l.actions.includes('lost') && (
                <Button type="link" size="small" danger onClick={() => actions.lost(l)}>
                  {t('toolbox.loans.lost')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
