import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Progress, Result, Skeleton, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type RosterImportOut, type RosterIssue, rosterApi, rosterKeys } from '../../api/rosters.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';

const POLL_MS = 800;

/** Polls one import until it finishes, then shows the counts and the row-by-row report. */
export function ImportProgress({ id, onAgain }: { id: string; onAgain: () => void }) {
  const job = useQuery({
    queryKey: rosterKeys.import(id),
    queryFn: () => rosterApi.getImport(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? POLL_MS : false),
  });
  if (job.isPending) return <Skeleton active />;
  if (job.isError) return <QueryError error={job.error} onRetry={() => job.refetch()} />;
  const r = job.data;
  return (
    <div data-testid="roster-progress">
      {r.status === 'running' ? <Running job={r} /> : <Finished job={r} onAgain={onAgain} />}
      {r.status !== 'running' && <Report job={r} />}
    </div>
  );
}

function Running({ job }: { job: RosterImportOut }) {
  const { t } = useTranslation();
  const percent = job.totalRows > 0 ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;
  return (
    <>
      <Progress percent={percent} status="active" strokeColor="#c8161d" />
      <p>{t('roster.rowsProcessed', { done: job.processedRows, total: job.totalRows })}</p>
    </>
  );
}

function Finished({ job, onAgain }: { job: RosterImportOut; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const status = job.status === 'done' ? (job.errorRows > 0 ? 'warning' : 'success') : 'error';
  const subTitle =
    job.status === 'rejected'
      ? t('roster.rejected')
      : job.status === 'failed'
        ? t('roster.failedHint')
        : undefined;
  return (
    <Result
      status={status}
      title={t(`roster.statuses.${job.status}`)}
      subTitle={
        <>
          <div>
            {t('roster.summary', {
              total: job.totalRows,
              created: job.created,
              updated: job.updated,
              unchanged: job.unchanged,
              errors: job.errorRows,
              warnings: job.warningRows,
            })}
          </div>
          {subTitle && <div>{subTitle}</div>}
        </>
      }
      extra={<Button onClick={onAgain}>{t('roster.again')}</Button>}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('roster.fileName')}>{job.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('audit.time')}>
          {formatDateTime(job.createdAt, i18n.language)}
        </Descriptions.Item>
      </Descriptions>
    </Result>
  );
}

function Report({ job }: { job: RosterImportOut }) {
  const { t } = useTranslation();
  return (
    <>
      <h4 style={{ marginTop: 8 }}>{t('roster.report')}</h4>
      {job.reportTruncated && (
        <Alert
          type="warning"
          showIcon
          title={t('roster.truncated', { count: job.report.length })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<RosterIssue>
        rowKey={(r, i) => `${r.row}-${r.column}-${r.code}-${i}`}
        size="small"
        dataSource={job.report}
        locale={{ emptyText: <Empty description={t('roster.noErrors')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="roster-report"
        columns={[
          { title: t('roster.row'), dataIndex: 'row', width: 80 },
          { title: t('roster.column'), dataIndex: 'column', width: 140, render: (v: string) => v || '—' },
          {
            title: t('roster.level'),
            dataIndex: 'level',
            width: 80,
            render: (l: RosterIssue['level']) =>
              l === 'error' ? (
                <Tag color="red">{t('roster.levelError')}</Tag>
              ) : (
                <Tag color="orange">{t('roster.levelWarning')}</Tag>
              ),
          },
          // The reason comes from the server in Chinese, the language of the roster itself.
          { title: t('roster.reason'), dataIndex: 'reason' },
        ]}
      />
    </>
  );
}
