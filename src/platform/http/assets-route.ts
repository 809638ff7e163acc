// Serves fingerprinted assets from memory with a year-long immutable cache.
import type { FastifyInstance } from 'fastify';
import { assetByUrl } from '../../ui/assets.ts';

export function registerAssets(app: FastifyInstance): void {
  app.get('/assets/*', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    const found = assetByUrl(request.url.split('?')[0]!);
    if (!found) return reply.callNotFound();
    const etag = `"${found.hash}"`;
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(found.contentType).send(found.body);
  });
}
