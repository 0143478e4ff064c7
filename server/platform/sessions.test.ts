import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, testApp } from '../../test/harness.ts';
import { orgUnit } from '../modules/org/schema.ts';
import { hashPassword } from './password.ts';
import { session, userAccount } from './schema.ts';
import { createUser } from './users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ config: { sessionIdleMs: 2 * 3600_000, sessionAbsoluteMs: 7 * 86_400_000 } });
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const me = (cookie: string) => t.call({ url: '/api/auth/me', cookie });
const HOUR = 3600_000;

describe('sessions', () => {
  it('issues an HttpOnly SameSite cookie with ≥128 random bits, stored only as a hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: '13900000003', password: 'Linli@2026' },
    });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'linli_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Lax');
    expect(Buffer.from(c.value, 'base64url').length).toBeGreaterThanOrEqual(16);
    const rows = await t.db.select().from(session);
    expect(rows.some((r) => r.tokenHash === c.value)).toBe(false);
    expect(rows.some((r) => r.tokenHash === createHash('sha256').update(c.value).digest('hex'))).toBe(true);
  });

  it('refuses a wrong password and an unknown phone alike', async () => {
    for (const payload of [
      { phone: '13900000003', password: 'wrong' },
      { phone: '13999999999', password: 'Linli@2026' },
    ]) {
      const res = await t.call({ method: 'POST', url: '/api/auth/login', body: payload });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
      expect(res.body.error.message).toBe('手机号或密码错误');
    }
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T08:00:00Z'));
    const cookie = await t.login('13900000003');
    vi.setSystemTime(new Date('2026-06-01T09:59:00Z')); // 1 h 59 min idle: still alive, and touched
    expect((await me(cookie)).status).toBe(200);
    vi.setSystemTime(new Date('2026-06-01T11:58:00Z')); // 1 h 59 min after the last request
    expect((await me(cookie)).status).toBe(200);
    vi.setSystemTime(new Date('2026-06-01T14:00:00Z')); // 2 h 2 min idle
    const res = await me(cookie);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_expired');
    vi.setSystemTime(new Date('2026-06-01T14:01:00Z')); // and it stays ended
    expect((await me(cookie)).status).toBe(401);
  });

  it('ends an active session at the absolute timeout', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2026-07-01T08:00:00Z').getTime();
    vi.setSystemTime(start);
    const cookie = await t.login('13900000003');
    for (let h = 1; h < 7 * 24; h++) {
      vi.setSystemTime(start + h * HOUR);
      if (h % 24 === 0) expect((await me(cookie)).status).toBe(200);
      else await me(cookie);
    }
    vi.setSystemTime(start + 7 * 24 * HOUR + 60_000);
    expect((await me(cookie)).status).toBe(401);
  });

  it('refuses a cookie replayed after logout', async () => {
    const cookie = await t.login('13900000003');
    expect((await me(cookie)).status).toBe(200);
    expect((await t.call({ method: 'POST', url: '/api/auth/logout', cookie })).status).toBe(200);
    const replay = await me(cookie);
    expect(replay.status).toBe(401);
  });

  it('rotates the token at login: the cookie held before no longer works', async () => {
    const first = await t.login('13900000003');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first },
      payload: { phone: '13900000003', password: 'Linli@2026' },
    });
    const second = `linli_session=${res.cookies.find((c) => c.name === 'linli_session')!.value}`;
    expect(second).not.toBe(first);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
  });

  it('cuts a disabled user off at once, and refuses their next login', async () => {
    const victim = await t.login('13900000005');
    const admin = await t.login('13900000001');
    const [u] = await t.db.select().from(userAccount).where(eq(userAccount.phone, '13900000005'));
    // Community staff may not manage users at all (403); the other subdistrict's admin does not see them (404).
    const staff = await t.login('13900000004');
    expect((await t.call({ method: 'POST', url: `/api/users/${u.id}/disable`, cookie: staff })).status).toBe(
      403,
    );
    const [wenchang] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '文昌街道'));
    await createUser(t.db, {
      phone: '13922220000',
      displayName: '文昌街道管理员',
      passwordHash: await hashPassword('Linli@2026'),
      grants: [{ role: 'subdistrict_admin', orgUnitId: wenchang.id, orgPath: wenchang.path }],
    });
    const other = await t.login('13922220000');
    expect((await t.call({ method: 'POST', url: `/api/users/${u.id}/disable`, cookie: other })).status).toBe(
      404,
    );
    expect((await me(victim)).status).toBe(200);
    const res = await t.call({ method: 'POST', url: `/api/users/${u.id}/disable`, cookie: admin });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await me(victim)).status).toBe(401);
    const again = await t.call({
      method: 'POST',
      url: '/api/auth/login',
      body: { phone: '13900000005', password: 'Linli@2026' },
    });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('user_disabled');
    await t.call({ method: 'POST', url: `/api/users/${u.id}/enable`, cookie: admin });
    expect((await me(await t.login('13900000005'))).status).toBe(200);
  });
});

describe('login rate limit', () => {
  it('answers 429 with a stable code after too many attempts', async () => {
    const limited = await testApp({ template: 'empty', config: { loginRateLimit: 5 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await limited.call({
          method: 'POST',
          url: '/api/auth/login',
          body: { phone: '13900000003', password: 'x' },
        });
        codes.push(r.status);
        if (r.status === 429) expect(r.body.error.code).toBe('too_many_requests');
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('who am I', () => {
  it('names the provider a counter clerk staffs, and the household a resident lives in', async () => {
    const clerk = await t.call({ url: '/api/auth/me', cookie: await t.login('13900000009') });
    expect(clerk.body.roles).toEqual([
      expect.objectContaining({ role: 'provider_staff', providerId: expect.any(String) }),
    ]);
    expect(clerk.body.permissions).toEqual(['shop:fulfil']);
    const resident = await t.call({ url: '/api/auth/me', cookie: await t.login('13900000007') });
    expect(resident.body.roles[0]).toMatchObject({
      role: 'resident',
      householdId: expect.any(String),
      providerId: null,
    });
  });
});
