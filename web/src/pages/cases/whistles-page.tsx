import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Grid, List, Segmented, Skeleton, Typography } from 'antd';
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
  const { values, page, update } = useSearchState(['view'] as const);
  const wide = Grid.useBreakpoint().md;
  // 待办 (not yet resolved) by default; one state, or everything, on request.
  const view = VIEWS.includes(values.view as View) ? (values.view as View) : 'open';
  const state = view === 'open' || view === 'all' ? undefined : view;
  const list = useQuery({ queryKey: caseKeys.whistles(state), queryFn: () => casesApi.whistles(state) });
  const items = (list.data ?? []).filter((w) => view !== 'open' || w.state !== 'resolved').sort(byUrgency);
  return (
    <>
      <PageHeader title={t('menu.caseWhistles')} subTitle={t('cases.whistles.hint')} />
      <div style={{ maxWidth: '100%', overflowX: 'auto', marginBottom: 16 }}>
        <Segmented<View>
          value={view}
          onChange={(v) => update({ view: v === 'open' ? undefined : v })}
          options={VIEWS.map((v) => ({
            value: v,
            label:
              v === 'open'
                ? t('cases.whistles.open')
                : v === 'all'
                  ? t('cases.queue.all')
                  : t(`cases.whistleState.${v}`),
          }))}
          data-testid="whistles-view"
        />
      </div>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('cases.whistles.empty')} data-testid="whistles-empty" />
        </Card>
      ) : (
        <List
          grid={{ gutter: 16, xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
          dataSource={items}
          pagination={
            items.length > PAGE_SIZE
              ? {
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: items.length,
                  align: 'center',
                  showSizeChanger: false,
                  simple: !wide,
                  showTotal: (total) => t('common.total', { count: total }),
                  onChange: (p) => update({ page: p }),
                }
              : false
          }
          renderItem={(w) => (
            <List.Item>
              <WhistleCard w={w} />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

const PAGE_SIZE = 12;

/** Open whistles first, the most urgent report-in at the top; then the latest results. */
function byUrgency(a: WhistleItem, b: WhistleItem): number {
  const doneA = a.state === 'resolved';
  const doneB = b.state === 'resolved';
  if (doneA !== doneB) return doneA ? 1 : -1;
  if (!doneA) return a.respondDueAt.localeCompare(b.respondDueAt);
  return (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '');
}
type View = 'open' | WhistleState | 'all';
const VIEWS: readonly View[] = ['open', ...WHISTLE_STATES, 'all'];

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
