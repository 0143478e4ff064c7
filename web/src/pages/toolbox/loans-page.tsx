import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Input, Segmented, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOAN_FILTERS } from '../../../../common/contracts/toolbox.ts';
import { toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { LoansTable } from './loans-table.tsx';

/** 借还登记: loans out (overdue first), overdue, returned, lost; return with confirmation. */
export function LoansPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, update } = useSearchState(['q', 'state', 'personId'] as const);
  const state = LOAN_FILTERS.find((s) => s === values.state);
  const filter = { q: values.q, state, personId: values.personId, page, pageSize };
  const list = useQuery({
    queryKey: [...toolboxKeys.loans, 'desk', filter],
    queryFn: () => toolboxApi.loans(filter),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('menu.toolboxLoans')} subTitle={t('toolbox.loans.hint')} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented
            value={state ?? 'all'}
            onChange={(v) => update({ state: v === 'all' ? undefined : String(v) })}
            options={[
              { value: 'all', label: t('toolbox.loans.all') },
              ...LOAN_FILTERS.map((s) => ({ value: s, label: t(`toolbox.state.${s}`) })),
            ]}
            data-testid="loan-filter"
          />
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('toolbox.loans.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 300 }}
            data-testid="loan-search"
          />
          {values.personId && (
            <Tag closable onClose={() => update({ personId: undefined })} data-testid="person-filter">
              {t('toolbox.loans.onePerson', { name: list.data?.items[0]?.borrowerName ?? '…' })}
            </Tag>
          )}
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <LoansTable
            loans={list.data?.items}
            loading={list.isFetching}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
          />
        )}
      </Card>
    </>
  );
}
