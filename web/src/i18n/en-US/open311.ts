import type { open311ZhCN } from '../zh-CN/open311.ts';

export const open311EnUS: typeof open311ZhCN = {
  hint: 'Outside systems (reporting apps, the 12345 hotline …) file cases through the Open311 GeoReport v2 API, with an API key, into their own area.',
  endpoint: 'Endpoint',
  create: 'New API client',
  name: 'System name',
  namePlaceholder: 'e.g. City reporting app',
  unit: 'Files into',
  unitHelp: 'A community, subdistrict or district only; cases are filed inside its area.',
  keyPrefix: 'Key prefix',
  requests: 'Requests filed',
  createdBy: 'Registered by',
  createdAt: 'Registered at',
  status: 'Status',
  active: 'Active',
  revoked: 'Revoked',
  revokedAt: 'Revoked {{time}}',
  revoke: 'Revoke',
  revokeConfirm: 'Revoke the API key of “{{name}}”? It can no longer file cases, and this cannot be undone.',
  revokedDone: 'Revoked',
  none: 'No API clients yet',
  keyTitle: 'API key',
  keyOnce:
    'This key is shown only once: copy it now and give it to the other system’s administrator. Once closed it cannot be shown again; a lost key can only be revoked and replaced.',
  keyCopied: 'Copied',
  copy: 'Copy',
  keyDone: 'I have saved the key',
};
