import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../common/errors.ts';
import { setApiLanguage } from '../api/client.ts';
import { enUS } from './en-US.ts';
import { zhCN } from './zh-CN.ts';

const STORAGE_KEY = 'linli.lang';

function storedLanguage(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    // Storage can be blocked (private mode, policies); Chinese is the default anyway.
    return 'zh-CN';
  }
}

function applyLanguage(lang: Locale) {
  setApiLanguage(lang, (lang === 'en-US' ? enUS : zhCN).common.networkError);
  dayjs.locale(lang === 'en-US' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

export const i18n = i18next.createInstance();

export function initI18n() {
  const lng = storedLanguage();
  applyLanguage(lng);
  return i18n.use(initReactI18next).init({
    lng,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
}

export function currentLanguage(): Locale {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export async function setLanguage(lang: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  applyLanguage(lang);
  await i18n.changeLanguage(lang);
}
