import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Row, Select, Statistic, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type SummaryOut, summaryApi, summaryKeys } from '../../api/summaries.ts';
import { useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDate, todayInShanghai } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { KindTag } from './claim-parts.tsx';
import { signed, usePointsLabels } from './points-labels.ts';
import { useMyCommunity } from './use-my-community.ts';

/** The last eight calendar quarters, newest first: "2026-Q4", "2026-Q3" … */
function recentQuarters(today = todayInShanghai()): string[] {
  let y = Number(today.slice(0, 4));
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}

/** 一季一汇总: a community's or subdistrict's quarter in figures; printable, and as an Excel file. */
export function SummaryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { community } = useMyCommunity();
  const quarters = recentQuarters();
  const { values, update } = useSearchState(['orgUnitId', 'quarter', 'masked'] as const);
  const orgUnitId = values.orgUnitId ?? community?.id ?? me.roles[0]?.orgUnitId;
  const quarter = values.quarter && /^\d{4}-Q[1-4]$/.test(values.quarter) ? values.quarter : quarters[0];
  const masked = values.masked === '1';
  const params = { orgUnitId: orgUnitId ?? '', quarter, masked };
  const summary = useQuery({
    queryKey: [...summaryKeys.summaries, params],
    queryFn: () => summaryApi.summary(params),
    enabled: !!orgUnitId,
  });
  const exportFile = useMutation({
    mutationFn: () => summaryApi.exportSummary(params),
    onSuccess: () => message.success(t('summary.exported')),
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <>
      <PageHeader
        title={t('menu.pointsSummary')}
        subTitle={t('summary.hint')}
        extra={
          <div className="linli-no-print" style={{ display: 'flex', gap: 8 }}>
            <Button
              icon={<FileExcelOutlined />}
              loading={exportFile.isPending}
              disabled={!summary.data}
              onClick={() => exportFile.mutate()}
              data-testid="summary-export"
            >
              {t('summary.export')}
            </Button>
            <Button icon={<PrinterOutlined />} disabled={!summary.data} onClick={() => window.print()}>
              {t('summary.print')}
            </Button>
          </div>
        }
      />
      <Card className="linli-no-print" style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap align="center">
          <OrgUnitPicker
            value={orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            selectableKinds={['community', 'subdistrict']}
            allowClear={false}
            placeholder={t('summary.pickUnit')}
            initialLabel={orgUnitId && orgUnitId === community?.id ? community.name : undefined}
            style={{ width: 260 }}
          />
          <Select
            value={quarter}
            onChange={(q: string) => update({ quarter: q })}
            options={quarters.map((q) => ({ value: q, label: q }))}
            style={{ width: 140 }}
            data-testid="summary-quarter"
          />
          <Flex gap={8} align="center">
            <Switch checked={masked} onChange={(on) => update({ masked: on ? '1' : undefined })} />
            <span>{t('summary.masked')}</span>
          </Flex>
        </Flex>
      </Card>
      {orgUnitId ? (
        <QueryState query={summary}>{(s) => <SummaryView summary={s} />}</QueryState>
      ) : (
        <Empty description={t('summary.pickUnit')} />
      )}
    </>
  );
}

function SummaryView({ summary: s }: { summary: SummaryOut }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  const h = s.households;
  const count = `${h.change >= 0 ? '+' : ''}${h.change}`;
  const change =
    h.changePct === null
      ? count
      : t('points.paren', { text: count, inner: `${h.changePct >= 0 ? '+' : ''}${h.changePct}%` });
  return (
    <div data-testid="summary">
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
        {s.orgUnitName} {s.quarter}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {t('summary.period', {
          from: formatDate(s.from, i18n.language),
          // `to` is exclusive: the quarter's last day is the day before.
          to: formatDate(new Date(new Date(s.to).getTime() - 1).toISOString(), i18n.language),
        })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { title: t('summary.earned'), value: s.issued.earned, color: '#389e0d' },
          { title: t('summary.deducted'), value: s.issued.deducted, color: '#cf1322' },
          { title: t('summary.net'), value: s.issued.net },
        ].map((x) => (
          <Col key={x.title} xs={12} md={6}>
            <Card>
              <Statistic
                title={x.title}
                value={x.value}
                styles={{ content: x.color ? { color: x.color } : undefined }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('summary.households')} value={h.current} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('summary.previous', { quarter: s.previousQuarter, count: h.previous })} ·{' '}
              {t('summary.change', { change })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('summary.byRule')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={s.byRule}
              locale={{ emptyText: <Empty description={t('summary.none')} /> }}
              columns={[
                { title: t('rulebooks.code'), dataIndex: 'code', width: 70 },
                { title: t('rulebooks.item'), dataIndex: 'title' },
                {
                  title: t('rulebooks.kind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: SummaryOut['byRule'][number]['kind']) => <KindTag kind={k} />,
                },
                { title: t('summary.entries'), dataIndex: 'entries', width: 80, align: 'right' },
                {
                  title: t('points.points'),
                  dataIndex: 'points',
                  width: 90,
                  align: 'right',
                  render: (v: number) => signed(v),
                },
              ]}
            />
          </Card>
          <Card title={t('summary.byKind')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={s.byKind}
              columns={[
                {
                  title: t('rulebooks.kind'),
                  dataIndex: 'kind',
                  render: (k: SummaryOut['byKind'][number]['kind']) => labels.kind(k),
                },
                { title: t('summary.entries'), dataIndex: 'entries', align: 'right' },
                {
                  title: t('points.points'),
                  dataIndex: 'points',
                  align: 'right',
                  render: (v: number) => signed(v),
                },
              ]}
            />
          </Card>
          {s.communities.length > 0 && (
            <Card title={t('summary.communities')} style={{ marginBottom: 16 }}>
              <Table
                rowKey="communityId"
                size="small"
                pagination={false}
                dataSource={s.communities}
                columns={[
                  { title: t('postings.community'), dataIndex: 'communityName' },
                  {
                    title: t('summary.earned'),
                    key: 'earned',
                    align: 'right',
                    render: (_, c) => c.issued.earned,
                  },
                  {
                    title: t('summary.deducted'),
                    key: 'deducted',
                    align: 'right',
                    render: (_, c) => c.issued.deducted,
                  },
                  { title: t('summary.net'), key: 'net', align: 'right', render: (_, c) => c.issued.net },
                  {
                    title: t('summary.households'),
                    key: 'hh',
                    align: 'right',
                    render: (_, c) => c.households.current,
                  },
                  {
                    title: t('summary.redemptions'),
                    key: 'red',
                    align: 'right',
                    render: (_, c) =>
                      t('summary.redemptionValue', {
                        count: c.redemptions.count,
                        points: c.redemptions.points,
                      }),
                  },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('summary.top')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="accountId"
              size="small"
              pagination={false}
              dataSource={s.topContributors}
              locale={{ emptyText: <Empty description={t('summary.none')} /> }}
              columns={[
                { title: t('summary.rank'), dataIndex: 'rank', width: 60 },
                { title: t('posting.name'), dataIndex: 'name' },
                { title: t('points.points'), dataIndex: 'points', align: 'right' },
              ]}
            />
          </Card>
          <Card title={t('summary.participants')} style={{ marginBottom: 16 }}>
            <Table
              rowKey="participant"
              size="small"
              pagination={false}
              dataSource={s.participants}
              columns={[
                {
                  title: t('posting.participant'),
                  dataIndex: 'participant',
                  render: (p: 'gig_worker' | 'volunteer') => labels.participant(p),
                },
                { title: t('summary.persons'), dataIndex: 'persons', align: 'right' },
                { title: t('points.points'), dataIndex: 'points', align: 'right' },
              ]}
            />
          </Card>
          <Card title={t('summary.redemptions')}>
            <Typography.Text style={{ fontSize: 20 }}>
              {t('summary.redemptionValue', { count: s.redemptions.count, points: s.redemptions.points })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
