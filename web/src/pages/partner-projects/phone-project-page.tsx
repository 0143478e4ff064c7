import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { partnerProjectKeys, partnerProjectsApi } from '../../api/partner-projects.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { dateRange, KindTag, Places, StateTag } from './parts.tsx';
import { ProjectActions } from './project-actions.tsx';

/** /m/partner-projects/:id — a cooperative project: join or leave; its leads move it and see who joined. */
export function PhoneProjectPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useQuery({
    queryKey: partnerProjectKeys.project(id),
    queryFn: () => partnerProjectsApi.project(id),
  });
  return (
    <>
      <PhoneTitle title={project.data?.title ?? t('partnerProjects.projects')} back="/m/partner-projects" />
      <QueryState query={project} notFoundTitle={t('partnerProjects.desk.notFound')}>
        {(p) => (
          <>
            <Card data-testid="phone-project-detail">
              <div style={{ marginBottom: 8 }}>
                <StateTag state={p.state} />
                <KindTag kind={p.kind} />
              </div>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('partnerProjects.field.leads')}>
                  {p.leads.map((l) => l.name).join('、')}
                </Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.orgUnit')}>
                  {p.orgUnitName}
                </Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.target')}>
                  {p.targetParticipants || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.dates')}>{dateRange(p)}</Descriptions.Item>
                <Descriptions.Item label={t('partnerProjects.field.participants')}>
                  {p.participantCount}
                  {p.capacity !== null ? ` / ${p.capacity}` : ''} · <Places p={p} />
                </Descriptions.Item>
              </Descriptions>
              {p.description && (
                <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }}>
                  {p.description}
                </Typography.Paragraph>
              )}
              <ProjectActions p={p} size="large" style={{ marginTop: 12 }} />
            </Card>
            {(p.isLead || p.allowed.includes('partner_projects:manage')) && <Participants id={p.id} />}
            <Activities id={p.id} />
          </>
        )}
      </QueryState>
    </>
  );
}

function Participants({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: partnerProjectKeys.participants(id),
    queryFn: () => partnerProjectsApi.participants(id),
  });
  const items = list.data?.items ?? [];
  return (
    <Card title={t('partnerProjects.phone.participants', { count: items.length })} size="small">
      <List
        size="small"
        loading={list.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('partnerProjects.desk.noParticipants')} /> }}
        renderItem={(x) => (
          <List.Item data-testid="participant">
            <span>{x.name}</span>
            <span className="linli-muted">{formatShortDateTime(x.joinedAt, i18n.language)}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The volunteer activities this project organised, from the volunteers module; hidden if unavailable. */
function Activities({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: partnerProjectKeys.activities(id),
    queryFn: () => partnerProjectsApi.activities(id),
    retry: false,
  });
  if (!list.data) return null;
  return (
    <Card title={t('partnerProjects.phone.activities')} size="small">
      <List
        size="small"
        dataSource={list.data}
        locale={{ emptyText: t('partnerProjects.phone.noActivities') }}
        renderItem={(a) => (
          <List.Item>
            <Link to={`/m/activities/${a.id}`}>{a.title}</Link>
            <span className="linli-muted">{formatShortDateTime(a.startsAt, i18n.language)}</span>
          </List.Item>
        )}
      />
    </Card>
  );
}
