import { CheckCircleOutlined, CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DECLARERS, PARTICIPANTS, RULE_UNITS, ruleIn } from '../../../../common/contracts/points.ts';
import { pointsApi, pointsKeys, type RuleOut, type RulebookIn, type RulebookOut } from '../../api/points.ts';
import { errorText } from '../../components/error-text.ts';
import { FormError } from '../../components/form-error.tsx';
import { todayInShanghai } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { zodRule } from '../../components/zod-rule.ts';
import { usePointsLabels } from './points-labels.ts';
import { RulebookView, VersionStatusTag } from './rulebook-view.tsx';

/** One version of a rulebook: its chapters, articles and rules; revise, edit a draft, activate. */
export function RulebookDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const book = useQuery({ queryKey: pointsKeys.rulebook(id), queryFn: () => pointsApi.rulebook(id) });
  return (
    <QueryState
      query={book}
      notFoundTitle={t('rulebooks.notFound')}
      notFoundExtra={
        <Link to="/admin/points/rulebooks">
          <Button>{t('rulebooks.backToList')}</Button>
        </Link>
      }
    >
      {(b) => <RulebookDetail book={b} />}
    </QueryState>
  );
}

/** The rulebook as the create/replace contract takes it, with one rule swapped for its edit. */
function toInput(book: RulebookOut, edited?: RuleOut): RulebookIn {
  return {
    orgUnitId: book.orgUnitId,
    title: book.title,
    chapters: book.chapters.map((c) => ({
      title: c.title,
      articles: c.articles.map((a) => ({
        title: a.title,
        body: a.body,
        rules: a.rules.map((r) => {
          const { id: _id, articleId: _a, ...rule } = edited && edited.id === r.id ? edited : r;
          return rule;
        }),
      })),
    })),
  };
}

