import { and, asc, desc, eq, gte, inArray, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import type { CaseKind } from '../../../common/contracts/cases.ts';
import { maskName, maskPhone } from '../../../common/masking.ts';
import type { Db, Executor } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { now } from '../../platform/clock.ts';
import type { RequestInfo } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { caseTimer, caseWhistle, civicCase, fileCase, OPEN_STATES, type Reporter } from '../cases/index.ts';
import { loadOrgUnit, nameOrgUnits, pathIds } from '../org/index.ts';
import { type ClientRow, clientActor, clientByKey } from './clients.ts';
import { open311Request } from './schema.ts';
import { catalogue, isUuid, jurisdictionPath, serviceNotice } from './services.ts';
import { Open311Error } from './spec-errors.ts';
import { w3c } from './wire.ts';

const DAY = 86_400_000;
/** GET requests: the window when no dates are given, and the most rows one answer carries. */
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;
const PLACE_KINDS = ['building', 'compound', 'community'];

/** Form fields arrive as strings (or repeated: arrays); JSON may carry numbers or a nested object. */
export type Params = Record<string, unknown>;

function str(p: Params, name: string, max: number): string | undefined {
  let v = p[name];
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
    throw new Open311Error('field_invalid', name);
  const s = String(v).trim();
  if (s.length > max) throw new Open311Error('field_invalid', name);
  return s === '' ? undefined : s;
}

function coordinate(p: Params, name: string, limit: number): number | undefined {
  const s = str(p, name, 40);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Open311Error('field_invalid', name);
  return n;
}

/** attribute[code]=v from a form, or { attribute: { code: v } } from JSON. */
function attributes(p: Params): Map<string, string> {
  const out = new Map<string, string>();
  const nested = p.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    for (const [k, v] of Object.entries(nested))
      if (v !== null && v !== undefined) out.set(k, String(v).trim());
  for (const [k, v] of Object.entries(p)) {
    const m = k.match(/^attribute\[([^\]]+)\]$/);
    if (m && v !== null && v !== undefined) out.set(m[1], String(Array.isArray(v) ? v[0] : v).trim());
  }
  return out;
}

function httpUrl(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  try {
    const u = new URL(s);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
  } catch {}
  throw new Open311Error('field_invalid', 'media_url');
}

function personName(first?: string, last?: string): string | null {
  if (!first && !last) return null;
  const latin = /^[\x20-\x7e]*$/.test(`${first ?? ''}${last ?? ''}`);
  return latin ? [first, last].filter(Boolean).join(' ') : `${last ?? ''}${first ?? ''}`;
}

