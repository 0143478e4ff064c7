import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { can, hasRole, useMe } from '../../app/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { PhoneTitle } from '../points/phone-back.tsx';
import { CaseActions } from './case-actions.tsx';
import { CaseFacts } from './case-facts.tsx';
import { CaseStateTag, CaseTimeline, CaseTimers, CaseWhistles, OverdueTag } from './case-parts.tsx';
import { type CaseOut, caseKeys, casesApi } from './cases-api.ts';

/** /m/cases/:id — the whole case on a phone: facts, photos, deadlines, whistles, timeline, my moves. */
export function PhoneCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const c = useQuery({ queryKey: caseKeys.one(id), queryFn: () => casesApi.one(id) });
  const back = hasRole(me, 'resident') ? '/m/cases' : '/m';
  return (
    <>
      <PhoneTitle title={t('cases.detail.title')} back={back} />
      <QueryState
        query={c}
        notFoundTitle={t('cases.detail.notFound')}
        notFoundExtra={
          <Link to="/m">
            <Button type="primary" size="large">
              {t('phone.backHome')}
            </Button>
          </Link>
        }
      >
        {(data) => <PhoneCase c={data} />}
      </QueryState>
    </>
  );
}

function PhoneCase({ c }: { c: CaseOut }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const own = hasRole(me, 'resident');
  return (
    <>
      {c.kind === 'emergency' && c.emergencyActions.length > 0 && (
        <Alert type="error" showIcon title={t('cases.detail.emergency')} />
      )}
      <Card data-testid="case-card">
        <div className="linli-phone-card-row" style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0, wordBreak: 'break-word' }}>
            {c.categoryName}
          </Typography.Title>
          <Flex gap={4} wrap justify="flex-end">
            {c.overdue && <OverdueTag />}
            <CaseStateTag state={c.state} />
          </Flex>
        </div>
        <CaseFacts
          c={c}
          phone
          caseLink={(id) => `/m/cases/${id}`}
          claimLink={(id) => (own || can(me, 'points:check') ? `/m/points/claims/${id}` : null)}
        />
        <div style={{ marginTop: 16 }}>
          <CaseActions
            c={c}
            size="large"
            block
            onDone={(_, move) => {
              if (move === 'withdraw') navigate('/m/cases');
            }}
          />
        </div>
      </Card>
      <Card title={t('cases.detail.deadlines')} size="small">
        <CaseTimers timers={c.timers} whistles={c.whistles} />
      </Card>
      {c.whistles.length > 0 && (
        <Card title={t('cases.detail.whistles')} size="small">
          <CaseWhistles whistles={c.whistles} />
        </Card>
      )}
      <Card title={t('cases.detail.timeline')}>
        <CaseTimeline timeline={c.timeline} />
      </Card>
    </>
  );
}
