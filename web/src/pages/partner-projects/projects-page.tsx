import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Input, Row, Select, Statistic, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROJECT_KINDS, PROJECT_STATES } from '../../../../common/contracts/partner-projects.ts';
import {
  type PartnerFigures,
  type ProjectKind,
  type ProjectOut,
  type ProjectState,
  partnerProjectKeys,
  partnerProjectsApi,
} from '../../api/partner-projects.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { dateRange, KindTag, StateTag } from './parts.tsx';

/** /admin/partner-projects — 合作项目: figures, search, state and kind filters, pages. */
export function PartnerProjectsPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useSearchState(['q', 'state', 'kind'] as const);
  const state = PROJECT_STATES.find((s) => s === values.state);
  const kind = PROJECT_KINDS.find((k) => k === values.kind);
  const filter = { q: values.q, state, kind, page, pageSize };
  const list = useQuery({
    queryKey: [...partnerProjectKeys.projects, 'desk', filter],
    queryFn: () => partnerProjectsApi.projects(filter),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(values.q || state || kind);
  const columns = [
    {
      title: t('partnerProjects.field.title'),
      dataIndex: 'title',
      render: (v: string, p: ProjectOut) => <Link to={`/admin/partner-projects/${p.id}`}>{v}</Link>,
    },
    {
      title: t('partnerProjects.field.kind'),
      dataIndex: 'kind',
      render: (k: ProjectKind) => <KindTag kind={k} />,
    },
    { title: t('partnerProjects.field.orgUnit'), dataIndex: 'orgUnitName' },
    {
      title: t('partnerProjects.field.leads'),
      dataIndex: 'leads',
      render: (l: ProjectOut['leads']) => l.map((x) => x.name).join('、'),
    },
    {
      title: t('partnerProjects.field.participants'),
      render: (_: unknown, p: ProjectOut) =>
        `${p.participantCount}${p.capacity !== null ? ` / ${p.capacity}` : ''}`,
    },
    { title: t('partnerProjects.field.dates'), render: (_: unknown, p: ProjectOut) => dateRange(p) },
    {
      title: t('partnerProjects.field.state'),
      dataIndex: 'state',
      render: (s: ProjectState) => <StateTag state={s} />,
    },
  ];
  return (
    <>
      <PageHeader title={t('partnerProjects.desk.projectsTitle')} />
      <Figures />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            allowClear
            placeholder={t('partnerProjects.desk.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 300 }}
            data-testid="project-search"
          />
          <Select
            allowClear
            value={state}
            placeholder={t('partnerProjects.desk.allStates')}
            onChange={(s?: ProjectState) => update({ state: s })}
            options={PROJECT_STATES.map((s) => ({ value: s, label: t(`partnerProjects.state.${s}`) }))}
            style={{ width: 140 }}
            data-testid="state-filter"
          />
          <Select
            allowClear
            value={kind}
            placeholder={t('partnerProjects.desk.allKinds')}
            onChange={(k?: ProjectKind) => update({ kind: k })}
            options={PROJECT_KINDS.map((k) => ({ value: k, label: t(`partnerProjects.kind.${k}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={list.isFetching && !list.data}
            dataSource={list.data?.items ?? []}
            columns={columns}
            data-testid="projects-table"
            locale={{
              emptyText: (
                <Empty
                  description={filtered ? t('partnerProjects.desk.noMatch') : t('partnerProjects.desk.none')}
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => update({ page: p, pageSize: s }),
            }}
          />
        )}
      </Card>
    </>
  );
}

function Figures() {
  const { t } = useTranslation();
  const f = useQuery({ queryKey: partnerProjectKeys.figures, queryFn: partnerProjectsApi.figures });
  if (!f.data) return null;
  const d: PartnerFigures = f.data;
  const rows = (
    items: PartnerFigures['byState'],
    label: (r: PartnerFigures['byState'][number]) => string,
  ) => (
    <Flex gap={4} wrap>
      {items.map((r) => (
        <Tag key={r.key}>
          {label(r)} {r.count}
        </Tag>
      ))}
    </Flex>
  );
  return (
    <Card
      title={t('partnerProjects.desk.figures')}
      style={{ marginBottom: 16 }}
      data-testid="partner-figures"
    >
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('partnerProjects.desk.approvedPartners')} value={d.partners} />
        </Col>
        <Col span={6}>
          <Statistic title={t('partnerProjects.desk.pendingPartners')} value={d.pendingPartners} />
        </Col>
        <Col span={6}>
          <Statistic title={t('partnerProjects.desk.totalProjects')} value={d.projects} />
        </Col>
        <Col span={6}>
          <Statistic title={t('partnerProjects.desk.totalParticipants')} value={d.participants} />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={12}>
          <div className="linli-muted">{t('partnerProjects.desk.byState')}</div>
          {rows(d.byState, (r) => t(`partnerProjects.state.${r.key as ProjectState}`))}
          <div className="linli-muted" style={{ marginTop: 8 }}>
            {t('partnerProjects.desk.byKind')}
          </div>
          {rows(d.byKind, (r) => t(`partnerProjects.kind.${r.key as ProjectKind}`))}
        </Col>
        <Col span={12}>
          <div className="linli-muted">{t('partnerProjects.desk.byTalent')}</div>
          {rows(d.byTalent, (r) => r.label)}
          <div className="linli-muted" style={{ marginTop: 8 }}>
            {t('partnerProjects.desk.byCompound')}
          </div>
          {rows(d.byCompound, (r) => r.label)}
        </Col>
      </Row>
    </Card>
  );
}
