import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../common/errors.ts';
import { AppError } from '../../platform/errors.ts';
import { requestLocale } from '../../platform/i18n.ts';
import { type Format, formatOf, send } from './wire.ts';

// GeoReport v2 errors are not Linli's envelope: an array of { code, description } where code is
// the HTTP status, in the format the client asked for (JSON array, or <errors><error>…).

const REASONS = {
  api_key_invalid: {
    status: 403,
    zh: 'api_key 缺失、无效或已吊销',
    en: 'api_key is missing, invalid or revoked',
  },
  service_code_required: { status: 400, zh: '缺少 service_code', en: 'service_code is required' },
  service_code_unknown: { status: 404, zh: '找不到该 service_code', en: 'service_code not found' },
  jurisdiction_unknown: { status: 404, zh: '找不到该 jurisdiction_id', en: 'jurisdiction_id not found' },
  request_unknown: { status: 404, zh: '找不到该 service_request_id', en: 'service_request_id not found' },
  token_unknown: { status: 404, zh: '找不到该 token', en: 'token not found' },
  location_required: {
    status: 400,
    zh: '需提供 lat 和 long、address_string 或 address_id 之一',
    en: 'lat & long, address_string or address_id is required',
  },
  address_id_required: {
    status: 400,
    zh: '本接入系统挂在社区以上，需提供 address_id 指明社区、小区或楼栋',
    en: 'This client files above community level: give an address_id (community, compound or building)',
  },
  address_id_invalid: {
    status: 400,
    zh: 'address_id 不是本接入系统范围内的社区、小区或楼栋',
    en: "address_id is not a community, compound or building in this client's area",
  },
  attribute_required: { status: 400, zh: '缺少必填属性', en: 'A required attribute is missing' },
  attribute_invalid: { status: 400, zh: '属性取值无效', en: 'An attribute has an invalid value' },
  field_invalid: { status: 400, zh: '参数无效', en: 'A parameter is not valid' },
  body_invalid: { status: 400, zh: '请求内容无法解析', en: 'The request body cannot be parsed' },
  format_unknown: { status: 404, zh: '仅支持 .json 和 .xml', en: 'Only .json and .xml are served' },
  route_unknown: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  too_many_requests: {
    status: 429,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests; try again later',
  },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type Reason = keyof typeof REASONS;

export class Open311Error extends Error {
  readonly status: number;
  constructor(
    readonly reason: Reason,
    /** Which parameter or attribute, appended to the description. */
    readonly detail?: string,
  ) {
    super(reason);
    this.status = REASONS[reason].status;
  }
}

export function describe(reason: Reason, locale: Locale, detail?: string): string {
  const r = REASONS[reason];
  const text = locale === 'en-US' ? r.en : r.zh;
  return detail ? `${text}: ${detail}` : text;
}

export function sendSpecError(
  req: FastifyRequest,
  reply: FastifyReply,
  reason: Reason,
  detail?: string,
  format: Format = formatOf(req.url),
) {
  const status = REASONS[reason].status;
  return send(
    reply,
    format,
    'errors',
    [{ code: status, description: describe(reason, requestLocale(req), detail) }],
    status,
  );
}

/** The Linli errors fileCase and the org lookups may throw, as the spec's statuses. */
function fromAppError(err: AppError): { reason: Reason; detail?: string } {
  if (err.code === 'case_category_unknown') return { reason: 'attribute_invalid', detail: 'kind' };
  if (err.code === 'case_place_invalid' || err.code === 'not_found') return { reason: 'address_id_invalid' };
  if (err.status === 429) return { reason: 'too_many_requests' };
  if (err.status >= 500) return { reason: 'internal' };
  return { reason: 'field_invalid', detail: err.code };
}

/** The error handler of the /open311/v2 plugin: every failure in the spec's shape. */
export function specErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof Open311Error) return sendSpecError(req, reply, err.reason, err.detail);
  if (err instanceof AppError) {
    const { reason, detail } = fromAppError(err);
    if (reason === 'internal') req.log.error({ err }, 'open311 command failed');
    return sendSpecError(req, reply, reason, detail);
  }
  if (err.statusCode === 429) return sendSpecError(req, reply, 'too_many_requests');
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return sendSpecError(req, reply, 'body_invalid');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return sendSpecError(req, reply, 'body_invalid', err.message);
  req.log.error({ err }, 'unhandled open311 error');
  return sendSpecError(req, reply, 'internal');
}
