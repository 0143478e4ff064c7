import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.ts';
import { districtOf } from './access.ts';
import type { CommandContext } from './context.ts';
import { now } from './clock.ts';
import { auditChainHead, auditEvent } from './schema.ts';

export type AuditInput = {
  action: string;
  subjectType: string;
  subjectId: string;
  orgPath: string;
  orgUnitId?: string | null;
  summary: string;
};

const GENESIS = '0'.repeat(64);

type HashedFields = {
  districtId: string;
  seq: number;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  orgUnitId: string | null;
  orgPath: string;
  summary: string;
  requestId: string | null;
  ip: string | null;
  createdAt: Date;
  prevHash: string;
};

/** The hash covers every field a reader relies on, in a fixed order. */
export function auditHash(e: HashedFields): string {
  const canonical = JSON.stringify([
    e.districtId,
    e.seq,
    e.actorUserId,
    e.actorName,
    e.action,
    e.subjectType,
    e.subjectId,
    e.orgUnitId,
    e.orgPath,
    e.summary,
    e.requestId,
    e.ip,
    e.createdAt.toISOString(),
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends to the district's chain inside the command's transaction: the chain head row is locked,
 * so concurrent commands in one district append one after another and the chain never forks.
 */
export async function recordAudit(ctx: CommandContext, input: AuditInput): Promise<void> {
  const tx: Tx = ctx.tx;
  const districtId = districtOf(input.orgPath);
  await tx.insert(auditChainHead).values({ districtId, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditChainHead)
    .where(eq(auditChainHead.districtId, districtId))
    .for('update');
  const fields: HashedFields = {
    districtId,
    seq: head.seq + 1,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    orgUnitId: input.orgUnitId ?? null,
    orgPath: input.orgPath,
    summary: input.summary,
    requestId: ctx.request?.id ?? null,
    ip: ctx.request?.ip ?? null,
    createdAt: now(),
    prevHash: head.hash,
  };
  const hash = auditHash(fields);
  await tx.insert(auditEvent).values({ ...fields, hash });
  await tx
    .update(auditChainHead)
    .set({ seq: fields.seq, hash })
    .where(eq(auditChainHead.districtId, districtId));
}

export type AuditVerification =
  | { ok: true; districts: number; events: number }
  | { ok: false; districtId: string; eventId: number; seq: number; reason: string };

/** Walks every district's chain in order; reports the first event whose hash or link is wrong. */
export async function verifyAudit(db: Executor): Promise<AuditVerification> {
  const districts = await db.selectDistinct({ id: auditEvent.districtId }).from(auditEvent);
  let events = 0;
  for (const { id: districtId } of districts) {
    let prev = GENESIS;
    let expectSeq = 1;
    // Page through the chain so a district with millions of events is never held in memory.
    for (;;) {
      const page = await db
        .select()
        .from(auditEvent)
        .where(sql`${auditEvent.districtId} = ${districtId} and ${auditEvent.seq} >= ${expectSeq}`)
        .orderBy(asc(auditEvent.seq))
        .limit(1000);
      if (page.length === 0) break;
      for (const e of page) {
        const bad = (reason: string): AuditVerification => ({
          ok: false,
          districtId,
          eventId: e.id,
          seq: e.seq,
          reason,
        });
        if (e.seq !== expectSeq) return bad(`sequence gap: expected ${expectSeq}`);
        if (e.prevHash !== prev) return bad('link to the previous event is broken');
        if (auditHash({ ...e, createdAt: new Date(e.createdAt) }) !== e.hash)
          return bad('content does not match its hash');
        prev = e.hash;
        expectSeq++;
        events++;
      }
    }
  }
  return { ok: true, districts: districts.length, events };
}
