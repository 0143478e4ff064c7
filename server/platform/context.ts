import type { Db, Tx } from '../db/client.ts';
import type { Actor } from './access.ts';

export type RequestInfo = { id: string; ip: string; locale: 'zh-CN' | 'en-US' };

/** What every command receives: who acts, the open transaction, and the request it came from. */
export type CommandContext = { actor: Actor; tx: Tx; request?: RequestInfo };

/** What every query receives: who asks, and the database (or a transaction) to read from. */
export type QueryContext = { actor: Actor; db: Db | Tx; request?: RequestInfo };
