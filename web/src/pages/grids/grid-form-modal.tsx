import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { gridCreate } from '../../../../common/contracts/grids.ts';
import { type GridOut, gridApi, gridKeys } from '../../api/grids.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { BuildingsPicker } from './buildings-picker.tsx';
import { WorkerSelect } from './worker-select.tsx';

type Values = { orgUnitId: string; name: string; buildingIds: string[]; workerUserId?: string | null };

/** New grid in a community, or edit one: its name, the buildings it covers and its grid worker. */
export function GridFormModal({ grid, onClose }: { grid?: GridOut; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const communityId = Form.useWatch('orgUnitId', form) ?? grid?.orgUnitId;
  // Only account managers can list accounts; others keep whatever worker the grid has.
  const mayPickWorker = can(me, 'user:manage');

  const save = useMutation({
    mutationFn: (v: Values) => {
      const worker = mayPickWorker ? { workerUserId: v.workerUserId ?? null } : {};
      return grid
        ? gridApi.update(grid.id, { name: v.name, buildingIds: v.buildingIds, ...worker })
        : gridApi.create({ orgUnitId: v.orgUnitId, name: v.name, buildingIds: v.buildingIds, ...worker });
    },
    onSuccess: async () => {
      message.success(grid ? t('common.saved') : t('common.created'));
      await qc.invalidateQueries({ queryKey: gridKeys.all });
      onClose();
    },
  });

  const initial: Partial<Values> = grid
    ? {
        orgUnitId: grid.orgUnitId,
        name: grid.name,
        buildingIds: grid.buildings.map((b) => b.id),
        workerUserId: grid.worker?.userId ?? null,
      }
    : { buildingIds: [] };

  return (
    <Modal
      open
      title={grid ? t('grid.edit') : t('grid.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        // Buildings belong to one community: choosing another community starts the selection afresh.
        onValuesChange={(changed) => {
          if ('orgUnitId' in changed) form.setFieldValue('buildingIds', []);
        }}
      >
        {grid ? (
          // A grid never moves to another community; its buildings are edited instead.
          <Form.Item label={t('grid.community')}>
            <Input disabled value={grid.orgUnitName} />
          </Form.Item>
        ) : (
          <Form.Item
            name="orgUnitId"
            label={t('grid.community')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrgUnitPicker
              selectableKinds={['community']}
              placeholder={t('grid.pickCommunity')}
              allowClear={false}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('grid.name')}
          rules={[
            { required: true, message: t('form.required') },
            zodRule(gridCreate.shape.name, t('form.invalid')),
          ]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('grid.buildings')}>
          <BuildingsPicker communityId={communityId} />
        </Form.Item>
        {mayPickWorker ? (
          <Form.Item name="workerUserId" label={t('grid.worker')}>
            <WorkerSelect
              current={
                grid?.worker
                  ? { value: grid.worker.userId, label: `${grid.worker.displayName} · ${grid.worker.phone}` }
                  : undefined
              }
            />
          </Form.Item>
        ) : (
          // Not a form field: without user:manage the worker is shown but never sent.
          <Form.Item label={t('grid.worker')} extra={t('grid.workerKeep')}>
            <Input disabled value={grid?.worker?.displayName ?? t('grid.noWorker')} />
          </Form.Item>
        )}
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
