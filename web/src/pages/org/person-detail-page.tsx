import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, List, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { orgApi, orgKeys, type PersonOut } from '../../api/org.ts';
import { can, useMe } from '../../app/session.ts';
import { ageOf } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { SubjectHistory } from '../../components/subject-history.tsx';
import { TagList } from '../../components/tag-list.tsx';
import { PersonFormModal } from './person-form-modal.tsx';
import { RevealIdButton } from './reveal-id-button.tsx';

export function PersonDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = useQuery({ queryKey: orgKeys.person(id), queryFn: () => orgApi.person(id) });
  return (
    <QueryState
      query={person}
      notFoundTitle={t('person.notFound')}
      notFoundExtra={
        <Link to="/admin/persons">
          <Button>{t('person.backToList')}</Button>
        </Link>
      }
    >
      {(p) => <PersonDetail person={p} />}
    </QueryState>
  );
}

function PersonDetail({ person: p }: { person: PersonOut }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const age = ageOf(p.birthYear);

  return (
    <>
      <PageHeader
        title={
          <Space>
            {p.name}
            {p.minor && <Tag color="orange">{t('person.minor')}</Tag>}
          </Space>
        }
        crumbs={[{ title: t('menu.persons'), to: '/admin/persons' }, { title: p.name }]}
        extra={
          p.allowed.includes('org:write') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('person.info')} style={{ marginBottom: 16 }}>
            <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('person.name')}>{p.name}</Descriptions.Item>
              <Descriptions.Item label={t('person.gender')}>{labels.gender(p.gender)}</Descriptions.Item>
              <Descriptions.Item label={t('person.birthYear')}>
                {p.birthYear === null ? '—' : t('person.ageValue', { age, year: p.birthYear })}
              </Descriptions.Item>
              <Descriptions.Item label={t('person.phone')}>{p.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('person.idNumber')} span={2}>
                <Space wrap>
                  <span style={{ fontFamily: 'monospace' }} data-testid="masked-id">
                    {p.idNumberMasked ?? '—'}
                  </span>
                  {p.idNumberMasked && p.allowed.includes('person:reveal_id') && (
                    <RevealIdButton personId={p.id} />
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('person.tags')} span={2}>
                <TagList tags={p.tags} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Card title={t('person.households')} style={{ marginBottom: 16 }}>
                <List
                  dataSource={p.households}
                  locale={{ emptyText: <Empty description={t('person.noHousehold')} /> }}
                  renderItem={(h) => (
                    <List.Item>
                      <Link to={`/admin/households/${h.householdId}`}>{h.address}</Link>
                      <Tag>{labels.relation(h.relation)}</Tag>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card title={t('person.partyOrgs')} style={{ marginBottom: 16 }}>
                <List
                  dataSource={p.partyOrgs}
                  locale={{ emptyText: <Empty description={t('person.noPartyOrg')} /> }}
                  renderItem={(o) => (
                    <List.Item>
                      <span>{o.name}</span>
                      <span style={{ color: 'rgba(0,0,0,0.45)' }}>
                        {o.workplace ? t('person.registeredFrom', { workplace: o.workplace }) : ''}
                      </span>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
        </Col>
        {can(me, 'audit:read') && (
          <Col xs={24} xl={8}>
            <Card title={t('audit.history')}>
              <SubjectHistory subjectType="person" subjectId={p.id} />
            </Card>
          </Col>
        )}
      </Row>
      {editing && (
        <PersonFormModal person={p} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      )}
    </>
  );
}
