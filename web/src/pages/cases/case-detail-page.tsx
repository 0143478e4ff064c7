import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useMe } from '../../app/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { CaseActions } from './case-actions.tsx';
import { CaseFacts } from './case-facts.tsx';
import { CaseStateTag, CaseTimeline, CaseTimers, CaseWhistles, OverdueTag } from './case-parts.tsx';
import { type CaseOut, caseKeys, casesApi } from './cases-api.ts';
import { useMyDepartments, WhistleMoves } from './whistle-moves.tsx';

/**
 * /admin/cases/:id (handlers) and /admin/cases/whistles/:id (a whistled department): the case in full;
 * out of scope reads as "not found".
 */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const department = !can(me, 'cases:read');
  const listPath = department ? '/admin/cases/whistles' : '/admin/cases';
  const c = useQuery({ queryKey: caseKeys.one(id), queryFn: () => casesApi.one(id) });
  return (
    <QueryState
      query={c}
      notFoundTitle={t('cases.detail.notFound')}
      notFoundExtra={
        <Link to={listPath}>
          <Button>{t('cases.detail.backToList')}</Button>
        </Link>
      }
    >
      {(data) => <CaseDetail c={data} listPath={listPath} department={department} />}
    </QueryState>
  );
}

function CaseDetail({ c, listPath, department }: { c: CaseOut; listPath: string; department: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useMyDepartments();
  const myWhistles = c.whistles.filter((w) => mine.includes(w.departmentId) && w.state !== 'resolved');
  const caseLink = (id: string) => (department ? `/admin/cases/whistles/${id}` : `/admin/cases/${id}`);
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {c.categoryName} <CaseStateTag state={c.state} />
            {c.overdue && <OverdueTag />}
          </Flex>
        }
        crumbs={[
          { title: department ? t('menu.caseWhistles') : t('menu.cases'), to: listPath },
          { title: c.categoryName },
        ]}
        extra={
          <>
            <CaseActions c={c} />
            {myWhistles.map((w) => (
              <WhistleMoves key={w.id} w={w} />
            ))}
          </>
        }
      />
      {c.kind === 'emergency' && c.emergencyActions.length > 0 && (
        <Alert type="error" showIcon title={t('cases.detail.emergency')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card title={t('cases.detail.facts')} data-testid="case-detail">
              <CaseFacts
                c={c}
                caseLink={caseLink}
                claimLink={(id) => (can(me, 'points:read') ? `/admin/points/claims/${id}` : null)}
              />
            </Card>
            <Card title={t('cases.detail.whistles')}>
              <CaseWhistles whistles={c.whistles} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card title={t('cases.detail.deadlines')}>
              <CaseTimers timers={c.timers} whistles={c.whistles} />
            </Card>
            <Card title={t('cases.detail.timeline')}>
              <CaseTimeline timeline={c.timeline} />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