function RulebookDetail({ book: b }: { book: RulebookOut }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [activating, setActivating] = useState(false);
  const [editing, setEditing] = useState<RuleOut | null>(null);
  const manage = b.allowed.includes('points:manage');
  const draft = b.status === 'draft';
  const ruleCount = b.chapters.reduce((n, c) => n + c.articles.reduce((m, a) => m + a.rules.length, 0), 0);

  const revise = useMutation({
    mutationFn: () => pointsApi.revise(b.id),
    onSuccess: async (nb) => {
      message.success(t('rulebooks.revised', { version: nb.version }));
      await qc.invalidateQueries({ queryKey: pointsKeys.rulebooks });
      navigate(`/admin/points/rulebooks/${nb.id}`);
    },
    onError: (e) => message.error(errorText(e)),
  });
  const confirmRevise = () =>
    modal.confirm({
      title: t('rulebooks.reviseConfirm'),
      content: t('rulebooks.reviseHint'),
      okText: t('rulebooks.revise'),
      cancelText: t('common.cancel'),
      onOk: () => revise.mutateAsync().catch(() => undefined),
    });

  return (
    <>
      <PageHeader
        title={
          <>
            {b.title} {t('rulebooks.versionN', { version: b.version })} <VersionStatusTag book={b} />
          </>
        }
        crumbs={[
          { title: t('menu.pointsRulebooks'), to: '/admin/points/rulebooks' },
          { title: t('rulebooks.versionN', { version: b.version }) },
        ]}
        extra={
          manage &&
          (draft ? (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              onClick={() => setActivating(true)}
              data-testid="rulebook-activate"
            >
              {t('rulebooks.activate')}
            </Button>
          ) : (
            <Button
              icon={<CopyOutlined />}
              loading={revise.isPending}
              onClick={confirmRevise}
              data-testid="rulebook-revise"
            >
              {t('rulebooks.revise')}
            </Button>
          ))
        }
      />
      {draft && manage && (
        <Alert type="warning" showIcon title={t('rulebooks.draftHint')} style={{ marginBottom: 16 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label={t('rulebooks.publisher')}>{b.orgUnitName}</Descriptions.Item>
          <Descriptions.Item label={t('rulebooks.effectiveFrom')}>{b.effectiveFrom ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('rulebooks.effectiveTo')}>{b.effectiveTo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('rulebooks.ruleCount')}>
            {t('rulebooks.rulesCount', { count: ruleCount })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <RulebookView book={b} onEditRule={draft && manage ? setEditing : undefined} />
      </Card>
      {activating && <ActivateModal book={b} onClose={() => setActivating(false)} />}
      {editing && <RuleEditModal book={b} rule={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ActivateModal({ book, onClose }: { book: RulebookOut; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ effectiveFrom: Dayjs }>();
  const activate = useMutation({
    mutationFn: (date: string) => pointsApi.activate(book.id, date),
    onSuccess: async (b) => {
      message.success(t('rulebooks.activated', { version: b.version, date: b.effectiveFrom }));
      await qc.invalidateQueries({ queryKey: pointsKeys.rulebooks });
      onClose();
    },
  });
  const tomorrow = dayjs(todayInShanghai()).add(1, 'day');
  return (
    <Modal
      open
      title={t('rulebooks.activateTitle', { version: book.version })}
      okText={t('rulebooks.activate')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={activate.isPending}
      destroyOnHidden
    >
      <Alert type="info" title={t('rulebooks.activateHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ effectiveFrom: tomorrow }}
        onFinish={(v) => activate.mutate(v.effectiveFrom.format('YYYY-MM-DD'))}
      >
        <Form.Item
          name="effectiveFrom"
          label={t('rulebooks.effectiveFrom')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="activate-date" />
        </Form.Item>
        <FormError error={activate.error} />
      </Form>
    </Modal>
  );
}

type RuleValues = Pick<
  RuleOut,
  | 'title'
  | 'pointsPerUnit'
  | 'unit'
  | 'evidence'
  | 'capDay'
  | 'capMonth'
  | 'capYear'
  | 'declarers'
  | 'participants'
>;

/** A draft's rule: what it is worth, its caps and who may declare it. The code stays (claims cite it). */
function RuleEditModal({ book, rule, onClose }: { book: RulebookOut; rule: RuleOut; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<RuleValues>();
  const save = useMutation({
    mutationFn: (v: RuleValues) => pointsApi.replaceDraft(book.id, toInput(book, { ...rule, ...v })),
    onSuccess: async (b) => {
      qc.setQueryData(pointsKeys.rulebook(b.id), b);
      message.success(t('rulebooks.ruleSaved'));
      onClose();
    },
  });
  const shape = ruleIn.shape;
  const cap = (name: 'capDay' | 'capMonth' | 'capYear') => (
    <Form.Item name={name} label={t(`rulebooks.${name}`)} style={{ flex: 1 }}>
      <InputNumber min={1} precision={0} placeholder={t('rulebooks.noCap')} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal
      open
      width={640}
      title={t('rulebooks.editRuleTitle', { code: rule.code })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        initialValues={rule}
        onFinish={(v) =>
          save.mutate({
            ...v,
            capDay: v.capDay ?? null,
            capMonth: v.capMonth ?? null,
            capYear: v.capYear ?? null,
          })
        }
      >
        <Form.Item
          name="title"
          label={t('rulebooks.ruleTitle')}
          rules={[{ required: true, message: t('form.required') }, zodRule(shape.title, t('form.invalid'))]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="pointsPerUnit"
            label={t('rulebooks.perUnit')}
            rules={[{ required: true, message: t('form.required') }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="unit" label={t('rulebooks.unit')} style={{ flex: 1 }}>
            <Select options={RULE_UNITS.map((u) => ({ value: u, label: labels.unit(u) }))} />
          </Form.Item>
          <Form.Item name="evidence" label={t('rulebooks.evidence')} style={{ flex: 1 }}>
            <Select
              options={(['photo', 'none'] as const).map((e) => ({
                value: e,
                label: t(`points.evidence.${e}`),
              }))}
            />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          {cap('capDay')}
          {cap('capMonth')}
          {cap('capYear')}
        </div>
        <Form.Item
          name="declarers"
          label={t('rulebooks.declarers')}
          rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
        >
          <Checkbox.Group options={DECLARERS.map((d) => ({ value: d, label: labels.declarer(d) }))} />
        </Form.Item>
        <Form.Item
          name="participants"
          label={t('rulebooks.participants')}
          rules={[{ required: true, type: 'array', min: 1, message: t('form.required') }]}
        >
          <Checkbox.Group options={PARTICIPANTS.map((p) => ({ value: p, label: labels.participant(p) }))} />
        </Form.Item>
        <FormError error={save.error} />
      </Form>
    </Modal>
  );
}
