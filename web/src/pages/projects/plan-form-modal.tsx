import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TASK_FORCE_KINDS } from '../../../../common/contracts/projects.ts';
import { type PlanOut, projectKeys, projectsApi } from '../../api/projects.ts';
import { FormError } from '../../components/form-error.tsx';

type Member = { name: string; unit?: string; role?: string; kind: 'official' | 'resident' };
type Values = {
  title: string;
  problem: string;
  goal: string;
  caseId?: string;
  taskForce?: Member[];
  milestones?: { id?: string; title: string; ownerName?: string; dueDate: Dayjs }[];
};

/** 一事一策 editor: the problem, the goal, the task force (专班) and its milestones. */
export function PlanFormModal({
  orgUnitId,
  plan,
  onClose,
  onSaved,
}: {
  orgUnitId: string;
  plan?: PlanOut;
  onClose: () => void;
  onSaved?: (p: PlanOut) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title,
        problem: v.problem,
        goal: v.goal,
        caseId: v.caseId?.trim() ? v.caseId.trim() : null,
        taskForce: (v.taskForce ?? []).map((m) => ({
          name: m.name,
          unit: m.unit ?? '',
          role: m.role ?? '',
          kind: m.kind,
          userId: null,
          personId: null,
        })),
        milestones: (v.milestones ?? []).map((m) => ({
          id: m.id,
          title: m.title,
          ownerName: m.ownerName ?? '',
          dueDate: m.dueDate.format('YYYY-MM-DD'),
        })),
      };
      return plan ? projectsApi.updatePlan(plan.id, body) : projectsApi.createPlan({ ...body, orgUnitId });
    },
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: projectKeys.plans });
      qc.setQueryData(projectKeys.plan(p.id), p);
      onSaved?.(p);
      onClose();
    },
  });
  const initial: Partial<Values> = plan
    ? {
        title: plan.title,
        problem: plan.problem,
        goal: plan.goal,
        caseId: plan.caseId ?? undefined,
        taskForce: plan.taskForce.map((m) => ({ name: m.name, unit: m.unit, role: m.role, kind: m.kind })),
        milestones: plan.milestones.map((m) => ({
          id: m.id,
          title: m.title,
          ownerName: m.ownerName,
          dueDate: dayjs(m.dueDate),
        })),
      }
    : { taskForce: [], milestones: [] };
  return (
    <Modal
      open
      width={760}
      title={plan ? t('projects.plans.edit') : t('projects.plans.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('projects.plans.name')} rules={[{ required: true, max: 120 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="problem" label={t('projects.plans.problem')} rules={[{ required: true, max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="goal" label={t('projects.plans.goal')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="caseId" label={t('projects.plans.caseId')}>
          <Input placeholder="00000000-0000-0000-0000-000000000000" />
        </Form.Item>
        <Form.List name="taskForce">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8, fontWeight: 500 }}>{t('projects.plans.taskForce')}</div>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, max: 40 }]}
                    style={{ flex: 1 }}
                  >
                    <Input placeholder={t('projects.plans.member')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']} style={{ flex: 2 }}>
                    <Input placeholder={t('projects.plans.unit')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']} style={{ flex: 1 }}>
                    <Input placeholder={t('projects.plans.role')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} style={{ flex: 2 }}>
                    <Select
                      options={TASK_FORCE_KINDS.map((k) => ({
                        value: k,
                        label: t(`projects.plans.kinds.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.remove')}
                  />
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'official' })}
                type="dashed"
                style={{ marginBottom: 16 }}
              >
                {t('projects.plans.addMember')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8, fontWeight: 500 }}>{t('projects.milestones')}</div>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'title']}
                    rules={[{ required: true, max: 120 }]}
                    style={{ flex: 3 }}
                  >
                    <Input placeholder={t('projects.milestone')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerName']} style={{ flex: 1 }}>
                    <Input placeholder={t('projects.owner')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true }]} style={{ flex: 1 }}>
                    <DatePicker placeholder={t('projects.dueDate')} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.remove')}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} type="dashed">
                {t('projects.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
