import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WHISTLE_STATES } from '../../../../common/contracts/cases.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { WhistleStateTag } from './case-parts.tsx';
import { caseKeys, casesApi, type WhistleItem, type WhistleState } from './cases-api.ts';
import { WhistleMoves } from './whistle-moves.tsx';

/** 部门报到: what the community whistled to my department; report in, act, record the result. */
export function WhistlesPage() {
  const { t } = useTranslation();
  const { values, update } = useSearchState(['state'] as const);
  const state = WHISTLE_STATES.includes(values.state as WhistleState)
    ? (values.state as WhistleState)
    : undefined;
  const list = useQuery({ queryKey: caseKeys.whistles(state), queryFn: () => casesApi.whistles(state) });
  return (
    <>
      <PageHeader title={t('menu.caseWhistles')} subTitle={t('cases.whistles.hint')} />
      <Segmented<string>
        value={state ?? ''}
        onChange={(s) => update({ state: s || undefined })}
        options={[
          { value: '', label: t('cases.queue.all') },
          ...WHISTLE_STATES.map((s) => ({ value: s, label: t(`cases.whistleState.${s}`) })),
        ]}
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        data-testid="whistles-state"
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : list.data.length === 0 ? (
        <Card>
          <Empty description={t('cases.whistles.empty')} data-testid="whistles-empty" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {list.data.map((w) => (
            <Col key={w.id} xs={24} lg={12} xxl={8}>
              <WhistleCard w={w} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function WhistleCard({ w }: { w: WhistleItem }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const late = (iso: string, done: string | null) => !done && new Date(iso).getTime() < Date.now();
  return (
    <Card size="small" data-testid="whistle-card" style={{ height: '100%' }}>
      <div className="linli-phone-card-row" style={{ marginBottom: 6 }}>
        <Typography.Text strong>{w.departmentName}</Typography.Text>
        <WhistleStateTag state={w.state} />
      </div>
      <div style={{ wordBreak: 'break-word' }}>
        {t('cases.labelled', { label: t('cases.whistles.case'), value: w.caseDescription })}
      </div>
      <div style={{ wordBreak: 'break-word' }}>
        {t('cases.labelled', { label: t('cases.field.summary'), value: w.summary })}
      </div>
      <div
        className="linli-muted"
        style={late(w.respondDueAt, w.reportedInAt) ? { color: '#cf1322' } : undefined}
        data-testid="whistle-respond-due"
      >
        {t('cases.labelled', { label: t('cases.whistles.respondDueAt'), value: time(w.respondDueAt) })}
      </div>
      <div className="linli-muted" style={late(w.deadline, w.resolvedAt) ? { color: '#cf1322' } : undefined}>
        {t('cases.labelled', { label: t('cases.whistles.deadline'), value: time(w.deadline) })}
      </div>
      {w.reportedInAt && (
        <div className="linli-muted">{t('cases.detail.reportedInAt', { time: time(w.reportedInAt) })}</div>
      )}
      {w.result && (
        <div style={{ wordBreak: 'break-word' }}>
          {t('cases.labelled', { label: t('cases.field.result'), value: w.result })}
        </div>
      )}
      {w.escalatedAt && (
        <div style={{ color: '#cf1322', fontSize: 12 }}>
          {t('cases.detail.escalatedAt', { time: time(w.escalatedAt) })}
        </div>
      )}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <WhistleMoves w={w} />
        <Link to={`/admin/cases/whistles/${w.caseId}`}>
          <Button data-testid="whistle-open-case">{t('cases.whistles.openCase')}</Button>
        </Link>
      </Flex>
    </Card>
  );
}
