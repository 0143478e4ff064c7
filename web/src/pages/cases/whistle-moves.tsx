import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { whistleResultBody } from '../../../../common/contracts/cases.ts';
import { useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { type CaseOut, caseKeys, casesApi, type WhistleOut } from './cases-api.ts';
import { isUploading, type PhotoList, PhotoUpload, photoIdsOf } from './photo-upload.tsx';

/** The departments the signed-in user reports in for. */
export function useMyDepartments(): string[] {
  const me = useMe();
  return me.roles.flatMap((r) => (r.role === 'department_staff' && r.departmentId ? [r.departmentId] : []));
}

/** 报到 while whistled, 反馈结果 once reported in: the department's two moves on a whistle. */
export function WhistleMoves({
  w,
  size,
  onDone,
}: {
  w: Pick<WhistleOut, 'id' | 'state' | 'departmentName'>;
  size?: 'small' | 'middle' | 'large';
  onDone?: (c: CaseOut) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'report_in' | 'result' | null>(null);
  if (w.state === 'resolved') return null;
  return (
    <>
      {w.state === 'whistled' ? (
        <Button
          type="primary"
          size={size}
          onClick={() => setOpen('report_in')}
          data-testid="whistle-report-in"
        >
          {t('cases.whistles.reportIn')}
        </Button>
      ) : (
        <Button type="primary" size={size} onClick={() => setOpen('result')} data-testid="whistle-record">
          {t('cases.whistles.record')}
        </Button>
      )}
      {open && (
        <WhistleModal
          w={w}
          kind={open}
          onClose={() => setOpen(null)}
          onDone={(c) => {
            setOpen(null);
            onDone?.(c);
          }}
        />
      )}
    </>
  );
}

type Values = { note?: string; actionTaken?: string; result?: string };

function WhistleModal({
  w,
  kind,
  onClose,
  onDone,
}: {
  w: Pick<WhistleOut, 'id' | 'departmentName'>;
  kind: 'report_in' | 'result';
  onClose: () => void;
  onDone: (c: CaseOut) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PhotoList>([]);
  const submit = useMutation({
    mutationFn: (v: Values) =>
      kind === 'report_in'
        ? casesApi.reportIn(w.id, v.note?.trim() || undefined)
        : casesApi.result(w.id, {
            actionTaken: (v.actionTaken ?? '').trim(),
            result: (v.result ?? '').trim(),
            photoIds: photoIdsOf(photos),
          }),
    onSuccess: async (c) => {
      message.success(t('cases.move.done'));
      qc.setQueryData(caseKeys.one(c.id), c);
      await qc.invalidateQueries({ queryKey: caseKeys.all });
      onDone(c);
    },
  });
  const title = kind === 'report_in' ? t('cases.whistles.reportIn') : t('cases.whistles.record');
  return (
    <Modal
      open
      title={`${title} · ${w.departmentName}`}
      onCancel={onClose}
      okText={title}
      cancelText={t('common.cancel')}
      okButtonProps={
        {
          loading: submit.isPending,
          htmlType: 'submit',
          form: 'whistle-form',
          'data-testid': 'whistle-submit',
        } as ButtonProps
      }
      destroyOnHidden
    >
      <div data-testid="whistle-modal">
        {kind === 'report_in' && (
          <Alert
            type="info"
            showIcon
            title={t('cases.whistles.reportInConfirm')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values>
          id="whistle-form"
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => {
            if (isUploading(photos)) return void message.warning(t('cases.report.photoUploading'));
            submit.mutate(v);
          }}
        >
          {kind === 'report_in' ? (
            <Form.Item name="note" label={t('cases.field.note')}>
              <Input.TextArea rows={2} maxLength={1000} showCount data-testid="whistle-note" />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                name="actionTaken"
                label={t('cases.field.actionTaken')}
                rules={[
                  { required: true, whitespace: true, message: t('cases.move.noteRequired') },
                  zodRule(whistleResultBody.shape.actionTaken, t('cases.move.noteRequired')),
                ]}
              >
                <Input.TextArea rows={3} maxLength={2000} showCount data-testid="whistle-action" />
              </Form.Item>
              <Form.Item
                name="result"
                label={t('cases.field.result')}
                rules={[
                  { required: true, whitespace: true, message: t('cases.move.noteRequired') },
                  zodRule(whistleResultBody.shape.result, t('cases.move.noteRequired')),
                ]}
              >
                <Input.TextArea rows={3} maxLength={2000} showCount data-testid="whistle-result-input" />
              </Form.Item>
              <Form.Item label={t('cases.field.photos')} extra={t('cases.report.photosHint')}>
                <PhotoUpload value={photos} onChange={setPhotos} testId="whistle-photos" />
              </Form.Item>
            </>
          )}
        </Form>
        <FormError error={submit.error} />
      </div>
    </Modal>
  );
}
