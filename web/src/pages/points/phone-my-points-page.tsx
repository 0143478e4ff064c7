import { FileAddOutlined, NotificationOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Segmented, Skeleton, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { maskName } from '../../../../common/masking.ts';
import { type AccountOut, type ClaimOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDate, formatShortDateTime } from '../../components/format.ts';
import { QueryError } from '../../components/query-error.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ClaimPoints, ClaimStateTag } from './claim-parts.tsx';
import { PhoneTitle } from './phone-back.tsx';
import { signed, usePointsLabels } from './points-labels.ts';

/** 我的积分: the balance, consent to be named on the board, the ledger and my claims. */
export function PhoneMyPointsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const account = useQuery({ queryKey: pointsKeys.me, queryFn: pointsApi.me, enabled: !!me.user.personId });
  const mine = { mine: true, pageSize: 100 };
  const claims = useQuery({ queryKey: [...pointsKeys.claims, mine], queryFn: () => pointsApi.claims(mine) });
  const [tab, setTab] = useState<'ledger' | 'claims'>('ledger');
  if (!me.user.personId)
    return (
      <>
        <PhoneTitle title={t('myPoints.title')} />
        <Card>
          <Empty description={t('myPoints.noAccount')} />
        </Card>
      </>
    );
  return (
    <>
      <PhoneTitle title={t('myPoints.title')} />
      <QueryState query={account}>
        {(a) => (
          <>
            <Card className="linli-balance-card" styles={{ body: { padding: 16 } }}>
              <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>
                {t('myPoints.balance')}
              </Typography.Text>
              <div className="linli-balance" data-testid="my-balance">
                {a.balance}
                <span className="linli-balance-unit">{t('phone.pointsUnit')}</span>
              </div>
            </Card>
            <ConsentCard account={a} />
          </>
        )}
      </QueryState>
      <Flex gap={8}>
        <Link to="/m/points/declare" style={{ flex: 1 }}>
          <Button type="primary" size="large" block icon={<FileAddOutlined />} data-testid="go-declare">
            {t('myPoints.declare')}
          </Button>
        </Link>
        <Link to="/m/points/posting" style={{ flex: 1 }}>
          <Button size="large" block icon={<NotificationOutlined />}>
            {t('myPoints.posting')}
          </Button>
        </Link>
      </Flex>
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(v) => setTab(v as 'ledger' | 'claims')}
        options={[
          { value: 'ledger', label: t('myPoints.ledger') },
          { value: 'claims', label: t('myPoints.claims') },
        ]}
        data-testid="my-points-tabs"
      />
      {tab === 'ledger' ? (
        account.data ? (
          <Ledger entries={account.data.entries} claims={claims.data?.items ?? []} />
        ) : (
          <Skeleton active />
        )
      ) : claims.isError ? (
        <QueryError error={claims.error} onRetry={() => claims.refetch()} />
      ) : claims.data ? (
        <MyClaims claims={claims.data.items} />
      ) : (
        <Skeleton active />
      )}
    </>
  );
}

function ConsentCard({ account }: { account: AccountOut }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const save = useMutation({
    mutationFn: (on: boolean) => pointsApi.setConsent(me.user.personId!, on),
    onSuccess: (a) => {
      qc.setQueryData(pointsKeys.me, a);
      message.success(t('myPoints.consentSaved'));
    },
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Card styles={{ body: { padding: '12px 16px' } }}>
      <div className="linli-phone-card-row" style={{ alignItems: 'center' }}>
        <div>
          <div>{t('myPoints.consent')}</div>
          <div className="linli-muted">
            {account.publicConsent
              ? t('myPoints.consentOn', { masked: maskName(account.displayName) })
              : t('myPoints.consentOff')}
          </div>
        </div>
        <Switch
          checked={account.publicConsent}
          loading={save.isPending}
          onChange={(on) => save.mutate(on)}
          aria-label={t('myPoints.consent')}
          data-testid="consent-switch"
        />
      </div>
    </Card>
  );
}

function Ledger({ entries, claims }: { entries: AccountOut['entries']; claims: ClaimOut[] }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  const byId = new Map(claims.map((c) => [c.id, c]));
  if (entries.length === 0)
    return (
      <Card>
        <Empty description={t('myPoints.noEntries')} />
      </Card>
    );
  return (
    <Card styles={{ body: { padding: 0 } }} data-testid="ledger">
      {entries.map((e) => {
        const c = e.causeType === 'claim' ? byId.get(e.causeId) : undefined;
        const row = (
          <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
            <div>
              <div style={{ wordBreak: 'break-word' }}>
                {labels.entryKind(e.kind)}
                {c ? ` · ${c.ruleTitle}` : e.note ? ` · ${e.note}` : ''}
              </div>
              <div className="linli-muted">
                {formatDate(e.createdAt, i18n.language)}
                {e.rulebookVersion !== null &&
                  ` · ${t('myPoints.entryNote', { version: e.rulebookVersion })}`}
              </div>
            </div>
            <div style={{ textAlign: 'right' }}>
              <Typography.Text strong style={{ color: e.amount < 0 ? '#cf1322' : '#389e0d' }}>
                {signed(e.amount)}
              </Typography.Text>
              <div className="linli-muted">{t('myPoints.balanceAfter', { balance: e.balanceAfter })}</div>
            </div>
          </div>
        );
        return (
          <div key={e.id} style={{ borderBottom: '1px solid #f0f0f0' }} data-testid="ledger-entry">
            {c ? (
              <Link to={`/m/points/claims/${c.id}`} style={{ color: 'inherit', display: 'block' }}>
                {row}
              </Link>
            ) : (
              row
            )}
          </div>
        );
      })}
    </Card>
  );
}

export function MyClaims({ claims }: { claims: ClaimOut[] }) {
  const { t, i18n } = useTranslation();
  const labels = usePointsLabels();
  if (claims.length === 0)
    return (
      <Card>
        <Empty description={t('myPoints.noClaims')} />
      </Card>
    );
  return (
    <Card styles={{ body: { padding: 0 } }} data-testid="my-claims">
      {claims.map((c) => {
        const last = c.timeline.at(-1);
        return (
          <Link
            key={c.id}
            to={`/m/points/claims/${c.id}`}
            style={{ color: 'inherit', display: 'block', borderBottom: '1px solid #f0f0f0' }}
            data-testid="my-claim"
          >
            <div className="linli-phone-card-row" style={{ padding: '12px 16px' }}>
              <div>
                <div style={{ wordBreak: 'break-word' }}>{c.ruleTitle}</div>
                <div className="linli-muted">
                  {c.deedDate}
                  {last && ` · ${labels.event(last.action)} ${formatShortDateTime(last.at, i18n.language)}`}
                </div>
              </div>
              <Flex vertical align="flex-end" gap={4}>
                <ClaimPoints claim={c} strong />
                <ClaimStateTag state={c.state} />
              </Flex>
              <RightOutlined style={{ color: 'rgba(0,0,0,0.3)', alignSelf: 'center' }} />
            </div>
          </Link>
        );
      })}
    </Card>
  );
}
