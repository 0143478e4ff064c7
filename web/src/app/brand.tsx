import { useTranslation } from 'react-i18next';

export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="linli-brand">
      <span className="linli-brand-mark">邻</span>
      <span>{t('app.name')}</span>
      {!compact && <span className="linli-brand-sub">{t('app.tagline')}</span>}
    </div>
  );
}
