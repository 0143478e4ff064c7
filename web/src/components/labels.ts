import { useTranslation } from 'react-i18next';
import type { OrgUnitKind } from '../../../common/contracts/org.ts';
import { ROLE_LABELS, type Role } from '../../../common/roles.ts';
import type { zhCN } from '../i18n/zh-CN.ts';

type TagKey = keyof typeof zhCN.tag;
type RelationKey = keyof typeof zhCN.relation;

/** Display names of the domain's literal unions, in the current language. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return {
    role: (r: Role) => (en ? ROLE_LABELS[r].en : ROLE_LABELS[r].zh),
    kind: (k: OrgUnitKind) => t(`orgKind.${k}`),
    // Tags are open strings on the wire (later modules add more); unknown ones show as sent.
    tag: (tag: string) => (tag in TAG_KEYS ? t(`tag.${tag as TagKey}`) : tag),
    relation: (r: string) => (r in RELATION_KEYS ? t(`relation.${r as RelationKey}`) : r),
    gender: (g: 'male' | 'female' | null) => (g ? t(`gender.${g}`) : t('common.none')),
  };
}

// Runtime key sets (the types above are compile-time only).
const TAG_KEYS: Record<TagKey, true> = {
  party_member: true,
  gig_worker: true,
  volunteer: true,
  elderly_alone: true,
  hardship: true,
  disabled: true,
  rental: true,
  vacant: true,
  key_care: true,
};
const RELATION_KEYS: Record<RelationKey, true> = {
  head: true,
  spouse: true,
  child: true,
  parent: true,
  grandchild: true,
  tenant: true,
  member: true,
};
