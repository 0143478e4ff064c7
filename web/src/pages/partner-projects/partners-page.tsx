import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Input, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTNER_STATES, TALENTS } from '../../../../common/contracts/partner-projects.ts';
import {
  type PartnerOut,
  type PartnerState,
  partnerProjectKeys,
  partnerProjectsApi,
} from '../../api/partner-projects.ts';
import { errorText } from '../../components/error-text.ts';
import { formatShortDateTime } from '../../components/format.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { PartnerStateTag, TalentTags, useReasonPrompt, useTalentLabel } from './parts.tsx';

/** /admin/community-partners — 幸福家园合伙人: applications to review, search by talent and compound. */
export function CommunityPartnersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const label = useTalentLabel();
  const qc = useQueryClient();
  const reason = useReasonPrompt();
  const { values, page, pageSize, update } = useSearchState(['q', 'state', 'talent', 'unit'] as const);
  const state = PARTNER_STATES.find((s) => s === values.state);
  const talent = TALENTS.find((x) => x === values.talent);
  const filter = { q: values.q, state, talent, orgUnitId: values.unit, page, pageSize };
  const list = useQuery({
    queryKey: [...partnerProjectKeys.partners, filter],
    queryFn: () => partnerProjectsApi.partners(filter),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: partnerProjectKeys.all });
  const approve = useMutation({
    mutationFn: partnerProjectsApi.approvePartner,
    onSuccess: () => {
      message.success(t('partnerProjects.desk.done'));
      refresh();
    },
    onError: (e) => message.error(errorText(e)),
  });
  const decide = (p: PartnerOut, move: 'decline' | 'suspend') =>
    reason.ask(
      t(move === 'decline' ? 'partnerProjects.desk.declineTitle' : 'partnerProjects.desk.suspendTitle'),
      async (r) => {
        try {
          await (move === 'decline'
            ? partnerProjectsApi.declinePartner(p.id, r)
            : partnerProjectsApi.suspendPartner(p.id, r));
          message.success(t('partnerProjects.desk.done'));
          refresh();
        } catch (e) {
          message.error(errorText(e));
          throw e;
        }
      },
      move === 'suspend' ? t('partnerProjects.desk.suspendConfirm') : undefined,
    );
  const filtered = !!(values.q || state || talent || values.unit);
  return (
    <>
      <PageHeader title={t('partnerProjects.desk.partnersTitle')} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            allowClear
            placeholder={t('partnerProjects.desk.searchPartners')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 260 }}
            data-testid="partner-search"
          />
          <Select
            allowClear
            value={state}
            placeholder={t('partnerProjects.desk.allStates')}
            onChange={(s?: PartnerState) => update({ state: s })}
            options={PARTNER_STATES.map((s) => ({ value: s, label: t(`partnerProjects.partnerState.${s}`) }))}
            style={{ width: 130 }}
            data-testid="partner-state-filter"
          />
          <Select
            allowClear
            value={talent}
            placeholder={t('partnerProjects.desk.allTalents')}
            onChange={(x?: string) => update({ talent: x })}
            options={TALENTS.map((x) => ({ value: x, label: label(x) }))}
            style={{ width: 130 }}
          />
          <div style={{ width: 260 }}>
            <OrgUnitPicker
              value={values.unit}
              selectableKinds={['community', 'compound']}
              onChange={(u?: string) => update({ unit: u })}
            />
          </div>
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={list.isFetching && !list.data}
            dataSource={list.data?.items ?? []}
            data-testid="partners-table"
            locale={{
              emptyText: (
                <Empty
                  description={
                    filtered
                      ? t('partnerProjects.desk.noMatchPartners')
                      : t('partnerProjects.desk.nonePartners')
                  }
                />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => update({ page: p, pageSize: s }),
            }}
            columns={[
              { title: t('partnerProjects.field.name'), dataIndex: 'name' },
              { title: t('partnerProjects.field.compound'), dataIndex: 'orgUnitName' },
              {
                title: t('partnerProjects.field.talents'),
                render: (_: unknown, p: PartnerOut) => <TalentTags talents={p.talents} note={p.talentNote} />,
              },
              { title: t('partnerProjects.field.intro'), dataIndex: 'intro', ellipsis: true },
              {
                title: t('partnerProjects.field.appliedAt'),
                dataIndex: 'appliedAt',
                render: (v: string) => formatShortDateTime(v, i18n.language),
              },
              { title: t('partnerProjects.field.projectCount'), dataIndex: 'projectCount' },
              {
                title: t('partnerProjects.field.state'),
                render: (_: unknown, p: PartnerOut) => (
                  <>
                    <PartnerStateTag state={p.state} />
                    {p.reason && <div className="linli-muted">{p.reason}</div>}
                  </>
                ),
              },
              {
                title: t('common.actions'),
                render: (_: unknown, p: PartnerOut) => (
                  <Space size={4} wrap>
                    {p.actions.includes('approve') && (
                      <Button
                        size="small"
                        type="primary"
                        loading={approve.isPending && approve.variables === p.id}
                        onClick={() => approve.mutate(p.id)}
                        data-testid="partner-approve"
                      >
                        {p.state === 'suspended'
                          ? t('partnerProjects.action.reinstate')
                          : t('partnerProjects.action.approve')}
                      </Button>
                    )}
                    {p.actions.includes('decline') && (
                      <Button
                        size="small"
                        danger
                        onClick={() => decide(p, 'decline')}
                        data-testid="partner-decline"
                      >
                        {t('partnerProjects.action.decline')}
                      </Button>
                    )}
                    {p.actions.includes('suspend') && (
                      <Button
                        size="small"
                        danger
                        onClick={() => decide(p, 'suspend')}
                        data-testid="partner-suspend"
                      >
                        {t('partnerProjects.action.suspend')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      {reason.node}
    </>
  );
}
