import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimTransition } from '../../../../common/contracts/points.ts';
import { type ClaimAction, type ClaimOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { FormError } from '../../components/form-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { usePointsLabels } from './points-labels.ts';

/** Moves whose reason is required (the claimant reads it) or invited; the others are one tap. */
const ASKS_NOTE: Partial<Record<ClaimAction, 'required' | 'optional'>> = {
  ask_more: 'required',
  check_reject: 'required',
  reject: 'required',
  withdraw: 'optional',
  resubmit: 'optional',
};
const DANGER: readonly ClaimAction[] = ['check_reject', 'reject', 'withdraw'];
const PRIMARY: readonly ClaimAction[] = ['check_pass', 'approve', 'resubmit'];

/** Makes one move on a claim; everything that shows claims is refreshed afterwards. */
export function useClaimTransition() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: ClaimAction; note?: string; quantity?: number }) =>
      pointsApi.transition(v.id, {
        action: v.action,
        note: v.note?.trim() || undefined,
        quantity: v.quantity,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: pointsKeys.all }),
  });
}

type Props = {
  claim: ClaimOut;
  /** Only these moves, in this order (e.g. the review page shows approve and reject). */
  only?: readonly ClaimAction[];
  /** The grid check may adjust the quantity; sent with check_pass when it differs. */
  quantity?: number;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
  onDone?: (claim: ClaimOut, action: ClaimAction) => void;
};

/**
 * The buttons for the moves the server lists in `claim.actions`, and nothing else: the server decides
 * who may do what (role, scope, separation of duties), the UI only offers it.
 */
export function ClaimActions({ claim, only, quantity, size = 'middle', block, onDone }: Props) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const { message } = App.useApp();
  const move = useClaimTransition();
  const [asking, setAsking] = useState<ClaimAction | null>(null);
  const actions = (only ?? ORDER).filter((a) => claim.actions.includes(a));
  if (actions.length === 0) return null;

  const run = (action: ClaimAction, note?: string) =>
    move.mutateAsync(
      {
        id: claim.id,
        action,
        note,
        quantity: action === 'check_pass' ? changed(quantity, claim) : undefined,
      },
      {
        onSuccess: (c) => {
          message.success(t('points.actionDone', { action: labels.action(action) }));
          setAsking(null);
          onDone?.(c, action);
        },
      },
    );

  return (
    <>
      <Flex gap={8} wrap>
        {actions.map((a) => (
          <Button
            key={a}
            size={size}
            type={PRIMARY.includes(a) ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            style={block ? { flex: 1 } : undefined}
            loading={move.isPending && move.variables?.action === a && !asking}
            onClick={() => {
              if (ASKS_NOTE[a]) setAsking(a);
              else run(a).catch((e) => message.error(errorMessage(e)));
            }}
            data-testid={`claim-action-${a}`}
          >
            {labels.action(a)}
          </Button>
        ))}
      </Flex>
      {asking && (
        <NoteModal
          action={asking}
          required={ASKS_NOTE[asking] === 'required'}
          pending={move.isPending}
          error={move.error}
          onCancel={() => {
            setAsking(null);
            move.reset();
          }}
          onSubmit={(note) => run(asking, note).catch(() => undefined)}
        />
      )}
    </>
  );
}

const ORDER: readonly ClaimAction[] = [
  'check_pass',
  'approve',
  'resubmit',
  'ask_more',
  'check_reject',
  'reject',
  'withdraw',
];

function changed(quantity: number | undefined, claim: ClaimOut) {
  return quantity && quantity !== claim.quantity ? quantity : undefined;
}

function errorMessage(e: unknown) {
  return e instanceof Error ? e.message : String(e);
}

function NoteModal({
  action,
  required,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  action: ClaimAction;
  required: boolean;
  pending: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (note: string) => void;
}) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const [form] = Form.useForm<{ note: string }>();
  const label = t(`points.reasonFor.${action as 'ask_more'}`);
  return (
    <Modal
      open
      title={label}
      okText={labels.action(action)}
      okButtonProps={{ danger: DANGER.includes(action), id: 'note-submit' }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.note ?? '')}>
        <Form.Item
          name="note"
          label={t('points.note')}
          rules={[
            { required, whitespace: true, message: t('points.noteRequired') },
            zodRule(claimTransition.shape.note, t('points.noteRequired')),
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="note-input" />
        </Form.Item>
        <FormError error={error} />
      </Form>
    </Modal>
  );
}
