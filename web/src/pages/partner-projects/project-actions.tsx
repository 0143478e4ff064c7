import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Flex } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type ProjectAction,
  type ProjectDetail,
  partnerProjectKeys,
  partnerProjectsApi,
} from '../../api/partner-projects.ts';
import { errorText } from '../../components/error-text.ts';
import { useReasonPrompt } from './parts.tsx';

const NEEDS_REASON: ProjectAction[] = ['decline', 'cancel'];
const DANGER: ProjectAction[] = ['decline', 'cancel', 'withdraw'];

/** The project's buttons: the transitions the server says the actor may make, then join/leave. */
export function ProjectActions({
  p,
  size = 'middle',
  style,
}: {
  p: ProjectDetail;
  size?: 'middle' | 'large';
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const reason = useReasonPrompt();
  const done = (d: ProjectDetail) => {
    qc.setQueryData(partnerProjectKeys.project(p.id), d);
    qc.invalidateQueries({ queryKey: partnerProjectKeys.all });
  };
  const move = useMutation({
    mutationFn: ({ action, note }: { action: ProjectAction; note?: string }) =>
      partnerProjectsApi.move(p.id, action, note),
    onSuccess: (d) => {
      message.success(t('partnerProjects.desk.done'));
      done(d);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const join = useMutation({
    mutationFn: () => partnerProjectsApi.join(p.id),
    onSuccess: (d) => {
      message.success(t('partnerProjects.phone.joinedOk'));
      done(d);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const leave = useMutation({
    mutationFn: () => partnerProjectsApi.leave(p.id),
    onSuccess: (d) => {
      message.success(t('partnerProjects.phone.leftOk'));
      done(d);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const onMove = (action: ProjectAction) => {
    if (NEEDS_REASON.includes(action)) {
      reason.ask(
        t(action === 'decline' ? 'partnerProjects.desk.declineTitle' : 'partnerProjects.desk.cancelTitle'),
        (note) => move.mutateAsync({ action, note }),
      );
      return;
    }
    modal.confirm({
      title: t('partnerProjects.desk.confirmMove', {
        action: t(`partnerProjects.action.${action}`),
        title: p.title,
      }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: DANGER.includes(action), 'data-testid': 'confirm-ok' } as ButtonProps,
      onOk: () => move.mutateAsync({ action }),
    });
  };
  const moves = p.actions.filter((a): a is ProjectAction => a !== 'join' && a !== 'leave');
  return (
    <Flex gap={8} wrap style={style}>
      {moves.map((a) => (
        <Button
          key={a}
          size={size}
          type={a === 'approve' || a === 'start' ? 'primary' : 'default'}
          danger={DANGER.includes(a)}
          loading={move.isPending && move.variables?.action === a}
          onClick={() => onMove(a)}
          data-testid={`move-${a}`}
        >
          {t(`partnerProjects.action.${a}`)}
        </Button>
      ))}
      {p.actions.includes('join') && (
        <Button
          size={size}
          type="primary"
          loading={join.isPending}
          onClick={() => join.mutate()}
          data-testid="join"
        >
          {t('partnerProjects.action.join')}
        </Button>
      )}
      {p.actions.includes('leave') && (
        <Button
          size={size}
          danger
          loading={leave.isPending}
          data-testid="leave"
          onClick={() =>
            modal.confirm({
              title: t('partnerProjects.phone.confirmLeave'),
              okText: t('common.confirm'),
              cancelText: t('common.cancel'),
              okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps,
              onOk: () => leave.mutateAsync(),
            })
          }
        >
          {t('partnerProjects.action.leave')}
        </Button>
      )}
      {reason.node}
    </Flex>
  );
}
