import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Skeleton, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrgUnitOut, orgApi, orgKeys } from '../../api/org.ts';
import { useLabels } from '../../components/labels.ts';

type Props = {
  selectedId?: string;
  /** Ancestors of the selected unit, so a deep link opens the tree down to it. */
  expandTo?: readonly string[];
  onSelect: (id: string) => void;
  /** Bumped by the page after a create/edit so the changed level is fetched again. */
  reloadKey?: { parentId: string | null; n: number };
};

/** The org tree, loaded a level at a time (a district has tens of thousands of nodes). */
export function OrgTree({ selectedId, expandTo, onSelect, reloadKey }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const qc = useQueryClient();
  const roots = useQuery({ queryKey: orgKeys.units, queryFn: orgApi.roots });
  const [childrenOf, setChildrenOf] = useState<Record<string, OrgUnitOut[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);

  const load = useCallback(
    async (id: string, fresh = false) => {
      if (fresh) await qc.invalidateQueries({ queryKey: orgKeys.children(id) });
      const items = await qc.fetchQuery({
        queryKey: orgKeys.children(id),
        queryFn: () => orgApi.children(id),
      });
      setChildrenOf((m) => ({ ...m, [id]: items }));
    },
    [qc],
  );

  // Open the path to a deep-linked unit: load each ancestor's children and expand it.
  useEffect(() => {
    if (!expandTo?.length || !roots.data) return;
    const rootIds = new Set(roots.data.map((r) => r.id));
    const start = expandTo.findIndex((id) => rootIds.has(id));
    if (start < 0) return;
    const chain = expandTo.slice(start);
    void Promise.all(chain.map((id) => load(id))).then(() =>
      setExpanded((e) => [...new Set([...e, ...chain])]),
    );
  }, [expandTo, roots.data, load]);

  useEffect(() => {
    if (!reloadKey) return;
    if (reloadKey.parentId) void load(reloadKey.parentId, true);
  }, [reloadKey, load]);

  if (roots.isPending) return <Skeleton active />;
  if (!roots.data?.length) return <Empty description={t('dashboard.noArea')} />;

  const toNode = (u: OrgUnitOut): DataNode => ({
    key: u.id,
    title: (
      <span>
        {u.name} <span style={{ color: 'rgba(0,0,0,0.4)', fontSize: 12 }}>{labels.kind(u.kind)}</span>
      </span>
    ),
    isLeaf: u.childCount === 0,
    children: childrenOf[u.id]?.map(toNode),
  });

  return (
    <Tree
      blockNode
      showLine
      treeData={roots.data.map(toNode)}
      selectedKeys={selectedId ? [selectedId] : []}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      loadData={async (node) => {
        if (!childrenOf[String(node.key)]) await load(String(node.key));
      }}
      onSelect={(keys) => {
        if (keys[0]) onSelect(String(keys[0]));
      }}
      data-testid="org-tree"
    />
  );
}