/** POST requests: files one case for the client holding `api_key`, in one transaction. */
export async function postRequest(db: Db, p: Params, request: RequestInfo) {
  const client = await clientByKey(db, str(p, 'api_key', 200));
  if (!client) throw new Open311Error('api_key_invalid');
  await jurisdictionPath(db, str(p, 'jurisdiction_id', 60));
  const code = str(p, 'service_code', 40);
  if (!code) throw new Open311Error('service_code_required');

  const lat = coordinate(p, 'lat', 90);
  const lng = coordinate(p, 'long', 180);
  if ((lat === undefined) !== (lng === undefined)) throw new Open311Error('field_invalid', 'lat/long');
  const addressString = str(p, 'address_string', 200);
  const addressId = str(p, 'address_id', 60);
  if (lat === undefined && !addressString && !addressId) throw new Open311Error('location_required');
  const unit = await placeOf(db, client, addressId);

  const cat = (await catalogue(db, unit.path)).find((c) => c.code === code);
  if (!cat) throw new Open311Error('service_code_unknown');
  const attrs = attributes(p);
  const kindIn = attrs.get('kind');
  if (kindIn !== undefined && kindIn !== '' && !cat.kinds.includes(kindIn as CaseKind))
    throw new Open311Error('attribute_invalid', 'kind');
  if (!kindIn && cat.kinds.length > 1) throw new Open311Error('attribute_required', 'kind');
  const kind = (kindIn || cat.kinds[0]) as CaseKind;
  const anonIn = attrs.get('anonymous') ?? 'false';
  if (!['true', 'false', '1', '0', ''].includes(anonIn))
    throw new Open311Error('attribute_invalid', 'anonymous');

  const mediaUrl = httpUrl(str(p, 'media_url', 500));
  const text = str(p, 'description', 1800) ?? cat.name;
  // Remote media is never fetched: the link travels with the description for staff to open.
  const description = mediaUrl ? `${text}\n附件：${mediaUrl}` : text;
  const firstName = str(p, 'first_name', 50);
  const lastName = str(p, 'last_name', 50);
  const contact = {
    accountId: str(p, 'account_id', 100) ?? null,
    deviceId: str(p, 'device_id', 100) ?? null,
    email: str(p, 'email', 200) ?? null,
    phone: str(p, 'phone', 40) ?? null,
    firstName: firstName ?? null,
    lastName: lastName ?? null,
  };
  const reporter: Reporter = {
    via: 'open311',
    householdId: null,
    personId: null,
    userId: null,
    name: personName(firstName, lastName) ?? `Open311·${client.name}`,
  };

  return inTransaction(db, async (tx) => {
    const ctx = { actor: clientActor(client), tx, request };
    const filed = await fileCase(
      ctx,
      unit,
      {
        kind,
        categoryCode: cat.code,
        description,
        photoIds: [],
        orgUnitId: unit.id,
        address: addressString,
        lat,
        lng,
        anonymous: anonIn === 'true' || anonIn === '1',
      },
      reporter,
    );
    const [row] = await tx
      .insert(open311Request)
      .values({ clientId: client.id, caseId: filed.id, mediaUrl: mediaUrl ?? null, ...contact })
      .returning();
    return [
      {
        service_request_id: filed.id,
        token: row.id,
        service_notice: serviceNotice(cat),
        account_id: contact.accountId,
      },
    ];
  });
}

/** address_id → that unit, inside the client's area; otherwise the client's own community. */
async function placeOf(db: Executor, client: ClientRow, addressId: string | undefined) {
  const id = addressId ?? client.orgUnitId;
  if (addressId !== undefined && !isUuid(addressId)) throw new Open311Error('address_id_invalid');
  let unit: Awaited<ReturnType<typeof loadOrgUnit>>;
  try {
    unit = await loadOrgUnit(db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw new Open311Error('address_id_invalid');
    throw err;
  }
  if (!addressId && !PLACE_KINDS.includes(unit.kind)) throw new Open311Error('address_id_required');
  if (!PLACE_KINDS.includes(unit.kind) || !unit.path.startsWith(client.orgPath))
    throw new Open311Error('address_id_invalid');
  return unit;
}

export async function tokenLookup(db: Executor, token: string) {
  if (!isUuid(token)) throw new Open311Error('token_unknown');
  const [row] = await db.select().from(open311Request).where(eq(open311Request.id, token));
  if (!row) throw new Open311Error('token_unknown');
  return [{ service_request_id: row.caseId, token: row.id }];
}

function dateParam(p: Params, name: string): Date | undefined {
  const s = str(p, name, 40);
  if (s === undefined) return undefined;
  // ISO 8601 / W3C: a date, or a date-time (a zone is expected; without one it is read as UTC).
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s))
    throw new Open311Error('field_invalid', name);
  const d = new Date(s.length === 10 ? `${s}T00:00:00+08:00` : s);
  if (Number.isNaN(d.getTime())) throw new Open311Error('field_invalid', name);
  return d;
}

