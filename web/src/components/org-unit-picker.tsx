import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrgUnitKind, type OrgUnitOut, orgApi, orgKeys } from '../api/org.ts';
import { useLabels } from './labels.ts';

type Node = { id: string; pId?: string; value: string; title: string; isLeaf: boolean; selectable: boolean };

type Props = {
  value?: string;
  onChange?: (id: string | undefined, unit?: OrgUnitOut) => void;
  /** Only these kinds can be picked (e.g. buildings for a new household); others only expand. */
  selectableKinds?: readonly OrgUnitKind[];
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  /** Shown for a preselected unit whose node is not loaded yet (editing an existing record). */
  initialLabel?: string;
};

/** An org unit chooser that loads the tree one level at a time: a district has thousands of nodes. */
export function OrgUnitPicker({
  value,
  onChange,
  selectableKinds,
  placeholder,
  allowClear = true,
  style,
  initialLabel,
}: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const roots = useQuery({ queryKey: orgKeys.units, queryFn: orgApi.roots });
  const [nodes, setNodes] = useState<Node[]>([]);
  const [units, setUnits] = useState<Map<string, OrgUnitOut>>(new Map());

  const toNode = (u: OrgUnitOut): Node => ({
    id: u.id,
    pId: u.parentId ?? undefined,
    value: u.id,
    title: `${u.name}（${labels.kind(u.kind)}）`,
    isLeaf: u.childCount === 0,
    selectable: !selectableKinds || selectableKinds.includes(u.kind),
  });

  const remember = (list: OrgUnitOut[]) =>
    setUnits((m) => {
      const next = new Map(m);
      for (const u of list) next.set(u.id, u);
      return next;
    });

  // Rebuilt when the roots arrive or the language changes (titles carry the kind's name).
  // biome-ignore lint/correctness/useExhaustiveDependencies: toNode depends only on labels, keyed by language
  useEffect(() => {
    if (!roots.data) return;
    // Roots are the actor's grant nodes; their parents are out of scope, so they become top level.
    setNodes(roots.data.map((u) => ({ ...toNode(u), pId: undefined })));
    remember(roots.data);
  }, [roots.data, t]);

  const loadData = async (node: object) => {
    // In simple mode each tree node carries the `id` we gave it.
    const id = String((node as { id?: string }).id);
    const children = await orgApi.children(id);
    remember(children);
    setNodes((prev) => [
      ...prev.filter((n) => !children.some((c) => c.id === n.id)),
      ...children.map(toNode),
    ]);
  };

  // A value set from outside (a link with ?orgUnitId=…) may sit deep in a level not loaded yet:
  // fetch that one unit so the field shows its name rather than an id.
  const hasValueNode = !value || nodes.some((n) => n.id === value);
  const selected = useQuery({
    queryKey: orgKeys.unit(value ?? ''),
    queryFn: () => orgApi.unit(value!),
    enabled: !hasValueNode && !initialLabel,
  });
  const label =
    initialLabel ?? (selected.data ? `${selected.data.name}（${labels.kind(selected.data.kind)}）` : '…');
  const treeData = hasValueNode
    ? nodes
    : [...nodes, { id: value!, value: value!, title: label, isLeaf: true, selectable: true }];

  return (
    <TreeSelect
      style={{ minWidth: 220, ...style }}
      value={value}
      onChange={(v?: string) => onChange?.(v, v ? units.get(v) : undefined)}
      treeDataSimpleMode
      treeData={treeData}
      loadData={loadData}
      loading={roots.isPending}
      allowClear={allowClear}
      placeholder={placeholder ?? t('org.pickUnit')}
      showSearch={false}
      popupMatchSelectWidth={false}
      notFoundContent={t('common.empty')}
    />
  );
}
