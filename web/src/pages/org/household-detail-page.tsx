import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Popconfirm, Row, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type HouseholdOut, orgApi, orgKeys } from '../../api/org.ts';
import { can, useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { ageOf, formatArea, formatDateTime } from '../../components/format.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { SubjectHistory } from '../../components/subject-history.tsx';
import { TagList } from '../../components/tag-list.tsx';
import { AddMemberModal } from './add-member-modal.tsx';
import { HouseholdFormModal } from './household-form-modal.tsx';

export function HouseholdDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const household = useQuery({ queryKey: orgKeys.household(id), queryFn: () => orgApi.household(id) });
  return (
    <QueryState
      query={household}
      notFoundTitle={t('household.notFound')}
      notFoundExtra={
        <Link to="/admin/households">
          <Button>{t('household.backToList')}</Button>
        </Link>
      }
    >
      {(h) => <HouseholdDetail household={h} />}
    </QueryState>
  );
}

type Member = HouseholdOut['members'][number];

function HouseholdDetail({ household: h }: { household: HouseholdOut }) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const canWrite = h.allowed.includes('org:write');

  const remove = useMutation({
    mutationFn: (personId: string) => orgApi.removeMember(h.id, personId),
    onSuccess: async (next) => {
      qc.setQueryData(orgKeys.household(next.id), next);
      await qc.invalidateQueries({ queryKey: orgKeys.persons });
      message.success(t('household.memberRemoved'));
    },
    onError: (e) => message.error(errorText(e)),
  });

  return (
    <>
      <PageHeader
        title={h.address}
        crumbs={[
          { title: t('menu.households'), to: '/admin/households' },
          ...h.trail
            .filter((x) => x.kind !== 'district')
            .map((x) => ({ title: x.name, to: `/admin/org-units/${x.id}` })),
          { title: h.unitNo ? `${h.unitNo}-${h.room}` : h.room },
        ]}
        extra={
          canWrite && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="household-edit"
            >
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('household.info')} style={{ marginBottom: 16 }}>
            <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} data-testid="household-info">
              <Descriptions.Item label={t('household.address')} span={2}>
                {h.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('household.unitNo')}>{h.unitNo || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('household.room')}>{h.room}</Descriptions.Item>
              <Descriptions.Item label={t('household.floorArea')}>
                <span data-testid="household-area">{formatArea(h.floorAreaM2)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('household.updatedAt')}>
                {formatDateTime(h.updatedAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('household.tags')} span={2}>
                <TagList tags={h.tags} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            title={t('household.membersCount', { count: h.members.length })}
            extra={
              canWrite && (
                <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
                  {t('household.addMember')}
                </Button>
              )
            }
          >
            <Table<Member>
              rowKey="personId"
              size="small"
              pagination={false}
              dataSource={h.members}
              locale={{ emptyText: <Empty description={t('household.noMembers')} /> }}
              scroll={{ x: 640 }}
              columns={[
                {
                  title: t('person.name'),
                  dataIndex: 'name',
                  render: (v: string, m) => <Link to={`/admin/persons/${m.personId}`}>{v}</Link>,
                },
                {
                  title: t('household.relation'),
                  dataIndex: 'relation',
                  render: (r: string) => labels.relation(r),
                },
                { title: t('person.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
                {
                  title: t('person.age'),
                  dataIndex: 'birthYear',
                  render: (y: number | null) =>
                    y === null ? '—' : t('person.ageValue', { age: ageOf(y), year: y }),
                },
                {
                  title: t('person.tags'),
                  dataIndex: 'tags',
                  render: (tags: string[]) => <TagList tags={tags} />,
                },
                ...(canWrite
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        width: 90,
                        render: (_: unknown, m: Member) => (
                          <Popconfirm
                            title={t('household.removeMemberConfirm', { name: m.name })}
                            okText={t('common.confirm')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => remove.mutateAsync(m.personId)}
                          >
                            <Button type="link" danger size="small" icon={<DeleteOutlined />}>
                              {t('household.removeMember')}
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
        {can(me, 'audit:read') && (
          <Col xs={24} xl={8}>
            <Card title={t('audit.history')}>
              <SubjectHistory subjectType="household" subjectId={h.id} />
            </Card>
          </Col>
        )}
      </Row>
      {editing && (
        <HouseholdFormModal
          household={h}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
      {adding && <AddMemberModal household={h} onClose={() => setAdding(false)} />}
    </>
  );
}
