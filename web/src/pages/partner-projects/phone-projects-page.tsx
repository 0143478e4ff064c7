import { PlusOutlined, SearchOutlined, StarOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Pagination, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ProjectOut, partnerProjectKeys, partnerProjectsApi } from '../../api/partner-projects.ts';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PhoneTitle } from '../points/phone-back.tsx';
import { dateRange, KindTag, Places, StateTag } from './parts.tsx';

const PAGE_SIZE = 10;

/** /m/partner-projects — 合作项目 of my community and compound: join, leave, places left. */
export function PhonePartnerProjectsPage() {
  const { t } = useTranslation();
  const { values, page, update } = useSearchState(['q', 'tab'] as const);
  const mine = values.tab === 'mine';
  const me = useQuery({ queryKey: partnerProjectKeys.me, queryFn: partnerProjectsApi.me });
  const filter = { q: values.q, mine: mine || undefined, page, pageSize: PAGE_SIZE };
  const list = useQuery({
    queryKey: [...partnerProjectKeys.projects, 'phone', filter],
    queryFn: () => partnerProjectsApi.projects(filter),
    placeholderData: keepPreviousData,
  });
  const approved = me.data?.partner?.state === 'approved';
  return (
    <>
      <PhoneTitle
        title={t('partnerProjects.projects')}
        extra={
          approved ? (
            <Link to="/m/partner-projects/propose">
              <Button type="primary" icon={<PlusOutlined />} data-testid="go-propose">
                {t('partnerProjects.phone.propose')}
              </Button>
            </Link>
          ) : (
            <Link to="/m/partner-projects/partner">
              <Button icon={<StarOutlined />} data-testid="go-partner">
                {t('partnerProjects.tilePartner')}
              </Button>
            </Link>
          )
        }
      />
      <Typography.Text type="secondary">{t('partnerProjects.phone.listHint')}</Typography.Text>
      <Segmented
        block
        value={mine ? 'mine' : 'all'}
        onChange={(v) => update({ tab: v === 'mine' ? 'mine' : undefined })}
        options={[
          { value: 'all', label: t('partnerProjects.phone.all') },
          { value: 'mine', label: t('partnerProjects.phone.mine') },
        ]}
      />
      <Input.Search
        key={values.q ?? ''}
        defaultValue={values.q}
        size="large"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('partnerProjects.phone.search')}
        enterButton={t('common.search')}
        onSearch={(q) => update({ q: q.trim() })}
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : list.data.items.length === 0 ? (
        <Card>
          <Empty
            description={
              values.q
                ? t('partnerProjects.phone.noMatch')
                : mine
                  ? t('partnerProjects.phone.noneMine')
                  : t('partnerProjects.phone.none')
            }
          />
        </Card>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="phone-projects">
          {list.data.items.map((p) => (
            <ProjectCard key={p.id} p={p} />
          ))}
        </div>
      )}
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={(p) => update({ page: p })}
        />
      )}
    </>
  );
}

function ProjectCard({ p }: { p: ProjectOut }) {
  const { t } = useTranslation();
  return (
    <Link to={`/m/partner-projects/${p.id}`} data-testid="phone-project">
      <Card styles={{ body: { padding: '12px 14px' } }} hoverable>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {p.title}
          </Typography.Text>
          <StateTag state={p.state} />
        </Flex>
        <div style={{ marginTop: 6 }}>
          <KindTag kind={p.kind} />
          {p.joined && <Tag color="green">{t('partnerProjects.joined')}</Tag>}
          {p.isLead && <Tag color="purple">{t('partnerProjects.lead')}</Tag>}
        </div>
        <div className="linli-muted" style={{ marginTop: 6 }}>
          {p.orgUnitName} · {p.targetParticipants || '—'} · {dateRange(p)}
        </div>
        <Flex justify="space-between" style={{ marginTop: 6 }}>
          <span className="linli-muted">
            {t('partnerProjects.field.leads')}：{p.leads.map((l) => l.name).join('、')}
          </span>
          <Places p={p} />
        </Flex>
      </Card>
    </Link>
  );
}
