import { Empty, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  AVAILABILITY,
  AVAILABILITY_LABELS,
  type Availability,
  POST_KIND_LABELS,
  POST_KINDS,
  type PostKind,
  SKILL_LABELS,
  SKILLS,
  type Skill,
} from '../../../../common/contracts/volunteers.ts';

/** Labels of the volunteers' vocabularies (skills, free times, post kinds) in the current language. */
export function useVolunteerLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const pick = (l: { zh: string; en: string }) => (en ? l.en : l.zh);
  return {
    skill: (s: Skill) => pick(SKILL_LABELS[s]),
    availability: (a: Availability) => pick(AVAILABILITY_LABELS[a]),
    postKind: (k: PostKind) => pick(POST_KIND_LABELS[k]),
    skillOptions: SKILLS.map((s) => ({ value: s, label: pick(SKILL_LABELS[s]) })),
    availabilityOptions: AVAILABILITY.map((a) => ({ value: a, label: pick(AVAILABILITY_LABELS[a]) })),
    postKindOptions: POST_KINDS.map((k) => ({ value: k, label: pick(POST_KIND_LABELS[k]) })),
  };
}

export function SkillTags({
  skills,
  highlight = [],
}: {
  skills: readonly Skill[];
  highlight?: readonly Skill[];
}) {
  const l = useVolunteerLabels();
  if (skills.length === 0) return <span className="linli-muted">—</span>;
  return (
    <Space size={[0, 4]} wrap>
      {skills.map((s) => (
        <Tag key={s} color={highlight.includes(s) ? 'green' : undefined}>
          {l.skill(s)}
        </Tag>
      ))}
    </Space>
  );
}

export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

/** A paged list's table props: loading, rows, the empty text (filtered or not) and URL-kept paging. */
export function usePagedTable<T>(
  list: { isFetching: boolean; data?: { items: T[]; total: number } },
  paging: {
    page: number;
    pageSize: number;
    update: (p: { page: number; pageSize: number }) => void;
  },
  empty: string,
) {
  const { t } = useTranslation();
  return {
    rowKey: 'id',
    loading: list.isFetching,
    dataSource: list.data?.items,
    locale: { emptyText: <Empty description={empty} /> },
    pagination: {
      current: paging.page,
      pageSize: paging.pageSize,
      total: list.data?.total ?? 0,
      showSizeChanger: true,
      showTotal: (total: number) => t('common.total', { count: total }),
      onChange: (page: number, pageSize: number) => paging.update({ page, pageSize }),
    },
  } as const;
}
