import { useQuery } from '@tanstack/react-query';
import { Empty, Skeleton, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { platformApi, platformKeys } from '../api/platform.ts';
import { formatDateTime } from './format.ts';

/** The latest audit events about one record: who changed what, and when. */
export function SubjectHistory({ subjectType, subjectId }: { subjectType: string; subjectId: string }) {
  const { t, i18n } = useTranslation();
  const q = { subjectType, subjectId, pageSize: 10 };
  const events = useQuery({
    queryKey: [...platformKeys.audit, q],
    queryFn: () => platformApi.auditEvents(q),
  });
  if (events.isPending) return <Skeleton active />;
  if (events.isError) return <Empty description={events.error.message} />;
  if (events.data.items.length === 0) return <Empty description={t('audit.noHistory')} />;
  return (
    <Timeline
      items={events.data.items.map((e) => ({
        key: e.id,
        content: (
          <>
            <div>{e.summary}</div>
            <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
              {e.actorName ?? t('audit.system')} · {formatDateTime(e.createdAt, i18n.language)}
            </div>
          </>
        ),
      }))}
    />
  );
}
