import { and, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.ts';
import { notification, outbox } from './schema.ts';

/** What a channel is handed: the notice as the recipient's inbox holds it. */
export type Delivery = {
  outboxId: number;
  channel: string;
  attempt: number;
  notificationId: string;
  recipientUserId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  urgent: boolean;
};

/** Sends one delivery; throwing means "try again later". */
export type ChannelSend = (delivery: Delivery, db: Db) => Promise<void>;

type Channel = {
  name: string;
  send: ChannelSend;
  /** Which notices this channel carries (e.g. SMS only for urgent ones); all when absent. */
  accepts?: (notice: { kind: string; urgent: boolean }) => boolean;
};

const channels = new Map<string, Channel>();

/**
 * Plugs an external channel (SMS, WeChat …) into notifications. Notices written after this get an
 * outbox row per accepting channel. Returns a function that unregisters it. The in-app inbox needs
 * no channel: the notification row is delivered by the commit itself.
 */
export function registerChannel(
  name: string,
  send: ChannelSend,
  opts: { accepts?: Channel['accepts'] } = {},
): () => void {
  channels.set(name, { name, send, accepts: opts.accepts });
  return () => {
    if (channels.get(name)?.send === send) channels.delete(name);
  };
}

/** The channels that carry this notice. */
export function channelsFor(notice: { kind: string; urgent: boolean }): string[] {
  return [...channels.values()].filter((c) => c.accepts?.(notice) ?? true).map((c) => c.name);
}

/** A delivery is tried at most this many times, then given up (its last error kept). */
export const MAX_ATTEMPTS = 6;
/** Rows one run claims; the next run takes the rest. */
const BATCH = 100;

/** Wait before attempt `attempts + 1`: 1, 2, 4, 8 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Adds the outbox rows for freshly written notifications, in the caller's transaction. */
export async function enqueueDeliveries(tx: Executor, notificationIds: string[], names: string[], at: Date) {
  if (notificationIds.length === 0 || names.length === 0) return;
  await tx
    .insert(outbox)
    .values(
      notificationIds.flatMap((notificationId) =>
        names.map((channel) => ({ notificationId, channel, nextAttemptAt: at, createdAt: at })),
      ),
    );
}

export type DeliveryRun = { sent: number; failed: number; gaveUp: number };

/**
 * Sends due deliveries. The claim is one short transaction (`FOR UPDATE SKIP LOCKED`) that counts
 * the attempt and pushes `next_attempt_at` past the backoff, so a concurrent run on another node
 * skips these rows, and a sender that dies mid-way is retried once its claim lapses. Sending happens
 * outside any transaction. A delivery whose channel is not registered on this node waits.
 */
export async function deliverOutbox(db: Db, at: Date): Promise<DeliveryRun> {
  const names = [...channels.keys()];
  const run: DeliveryRun = { sent: 0, failed: 0, gaveUp: 0 };
  if (names.length === 0) return run;
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id, attempts: outbox.attempts })
      .from(outbox)
      .where(
        and(isNotNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, at), inArray(outbox.channel, names)),
      )
      .orderBy(outbox.nextAttemptAt, outbox.id)
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    for (const row of due) {
      await tx
        .update(outbox)
        .set({
          attempts: row.attempts + 1,
          nextAttemptAt: new Date(at.getTime() + backoffMs(row.attempts + 1)),
        })
        .where(eq(outbox.id, row.id));
    }
    return tx
      .select({
        outboxId: outbox.id,
        channel: outbox.channel,
        attempt: outbox.attempts,
        notificationId: notification.id,
        recipientUserId: notification.recipientUserId,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        link: notification.link,
        urgent: notification.urgent,
      })
      .from(outbox)
      .innerJoin(notification, eq(notification.id, outbox.notificationId))
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .orderBy(outbox.id);
  });
  for (const d of claimed) {
    const channel = channels.get(d.channel);
    try {
      if (!channel) throw new Error(`channel ${d.channel} unregistered while sending`);
      await channel.send(d, db);
      await db
        .update(outbox)
        .set({ sentAt: at, nextAttemptAt: null, lastError: null })
        .where(eq(outbox.id, d.outboxId));
      run.sent += 1;
    } catch (err) {
      const giveUp = d.attempt >= MAX_ATTEMPTS;
      await db
        .update(outbox)
        .set({
          lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
          // Given up: out of the due index for good. Otherwise the claim's backoff is the retry time.
          ...(giveUp ? { nextAttemptAt: null } : {}),
        })
        .where(eq(outbox.id, d.outboxId));
      if (giveUp) run.gaveUp += 1;
      else run.failed += 1;
    }
  }
  return run;
}
