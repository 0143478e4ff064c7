import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, type ButtonProps, DatePicker, Flex, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PROJECT_CATEGORIES, type ProjectCategory } from '../../../../common/contracts/projects.ts';
import { type ProjectOut, projectKeys, projectsApi } from '../../api/projects.ts';
import { FormError } from '../../components/form-error.tsx';

type Values = {
  title: string;
  category: ProjectCategory;
  responsibleUnit: string;
  leadName: string;
  deadline: Dayjs;
  budgetYuan: number;
  description?: string;
  milestones?: { id?: string; title: string; ownerName?: string; dueDate: Dayjs }[];
};

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** New project, or the edit of one: title, category, responsible unit, deadline, budget, milestones. */
export function ProjectFormModal({
  orgUnitId,
  year,
  project,
  onClose,
  onSaved,
}: {
  orgUnitId: string;
  year: number;
  project?: ProjectOut;
  onClose: () => void;
  onSaved?: (p: ProjectOut) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        title: v.title,
        category: v.category,
        responsibleUnit: v.responsibleUnit,
        leadName: v.leadName,
        deadline: day(v.deadline),
        budgetFen: Math.round((v.budgetYuan ?? 0) * 100),
        description: v.description ?? '',
        milestones: (v.milestones ?? []).map((m) => ({
          id: m.id,
          title: m.title,
          ownerName: m.ownerName ?? '',
          dueDate: day(m.dueDate),
        })),
      };
      return project
        ? projectsApi.update(project.id, body)
        : projectsApi.create({ ...body, orgUnitId, year });
    },
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: projectKeys.all });
      onSaved?.(p);
      onClose();
    },
  });
  const initial: Partial<Values> = project
    ? {
        title: project.title,
        category: project.category,
        responsibleUnit: project.responsibleUnit,
        leadName: project.leadName,
        deadline: dayjs(project.deadline),
        budgetYuan: project.budgetFen / 100,
        description: project.description,
        milestones: project.milestones.map((m) => ({
          id: m.id,
          title: m.title,
          ownerName: m.ownerName,
          dueDate: dayjs(m.dueDate),
        })),
      }
    : { category: 'service', budgetYuan: 0, milestones: [] };
  return (
    <Modal
      open
      width={720}
      title={project ? t('projects.edit') : t('projects.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'project-form-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('projects.name')} rules={[{ required: true, max: 120 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="category"
            label={t('projects.category')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select
              options={PROJECT_CATEGORIES.map((c) => ({ value: c, label: t(`projects.categories.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('projects.deadline')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item
            name="responsibleUnit"
            label={t('projects.responsibleUnit')}
            rules={[{ required: true, max: 80 }]}
            style={{ flex: 2 }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="leadName"
            label={t('projects.lead')}
            rules={[{ required: true, max: 40 }]}
            style={{ flex: 1 }}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="budgetYuan"
            label={t('projects.budgetYuan')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('projects.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
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
