import { PlusOutlined, EditOutlined, HomeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CHILD_KIND } from '../../../../common/contracts/org.ts';
import { type OrgUnitOut, orgApi, orgKeys } from '../../api/org.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { OrgTree } from './org-tree.tsx';
import { type OrgUnitFormTarget, OrgUnitFormModal } from './org-unit-form-modal.tsx';

/** 组织架构: the tree on the left, the selected unit with its children on the right. */
export function OrgTreePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const unit = useQuery({ queryKey: orgKeys.unit(id ?? ''), queryFn: () => orgApi.unit(id!), enabled: !!id });
  const [reloadKey, setReloadKey] = useState<{ parentId: string | null; n: number }>();

  return (
    <>
      <PageHeader title={t('menu.orgTree')} subTitle={t('org.treeHint')} />
      <Row gutter={16}>
        <Col xs={24} md={9} xl={7}>
          <Card
            size="small"
            title={t('org.tree')}
            styles={{ body: { maxHeight: 'calc(100vh - 230px)', overflow: 'auto' } }}
          >
            <OrgTree
              selectedId={id}
              expandTo={unit.data?.trail.slice(0, -1).map((x) => x.id)}
              onSelect={(next) => navigate(`/admin/org-units/${next}`)}
              reloadKey={reloadKey}
            />
          </Card>
        </Col>
        <Col xs={24} md={15} xl={17}>
          {id ? (
            <QueryState query={unit} notFoundTitle={t('org.unitNotFound')}>
              {(u) => (
                <UnitDetail
                  unit={u}
                  onChanged={(parentId) => setReloadKey((k) => ({ parentId, n: (k?.n ?? 0) + 1 }))}
                />
              )}
            </QueryState>
          ) : (
            <Card>
              <Empty description={t('org.pickFromTree')} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

function UnitDetail({ unit, onChanged }: { unit: OrgUnitOut; onChanged: (parentId: string | null) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const [form, setForm] = useState<OrgUnitFormTarget | null>(null);
  const children = useQuery({
    queryKey: orgKeys.children(unit.id),
    queryFn: () => orgApi.children(unit.id),
    enabled: unit.childCount > 0,
  });
  const canWrite = unit.allowed.includes('org:write');
  const childKind = CHILD_KIND[unit.kind];

  return (
    <Card
      title={
        <span>
          {unit.name} <Tag color="red">{labels.kind(unit.kind)}</Tag>
        </span>
      }
      extra={
        <>
          {canWrite && (
            <Button
              icon={<EditOutlined />}
              onClick={() => setForm({ mode: 'edit', unit })}
              style={{ marginRight: 8 }}
            >
              {t('common.edit')}
            </Button>
          )}
          {canWrite && childKind && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setForm({ mode: 'create', parent: unit })}
            >
              {t('org.addChild', { kind: labels.kind(childKind) })}
            </Button>
          )}
        </>
      }
    >
      <nav aria-label="breadcrumb" style={{ marginBottom: 12 }} data-testid="org-trail">
        {unit.trail.map((x, i) => (
          <span key={x.id}>
            {i > 0 && <span style={{ color: 'rgba(0,0,0,0.35)', margin: '0 6px' }}>/</span>}
            {x.id === unit.id ? (
              <strong>{x.name}</strong>
            ) : (
              <Link to={`/admin/org-units/${x.id}`}>{x.name}</Link>
            )}
          </span>
        ))}
      </nav>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t('org.kind')}>{labels.kind(unit.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('org.code')}>{unit.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.childCount')}>{unit.childCount}</Descriptions.Item>
        <Descriptions.Item label={t('org.householdCount')}>
          <Link to={`/admin/households?orgUnitId=${unit.id}`}>
            <HomeOutlined /> {unit.householdCount}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('org.address')} span={2}>
          {unit.address ?? '—'}
        </Descriptions.Item>
        {unit.kind === 'compound' && (
          <Descriptions.Item label={t('org.compoundClass')}>
            {unit.compoundClass === 1
              ? t('org.compoundClass1')
              : unit.compoundClass === 2
                ? t('org.compoundClass2')
                : '—'}
          </Descriptions.Item>
        )}
      </Descriptions>

      {childKind && (
        <>
          <h4 style={{ margin: '20px 0 8px' }}>{t('org.children', { kind: labels.kind(childKind) })}</h4>
          <Table<OrgUnitOut>
            rowKey="id"
            size="small"
            loading={unit.childCount > 0 && children.isPending}
            dataSource={unit.childCount > 0 ? children.data : []}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <Empty description={t('org.noChildren')} /> }}
            onRow={(r) => ({
              onClick: () => navigate(`/admin/org-units/${r.id}`),
              style: { cursor: 'pointer' },
            })}
            columns={[
              {
                title: t('org.name'),
                dataIndex: 'name',
                render: (v, r) => <Link to={`/admin/org-units/${r.id}`}>{v}</Link>,
              },
              { title: t('org.childCount'), dataIndex: 'childCount', width: 120, align: 'right' },
              { title: t('org.householdCount'), dataIndex: 'householdCount', width: 120, align: 'right' },
            ]}
          />
        </>
      )}

      {form && (
        <OrgUnitFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            onChanged(form.mode === 'create' ? unit.id : unit.parentId);
            if (form.mode === 'create') navigate(`/admin/org-units/${saved.id}`);
          }}
        />
      )}
    </Card>
  );
}
