import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rosterApi } from '../../api/rosters.ts';
import { can, useMe } from '../../app/session.ts';
import { errorText } from '../../components/error-text.ts';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { ImportForm } from './import-form.tsx';
import { ImportProgress } from './import-progress.tsx';

/** 花名册: template, import with progress and report, export. The import id stays in the URL. */
export function RostersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { values, update } = useSearchState(['import'] as const);
  const [exportUnit, setExportUnit] = useState<string>();
  const onError = (e: unknown) => message.error(errorText(e));
  const template = useMutation({ mutationFn: rosterApi.downloadTemplate, onError });
  const exporting = useMutation({
    mutationFn: (id: string) => rosterApi.exportRoster(id),
    onSuccess: () => message.success(t('roster.exported')),
    onError,
  });

  return (
    <>
      <PageHeader
        title={t('menu.rosters')}
        subTitle={t('roster.hint')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => template.mutate()} loading={template.isPending}>
            {t('roster.template')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('roster.importTitle')}>
            {values.import ? (
              <ImportProgress id={values.import} onAgain={() => update({ import: undefined })} />
            ) : (
              <ImportForm onStarted={(id) => update({ import: id })} />
            )}
          </Card>
        </Col>
        {can(me, 'roster:export') && (
          <Col xs={24} xl={9}>
            <Card title={t('roster.exportTitle')}>
              <Typography.Paragraph type="secondary">{t('roster.exportUnit')}</Typography.Paragraph>
              <Flex vertical gap={12}>
                <OrgUnitPicker value={exportUnit} onChange={setExportUnit} style={{ width: '100%' }} />
                <Button
                  type="primary"
                  icon={<ExportOutlined />}
                  disabled={!exportUnit}
                  loading={exporting.isPending}
                  onClick={() => exportUnit && exporting.mutate(exportUnit)}
                >
                  {t('roster.export')}
                </Button>
              </Flex>
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
