import type { CaseCategoryOut, CaseKind } from '../../../common/contracts/cases.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { categoriesAt, DEFAULT_CATEGORIES } from '../cases/index.ts';
import { loadOrgUnit } from '../org/index.ts';
import { Open311Error } from './spec-errors.ts';

// GET services and GET services/{code}: one service per case category, as it applies in the
// jurisdiction asked for (a district, subdistrict or community id), or the built-in catalogue.

export const KIND_LABELS: Record<CaseKind, string> = {
  demand: '民生诉求',
  hazard: '安全隐患',
  dispute: '矛盾纠纷',
  suggestion: '意见建议',
  emergency: '突发事件',
};

const JURISDICTION_KINDS = ['district', 'subdistrict', 'community'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** The org path a jurisdiction_id names, null when none was given; unknown → 404 in the spec's shape. */
export async function jurisdictionPath(db: Executor, id: string | undefined): Promise<string | null> {
  if (id === undefined || id === '') return null;
  if (!isUuid(id)) throw new Open311Error('jurisdiction_unknown');
  try {
    const unit = await loadOrgUnit(db, id);
    if (!JURISDICTION_KINDS.includes(unit.kind)) throw new Open311Error('jurisdiction_unknown');
    return unit.path;
  } catch (err) {
    if (err instanceof AppError) throw new Open311Error('jurisdiction_unknown');
    throw err;
  }
}

export async function catalogue(db: Executor, path: string | null): Promise<CaseCategoryOut[]> {
  return path ? categoriesAt(db, path) : [...DEFAULT_CATEGORIES];
}

export function serviceNotice(c: CaseCategoryOut): string {
  return `网格员将在 ${c.checkHours} 小时内核实，办结时限 ${c.resolveHours} 小时`;
}

export function presentService(c: CaseCategoryOut) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${c.name}。${serviceNotice(c)}。`,
    metadata: true,
    type: 'realtime',
    keywords: c.kinds.map((k) => KIND_LABELS[k]).join(', '),
    group: KIND_LABELS[c.kinds[0]] ?? '',
  };
}

/** The attributes a client may (or must) send as attribute[code]. */
export function attributesOf(c: CaseCategoryOut) {
  return [
    {
      variable: true,
      code: 'kind',
      datatype: 'singlevaluelist',
      // With one kind there is nothing to choose: it is filled in.
      required: c.kinds.length > 1,
      datatype_description: '从列表中选择一项（key）',
      order: 1,
      description: '事项类型',
      values: c.kinds.map((k) => ({ key: k, name: KIND_LABELS[k] })),
    },
    {
      variable: true,
      code: 'anonymous',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'true 或 false，默认 false',
      order: 2,
      description: '对公众匿名（不公开报事人）',
      values: [
        { key: 'false', name: '否' },
        { key: 'true', name: '是' },
      ],
    },
  ];
}

export async function serviceDefinition(db: Executor, code: string, path: string | null) {
  const c = (await catalogue(db, path)).find((x) => x.code === code);
  if (!c) throw new Open311Error('service_code_unknown');
  return { service_code: c.code, attributes: attributesOf(c) };
}
