import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeetingState, TaskOut } from '../../api/meetings.ts';

export const MEETING_STATE_COLORS: Record<MeetingState, string> = {
  scheduled: 'blue',
  in_session: 'processing',
  minutes_draft: 'orange',
  minutes_approved: 'green',
  closed: 'default',
  cancelled: 'default',
};

export function MeetingStateTag({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <Tag color={MEETING_STATE_COLORS[state]} data-testid="meeting-state" style={{ marginInlineEnd: 0 }}>
      {t(`meetings.state.${state}`)}
    </Tag>
  );
}

export function TaskStateTag({ task }: { task: Pick<TaskOut, 'state' | 'overdue'> }) {
  const { t } = useTranslation();
  if (task.overdue)
    return (
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {t('meetings.overdue')}
      </Tag>
    );
  return (
    <Tag color={task.state === 'done' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {t(`meetings.taskState.${task.state}`)}
    </Tag>
  );
}

/** A meeting's time as "2026-12-03 19:00–20:30" in Asia/Shanghai. */
export function meetingTime(startsAt: string, endsAt: string, lang: string): string {
  const f = new Intl.DateTimeFormat(lang === 'en-US' ? 'en-CA' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const hm = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return `${f.format(new Date(startsAt)).replace(/\//g, '-').replace(',', '')}–${hm.format(new Date(endsAt))}`;
}
