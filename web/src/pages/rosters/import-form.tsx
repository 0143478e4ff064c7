import { InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Radio, Upload } from 'antd';
import type { UploadFile } from 'antd/es/upload';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_MODES, ROSTER_LIMITS } from '../../../../common/contracts/rosters.ts';
import { type ImportMode, rosterApi } from '../../api/rosters.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';

type Values = { orgUnitId: string; mode: ImportMode };

/** Choose where, how and which file; hands the new import's id to the page, which then polls it. */
export function ImportForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (v: Values) => rosterApi.startImport(v.orgUnitId, v.mode, file!),
    onSuccess: (r) => onStarted(r.id),
  });

  const pick = (f: File) => {
    // Refuse an oversize file here too: uploading 50 MB only to hear "too large" wastes a field worker's data.
    if (f.size > ROSTER_LIMITS.maxFileBytes) {
      setFile(null);
      setFileError(t('roster.fileTooLarge'));
    } else {
      setFile(f);
      setFileError(null);
    }
    return false; // keep the file in the browser; it is sent with the form
  };

  const fileList: UploadFile[] = file
    ? [{ uid: 'roster', name: file.name, status: 'done', size: file.size }]
    : [];
  const modeLabel: Record<ImportMode, string> = {
    all_or_nothing: t('roster.modeAll'),
    valid_rows_only: t('roster.modeValid'),
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ mode: 'all_or_nothing' }}
      onFinish={(v) => {
        if (!file) return setFileError(t('roster.fileRequired'));
        start.mutate(v);
      }}
    >
      <Form.Item
        name="orgUnitId"
        label={t('roster.orgUnit')}
        extra={t('roster.orgUnitHint')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <OrgUnitPicker selectableKinds={['community', 'compound']} />
      </Form.Item>
      <Form.Item name="mode" label={t('roster.mode')}>
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={IMPORT_MODES.map((m) => ({ value: m, label: modeLabel[m] }))}
        />
      </Form.Item>
      <Form.Item
        label={t('roster.file')}
        required
        validateStatus={fileError ? 'error' : undefined}
        help={fileError ?? undefined}
      >
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={pick}
          fileList={fileList}
          onRemove={() => setFile(null)}
          data-testid="roster-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('roster.pickFile')}</p>
          <p className="ant-upload-hint">{t('roster.fileHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="roster-start">
        {t('roster.start')}
      </Button>
      <FormError error={start.error} />
    </Form>
  );
}
