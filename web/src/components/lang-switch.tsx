import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.ts';

/** Toggles 中文 ⇄ English; the choice is kept in localStorage and sent to the API as `x-lang`. */
export function LangSwitch({ type = 'text' }: { type?: 'text' | 'default' | 'link' }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';
  return (
    <Button
      type={type}
      icon={<GlobalOutlined />}
      onClick={() => void setLanguage(next)}
      aria-label={t('lang.switch')}
      data-testid="lang-switch"
    >
      {next === 'en-US' ? 'English' : '中文'}
    </Button>
  );
}
