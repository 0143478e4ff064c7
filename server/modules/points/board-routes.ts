import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  publicBoardOut,
  publicCommunityList,
  publicConventionOut,
  publicPostingOut,
  publicRulebookOut,
} from '../../../common/contracts/board.ts';
import { idParam } from '../../../common/contracts/common.ts';
import * as board from './board.ts';

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin the visitor used, for the QR codes (behind a proxy: X-Forwarded-Proto/Host, as
 * `trustProxy` allows). A Host header that is not a plain host name never reaches a printed code.
 */
export function requestOrigin(req: FastifyRequest): string {
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  const host = HOST.test(req.host) ? req.host : 'localhost';
  return `${protocol}://${host}`;
}

// Anyone may call these, so they are rate-limited per address; a notice board's QR scans come from
// many phones, not one.
const config = { rateLimit: { max: 300, timeWindow: 60_000 } };

/**
 * 公示栏 (public board), no login: every community's postings, rankings, convention and rulebook.
 * The handlers ignore any session, so a signed-in visitor sees exactly what the public sees.
 */
export async function boardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['board'];

  r.get(
    '/api/public/communities',
    { config, schema: { tags, response: { 200: publicCommunityList } } },
    async (req) => ({ items: await board.boardCommunities(req.server.db) }),
  );
  r.get(
    '/api/public/communities/:id/board',
    { config, schema: { tags, params: idParam, response: { 200: publicBoardOut } } },
    (req) => board.communityBoard(req.server.db, req.params.id, requestOrigin(req)),
  );
  r.get(
    '/api/public/communities/:id/rulebook',
    { config, schema: { tags, params: idParam, response: { 200: publicRulebookOut } } },
    (req) => board.publicRulebook(req.server.db, req.params.id, requestOrigin(req)),
  );
  r.get(
    '/api/public/communities/:id/convention',
    { config, schema: { tags, params: idParam, response: { 200: publicConventionOut } } },
    (req) => board.publicConvention(req.server.db, req.params.id, requestOrigin(req)),
  );
  r.get(
    '/api/public/postings/:id',
    { config, schema: { tags, params: idParam, response: { 200: publicPostingOut } } },
    (req) => board.publicPosting(req.server.db, req.params.id, requestOrigin(req)),
  );
}