function listParam(p: Params, name: string): string[] {
  const s = str(p, name, 40_000);
  return s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

/** GET requests: the filters of the spec; `service_request_id` overrides every other one. */
export async function listRequests(db: Executor, q: Params) {
  const path = await jurisdictionPath(db, str(q, 'jurisdiction_id', 60));
  const ids = listParam(q, 'service_request_id');
  const where: (SQL | undefined)[] = [];
  if (ids.length) {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    where.push(inArray(civicCase.id, valid.slice(0, MAX_RESULTS)));
  } else {
    const codes = listParam(q, 'service_code');
    const statuses = listParam(q, 'status');
    for (const s of statuses)
      if (s !== 'open' && s !== 'closed') throw new Open311Error('field_invalid', 'status');
    const start = dateParam(q, 'start_date');
    const end = dateParam(q, 'end_date');
    const to = end ?? now();
    const from = start ?? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY);
    if (from > to) throw new Open311Error('field_invalid', 'start_date');
    where.push(gte(civicCase.createdAt, from), lte(civicCase.createdAt, to));
    if (codes.length) where.push(inArray(civicCase.categoryCode, codes));
    const wantOpen = statuses.includes('open');
    const wantClosed = statuses.includes('closed');
    if (wantOpen !== wantClosed)
      where.push(
        wantOpen ? inArray(civicCase.state, [...OPEN_STATES]) : notInArray(civicCase.state, [...OPEN_STATES]),
      );
    if (path) where.push(sql`${civicCase.orgPath} like ${`${path}%`}`);
  }
  const rows = await db
    .select()
    .from(civicCase)
    .where(and(...where))
    .orderBy(desc(civicCase.createdAt))
    .limit(MAX_RESULTS);
  return presentRequests(db, rows);
}

export async function getRequest(db: Executor, id: string, q: Params) {
  const path = await jurisdictionPath(db, str(q, 'jurisdiction_id', 60));
  if (!isUuid(id)) throw new Open311Error('request_unknown');
  const [row] = await db.select().from(civicCase).where(eq(civicCase.id, id));
  if (!row || (path && !row.orgPath.startsWith(path))) throw new Open311Error('request_unknown');
  return presentRequests(db, [row]);
}

type CaseRow = typeof civicCase.$inferSelect;
type WhistleRow = typeof caseWhistle.$inferSelect;

/** 四单 stage in words, for status_notes. */
export function stageOf(c: CaseRow, whistles: WhistleRow[]): string {
  const level = { building: '家事', compound: '众事', community: '公事' }[c.matterLevel ?? ''] ?? '';
  switch (c.state) {
    case 'reported':
      return '已点单·待网格核实';
    case 'checked':
      return '网格已核实·待分级';
    case 'queued':
      return `已分级${level ? `（${level}）` : ''}·待派单`;
    case 'dispatched':
      return '已派单·待接单';
    case 'in_progress':
      return '已接单·办理中';
    case 'whistled':
      if (whistles.some((w) => w.state === 'whistled')) return '社区已吹哨·待部门报到';
      if (whistles.some((w) => w.state === 'reported_in')) return '部门已报到·办理中';
      return '部门已办结·待社区确认';
    case 'completed':
      return '已办结·待评单';
    case 'reopened':
      return '评单未通过·重新办理';
    case 'closed':
      return c.closeReason === 'unrated' ? '已办结·逾期未评自动关闭' : '已评单·已办结';
    case 'invalid':
      return '经核实不予受理';
    case 'duplicate':
      return '重复上报·已合并';
    case 'withdrawn':
      return '报事人已撤回';
    default:
      return c.state;
  }
}

/** Phone and room numbers in free text are masked: public reads never carry a private person's. */
function publicText(c: CaseRow): string {
  // A neighbour dispute is between private persons: its content is not for the public.
  if (c.kind === 'dispute') return `${c.categoryName}（矛盾纠纷，内容不公开）`;
  return (
    c.description
      .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskPhone(m))
      // Room numbers as residents write them: 302室, 3单元502, 1-2-301.
      .replace(/\d{3,4}\s*(室|号房|房间)/g, '***$1')
      .replace(/单元\s*\d{3,4}(?!\d)/g, '单元***')
      .replace(/(?<!\d)\d{1,2}-\d{1,2}-\d{3,4}(?!\d)/g, '***')
  );
}

