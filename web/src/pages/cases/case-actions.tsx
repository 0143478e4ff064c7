import { AimOutlined, StarFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Rate,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASSIGNEE_TYPES, MATTER_LEVELS } from '../../../../common/contracts/cases.ts';
import { departmentApi, departmentKeys } from '../../api/departments.ts';
import { orgApi, orgKeys } from '../../api/org.ts';
import { partnerApi, partnerKeys } from '../../api/partners.ts';
import { can, useMe } from '../../app/session.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../components/format.ts';
import { CaseStateTag } from './case-parts.tsx';
import {
  type CaseAction,
  type CaseOut,
  type CaseTransition,
  caseKeys,
  casesApi,
  type EmergencyAction,
} from './cases-api.ts';
import { isUploading, type PhotoList, PhotoUpload, photoIdsOf } from './photo-upload.tsx';
import { useGeolocation } from './use-geolocation.ts';

/** Every move the UI offers: the case machine's, the community's whistle, the emergency pair. */
export type Move = CaseAction | 'whistle' | EmergencyAction;

/** Moves that undo or refuse something: red buttons. */
const DANGER: readonly Move[] = ['withdraw', 'decline', 'check_invalid'];
const PRIMARY: readonly Move[] = [
  'check_valid',
  'classify',
  'dispatch',
  'accept',
  'complete',
  'rate',
  'acknowledge',
  'check_in',
];
const WHISTLE_FROM: readonly CaseOut['state'][] = ['checked', 'queued', 'reopened'];

/** The moves open to the actor now, in the order a handler reads them. */
export function movesOf(c: CaseOut): Move[] {
  const out: Move[] = [...c.emergencyActions, ...c.actions];
  if (c.allowed.includes('cases:whistle') && WHISTLE_FROM.includes(c.state)) {
    // After dispatch-like moves, before the refusals.
    out.splice(out.indexOf('dispatch') >= 0 ? out.indexOf('dispatch') + 1 : out.length, 0, 'whistle');
  }
  return out;
}

/** The buttons for the case's open moves; each opens a short form, and the server has the last word. */
export function CaseActions({
  c,
  size,
  block,
  onDone,
}: {
  c: CaseOut;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
  onDone?: (c: CaseOut, move: Move) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Move | null>(null);
  const moves = movesOf(c);
  if (moves.length === 0) return null;
  return (
    <>
      <div
        style={{ display: 'flex', flexDirection: block ? 'column' : 'row', flexWrap: 'wrap', gap: 8 }}
        data-testid="case-actions"
      >
        {moves.map((m) => (
          <Button
            key={m}
            size={size}
            block={block}
            type={PRIMARY.includes(m) ? 'primary' : 'default'}
            danger={DANGER.includes(m)}
            icon={m === 'rate' ? <StarFilled /> : m === 'check_in' ? <AimOutlined /> : undefined}
            onClick={() => setOpen(m)}
            data-testid={`move-${m}`}
          >
            {t(`cases.action.${m}`)}
          </Button>
        ))}
      </div>
      {open && (
        <MoveModal
          c={c}
          move={open}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            onDone?.(next, open);
          }}
        />
      )}
    </>
  );
}

type Values = {
  note?: string;
  level?: CaseOut['matterLevel'];
  rating?: number;
  duplicateOf?: string;
  assigneeType?: (typeof ASSIGNEE_TYPES)[number];
  personId?: string;
  partnerUnitId?: string;
  assigneeName?: string;
  departmentIds?: string[];
  summary?: string;
  deadline?: Dayjs;
};

const CONFIRM_TEXT: Partial<Record<Move, string>> = {
  withdraw: 'cases.move.confirmWithdraw',
  decline: 'cases.move.confirmDecline',
  check_invalid: 'cases.move.confirmInvalid',
  check_valid: 'cases.move.confirmValid',
  accept: 'cases.move.confirmAccept',
  pass_up: 'cases.move.confirmPassUp',
};
const NOTE_REQUIRED: readonly Move[] = ['check_invalid', 'decline', 'progress', 'complete'];
const NOTE_LABEL: Partial<
  Record<Move, 'cases.field.reason' | 'cases.field.progress' | 'cases.field.comment' | 'cases.field.result'>
