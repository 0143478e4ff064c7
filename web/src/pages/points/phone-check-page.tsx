import { EnvironmentOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, InputNumber, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ClaimOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { ClaimActions } from './claim-actions.tsx';
import { ClaimPhotos, ClaimPoints, KindTag } from './claim-parts.tsx';
import { PhoneTitle } from './phone-back.tsx';

/** 待初核: the grid worker's queue, oldest first, each claim with its photos and one-tap decisions. */
export function PhoneCheckPage() {
  const { t } = useTranslation();
  const q = { queue: 'check' as const, pageSize: 50 };
  const queue = useQuery({ queryKey: [...pointsKeys.claims, q], queryFn: () => pointsApi.claims(q) });
  return (
    <>
      <PhoneTitle title={t('check.title')} />
      <Typography.Text type="secondary">{t('check.hint')}</Typography.Text>
      {queue.isPending ? (
        <Skeleton active />
      ) : queue.isError ? (
        <QueryError error={queue.error} onRetry={() => queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <Card>
          <Empty description={t('check.empty')} />
        </Card>
      ) : (
        queue.data.items.map((c) => <CheckCard key={c.id} claim={c} />)
      )}
    </>
  );
}

function CheckCard({ claim: c }: { claim: ClaimOut }) {
  const { t, i18n } = useTranslation();
  const [quantity, setQuantity] = useState(c.quantity);
  const adjustable = c.actions.includes('check_pass');
  return (
    <Card data-testid="check-card" styles={{ body: { padding: 16 } }}>
      <Link to={`/m/points/claims/${c.id}`} style={{ color: 'inherit', display: 'block' }}>
        <div className="linli-phone-card-row">
          <div>
            <Typography.Text strong>{c.claimantName}</Typography.Text>
            <div className="linli-muted">
              <EnvironmentOutlined /> {c.address}
            </div>
          </div>
          <RightOutlined style={{ color: 'rgba(0,0,0,0.3)', alignSelf: 'center' }} />
        </div>
      </Link>
      <div style={{ margin: '8px 0', wordBreak: 'break-word' }}>
        <Flex gap={6} align="center" wrap>
          <KindTag kind={c.kind} />
          <span>{c.ruleTitle}</span>
          <ClaimPoints claim={c} strong />
        </Flex>
        <div style={{ marginTop: 6 }}>{c.description}</div>
        <div className="linli-muted" style={{ marginTop: 4 }}>
          {t('points.deedDate')} {c.deedDate} · {t('points.createdAt')}{' '}
          {formatShortDateTime(c.createdAt, i18n.language)}
        </div>
      </div>
      <ClaimPhotos ids={c.photoIds} size={96} />
      {adjustable && (
        <Flex align="center" gap={8} style={{ marginTop: 12 }}>
          <span>{t('points.adjustQuantity')}</span>
          <InputNumber
            min={1}
            max={1000}
            precision={0}
            value={quantity}
            onChange={(v) => setQuantity(v ?? c.quantity)}
            inputMode="numeric"
            style={{ width: 96 }}
            data-testid="check-quantity"
          />
        </Flex>
      )}
      <div style={{ marginTop: 12 }}>
        <ClaimActions
          claim={c}
          only={['check_pass', 'ask_more', 'check_reject']}
          quantity={quantity}
          size="large"
          block
        />
      </div>
    </Card>
  );
}
