import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgApi, orgKeys } from '../api/org.ts';

/** Pick a person in scope by name or phone tail; searches as the user types (debounced). */
export function PersonSelect({ value, onChange }: { value?: string; onChange?: (id: string) => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey: [...orgKeys.persons, 'pick', q],
    queryFn: () => orgApi.persons({ q, pageSize: 20 }),
    enabled: q.length > 0,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={onChange}
      placeholder={t('person.searchPlaceholder')}
      notFoundContent={
        found.isFetching ? <Spin size="small" /> : q ? t('person.noMatch') : t('person.typeToSearch')
      }
      options={(found.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}${p.phone ? ` · ${p.phone}` : ''}${p.households[0] ? ` · ${p.households[0].address}` : ''}`,
      }))}
    />
  );
}
