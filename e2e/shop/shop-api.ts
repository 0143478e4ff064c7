import { DEMO_PASSWORD } from '../harness.ts';

export type ApiReply<T> = { status: number; body: T };

/**
 * A signed-in API client that can also write: for setting the scene behind the UI's back (a
 * resident's redemption to cancel) and for asking the server what a page should show.
 */
export async function apiAs(baseURL: string, phone: string) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${phone} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> => {
    const r = await fetch(`${baseURL}${path}`, {
      method,
      headers: {
        cookie,
        'x-lang': 'zh-CN',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as T };
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}

export type ShopItem = { id: string; title: string; pricePoints: number; provider: { name: string } };
export type Redemption = {
  id: string;
  itemTitle: string;
  providerName: string;
  state: string;
  points: number;
  voucherCode: string;
};
export type Page<T> = { items: T[]; total: number };
