import { Tag } from 'antd';
import { useLabels } from './labels.ts';

const COLORS: Record<string, string> = {
  party_member: 'red',
  gig_worker: 'geekblue',
  volunteer: 'green',
  elderly_alone: 'orange',
  hardship: 'volcano',
  disabled: 'purple',
  rental: 'cyan',
  vacant: 'default',
  key_care: 'magenta',
};

export function TagList({ tags }: { tags: readonly string[] }) {
  const labels = useLabels();
  if (tags.length === 0) return <span style={{ color: 'rgba(0,0,0,0.35)' }}>—</span>;
  return (
    <span>
      {tags.map((tag) => (
        <Tag key={tag} color={COLORS[tag] ?? 'default'} style={{ marginBlock: 2 }}>
          {labels.tag(tag)}
        </Tag>
      ))}
    </span>
  );
}
