import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ClaimOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ClaimActions } from './claim-actions.tsx';
import { ClaimPhotos, ClaimPoints, ClaimStateTag, ClaimTimeline, KindTag } from './claim-parts.tsx';
import { usePointsLabels } from './points-labels.ts';

/** /admin/points/claims/:id — a claim in full; out of scope reads as "not found". */
export function ClaimDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const claim = useQuery({ queryKey: pointsKeys.claim(id), queryFn: () => pointsApi.claim(id) });
  return (
    <QueryState
      query={claim}
      notFoundTitle={t('points.claimNotFound')}
      notFoundExtra={
        <Link to="/admin/points/claims">
          <Button>{t('claims.backToList')}</Button>
        </Link>
      }
    >
      {(c) => <ClaimDetail claim={c} />}
    </QueryState>
  );
}

function ClaimDetail({ claim: c }: { claim: ClaimOut }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            {c.claimantName} · {c.ruleTitle} <ClaimStateTag state={c.state} />
          </Flex>
        }
        crumbs={[{ title: t('menu.pointsClaims'), to: '/admin/points/claims' }, { title: c.claimantName }]}
        extra={<ClaimActions claim={c} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('points.rule')} data-testid="claim-detail">
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('points.claimant')}>{c.claimantName}</Descriptions.Item>
              <Descriptions.Item label={t('posting.participant')}>
                {labels.participant(c.participant)}
              </Descriptions.Item>
              <Descriptions.Item label={t('points.address')} span={2}>
                {c.address}
              </Descriptions.Item>
              <Descriptions.Item label={t('points.rule')} span={2}>
                <Flex gap={6} align="center" wrap>
                  <KindTag kind={c.kind} /> {c.ruleCode} {c.ruleTitle}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('points.quantity')}>{c.quantity}</Descriptions.Item>
              <Descriptions.Item label={t('points.points')}>
                <ClaimPoints claim={c} strong />
              </Descriptions.Item>
              <Descriptions.Item label={t('points.deedDate')}>{c.deedDate}</Descriptions.Item>
              <Descriptions.Item label={t('rulebooks.version')}>
                {t('points.rulebookVersion', { version: c.rulebookVersion })}
              </Descriptions.Item>
              <Descriptions.Item label={t('points.declaredVia')}>
                {labels.declarer(c.declaredVia)}
              </Descriptions.Item>
              <Descriptions.Item label={t('points.createdAt')}>
                {formatDateTime(c.createdAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('points.description')} span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('points.photos')} span={2}>
                <ClaimPhotos ids={c.photoIds} size={120} />
              </Descriptions.Item>
              {c.postingId && (
                <Descriptions.Item label={t('posting.title')} span={2}>
                  <Link to={`/admin/points/postings/${c.postingId}`}>{t('common.detail')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('points.timeline')}>
            <ClaimTimeline timeline={c.timeline} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
