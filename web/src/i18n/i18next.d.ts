import 'i18next';
import type { zhCN } from './zh-CN.ts';

// Typed keys: a misspelt key or one missing from a locale fails the typecheck, not the user.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
