import type { z } from 'zod';
import type { loginBody, Me } from '../../../common/contracts/auth.ts';
import { api, isApiError } from './client.ts';

export type { Me };

/** The signed-in user, or null when there is no (valid) session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (e) {
    if (isApiError(e, 401)) return null;
    throw e;
  }
}

export const login = (body: z.infer<typeof loginBody>) => api.post<Me>('/api/auth/login', body);
export const logout = () => api.post<{ ok: true }>('/api/auth/logout');
