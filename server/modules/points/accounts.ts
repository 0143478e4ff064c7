import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadHousehold, loadPerson, membersOf, personTarget } from '../org/index.ts';
import { entriesOf } from './ledger.ts';
import { pointsAccount } from './schema.ts';

export type AccountRow = typeof pointsAccount.$inferSelect;

/** The person's account, opened on first use (a claim, a consent, a batch). */
export async function ensurePersonAccount(tx: Executor, personId: string): Promise<AccountRow> {
  const p = await loadPerson(tx, personId);
  await tx
    .insert(pointsAccount)
    .values({
      districtId: p.districtId,
      orgPath: p.orgPath,
      ownerType: 'person',
      personId: p.id,
      displayName: p.name,
    })
    .onConflictDoNothing();
  const [a] = await tx.select().from(pointsAccount).where(eq(pointsAccount.personId, personId));
  return a;
}

/** A social organisation's account; organisations are not private persons, so they appear by name. */
export async function ensureSocialOrgAccount(
  tx: Executor,
  unit: { id: string; districtId: string; orgPath: string; name: string },
): Promise<AccountRow> {
  await tx
    .insert(pointsAccount)
    .values({
      districtId: unit.districtId,
      orgPath: unit.orgPath,
      ownerType: 'social_org',
      partnerUnitId: unit.id,
      displayName: unit.name,
      publicConsent: true,
    })
    .onConflictDoNothing();
  const [a] = await tx.select().from(pointsAccount).where(eq(pointsAccount.partnerUnitId, unit.id));
  return a;
}

export async function accountOfPerson(db: Executor, personId: string): Promise<AccountRow | null> {
  const [a] = await db.select().from(pointsAccount).where(eq(pointsAccount.personId, personId));
  return a ?? null;
}

function presentAccount(a: AccountRow, entries: Awaited<ReturnType<typeof entriesOf>>) {
  return {
    id: a.id,
    displayName: a.displayName,
    ownerType: a.ownerType as 'person' | 'social_org',
    personId: a.personId,
    balance: a.balance,
    publicConsent: a.publicConsent,
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind as 'earn',
      amount: e.amount,
      balanceAfter: e.balanceAfter,
      causeType: e.causeType,
      causeId: e.causeId,
      rulebookVersion: e.rulebookVersion,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/** A person's balance and recent entries; residents see their own household's, staff their scope's. */
export async function getPersonAccount({ actor, db }: QueryContext, personId: string) {
  const p = await loadPerson(db, personId);
  authorize(actor, 'points:read', await personTarget(db, p));
  const a = await accountOfPerson(db, personId);
  if (!a)
    return {
      id: '',
      displayName: p.name,
      ownerType: 'person' as const,
      personId,
      balance: 0,
      publicConsent: false,
      entries: [],
    };
  return presentAccount(a, await entriesOf(db, a.id));
}

export async function getMyAccount(q: QueryContext) {
  if (!q.actor.personId) throw new AppError('not_found');
  return getPersonAccount(q, q.actor.personId);
}

/** The household view sums its members' accounts. */
export async function householdPoints({ actor, db }: QueryContext, householdId: string) {
  const h = await loadHousehold(db, householdId);
  authorize(actor, 'points:read', { orgPath: h.orgPath, householdIds: [h.id] });
  const members = await membersOf(db, householdId);
  const accounts = members.length
    ? await db
        .select()
        .from(pointsAccount)
        .where(
          inArray(
            pointsAccount.personId,
            members.map((m) => m.personId),
          ),
        )
    : [];
  const rows = members.map((m) => {
    const a = accounts.find((x) => x.personId === m.personId);
    return { ...m, accountId: a?.id ?? null, balance: a?.balance ?? 0 };
  });
  return { householdId, total: rows.reduce((s, r) => s + r.balance, 0), members: rows };
}

/** Consent to be named (masked) on public boards; recorded with its time, and can be withdrawn. */
export async function setConsent(ctx: CommandContext, personId: string, consent: boolean) {
  const p = await loadPerson(ctx.tx, personId);
  const self = ctx.actor.personId === personId;
  authorize(ctx.actor, self ? 'points:declare' : 'points:manage', await personTarget(ctx.tx, p));
  const a = await ensurePersonAccount(ctx.tx, personId);
  await ctx.tx
    .update(pointsAccount)
    .set({ publicConsent: consent, consentAt: now() })
    .where(and(eq(pointsAccount.id, a.id)));
  await recordAudit(ctx, {
    action: consent ? 'points.consent_given' : 'points.consent_withdrawn',
    subjectType: 'points_account',
    subjectId: a.id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `${consent ? '同意' : '撤回'}在公示栏显示姓名（${self ? '本人' : '工作人员代为登记'}）`,
  });
  return presentAccount({ ...a, publicConsent: consent }, await entriesOf(ctx.tx, a.id));
}

/** Records consent without a request (registration forms, the demo seed). */
export async function setConsentFlag(tx: Executor, personId: string, consent: boolean) {
  const a = await ensurePersonAccount(tx, personId);
  await tx
    .update(pointsAccount)
    .set({ publicConsent: consent, consentAt: now() })
    .where(eq(pointsAccount.id, a.id));
}
