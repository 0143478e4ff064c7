import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Row,
  Select,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RETURN_CONDITIONS, TOOL_CATEGORIES } from '../../../../common/contracts/toolbox.ts';
import { meetingsApi, meetingsKeys } from '../../api/meetings.ts';
import {
  type LoanOut,
  type ReturnCondition,
  type ToolCategory,
  type ToolOut,
  toolboxApi,
  toolboxKeys,
} from '../../api/toolbox.ts';
import { errorText } from '../../components/error-text.ts';
import { FormError } from '../../components/form-error.tsx';
import { PersonSelect } from '../../components/person-select.tsx';

const CATEGORY_COLORS: Record<ToolCategory, string> = {
  ladder: 'blue',
  drill: 'geekblue',
  repair_kit: 'purple',
  gardening: 'green',
  medical_aid: 'magenta',
  cleaning: 'cyan',
  moving_trolley: 'orange',
  other: 'default',
};

export function CategoryTag({ category }: { category: ToolCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category]}>{t(`toolbox.category.${category}`)}</Tag>;
}

export function useCategoryOptions() {
  const { t } = useTranslation();
  return TOOL_CATEGORIES.map((c) => ({ value: c, label: t(`toolbox.category.${c}`) }));
}

/** Out / overdue (with days) / returned (late?) / lost. */
export function LoanStateTag({ loan }: { loan: LoanOut }) {
  const { t } = useTranslation();
  if (loan.overdue)
    return (
      <Tag color="red" data-testid="loan-state">
        {t('toolbox.loans.overdueDays', { count: loan.daysOverdue })}
      </Tag>
    );
  if (loan.state === 'out')
    return (
      <Tag color="processing" data-testid="loan-state">
        {t('toolbox.state.out')}
      </Tag>
    );
  if (loan.state === 'lost')
    return (
      <Tag color="default" data-testid="loan-state">
        {t('toolbox.state.lost')}
      </Tag>
    );
  return (
    <Tag color={loan.late ? 'warning' : 'success'} data-testid="loan-state">
      {loan.late ? t('toolbox.loans.late') : t('toolbox.state.returned')}
    </Tag>
  );
}

