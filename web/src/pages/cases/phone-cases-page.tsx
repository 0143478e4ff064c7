import { RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { CaseActions } from './case-actions.tsx';
import { CaseKindTag, CasePhotos, CaseStateTag, OverdueTag } from './case-parts.tsx';
import { type CaseOut, type CaseQueue, caseKeys, casesApi } from './cases-api.ts';

const PAGE_SIZE = 10;

/** 我的报事 (mine), 待核实 (check: the grid worker's queue) and 我的接单 (assigned) on the phone. */
export function PhoneCasesPage({ queue }: { queue: Exclude<CaseQueue, 'handle'> }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = { queue, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: caseKeys.list(q),
    queryFn: () => casesApi.list(q),
    placeholderData: keepPreviousData,
  });
  const empty = {
    mine: t('cases.list.emptyMine'),
    check: t('cases.list.emptyCheck'),
    assigned: t('cases.list.emptyAssigned'),
  }[queue];
  return (
    <>
      <PhoneTitle
        title={t(`cases.queue.${queue}`)}
        extra={
          queue === 'mine' && (
            <Link to="/m/cases/report">
              <Button type="primary" data-testid="report-new">
                {t('cases.list.reportNew')}
              </Button>
            </Link>
          )
        }
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Card loading />
      ) : list.data.items.length === 0 ? (
        <Card>
          <Empty description={empty} data-testid="cases-empty" />
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="case-list">
          {list.data.items.map((c) =>
            queue === 'check' ? <CheckCard key={c.id} c={c} /> : <CaseCard key={c.id} c={c} />,
          )}
        </div>
      )}
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={setPage}
        />
      )}
    </>
  );
}

export function PhoneMyCasesPage() {
  return <PhoneCasesPage queue="mine" />;
}
export function PhoneCheckCasesPage() {
  return <PhoneCasesPage queue="check" />;
}
export function PhoneAssignedCasesPage() {
  return <PhoneCasesPage queue="assigned" />;
}

function CaseHead({ c }: { c: CaseOut }) {
  return (
    <div className="linli-phone-card-row">
      <Typography.Text strong style={{ wordBreak: 'break-word' }}>
        {c.categoryName}
      </Typography.Text>
      <Flex gap={4} wrap justify="flex-end">
        {c.overdue && <OverdueTag />}
        <CaseStateTag state={c.state} />
      </Flex>
    </div>
  );
}

/** One case in a list: tap for the detail. */
function CaseCard({ c }: { c: CaseOut }) {
  const { i18n } = useTranslation();
  return (
    <Link to={`/m/cases/${c.id}`} style={{ color: 'inherit' }} data-testid="case-card">
      <Card size="small" style={c.overdue ? { borderColor: '#ff4d4f' } : undefined}>
        <CaseHead c={c} />
        <div style={{ margin: '6px 0', wordBreak: 'break-word' }}>{c.description}</div>
        <Flex justify="space-between" align="center" gap={8}>
          <span className="linli-muted">
            {c.place} · {formatDateTime(c.createdAt, i18n.language)}
          </span>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.3)' }} />
        </Flex>
      </Card>
    </Link>
  );
}

/** 待核实: the grid worker sees the report whole and decides on the spot. */
function CheckCard({ c }: { c: CaseOut }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" data-testid="check-card" style={c.overdue ? { borderColor: '#ff4d4f' } : undefined}>
      <CaseHead c={c} />
      <div style={{ margin: '6px 0' }}>
        <CaseKindTag kind={c.kind} />
      </div>
      <div style={{ wordBreak: 'break-word' }}>{c.description}</div>
      <div className="linli-muted" style={{ margin: '4px 0 8px' }}>
        {c.reporterName} · {c.place}
        {c.address ? ` · ${c.address}` : ''} · {formatDateTime(c.createdAt, i18n.language)}
      </div>
      <CasePhotos ids={c.photoIds} size={72} />
      <div className="linli-muted" style={{ marginTop: 8, color: c.overdue ? '#cf1322' : undefined }}>
        {t('cases.labelled', {
          label: t('cases.field.checkDueAt'),
          value: formatDateTime(c.checkDueAt, i18n.language),
        })}
      </div>
      <Flex gap={8} style={{ marginTop: 12 }} wrap>
        <CaseActions c={c} />
        <Link to={`/m/cases/${c.id}`}>
          <Button>{t('common.detail')}</Button>
        </Link>
      </Flex>
    </Card>
  );
}
