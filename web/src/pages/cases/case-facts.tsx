import { Descriptions, Flex, Rate, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.ts';
import { CaseKindTag, CasePhotos } from './case-parts.tsx';
import type { CaseOut } from './cases-api.ts';

/** What was reported, where, by whom, and how it stands: one block for the phone and the desktop. */
export function CaseFacts({
  c,
  phone,
  claimLink,
  caseLink,
}: {
  c: CaseOut;
  phone?: boolean;
  /** Where the points claim opens, if the viewer may open it. */
  claimLink?: (id: string) => string | null;
  caseLink: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const claimTo = c.pointsClaimId && claimLink ? claimLink(c.pointsClaimId) : null;
  const via = `cases.via.${c.reportedVia}`;
  return (
    <Descriptions
      column={phone ? 1 : { xs: 1, md: 2 }}
      size="small"
      bordered={!phone}
      data-testid="case-facts"
    >
      <Descriptions.Item label={t('cases.field.kind')}>
        <Flex gap={6} wrap align="center">
          <CaseKindTag kind={c.kind} /> {c.categoryName}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.field.createdAt')}>{time(c.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('cases.field.description')} span={phone ? 1 : 2}>
        <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="case-description">
          {c.description}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('cases.field.place')}>
        <span style={{ wordBreak: 'break-word' }}>
          {c.place}
          {c.address ? ` · ${c.address}` : ''}
        </span>
      </Descriptions.Item>
      {c.lat !== null && c.lng !== null && (
        <Descriptions.Item label={t('cases.field.location')}>
          {c.lat.toFixed(5)}, {c.lng.toFixed(5)}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('cases.field.reporter')}>
        <Flex gap={6} wrap align="center">
          {c.reporterName}
          <span className="linli-muted">
            {i18n.exists(via) ? t(via as 'cases.via.resident') : c.reportedVia}
          </span>
          {c.anonymous && <Tag style={{ marginInlineEnd: 0 }}>{t('cases.detail.anonymousTag')}</Tag>}
        </Flex>
      </Descriptions.Item>
      {c.matterLevel && (
        <Descriptions.Item label={t('cases.field.level')}>
          <span data-testid="case-level">{t(`cases.level.${c.matterLevel}`)}</span>
        </Descriptions.Item>
      )}
      {c.assigneeName && (
        <Descriptions.Item label={t('cases.field.assignee')}>
          {c.assigneeName}
          {c.assigneeType && (
            <span className="linli-muted"> · {t(`cases.assigneeType.${c.assigneeType}`)}</span>
          )}
        </Descriptions.Item>
      )}
      {c.rating !== null && (
        <Descriptions.Item label={t('cases.field.rating')}>
          <Flex vertical>
            <span data-testid="case-rating">
              <Rate disabled value={c.rating} style={{ fontSize: 16 }} />{' '}
              {t('cases.detail.stars', { n: c.rating })}
            </span>
            {c.ratingComment && <span style={{ wordBreak: 'break-word' }}>{c.ratingComment}</span>}
          </Flex>
        </Descriptions.Item>
      )}
      {c.resolution && (
        <Descriptions.Item label={t('cases.field.resolution')}>
          <Tag
            color={c.resolution === 'escalated' ? 'purple' : 'green'}
            data-testid="case-resolution"
            style={{ marginInlineEnd: 0 }}
          >
            {t(`cases.resolution.${c.resolution}`)}
          </Tag>
          {c.closeReason && (
            <span className="linli-muted" style={{ marginLeft: 6 }}>
              {t(`cases.closeReason.${c.closeReason as 'rated'}`, { defaultValue: c.closeReason })}
            </span>
          )}
        </Descriptions.Item>
      )}
      {c.duplicateOfId && (
        <Descriptions.Item label={t('cases.field.duplicateOf')}>
          <Link to={caseLink(c.duplicateOfId)}>{t('cases.detail.openDuplicate')}</Link>
        </Descriptions.Item>
      )}
      {c.pointsClaimId && (
        <Descriptions.Item label={t('cases.field.pointsClaim')}>
          {claimTo ? (
            <Link to={claimTo} data-testid="case-claim-link">
              {t('cases.detail.openClaim')}
            </Link>
          ) : (
            <Tag color="gold">{t('cases.detail.openClaim')}</Tag>
          )}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('cases.field.photos')} span={phone ? 1 : 2}>
        <CasePhotos ids={c.photoIds} size={phone ? 80 : 120} />
      </Descriptions.Item>
    </Descriptions>
  );
}
