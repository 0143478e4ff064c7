import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SKILLS, type Skill } from '../../../../common/contracts/volunteers.ts';
import { type VolunteerOut, volunteersApi, volunteersKeys } from '../../api/volunteers.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { hoursOf, SkillTags, usePagedTable, useVolunteerLabels } from './volunteers-parts.tsx';

/** 志愿者: the registered volunteers in scope, by name, skill and compound. */
export function VolunteersPage() {
  const { t } = useTranslation();
  const l = useVolunteerLabels();
  const { values, page, pageSize, update } = useSearchState(['q', 'skill', 'orgUnitId'] as const);
  const skill = SKILLS.find((s) => s === values.skill);
  const filter = { q: values.q, skill, orgUnitId: values.orgUnitId, page, pageSize };
  const list = useQuery({
    queryKey: volunteersKeys.profiles(filter),
    queryFn: () => volunteersApi.profiles(filter),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(values.q || skill || values.orgUnitId);
  const table = usePagedTable(
    list,
    { page, pageSize, update },
    filtered ? t('volunteers.list.noMatch') : t('volunteers.list.none'),
  );
  return (
    <>
      <PageHeader title={t('menu.volunteerProfiles')} subTitle={t('volunteers.list.hint')} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            key={values.q ?? ''}
            defaultValue={values.q}
            placeholder={t('volunteers.list.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ maxWidth: 260 }}
            data-testid="volunteer-search"
          />
          <Select
            allowClear
            value={skill}
            onChange={(s?: Skill) => update({ skill: s })}
            placeholder={t('volunteers.list.allSkills')}
            options={l.skillOptions}
            style={{ width: 150 }}
            data-testid="volunteer-skill"
          />
          <OrgUnitPicker
            value={values.orgUnitId}
            onChange={(id) => update({ orgUnitId: id })}
            selectableKinds={['community', 'compound', 'building']}
            allowClear
            placeholder={t('volunteers.list.place')}
            style={{ width: 240 }}
          />
        </Flex>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<VolunteerOut>
            data-testid="volunteers-table"
            {...table}
            columns={[
              {
                title: t('volunteers.team.member'),
                key: 'name',
                width: 160,
                render: (_, v) => (
                  <>
                    <Typography.Text strong>{v.name}</Typography.Text>
                    {v.intro && (
                      <div className="linli-muted" style={{ fontSize: 12 }}>
                        {v.intro}
                      </div>
                    )}
                  </>
                ),
              },
              { title: t('volunteers.list.place'), dataIndex: 'placeName', width: 170 },
              {
                title: t('volunteers.list.skills'),
                key: 'skills',
                render: (_, v) => <SkillTags skills={v.skills} highlight={skill ? [skill] : []} />,
              },
              {
                title: t('volunteers.list.availability'),
                key: 'availability',
                width: 200,
                render: (_, v) => v.availability.map((a) => l.availability(a)).join('、'),
              },
              {
                title: t('volunteers.list.teams'),
                key: 'teams',
                width: 220,
                render: (_, v) => (
                  <Space wrap size={[4, 0]}>
                    {v.teams.join('、') || '—'}
                  </Space>
                ),
              },
              {
                title: t('volunteers.list.recent'),
                key: 'recent',
                width: 110,
                align: 'right',
                render: (_, v) => t('volunteers.list.hours', { hours: hoursOf(v.recentMinutes) }),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
