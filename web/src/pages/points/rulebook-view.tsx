import { EditOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleOut, RulebookOut } from '../../api/points.ts';
import { todayInShanghai } from '../../components/format.ts';
import { KindTag } from './claim-parts.tsx';
import { usePointsLabels } from './points-labels.ts';

type Book = Pick<RulebookOut, 'chapters'>;
export type DisplayStatus = 'draft' | 'active' | 'retired' | 'scheduled';

/**
 * What a version is today: an activated version may not be in force yet (待施行), and a retired one
 * stays in force until its successor's start date.
 */
export function displayStatus(
  b: Pick<RulebookOut, 'status' | 'effectiveFrom' | 'effectiveTo'>,
  today = todayInShanghai(),
): DisplayStatus {
  if (b.status === 'draft') return 'draft';
  if (b.effectiveTo && b.effectiveTo <= today) return 'retired';
  if (b.effectiveFrom && b.effectiveFrom > today) return 'scheduled';
  return 'active';
}

const STATUS_COLORS: Record<DisplayStatus, string> = {
  draft: 'gold',
  active: 'green',
  retired: 'default',
  scheduled: 'blue',
};

export function VersionStatusTag({
  book,
}: {
  book: Pick<RulebookOut, 'status' | 'effectiveFrom' | 'effectiveTo'>;
}) {
  const { t } = useTranslation();
  const s = displayStatus(book);
  return (
    <Tag color={STATUS_COLORS[s]} data-testid="version-status">
      {t(`points.version.${s}`)}
    </Tag>
  );
}

/** 章 → 条 → 规则: the rulebook as residents read it; a draft's rules can be edited in place. */
export function RulebookView({ book, onEditRule }: { book: Book; onEditRule?: (rule: RuleOut) => void }) {
  const { t } = useTranslation();
  // Articles are numbered through the whole rulebook (第一章 第1–3条, 第二章 第4条 …), as regulations are.
  const firstArticle = book.chapters.map((_, i) =>
    book.chapters.slice(0, i).reduce((n, c) => n + c.articles.length, 1),
  );
  return (
    <div className="linli-rulebook" data-testid="rulebook-view">
      {book.chapters.map((c, ci) => (
        <section key={c.id} className="linli-rulebook-chapter">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('rulebooks.chapter', { no: c.no, title: c.title })}
          </Typography.Title>
          {c.articles.map((a, ai) => (
            <div key={a.id} className="linli-rulebook-article">
              <Typography.Text strong>
                {t('rulebooks.article', { no: firstArticle[ci] + ai, title: a.title })}
              </Typography.Text>
              {a.body && (
                <Typography.Paragraph style={{ margin: '4px 0 8px' }}>{a.body}</Typography.Paragraph>
              )}
              {a.rules.length > 0 && (
                <>
                  <div className="linli-rows-table">
                    <RulesTable rules={a.rules} onEdit={onEditRule} />
                  </div>
                  <div className="linli-rows-list">
                    <RulesList rules={a.rules} />
                  </div>
                </>
              )}
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** The rules of an article as a narrow list, for phones (the table needs a wide screen or paper). */
function RulesList({ rules }: { rules: RuleOut[] }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const caps = useCapsText();
  return (
    <div style={{ marginBottom: 8 }}>
      {rules.map((r) => (
        <div key={r.code} className="linli-rows-item">
          <div className="linli-phone-card-row">
            <span style={{ wordBreak: 'break-word' }}>
              <Typography.Text type="secondary">{r.code}</Typography.Text> {r.title}
            </span>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {t('rulebooks.perUnitValue', {
                points: r.kind === 'deduction' ? -r.pointsPerUnit : r.pointsPerUnit,
                unit: labels.unit(r.unit),
              })}
            </Typography.Text>
          </div>
          <div className="linli-muted">
            <KindTag kind={r.kind} /> {t(`points.evidence.${r.evidence}`)} · {caps(r)} ·{' '}
            {r.declarers.map((d) => labels.declarer(d)).join('、')}
          </div>
        </div>
      ))}
    </div>
  );
}

/** A rule's caps in words: 每日 15 分，每月 60 分 — or 不限. */
function useCapsText() {
  const { t } = useTranslation();
  return (r: RuleOut): string =>
    [
      r.capDay && t('declare.capDay', { n: r.capDay }),
      r.capMonth && t('declare.capMonth', { n: r.capMonth }),
      r.capYear && t('declare.capYear', { n: r.capYear }),
    ]
      .filter(Boolean)
      .join('，') || t('rulebooks.capsNone');
}

function RulesTable({ rules, onEdit }: { rules: RuleOut[]; onEdit?: (rule: RuleOut) => void }) {
  const { t } = useTranslation();
  const labels = usePointsLabels();
  const caps = useCapsText();
  return (
    <Table<RuleOut>
      rowKey="code"
      size="small"
      dataSource={rules}
      pagination={false}
      scroll={{ x: 860 }}
      style={{ marginBottom: 12 }}
      columns={[
        { title: t('rulebooks.code'), dataIndex: 'code', width: 64 },
        { title: t('rulebooks.item'), dataIndex: 'title' },
        {
          title: t('rulebooks.kind'),
          dataIndex: 'kind',
          width: 90,
          render: (k: RuleOut['kind']) => <KindTag kind={k} />,
        },
        {
          title: t('rulebooks.perUnit'),
          key: 'points',
          width: 100,
          render: (_, r) =>
            t('rulebooks.perUnitValue', {
              points: r.kind === 'deduction' ? -r.pointsPerUnit : r.pointsPerUnit,
              unit: labels.unit(r.unit),
            }),
        },
        {
          title: t('rulebooks.evidence'),
          dataIndex: 'evidence',
          width: 80,
          render: (e: RuleOut['evidence']) => t(`points.evidence.${e}`),
        },
        { title: t('rulebooks.caps'), key: 'caps', width: 130, render: (_, r) => caps(r) },
        {
          title: t('rulebooks.declarers'),
          dataIndex: 'declarers',
          width: 150,
          render: (ds: RuleOut['declarers']) => ds.map((d) => labels.declarer(d)).join('、'),
        },
        {
          title: t('rulebooks.participants'),
          dataIndex: 'participants',
          width: 150,
          render: (ps: RuleOut['participants']) => ps.map((p) => labels.participant(p)).join('、'),
        },
        ...(onEdit
          ? [
              {
                title: t('common.actions'),
                key: 'edit',
                width: 80,
                render: (_: unknown, r: RuleOut) => (
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(r)}>
                    {t('rulebooks.editRule')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
