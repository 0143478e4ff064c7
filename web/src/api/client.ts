import type { ErrorBody, ErrorCode } from '../../../common/errors.ts';

/** A failed API call, carrying the server's stable code and its already-localised message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly requestId?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown, status?: number): e is ApiError {
  return e instanceof ApiError && (status === undefined || e.status === status);
}

// The server localises error messages from `x-lang`; the i18n module keeps this in step with the UI
// and supplies the one message the client must word itself (the server could not be reached).
let language = 'zh-CN';
let networkMessage = '无法连接服务器，请检查网络';
export function setApiLanguage(lang: string, unreachable: string) {
  language = lang;
  networkMessage = unreachable;
}

// Values are whatever the contract's query schema accepts (zod coerces page numbers from strings).
type Query = Record<string, unknown>;
export type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal };

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'x-lang': language, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', networkMessage);
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const { error } = JSON.parse(text) as ErrorBody;
    return new ApiError(res.status, error.code, error.message, error.requestId, error.details);
  } catch {
    // Not our JSON (a proxy page, a crash): still say something the user can act on.
    return new ApiError(res.status, 'internal', `${res.status} ${res.statusText}`.trim());
  }
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(method, path, opts);
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, { body }),
  delete: <T>(path: string) => json<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => json<T>('POST', path, { body: form }),
};

/** Fetches a file (with the session cookie) and hands it to the browser as a download. */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  fallbackName: string,
): Promise<void> {
  const res = await send('GET', path, { query });
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = disposition.match(/filename\*=UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = disposition.match(/filename="?([^";]+)"?/i);
  return plain?.[1];
}
