import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLAIM_STATES } from '../../../../common/contracts/points.ts';
import { type ClaimState, pointsApi, pointsKeys } from '../../api/points.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { ClaimActions } from './claim-actions.tsx';
import { ClaimsTable } from './claims-table.tsx';
import { usePointsLabels } from './points-labels.ts';

/** 全部申报: every claim in my scope, newest first, filtered by state and org unit. */
export function ClaimsPage() {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const { values, page, pageSize, update } = useSearchState(['state', 'orgUnitId'] as const);
  const state = CLAIM_STATES.includes(values.state as ClaimState) ? (values.state as ClaimState) : undefined;
  const filter = { state, orgUnitId: values.orgUnitId, page, pageSize };
  const list = useQuery({
    queryKey: [...pointsKeys.claims, filter],
    queryFn: () => pointsApi.claims(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('menu.pointsClaims')} subTitle={t('claims.hint')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            value={state}
            placeholder={t('claims.filterState')}
            onChange={(s?: string) => update({ state: s })}
            options={CLAIM_STATES.map((s) => ({ value: s, label: labels.state(s) }))}
            style={{ width: 180 }}
            data-testid="claims-state-filter"
          />
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={t('org.filterByUnit')}
            style={{ width: 260 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <ClaimsTable
            claims={list.data?.items}
            loading={list.isFetching}
            empty={t('claims.none')}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            actions={(c) => <ClaimActions claim={c} size="small" />}
          />
        )}
      </Card>
    </>
  );
}
