import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type AuditEvent, platformApi, platformKeys } from '../../api/platform.ts';
import { formatDateTime } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import type { zhCN } from '../../i18n/zh-CN.ts';

// Subject kinds written so far; the filter also accepts free text through the action prefix.
const SUBJECT_TYPES = [
  'org_unit',
  'household',
  'person',
  'user',
  'party_org',
  'grid',
  'department',
  'partner_unit',
  'roster_import',
  'claim',
  'posting',
  'objection',
  'rulebook',
  'convention',
  'points_account',
  'award',
] as const;
type SubjectKey = keyof typeof zhCN.audit.subject;

/** 审计日志: every command's event in my scope, newest first; filter by action, subject and org unit. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { values, page, pageSize, update } = useSearchState([
    'action',
    'subjectType',
    'subjectId',
    'orgUnitId',
  ] as const);
  const filter = { ...values, page, pageSize };
  const list = useQuery({
    queryKey: [...platformKeys.audit, 'list', filter],
    queryFn: () => platformApi.auditEvents(filter),
    placeholderData: keepPreviousData,
  });
  const subjectLabel = (s: string) => (s in SUBJECT_LABEL_KEYS ? t(`audit.subject.${s as SubjectKey}`) : s);

  return (
    <>
      <PageHeader title={t('menu.audit')} subTitle={t('audit.hint')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.action ?? ''}
            defaultValue={values.action}
            placeholder={t('audit.actionPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(action) => update({ action: action.trim() })}
            style={{ maxWidth: 320 }}
            data-testid="audit-action"
          />
          <Select
            allowClear
            value={values.subjectType}
            placeholder={t('audit.subjectType')}
            onChange={(subjectType?: string) => update({ subjectType })}
            options={SUBJECT_TYPES.map((s) => ({ value: s, label: subjectLabel(s) }))}
            style={{ width: 160 }}
          />
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            placeholder={t('org.filterByUnit')}
            style={{ width: 260 }}
          />
          {values.subjectId && (
            <Tag closable onClose={() => update({ subjectId: undefined })} style={{ alignSelf: 'center' }}>
              {t('audit.subjectId')}: {values.subjectId.slice(0, 8)}…
            </Tag>
          )}
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: <Empty description={t('audit.none')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => update({ page: p, pageSize: size }),
            }}
            scroll={{ x: 1000 }}
            data-testid="audit-table"
            columns={[
              {
                title: t('audit.time'),
                dataIndex: 'createdAt',
                width: 180,
                render: (v: string) => formatDateTime(v, i18n.language),
              },
              {
                title: t('audit.actor'),
                dataIndex: 'actorName',
                width: 120,
                render: (v: string | null) => v ?? t('audit.system'),
              },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                width: 220,
                render: (v: string) => (
                  <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                    {v}
                  </Typography.Text>
                ),
              },
              {
                title: t('audit.subjectType'),
                dataIndex: 'subjectType',
                width: 110,
                render: (v: string, e) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => update({ subjectType: v, subjectId: e.subjectId })}
                    title={e.subjectId}
                  >
                    {subjectLabel(v)}
                  </Button>
                ),
              },
              { title: t('audit.summary'), dataIndex: 'summary' },
              { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
    </>
  );
}

const SUBJECT_LABEL_KEYS: Record<SubjectKey, true> = {
  org_unit: true,
  household: true,
  person: true,
  user: true,
  party_org: true,
  grid: true,
  department: true,
  partner_unit: true,
  roster_import: true,
  claim: true,
  posting: true,
  objection: true,
  rulebook: true,
  convention: true,
  points_account: true,
  award: true,
};
