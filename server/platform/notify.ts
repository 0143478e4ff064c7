import type { Executor } from '../db/client.ts';
import { now } from './clock.ts';
import { channelsFor, enqueueDeliveries } from './outbox.ts';
import { notification } from './schema.ts';

export type Notice = {
  /** User ids; duplicates and null/undefined are dropped. */
  recipients: (string | null | undefined)[];
  /** Dotted, module-prefixed: 'case.emergency', 'case.overdue', 'points.claim_approved' … */
  kind: string;
  /** Chinese, shown in the inbox list (the UI is zh-first; English UI shows the same text). */
  title: string;
  body?: string;
  /** A web path to open, e.g. `/m/cases/<id>` or `/admin/cases/<id>`; must start with '/'. */
  link?: string;
  subject?: { type: string; id: string };
  /** Emergencies: listed first and highlighted. */
  urgent?: boolean;
  /** With the recipient, unique: a re-run (scheduler retry) sends nothing twice. */
  dedupeKey?: string;
};

/**
 * Writes the notices in the caller's transaction; returns how many were new. The inbox row is the
 * in-app delivery, so it is seen exactly when the caller commits; external channels (if any are
 * registered) get outbox rows in the same transaction and are sent after commit by `deliverOutbox`.
 * A bad notice is a programming error and throws, failing the caller's transaction.
 */
export async function notify(tx: Executor, n: Notice): Promise<number> {
  if (!/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(n.kind))
    throw new Error(`notify: kind "${n.kind}" is not module.dotted`);
  if (!n.title.trim()) throw new Error('notify: empty title');
  // '//' would be a protocol-relative link to another site.
  if (n.link !== undefined && (!n.link.startsWith('/') || n.link.startsWith('//'))) {
    throw new Error(`notify: link "${n.link}" must be a path starting with '/'`);
  }
  const recipients = [...new Set(n.recipients.filter((r): r is string => typeof r === 'string' && r !== ''))];
  if (recipients.length === 0) return 0;
  const at = now();
  const urgent = n.urgent ?? false;
  const written = await tx
    .insert(notification)
    .values(
      recipients.map((recipientUserId) => ({
        recipientUserId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        subjectType: n.subject?.type ?? null,
        subjectId: n.subject?.id ?? null,
        urgent,
        dedupeKey: n.dedupeKey ?? null,
        createdAt: at,
      })),
    )
    // The only unique key a new row can meet is (recipient, dedupe_key): already notified.
    .onConflictDoNothing()
    .returning({ id: notification.id });
  await enqueueDeliveries(
    tx,
    written.map((w) => w.id),
    channelsFor({ kind: n.kind, urgent }),
    at,
  );
  return written.length;
}
