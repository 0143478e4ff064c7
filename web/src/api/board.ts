import type { z } from 'zod';
import type {
  PublicBoardOut,
  publicCommunityList,
  publicConventionOut,
  publicPostingOut,
  publicRulebookOut,
} from '../../../common/contracts/board.ts';
import { api } from './client.ts';

export type { PublicBoardOut };
export type PublicCommunity = z.infer<typeof publicCommunityList>['items'][number];
export type PublicPosting = z.infer<typeof publicPostingOut>;
export type PublicRulebook = z.infer<typeof publicRulebookOut>;
export type PublicConvention = z.infer<typeof publicConventionOut>;
export type PublicRanking = PublicBoardOut['rankings']['month'];

export const boardKeys = {
  communities: ['board', 'communities'] as const,
  board: (id: string) => ['board', 'community', id] as const,
  posting: (id: string) => ['board', 'posting', id] as const,
  rulebook: (id: string) => ['board', 'rulebook', id] as const,
  convention: (id: string) => ['board', 'convention', id] as const,
};

/** 公示栏: no session needed; everything here is already masked by the server. */
export const boardApi = {
  communities: () =>
    api.get<z.infer<typeof publicCommunityList>>('/api/public/communities').then((r) => r.items),
  board: (communityId: string) => api.get<PublicBoardOut>(`/api/public/communities/${communityId}/board`),
  posting: (id: string) => api.get<PublicPosting>(`/api/public/postings/${id}`),
  rulebook: (communityId: string) =>
    api.get<PublicRulebook>(`/api/public/communities/${communityId}/rulebook`),
  convention: (communityId: string) =>
    api.get<PublicConvention>(`/api/public/communities/${communityId}/convention`),
};

/** The server's QR code (an SVG document) as an image source: no markup of ours is injected. */
export function qrSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
