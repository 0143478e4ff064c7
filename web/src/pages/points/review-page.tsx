import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimTransition } from '../../../../common/contracts/points.ts';
import { type ClaimOut, pointsApi, pointsKeys } from '../../api/points.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { ClaimActions } from './claim-actions.tsx';
import { ClaimsTable } from './claims-table.tsx';
import { usePointsLabels } from './points-labels.ts';

const PAGE_SIZE = 100;

/**
 * 待评议: claims that passed the grid check. The committee approves them in a batch and rejects the
 * exceptions with a reason; a claim this member may not decide (their own, one they checked) cannot be
 * selected.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = { queue: 'review' as const, pageSize: PAGE_SIZE };
  const queue = useQuery({ queryKey: [...pointsKeys.claims, q], queryFn: () => pointsApi.claims(q) });
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState(false);
  const items = queue.data?.items ?? [];
  const byId = new Map(items.map((c) => [c.id, c]));
  const chosen = selected.filter((id) => byId.get(id)?.actions.includes('approve'));

  const approve = useMutation({
    mutationFn: (ids: string[]) => pointsApi.batchApprove(ids),
    onSuccess: async (r) => {
      if (r.approved.length) message.success(t('review.approvedN', { count: r.approved.length }));
      if (r.failed.length)
        modal.warning({
          title: t('review.failedN', { count: r.failed.length }),
          content: (
            <ul style={{ paddingLeft: 18, margin: 0 }}>
              {r.failed.map((f) => (
                <li key={f.claimId}>
                  {t('points.failure', {
                    name: byId.get(f.claimId)?.claimantName ?? f.claimId.slice(0, 8),
                    reason: labels.error(f.code),
                  })}
                </li>
              ))}
            </ul>
          ),
        });
      setSelected([]);
      await qc.invalidateQueries({ queryKey: pointsKeys.all });
    },
    onError: (e) => message.error(e.message),
  });

  const confirmApprove = () =>
    modal.confirm({
      title: t('review.batchConfirm', { count: chosen.length }),
      content: t('review.batchConfirmHint'),
      okText: t('review.batchApprove'),
      cancelText: t('common.cancel'),
      onOk: () => approve.mutateAsync(chosen).catch(() => undefined),
    });

  return (
    <>
      <PageHeader title={t('menu.pointsReview')} subTitle={t('review.hint')} />
      <Card>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            disabled={chosen.length === 0}
            loading={approve.isPending}
            onClick={confirmApprove}
            data-testid="batch-approve"
          >
            {chosen.length > 0
              ? t('points.paren', { text: t('review.batchApprove'), inner: chosen.length })
              : t('review.batchApprove')}
          </Button>
          <Button
            danger
            disabled={chosen.length === 0}
            onClick={() => setRejecting(true)}
            data-testid="batch-reject"
          >
            {t('review.batchReject')}
          </Button>
          <Typography.Text type="secondary">{t('review.selected', { count: chosen.length })}</Typography.Text>
        </Flex>
        {queue.isError ? (
          <QueryError error={queue.error} onRetry={() => queue.refetch()} />
        ) : (
          <ClaimsTable
            claims={queue.data?.items}
            loading={queue.isFetching}
            empty={t('review.empty')}
            showState={false}
            pagination={false}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as string[]),
              getCheckboxProps: (c: ClaimOut) => ({ disabled: !c.actions.includes('approve') }),
            }}
            actions={(c) => <ClaimActions claim={c} only={['approve', 'reject']} size="small" />}
          />
        )}
      </Card>
      {rejecting && (
        <BatchRejectModal
          claims={chosen.map((id) => byId.get(id)!)}
          onClose={(done) => {
            setRejecting(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </>
  );
}

/** The exceptions: each selected claim is rejected with the same reason, one transition each. */
function BatchRejectModal({ claims, onClose }: { claims: ClaimOut[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const reject = useMutation({
    mutationFn: async (note: string) => {
      for (const c of claims) await pointsApi.transition(c.id, { action: 'reject', note: note.trim() });
    },
    onSuccess: () => message.success(t('review.rejectedN', { count: claims.length })),
    onSettled: async (_, e) => {
      await qc.invalidateQueries({ queryKey: pointsKeys.all });
      if (!e) onClose(true);
    },
  });
  return (
    <Modal
      open
      title={t('review.rejectTitle', { count: claims.length })}
      okText={t('points.action.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={reject.isPending}
      destroyOnHidden
    >
      <ul style={{ paddingLeft: 18 }}>
        {claims.map((c) => (
          <li key={c.id}>
            {c.claimantName} · {c.ruleTitle}
          </li>
        ))}
      </ul>
      <Form form={form} layout="vertical" onFinish={(v) => reject.mutate(v.note)}>
        <Form.Item
          name="note"
          label={t('review.reason')}
          rules={[
            { required: true, whitespace: true, message: t('points.noteRequired') },
            zodRule(claimTransition.shape.note, t('points.noteRequired')),
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('review.reasonPlaceholder')} />
        </Form.Item>
        <FormError error={reject.error} />
      </Form>
    </Modal>
  );
}
