import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platformApi, platformKeys } from '../../api/platform.ts';

type Option = { value: string; label: string };

/** Finds grid-worker accounts by name or phone tail (needs user:manage to list accounts). */
export function WorkerSelect({
  value,
  onChange,
  current,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The grid's present worker, so the select can label its value before any search. */
  current?: Option;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: [...platformKeys.users, 'grid-workers', q],
    queryFn: () => platformApi.users({ q: q || undefined, pageSize: 50 }),
  });
  const options: Option[] = (found.data?.items ?? [])
    .filter((u) => !u.disabled && u.roles.some((r) => r.role === 'grid_worker'))
    .map((u) => ({ value: u.id, label: `${u.displayName} · ${u.phone}` }));
  if (current && !options.some((o) => o.value === current.value)) options.unshift(current);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      placeholder={t('grid.pickWorker')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('common.empty')}
      options={options}
    />
  );
}
