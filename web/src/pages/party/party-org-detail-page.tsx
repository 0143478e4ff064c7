import { DeleteOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PARTY_ORG_KINDS, PARTY_PARENT_KINDS } from '../../../../common/contracts/party.ts';
import {
  type PartyMemberKind,
  type PartyOrgKind,
  type PartyOrgOut,
  type PartyOrgSummary,
  partyApi,
  partyKeys,
} from '../../api/party.ts';
import { errorText } from '../../components/error-text.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { PartyMemberModal } from './party-member-modal.tsx';
import { type PartyFormTarget, PartyOrgFormModal } from './party-org-form-modal.tsx';
import { PARTY_KIND_COLORS } from './party-kind-colors.ts';

export function PartyOrgDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const org = useQuery({ queryKey: partyKeys.one(id), queryFn: () => partyApi.get(id) });
  return (
    <QueryState
      query={org}
      notFoundTitle={t('party.notFound')}
      notFoundExtra={
        <Link to="/admin/party-orgs">
          <Button>{t('party.backToList')}</Button>
        </Link>
      }
    >
      {(o) => <PartyOrgDetail org={o} />}
    </QueryState>
  );
}

type Member = PartyOrgOut['members'][number];

function PartyOrgDetail({ org }: { org: PartyOrgOut }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form, setForm] = useState<PartyFormTarget | null>(null);
  const [adding, setAdding] = useState(false);
  const canWrite = org.allowed.includes('party:write');
  const mayHaveChildren = PARTY_ORG_KINDS.some((k) => PARTY_PARENT_KINDS[k].includes(org.kind));

  const remove = useMutation({
    mutationFn: (personId: string) => partyApi.removeMember(org.id, personId),
    onSuccess: async (next) => {
      qc.setQueryData(partyKeys.one(next.id), next);
      await qc.invalidateQueries({ queryKey: partyKeys.all });
      message.success(t('party.memberRemoved'));
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <>
      <PageHeader
        title={
          <span>
            {org.name} <Tag color={PARTY_KIND_COLORS[org.kind]}>{t(`party.kinds.${org.kind}`)}</Tag>
          </span>
        }
        crumbs={[
          { title: t('menu.party'), to: '/admin/party-orgs' },
          ...(org.parent ? [{ title: org.parent.name, to: `/admin/party-orgs/${org.parent.id}` }] : []),
          { title: org.name },
        ]}
        extra={
          canWrite && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setForm({ mode: 'edit', org })}>
                {t('common.edit')}
              </Button>
              {mayHaveChildren && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setForm({ mode: 'child', parent: org })}
                >
                  {t('party.createChild')}
                </Button>
              )}
            </>
          )
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('party.kind')}>{t(`party.kinds.${org.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('party.parent')}>
            {org.parent ? <Link to={`/admin/party-orgs/${org.parent.id}`}>{org.parent.name}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('party.orgUnit')}>
            <Link to={`/admin/org-units/${org.orgUnit.id}`}>{org.address || org.orgUnit.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('party.secretary')}>
            {org.secretary?.name ?? t('party.noSecretary')}
          </Descriptions.Item>
          <Descriptions.Item label={t('party.memberCount')}>{org.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t('party.childCount')}>{org.childCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={t('party.members')}
            extra={
              canWrite && (
                <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                  {t('party.addMember')}
                </Button>
              )
            }
          >
            <Table<Member>
              rowKey="personId"
              size="small"
              dataSource={org.members}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: <Empty description={t('party.noMembers')} /> }}
              scroll={{ x: 600 }}
              columns={[
                {
                  title: t('person.name'),
                  dataIndex: 'name',
                  render: (v: string, m) => <Link to={`/admin/persons/${m.personId}`}>{v}</Link>,
                },
                {
                  title: t('party.memberKind'),
                  dataIndex: 'kind',
                  render: (k: PartyMemberKind) => t(`party.memberKinds.${k}`),
                },
                {
                  title: t('party.workplace'),
                  dataIndex: 'workplace',
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('party.joinedOn'), dataIndex: 'joinedOn', render: (v: string | null) => v ?? '—' },
                ...(canWrite
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        width: 90,
                        render: (_: unknown, m: Member) => (
                          <Popconfirm
                            title={t('party.removeMemberConfirm', { name: m.name })}
                            okText={t('common.confirm')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => remove.mutateAsync(m.personId)}
                          >
                            <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                              {t('common.remove')}
                            </Button>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('party.children')}>
            <Table<PartyOrgSummary>
              rowKey="id"
              size="small"
              dataSource={org.children}
              pagination={false}
              locale={{ emptyText: <Empty description={t('party.noChildren')} /> }}
              columns={[
                {
                  title: t('party.name'),
                  dataIndex: 'name',
                  render: (v: string, c) => <Link to={`/admin/party-orgs/${c.id}`}>{v}</Link>,
                },
                {
                  title: t('party.kind'),
                  dataIndex: 'kind',
                  width: 100,
                  render: (k: PartyOrgKind) => (
                    <Tag color={PARTY_KIND_COLORS[k]}>{t(`party.kinds.${k}`)}</Tag>
                  ),
                },
                { title: t('party.memberCount'), dataIndex: 'memberCount', width: 80, align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {form && (
        <PartyOrgFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            if (form.mode === 'child') navigate(`/admin/party-orgs/${saved.id}`);
          }}
        />
      )}
      {adding && <PartyMemberModal org={org} onClose={() => setAdding(false)} />}
    </>
  );
}
