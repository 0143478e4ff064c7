import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { LoansTable } from './loans-table.tsx';
import { Availability, CategoryTag, LendModal } from './toolbox-parts.tsx';

const PAGE_SIZE = 10;

/** A tool: where it is, what is free, and its loan history (newest first, those out on top). */
export function ToolPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [lending, setLending] = useState(false);
  const [page, setPage] = useState(1);
  const tool = useQuery({ queryKey: toolboxKeys.tool(id), queryFn: () => toolboxApi.tool(id) });
  const history = useQuery({
    queryKey: [...toolboxKeys.loans, 'tool', id, page],
    queryFn: () => toolboxApi.loans({ toolId: id, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    enabled: tool.isSuccess,
  });
  return (
    <QueryState query={tool} notFoundTitle={t('toolbox.tools.notFound')}>
      {(x) => (
        <>
          <PageHeader
            title={x.name}
            crumbs={[{ title: t('menu.toolboxTools'), to: '/admin/toolbox' }, { title: x.name }]}
            extra={
              x.allowed.includes('toolbox:lend') && (
                <Button
                  type="primary"
                  disabled={x.unitsFree === 0}
                  onClick={() => setLending(true)}
                  data-testid="lend-tool"
                >
                  {t('toolbox.tools.lend')}
                </Button>
              )
            }
          />
          <Flex vertical gap={16}>
            <Card>
              <Descriptions column={{ xs: 1, md: 3 }} size="small">
                <Descriptions.Item label={t('toolbox.tools.categoryLabel')}>
                  <CategoryTag category={x.category} />
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.free')}>
                  <Availability tool={x} />
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.loanDays')}>
                  {t('toolbox.tools.days', { count: x.loanDays })}
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.venue')}>
                  {x.venueName}（{x.orgUnitName}）
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.address')}>
                  {x.venueAddress || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.openingHours')}>
                  {x.openingHours || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.depositNote')}>
                  {x.depositNote || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('toolbox.tools.conditionNotes')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{x.conditionNotes || '—'}</span>
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('toolbox.tools.history')}>
              <LoansTable
                showTool={false}
                loans={history.data?.items}
                loading={history.isFetching}
                pagination={{
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: history.data?.total ?? 0,
                  showTotal: (total) => t('common.total', { count: total }),
                  onChange: setPage,
                }}
              />
            </Card>
          </Flex>
          {lending && <LendModal tool={x} onClose={() => setLending(false)} />}
        </>
      )}
    </QueryState>
  );
}