/** "2/3 可借", or "暂无可借 · 预计 11-30 归还". */
export function Availability({ tool }: { tool: ToolOut }) {
  const { t } = useTranslation();
  if (!tool.active) return <Tag>{t('toolbox.tools.retired')}</Tag>;
  if (tool.unitsFree > 0)
    return (
      <Typography.Text type="success" data-testid="tool-free">
        {t('toolbox.tools.freeOf', { free: tool.unitsFree, stock: tool.stock })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" data-testid="tool-free">
      {t('toolbox.tools.noneFree')}
      {tool.nextDueBack ? ` · ${t('toolbox.tools.nextDue', { date: tool.nextDueBack.slice(5) })}` : ''}
    </Typography.Text>
  );
}

type LendForm = { personId: string; dueDate: dayjs.Dayjs; note?: string };

/** 借出: pick a resident of the community, the due date (default: the tool's loan period). */
export function LendModal({ tool, onClose }: { tool: ToolOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<LendForm>();
  const lend = useMutation({
    mutationFn: (v: LendForm) =>
      toolboxApi.lend({
        toolId: tool.id,
        personId: v.personId,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        note: v.note?.trim() || undefined,
      }),
    onSuccess: async (loan) => {
      message.success(t('toolbox.lend.done', { name: loan.borrowerName, date: loan.dueDate }));
      await qc.invalidateQueries({ queryKey: toolboxKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('toolbox.lend.title', { name: tool.name })}
      okText={t('toolbox.lend.submit')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={lend.isPending}
      destroyOnHidden
      data-testid="lend-modal"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dueDate: dayjs().add(tool.loanDays, 'day') }}
        onFinish={(v) => lend.mutate(v)}
      >
        <Form.Item
          name="personId"
          label={t('toolbox.lend.borrower')}
          extra={t('toolbox.lend.borrowerHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <PersonSelect />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('toolbox.lend.dueDate')}
          extra={t('toolbox.lend.dueDateHint', { count: tool.loanDays })}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker
            allowClear={false}
            disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(90, 'day'), 'day')}
            data-testid="lend-due"
          />
        </Form.Item>
        <Form.Item name="note" label={t('toolbox.lend.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <FormError error={lend.error} />
    </Modal>
  );
}

type ToolForm = {
  name: string;
  category: ToolCategory;
  venueId: string;
  stock: number;
  loanDays: number;
  depositNote?: string;
  conditionNotes?: string;
};

/** 添加 / 编辑工具. The station is chosen once; the stock can later change, never below the units out. */
export function ToolFormModal({ tool, onClose }: { tool?: ToolOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ToolForm>();
  const categories = useCategoryOptions();
  const venues = useQuery({ queryKey: meetingsKeys.venues, queryFn: () => meetingsApi.venues() });
  const save = useMutation({
    mutationFn: (v: ToolForm) =>
      tool
        ? toolboxApi.updateTool(tool.id, {
            name: v.name,
            category: v.category,
            stock: v.stock,
            loanDays: v.loanDays,
            depositNote: v.depositNote ?? '',
            conditionNotes: v.conditionNotes ?? '',
          })
        : toolboxApi.createTool({
            ...v,
            depositNote: v.depositNote ?? '',
            conditionNotes: v.conditionNotes ?? '',
          }),
    onSuccess: async (saved) => {
      message.success(tool ? t('toolbox.tools.saved') : t('toolbox.tools.created', { name: saved.name }));
      await qc.invalidateQueries({ queryKey: toolboxKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={tool ? t('toolbox.tools.formTitleEdit') : t('toolbox.tools.formTitleCreate')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          tool
            ? { ...tool }
            : { category: 'other', stock: 1, loanDays: 7, depositNote: '', conditionNotes: '' }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('toolbox.tools.name')}
          rules={[{ required: true, min: 2, max: 60, message: t('form.required') }]}
        >
          <Input maxLength={60} data-testid="tool-name" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="category" label={t('toolbox.tools.categoryLabel')} style={{ flex: 1 }}>
            <Select options={categories} />
          </Form.Item>
          <Form.Item name="stock" label={t('toolbox.tools.stock')} rules={[{ required: true }]}>
            <InputNumber min={tool ? tool.unitsOut : 1} max={500} precision={0} />
          </Form.Item>
          <Form.Item name="loanDays" label={t('toolbox.tools.loanDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={90} precision={0} suffix={t('toolbox.tools.daysUnit')} />
          </Form.Item>
        </Flex>
        {!tool && (
          <Form.Item
            name="venueId"
            label={t('toolbox.tools.venue')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              loading={venues.isPending}
              placeholder={t('toolbox.tools.venuePlaceholder')}
              options={(venues.data ?? [])
                .filter((v) => v.active)
                .map((v) => ({ value: v.id, label: `${v.name}（${v.orgUnitName}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="depositNote" label={t('toolbox.tools.depositNote')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="conditionNotes" label={t('toolbox.tools.conditionNotes')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
      <FormError error={save.error} />
    </Modal>
  );
}

/**
 * The desk's actions on a loan, each confirmed first: 归还 (with the condition), 续借一次, 登记遗失
 * (with what happened). Only the actions the server lists for the loan are offered.
 */
export function useLoanActions() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: toolboxKeys.all });
  };
  const fail = (e: unknown) => {
    message.error(errorText(e));
    throw e;
  };
  const returnLoan = (loan: LoanOut) => {
    let condition: ReturnCondition = 'good';
    let note = '';
    modal.confirm({
      title: t('toolbox.loans.returnTitle', { name: loan.toolName }),
      content: (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">
            {t('toolbox.loans.returnHint', { name: loan.borrowerName })}
          </Typography.Text>
          <Select<ReturnCondition>
            defaultValue="good"
            onChange={(v) => {
              condition = v;
            }}
            options={RETURN_CONDITIONS.map((c) => ({ value: c, label: t(`toolbox.condition.${c}`) }))}
            aria-label={t('toolbox.loans.returnCondition')}
            data-testid="return-condition"
          />
          <Input
            placeholder={t('toolbox.loans.returnNote')}
            maxLength={200}
            onChange={(e) => {
              note = e.target.value;
            }}
          />
        </Flex>
      ),
      okText: t('toolbox.loans.returnAction'),
      cancelText: t('common.cancel'),
      onOk: () =>
        toolboxApi
          .returnLoan(loan.id, { condition, note: note.trim() || undefined })
          .then(() => done(t('toolbox.loans.returned')), fail),
    });
  };
  const extend = (loan: LoanOut) =>
    modal.confirm({
      title: t('toolbox.loans.extendTitle', { name: loan.toolName }),
      content: t('toolbox.loans.extendHint'),
      okText: t('toolbox.loans.extend'),
      cancelText: t('common.cancel'),
      onOk: () =>
        toolboxApi
          .extend(loan.id)
          .then((l) => done(t('toolbox.loans.extendedDone', { date: l.dueDate })), fail),
    });
  const lost = (loan: LoanOut) => {
    let note = '';
    modal.confirm({
      title: t('toolbox.loans.lostTitle', { name: loan.toolName }),
      content: (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('toolbox.loans.lostHint')}</Typography.Text>
          <Input.TextArea
            placeholder={t('toolbox.loans.lostNote')}
            maxLength={200}
            onChange={(e) => {
              note = e.target.value;
            }}
          />
        </Flex>
      ),
      okText: t('toolbox.loans.lost'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => toolboxApi.lost(loan.id, note.trim()).then(() => done(t('toolbox.loans.lostDone')), fail),
    });
  };
  return { returnLoan, extend, lost };
}

/** The small figures card of the tools page: totals, the most borrowed tools, loans per month. */
export function FiguresCard() {
  const { t } = useTranslation();
  const figures = useQuery({ queryKey: toolboxKeys.figures, queryFn: toolboxApi.figures });
  const f = figures.data;
  const maxMonth = Math.max(1, ...(f?.byMonth ?? []).map((m) => m.loans));
  const maxTool = Math.max(1, ...(f?.byTool ?? []).map((m) => m.loans));
  return (
    <Card title={t('toolbox.figures.title')} loading={figures.isPending} data-testid="toolbox-figures">
      {!f ? (
        <Empty />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} lg={8}>
            <Row gutter={[12, 12]}>
              <Col span={12}>
                <Statistic title={t('toolbox.figures.loans')} value={f.totals.loans} />
              </Col>
              <Col span={12}>
                <Statistic title={t('toolbox.figures.out')} value={f.totals.out} />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('toolbox.figures.overdueNow')}
                  value={f.totals.overdueNow}
                  styles={{ content: f.totals.overdueNow > 0 ? { color: '#cf1322' } : undefined }}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('toolbox.figures.overdueRate')}
                  value={(f.totals.overdueRate * 100).toFixed(1)}
                  suffix="%"
                />
              </Col>
            </Row>
          </Col>
          <Col xs={24} lg={8}>
            <Typography.Text strong>{t('toolbox.figures.byMonth')}</Typography.Text>
            <div style={{ display: 'flex', alignItems: 'flex-end', gap: 4, height: 110, marginTop: 8 }}>
              {f.byMonth.map((m) => (
                <div
                  key={m.month}
                  title={`${m.month}：${m.loans}（${t('toolbox.figures.lateOf', { count: m.late })}）`}
                  style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2 }}
                >
                  <span style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }}>{m.loans}</span>
                  <div
                    style={{
                      width: '100%',
                      height: Math.round((m.loans / maxMonth) * 70),
                      background: '#1677ff',
                      borderRadius: 2,
                    }}
                  />
                  <span style={{ fontSize: 10, color: 'rgba(0,0,0,0.45)' }}>{m.month.slice(5)}</span>
                </div>
              ))}
            </div>
          </Col>
          <Col xs={24} lg={8}>
            <Typography.Text strong>{t('toolbox.figures.topTools')}</Typography.Text>
            {f.byTool.slice(0, 5).map((x) => (
              <div key={x.toolId} style={{ marginTop: 4 }}>
                <Flex justify="space-between">
                  <span>{x.name}</span>
                  <span className="linli-muted">
                    {x.loans} · {t('toolbox.figures.lateOf', { count: x.late })}
                  </span>
                </Flex>
                <Progress percent={Math.round((x.loans / maxTool) * 100)} showInfo={false} size="small" />
              </div>
            ))}
          </Col>
        </Row>
      )}
    </Card>
  );
}
