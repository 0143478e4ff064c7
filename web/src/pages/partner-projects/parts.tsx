import { App, type ButtonProps, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TALENT_LABELS, type Talent } from '../../../../common/contracts/partner-projects.ts';
import type { PartnerState, ProjectKind, ProjectOut, ProjectState } from '../../api/partner-projects.ts';

const STATE_COLOURS: Record<ProjectState, string> = {
  proposed: 'gold',
  approved: 'blue',
  active: 'green',
  finished: 'default',
  declined: 'red',
  cancelled: 'default',
};
const PARTNER_COLOURS: Record<PartnerState, string> = {
  pending: 'gold',
  approved: 'green',
  declined: 'red',
  suspended: 'default',
};

export function StateTag({ state }: { state: ProjectState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOURS[state]} data-testid="project-state">
      {t(`partnerProjects.state.${state}`)}
    </Tag>
  );
}

export function PartnerStateTag({ state }: { state: PartnerState }) {
  const { t } = useTranslation();
  return (
    <Tag color={PARTNER_COLOURS[state]} data-testid="partner-state">
      {t(`partnerProjects.partnerState.${state}`)}
    </Tag>
  );
}

export function KindTag({ kind }: { kind: ProjectKind }) {
  const { t } = useTranslation();
  return <Tag>{t(`partnerProjects.kind.${kind}`)}</Tag>;
}

export function useTalentLabel() {
  const { i18n } = useTranslation();
  return (t: string) => {
    const l = TALENT_LABELS[t as Talent];
    return l ? (i18n.language.startsWith('en') ? l.en : l.zh) : t;
  };
}

export function TalentTags({ talents, note }: { talents: readonly string[]; note?: string }) {
  const label = useTalentLabel();
  return (
    <>
      {talents.map((x) => (
        <Tag key={x} color="cyan">
          {label(x)}
        </Tag>
      ))}
      {note ? <Tag>{note}</Tag> : null}
    </>
  );
}

export function Places({ p }: { p: ProjectOut }) {
  const { t } = useTranslation();
  if (p.placesLeft === null)
    return <span className="linli-muted">{t('partnerProjects.unlimitedPlaces')}</span>;
  if (p.placesLeft === 0) return <Tag color="red">{t('partnerProjects.full')}</Tag>;
  return <span data-testid="places-left">{t('partnerProjects.placesLeft', { count: p.placesLeft })}</span>;
}

export function dateRange(p: { startsOn: string | null; endsOn: string | null }) {
  if (!p.startsOn && !p.endsOn) return '—';
  return `${p.startsOn ?? ''} ~ ${p.endsOn ?? ''}`;
}

/** A modal asking for a reason (decline, cancel, suspend); resolves when the action succeeded. */
export function useReasonPrompt() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [state, setState] = useState<{
    title: string;
    hint?: string;
    run: (reason: string) => Promise<unknown>;
  } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ask = (title: string, run: (reason: string) => Promise<unknown>, hint?: string) => {
    setReason('');
    setState({ title, run, hint });
  };
  const node = (
    <Modal
      open={!!state}
      title={state?.title}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: true, 'data-testid': 'reason-ok' } as ButtonProps}
      onCancel={() => setState(null)}
      onOk={async () => {
        if (reason.trim().length < 2) {
          message.error(t('partnerProjects.desk.reasonRequired'));
          return;
        }
        setBusy(true);
        try {
          await state?.run(reason.trim());
          setState(null);
        } finally {
          setBusy(false);
        }
      }}
    >
      {state?.hint && <p>{state.hint}</p>}
      <Input.TextArea
        rows={3}
        maxLength={300}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('partnerProjects.desk.reasonPlaceholder')}
        data-testid="reason-input"
      />
    </Modal>
  );
  return { ask, node };
}
