import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { type ClaimOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { hasRole, useMe } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ClaimActions } from './claim-actions.tsx';
import { ClaimPhotos, ClaimPoints, ClaimStateTag, ClaimTimeline, KindTag } from './claim-parts.tsx';
import { PhoneTitle } from './phone-back.tsx';
import { usePointsLabels } from './points-labels.ts';

/** /m/points/claims/:id — one claim: what, how many points, photos, its timeline and my moves. */
export function PhoneClaimPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const claim = useQuery({ queryKey: pointsKeys.claim(id), queryFn: () => pointsApi.claim(id) });
  return (
    <>
      <PhoneTitle title={t('points.claimDetail')} back={hasRole(me, 'resident') ? '/m/points' : '/m'} />
      <QueryState
        query={claim}
        notFoundTitle={t('points.claimNotFound')}
        notFoundExtra={
          <Link to="/m">
            <Button type="primary" size="large">
              {t('phone.backHome')}
            </Button>
          </Link>
        }
      >
        {(c) => <ClaimCard claim={c} />}
      </QueryState>
    </>
  );
}

export function ClaimCard({ claim: c, compact }: { claim: ClaimOut; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  const navigate = useNavigate();
  return (
    <>
      <Card data-testid="claim-card">
        <div className="linli-phone-card-row">
          <Typography.Title level={5} style={{ marginTop: 0, wordBreak: 'break-word' }}>
            {c.ruleTitle}
          </Typography.Title>
          <ClaimStateTag state={c.state} />
        </div>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('points.claimant')}>{c.claimantName}</Descriptions.Item>
          <Descriptions.Item label={t('points.points')}>
            <Flex gap={8} align="center">
              <ClaimPoints claim={c} strong />
              <KindTag kind={c.kind} />
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('points.quantity')}>{c.quantity}</Descriptions.Item>
          <Descriptions.Item label={t('points.deedDate')}>{c.deedDate}</Descriptions.Item>
          <Descriptions.Item label={t('points.description')}>
            <span style={{ wordBreak: 'break-word' }}>{c.description}</span>
          </Descriptions.Item>
          {!compact && (
            <>
              <Descriptions.Item label={t('points.declaredVia')}>
                {labels.declarer(c.declaredVia)}
              </Descriptions.Item>
              <Descriptions.Item label={t('rulebooks.version')}>
                {t('points.rulebookVersion', { version: c.rulebookVersion })}
              </Descriptions.Item>
              <Descriptions.Item label={t('points.createdAt')}>
                {formatDateTime(c.createdAt, i18n.language)}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        <div style={{ marginTop: 8 }}>
          <ClaimPhotos ids={c.photoIds} />
        </div>
        {c.actions.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <ClaimActions
              claim={c}
              size="large"
              block
              onDone={(_, action) => {
                if (action === 'withdraw') navigate('/m/points');
              }}
            />
          </div>
        )}
      </Card>
      <Card title={t('points.timeline')}>
        <ClaimTimeline timeline={c.timeline} />
      </Card>
    </>
  );
}