> = {
  check_invalid: 'cases.field.reason',
  decline: 'cases.field.reason',
  withdraw: 'cases.field.reason',
  progress: 'cases.field.progress',
  complete: 'cases.field.result',
  rate: 'cases.field.comment',
};
const WITH_PHOTOS: readonly Move[] = ['progress', 'complete', 'check_in'];

function MoveModal({
  c,
  move,
  onClose,
  onDone,
}: {
  c: CaseOut;
  move: Move;
  onClose: () => void;
  onDone: (c: CaseOut) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PhotoList>([]);
  const geo = useGeolocation();
  const [missing, setMissing] = useState(false);

  const submit = useMutation({
    mutationFn: (v: Values): Promise<CaseOut> => {
      const note = v.note?.trim() || undefined;
      if (move === 'whistle')
        return casesApi.whistle(c.id, {
          departmentIds: v.departmentIds ?? [],
          summary: (v.summary ?? '').trim(),
          deadline: v.deadline!.toISOString(),
        });
      if (move === 'acknowledge') return casesApi.acknowledge(c.id, note);
      if (move === 'check_in')
        return casesApi.checkIn(c.id, {
          lat: geo.position?.lat,
          lng: geo.position?.lng,
          photoIds: photoIdsOf(photos),
          note,
        });
      const body: CaseTransition = { action: move, note, photoIds: photoIdsOf(photos) };
      if (move === 'classify') body.level = v.level ?? undefined;
      if (move === 'rate') body.rating = v.rating;
      if (move === 'check_duplicate') body.duplicateOf = v.duplicateOf;
      if (move === 'dispatch') {
        const type = v.assigneeType!;
        body.assignee =
          type === 'party_member'
            ? { type, ref: v.personId }
            : type === 'partner_unit'
              ? { type, ref: v.partnerUnitId }
              : { type, name: v.assigneeName?.trim() };
      }
      return casesApi.transition(c.id, body);
    },
    onSuccess: async (next) => {
      message.success(t('cases.move.done'));
      qc.setQueryData(caseKeys.one(next.id), next);
      await qc.invalidateQueries({ queryKey: caseKeys.all });
      onDone(next);
    },
  });

  const onFinish = (v: Values) => {
    if (isUploading(photos)) return void message.warning(t('cases.report.photoUploading'));
    if (move === 'check_in' && !geo.position && photoIdsOf(photos).length === 0) return setMissing(true);
    submit.mutate(v);
  };

  const confirm = CONFIRM_TEXT[move];
  const danger = DANGER.includes(move);
  return (
    <Modal
      open
      title={t(`cases.action.${move}`)}
      onCancel={onClose}
      okText={t(`cases.action.${move}`)}
      okButtonProps={
        {
          danger,
          loading: submit.isPending,
          htmlType: 'submit',
          form: 'case-move-form',
          'data-testid': 'move-submit',
        } as ButtonProps
      }
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <div data-testid="move-modal">
        {confirm && (
          <Alert
            type={danger ? 'warning' : 'info'}
            showIcon
            title={t(confirm as 'cases.move.confirmWithdraw')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values>
          id="case-move-form"
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={onFinish}
          initialValues={{
            assigneeType: 'party_member',
            level: c.matterLevel ?? undefined,
            deadline: dayjs().add(3, 'day').hour(18).minute(0).second(0),
          }}
        >
          {move === 'classify' && <LevelField />}
          {move === 'rate' && (
            <Form.Item
              name="rating"
              label={t('cases.field.rating')}
              rules={[{ required: true, message: t('cases.move.ratingRequired') }]}
              extra={t('cases.move.ratingHint')}
            >
              <Rate style={{ fontSize: 32 }} data-testid="rate-stars" />
            </Form.Item>
          )}
          {move === 'check_duplicate' && <DuplicateField c={c} />}
          {move === 'dispatch' && <AssigneeFields />}
          {move === 'whistle' && <WhistleFields />}
          {move === 'check_in' && (
            <Form.Item label={t('cases.field.location')}>
              <LocateButton geo={geo} />
            </Form.Item>
          )}
          {move !== 'whistle' && (
            <Form.Item
              name="note"
              label={t(NOTE_LABEL[move] ?? 'cases.field.note')}
              rules={
                NOTE_REQUIRED.includes(move)
                  ? [{ required: true, whitespace: true, message: t('cases.move.noteRequired') }]
                  : []
              }
            >
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="move-note" />
            </Form.Item>
          )}
          {WITH_PHOTOS.includes(move) && (
            <Form.Item label={t('cases.field.photos')} extra={t('cases.report.photosHint')}>
              <PhotoUpload
                value={photos}
                onChange={(l) => {
                  setPhotos(l);
                  setMissing(false);
                }}
                testId="move-photos"
              />
            </Form.Item>
          )}
          {missing && !geo.position && (
            <Alert
              type="error"
              showIcon
              title={t('cases.move.locationOrPhoto')}
              style={{ marginBottom: 12 }}
            />
          )}
        </Form>
        <FormError error={submit.error} />
      </div>
    </Modal>
  );
}

function LevelField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="level"
      label={t('cases.field.level')}
      rules={[{ required: true, message: t('cases.move.levelRequired') }]}
    >
      <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="level-options">
        {MATTER_LEVELS.map((l) => (
          <Radio key={l} value={l} data-testid={`level-${l}`}>
            {t(`cases.level.${l}`)}
            <span className="linli-muted" style={{ marginLeft: 8 }}>
              {t(`cases.levelHint.${l}`)}
            </span>
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

/** 标为重复: the open cases of the same category nearby, this one left out. */
function DuplicateField({ c }: { c: CaseOut }) {
  const { t, i18n } = useTranslation();
  const found = useQuery({
    queryKey: caseKeys.duplicates(c.categoryCode, c.orgUnitId),
    queryFn: () => casesApi.duplicates(c.categoryCode, c.orgUnitId),
  });
  const others = (found.data ?? []).filter((d) => d.id !== c.id);
  if (found.isPending) return <Spin />;
  if (others.length === 0) return <Empty description={t('cases.move.noDuplicates')} />;
  return (
    <Form.Item
      name="duplicateOf"
      label={t('cases.move.pickDuplicate')}
      rules={[{ required: true, message: t('cases.move.duplicateRequired') }]}
    >
      <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {others.map((d) => (
          <Radio key={d.id} value={d.id} data-testid="duplicate-option">
            <span style={{ display: 'block', wordBreak: 'break-word' }}>{d.description}</span>
            <Space size={6} wrap>
              <CaseStateTag state={d.state} />
              <span className="linli-muted">
                {d.place} · {formatDateTime(d.createdAt, i18n.language)}
              </span>
            </Space>
          </Radio>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

/** 派单: to a party member (searched by name), a partner unit (picked), or a named team or company. */
function AssigneeFields() {
  const { t } = useTranslation();
  const me = useMe();
  const type = Form.useWatch<Values['assigneeType']>('assigneeType');
  const types = ASSIGNEE_TYPES.filter((x) => x !== 'partner_unit' || can(me, 'partner:read'));
  return (
    <>
      <Form.Item name="assigneeType" label={t('cases.move.assigneeType')} rules={[{ required: true }]}>
        <Radio.Group optionType="button" data-testid="assignee-type">
          {types.map((x) => (
            <Radio.Button key={x} value={x}>
              {t(`cases.assigneeType.${x}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      {type === 'party_member' && (
        <Form.Item
          name="personId"
          label={t('cases.move.person')}
          rules={[{ required: true, message: t('cases.move.personRequired') }]}
        >
          <SearchSelect kind="party_member" />
        </Form.Item>
      )}
      {type === 'partner_unit' && (
        <Form.Item
          name="partnerUnitId"
          label={t('cases.move.partnerUnit')}
          rules={[{ required: true, message: t('cases.move.partnerUnitRequired') }]}
        >
          <SearchSelect kind="partner_unit" />
        </Form.Item>
      )}
      {type && type !== 'party_member' && type !== 'partner_unit' && (
        <Form.Item
          name="assigneeName"
          label={t('cases.move.assigneeName')}
          rules={[{ required: true, whitespace: true, message: t('cases.move.assigneeNameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('cases.move.assigneeNamePlaceholder')} />
        </Form.Item>
      )}
    </>
  );
}

/** A searching select over party members (persons tagged 党员) or partner units in scope. */
function SearchSelect({
  kind,
  value,
  onChange,
}: {
  kind: 'party_member' | 'partner_unit';
  value?: string;
  onChange?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({
    queryKey:
      kind === 'party_member' ? [...orgKeys.persons, 'party-member', q] : [...partnerKeys.all, 'pick', q],
    queryFn: async (): Promise<{ value: string; label: string }[]> =>
      kind === 'party_member'
        ? (await orgApi.persons({ q: q || undefined, tag: 'party_member', pageSize: 20 })).items.map((p) => ({
            value: p.id,
            label: `${p.name}${p.phone ? ` · ${p.phone}` : ''}${p.households[0] ? ` · ${p.households[0].address}` : ''}`,
          }))
        : (await partnerApi.list({ q: q || undefined, pageSize: 20 })).items.map((u) => ({
            value: u.id,
            label: u.name,
          })),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={onChange}
      placeholder={t('person.searchPlaceholder')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('person.noMatch')}
      options={found.data ?? []}
      data-testid={`pick-${kind}`}
    />
  );
}

/** 吹哨: departments, the summary they read, and the deadline for their result. */
function WhistleFields() {
  const { t } = useTranslation();
  const departments = useQuery({ queryKey: departmentKeys.all, queryFn: () => departmentApi.list({}) });
  return (
    <>
      <Form.Item
        name="departmentIds"
        label={t('cases.field.departments')}
        rules={[{ required: true, message: t('cases.move.departmentsRequired') }]}
      >
        <Select
          mode="multiple"
          loading={departments.isPending}
          optionFilterProp="label"
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          data-testid="whistle-departments"
        />
      </Form.Item>
      <Form.Item
        name="summary"
        label={t('cases.field.summary')}
        rules={[
          { required: true, whitespace: true, message: t('cases.move.summaryRequired') },
          { min: 2, max: 1000, message: t('cases.move.summaryRequired') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="whistle-summary" />
      </Form.Item>
      <Form.Item
        name="deadline"
        label={t('cases.field.deadline')}
        rules={[
          { required: true, message: t('cases.move.deadlineRequired') },
          {
            validator: (_, v?: Dayjs) =>
              !v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(t('cases.move.deadlineFuture')),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          data-testid="whistle-deadline"
        />
      </Form.Item>
    </>
  );
}

export function LocateButton({ geo }: { geo: ReturnType<typeof useGeolocation> }): ReactNode {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <Button icon={<AimOutlined />} onClick={geo.locate} loading={geo.locating} data-testid="locate">
        {geo.locating ? t('cases.report.locating') : t('cases.report.locate')}
      </Button>
      {geo.position && (
        <>
          <Typography.Text type="secondary" data-testid="located">
            {t('cases.report.located', {
              lat: geo.position.lat.toFixed(5),
              lng: geo.position.lng.toFixed(5),
            })}
          </Typography.Text>
          <Button type="link" size="small" onClick={geo.clear}>
            {t('cases.report.clearLocation')}
          </Button>
        </>
      )}
      {geo.failed && <Typography.Text type="secondary">{t('cases.report.locateFailed')}</Typography.Text>}
    </Space>
  );
}