type TimerRow = typeof caseTimer.$inferSelect;

/** The SLA deadline: the nearest pending timer, or the deadline the state implies. */
function expectedAt(c: CaseRow, whistles: WhistleRow[], timers: TimerRow[]): Date | null {
  if (!OPEN_STATES.includes(c.state as (typeof OPEN_STATES)[number])) return null;
  const pending = timers.filter((t) => t.state === 'pending').map((t) => t.dueAt.getTime());
  if (pending.length) return new Date(Math.min(...pending));
  if (c.state === 'reported') return c.checkDueAt;
  if (c.state === 'dispatched') return c.acceptDueAt;
  if (c.state === 'in_progress' || c.state === 'reopened') return c.resolveDueAt;
  if (c.state === 'whistled') {
    const open = whistles.filter((w) => w.state !== 'resolved').map((w) => w.deadline.getTime());
    return open.length ? new Date(Math.min(...open)) : null;
  }
  return null;
}

/** Who holds the order: a party member is a private person, named masked (田*明) as on every public page. */
function assignee(c: CaseRow): string | null {
  if (!c.assigneeName) return null;
  return c.assigneeType === 'party_member' ? `党员${maskName(c.assigneeName)}` : c.assigneeName;
}

async function presentRequests(db: Executor, rows: CaseRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One query after another: `db` may be a transaction's single connection.
  const whistles = await db
    .select()
    .from(caseWhistle)
    .where(inArray(caseWhistle.caseId, ids))
    .orderBy(asc(caseWhistle.createdAt));
  const timers = await db.select().from(caseTimer).where(inArray(caseTimer.caseId, ids));
  const media = await db
    .select({ caseId: open311Request.caseId, mediaUrl: open311Request.mediaUrl })
    .from(open311Request)
    .where(inArray(open311Request.caseId, ids));
  const names = await nameOrgUnits(db, [...new Set(rows.flatMap((r) => pathIds(r.orgPath).slice(2)))]);
  const group = <T extends { caseId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.caseId, [...(m.get(x.caseId) ?? []), x]);
    return m;
  };
  const wBy = group(whistles);
  const tBy = group(timers);
  const mBy = new Map(media.map((m) => [m.caseId, m.mediaUrl]));
  return rows.map((c) => {
    const ws = wBy.get(c.id) ?? [];
    const place = pathIds(c.orgPath)
      .slice(2)
      .map((id) => names.get(id) ?? '')
      .join(' · ');
    const community = names.get(pathIds(c.orgPath)[2] ?? '') ?? '';
    const agency = ws.length ? ws.map((w) => w.departmentName).join('、') : (assignee(c) ?? community);
    const open = OPEN_STATES.includes(c.state as (typeof OPEN_STATES)[number]);
    return {
      service_request_id: c.id,
      status: open ? 'open' : 'closed',
      status_notes: stageOf(c, ws),
      service_name: c.categoryName,
      service_code: c.categoryCode,
      description: publicText(c),
      agency_responsible: agency,
      service_notice: null,
      requested_datetime: w3c(c.createdAt),
      updated_datetime: w3c(c.updatedAt),
      expected_datetime: w3c(expectedAt(c, ws, tBy.get(c.id) ?? [])),
      // Place names only: an address typed in the app may name a flat; only Open311's own is public.
      address: c.reportedVia === 'open311' && c.address ? `${place} · ${c.address}` : place,
      address_id: c.orgUnitId,
      zipcode: null,
      lat: c.lat,
      long: c.lng,
      media_url: mBy.get(c.id) ?? null,
    };
  });
}
