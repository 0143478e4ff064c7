import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Row, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { partnerProjectKeys, partnerProjectsApi, type ProjectState } from '../../api/partner-projects.ts';
import { formatDateTime, formatShortDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { dateRange, KindTag, Places, StateTag } from './parts.tsx';
import { ProjectActions } from './project-actions.tsx';

/** /admin/partner-projects/:id — a project: details, history, participants, activities; staff move it. */
export function PartnerProjectPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const project = useQuery({
    queryKey: partnerProjectKeys.project(id),
    queryFn: () => partnerProjectsApi.project(id),
  });
  const crumbs = [{ title: t('partnerProjects.desk.projectsTitle'), to: '/admin/partner-projects' }];
  return (
    <QueryState query={project} notFoundTitle={t('partnerProjects.desk.notFound')}>
      {(p) => (
        <>
          <PageHeader
            crumbs={[...crumbs, { title: p.title }]}
            title={
              <>
                {p.title} <StateTag state={p.state} />
              </>
            }
            extra={<ProjectActions p={p} />}
          />
          <Row gutter={16}>
            <Col span={14}>
              <Card style={{ marginBottom: 16 }} data-testid="project-detail">
                <Descriptions column={2} size="small">
                  <Descriptions.Item label={t('partnerProjects.field.kind')}>
                    <KindTag kind={p.kind} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('partnerProjects.field.orgUnit')}>
                    {p.orgUnitName}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('partnerProjects.field.leads')}>
                    {p.leads.map((l) => l.name).join('、')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('partnerProjects.field.target')}>
                    {p.targetParticipants || '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('partnerProjects.field.dates')}>
                    {dateRange(p)}
                  </Descriptions.Item>
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
              </Card>
              {(p.isLead || p.allowed.includes('partner_projects:manage')) && <Participants id={p.id} />}
              <Activities id={p.id} />
            </Col>
            <Col span={10}>
              <Card title={t('partnerProjects.desk.history')} data-testid="project-history">
                <Timeline
                  items={p.history.map((h) => ({
                    color: h.toState === 'declined' || h.toState === 'cancelled' ? 'red' : 'blue',
                    content: (
                      <>
                        <div>
                          <b>
                            {t(`partnerProjects.history.${h.action as 'propose'}`, {
                              defaultValue: h.action,
                            })}
                          </b>{' '}
                          → {t(`partnerProjects.state.${h.toState as ProjectState}`)}
                        </div>
                        <div className="linli-muted">
                          {h.actorName} · {formatDateTime(h.at, i18n.language)}
                        </div>
                        {h.note && <div>{h.note}</div>}
                      </>
                    ),
                  }))}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </QueryState>
  );
}

function Participants({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: partnerProjectKeys.participants(id),
    queryFn: () => partnerProjectsApi.participants(id),
  });
  return (
    <Card title={t('partnerProjects.desk.participants')} style={{ marginBottom: 16 }}>
      <Table
        rowKey="personId"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="participants-table"
        locale={{ emptyText: <Empty description={t('partnerProjects.desk.noParticipants')} /> }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('partnerProjects.field.name'), dataIndex: 'name' },
          {
            title: t('partnerProjects.field.phone'),
            dataIndex: 'phone',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('partnerProjects.field.joinedAt'),
            dataIndex: 'joinedAt',
            render: (v: string) => formatShortDateTime(v, i18n.language),
          },
        ]}
      />
    </Card>
  );
}

/** The volunteer activities this project organised (volunteers module); a note if that list fails. */
function Activities({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: partnerProjectKeys.activities(id),
    queryFn: () => partnerProjectsApi.activities(id),
    retry: false,
  });
  return (
    <Card title={t('partnerProjects.desk.activities')}>
      {list.isError ? (
        <Typography.Text type="secondary">{t('partnerProjects.desk.activitiesUnavailable')}</Typography.Text>
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          locale={{ emptyText: <Empty description={t('partnerProjects.desk.noActivities')} /> }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            {
              title: t('partnerProjects.field.activity'),
              dataIndex: 'title',
              render: (v: string, a: { id: string }) => <Link to={`/admin/activities/${a.id}`}>{v}</Link>,
            },
            {
              title: t('partnerProjects.field.startsAt'),
              dataIndex: 'startsAt',
              render: (v: string) => formatShortDateTime(v, i18n.language),
            },
            { title: t('partnerProjects.field.participants'), dataIndex: 'confirmed' },
          ]}
        />
      )}
    </Card>
  );
}
