import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { orgApi, orgKeys } from '../../api/org.ts';
import { visibleMenu } from '../../app/menu.ts';
import { can, useMe } from '../../app/session.ts';
import { useLabels } from '../../components/labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { HouseholdsChart } from './households-chart.tsx';

/** 工作台: who I am and where, the size of my area, and shortcuts to the modules I can use. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const readsOrg = can(me, 'org:read');
  const roots = useQuery({ queryKey: orgKeys.units, queryFn: orgApi.roots, enabled: readsOrg });
  const first = roots.data?.[0];
  const children = useQuery({
    queryKey: first ? orgKeys.children(first.id) : ['org-units', 'none'],
    queryFn: () => orgApi.children(first!.id),
    enabled: !!first && first.childCount > 0,
  });

  const shortcuts = visibleMenu(me.permissions).filter((e) => e.path !== '');

  return (
    <>
      <PageHeader
        title={t('dashboard.greeting', { name: me.user.displayName })}
        subTitle={t('dashboard.subtitle')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          {readsOrg && (
            <Card title={t('dashboard.myArea')} style={{ marginBottom: 16 }}>
              {roots.isPending ? (
                <Skeleton active />
              ) : !roots.data?.length ? (
                <Empty description={t('dashboard.noArea')} />
              ) : (
                <Row gutter={[16, 16]}>
                  {roots.data.map((u) => (
                    <Col xs={24} sm={12} key={u.id}>
                      <Card size="small" variant="outlined">
                        <Link to={`/admin/org-units/${u.id}`}>
                          <Typography.Text strong>{u.name}</Typography.Text>
                        </Link>{' '}
                        <Tag>{labels.kind(u.kind)}</Tag>
                        <Row style={{ marginTop: 8 }}>
                          <Col span={12}>
                            <Statistic title={t('org.childCount')} value={u.childCount} />
                          </Col>
                          <Col span={12}>
                            <Statistic title={t('org.householdCount')} value={u.householdCount} />
                          </Col>
                        </Row>
                      </Card>
                    </Col>
                  ))}
                </Row>
              )}
            </Card>
          )}
          {first && first.childCount > 0 && (
            <Card title={t('dashboard.householdsBy', { name: first.name })}>
              {children.isPending ? (
                <Skeleton active />
              ) : children.data?.length ? (
                <HouseholdsChart
                  seriesName={t('org.householdCount')}
                  bars={children.data.map((c) => ({ name: c.name, value: c.householdCount }))}
                />
              ) : (
                <Empty />
              )}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('shell.myRoles')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={me.roles}
              locale={{ emptyText: t('dashboard.noRoles') }}
              renderItem={(r) => (
                <List.Item>
                  <Tag color="red">{labels.role(r.role)}</Tag>
                  <span>{r.orgUnitName}</span>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('dashboard.shortcuts')}>
            <List
              size="small"
              dataSource={shortcuts}
              locale={{ emptyText: t('common.empty') }}
              renderItem={(e) => (
                <List.Item>
                  <Link to={`/admin/${e.path}`}>{t(e.label)}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
