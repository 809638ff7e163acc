// The audio of an article's live revision, at a stable address per revision:
// /am-thanh/<revision>-<hash>.mp3. Byte ranges (players seek), a year's cache
// (the address names the bytes), only on the site that published it, only
// while that revision is the article's live one.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';

const FILE = /^(\d{1,12})-([0-9a-f]{16})\.mp3$/;

/** A single "bytes=a-b" range, clamped to the file; null when absent, 'bad' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'bad';
  return { start, end };
}

export function registerSpeechRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  app.get('/am-thanh/:file', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    const m = FILE.exec((request.params as { file: string }).file);
    if (!m) return notFound(request, reply);
    const revisionId = Number(m[1]);
    const row = await db
      .selectFrom('article_speech')
      .innerJoin('articles', 'articles.id', 'article_speech.article_id')
      .select(['article_speech.file_sha256'])
      .where('article_speech.site_id', '=', request.site.id)
      .where('articles.site_id', '=', request.site.id)
      .where('article_speech.revision_id', '=', revisionId)
      .where('article_speech.status', '=', 'ready')
      .where('articles.live_revision_id', '=', revisionId)
      .where('articles.publication', '=', 'published')
      .where('articles.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row?.file_sha256 || !row.file_sha256.startsWith(m[2]!)) return notFound(request, reply);
    const bytes = await deps.files.get(row.file_sha256);
    if (!bytes) return notFound(request, reply);
    reply
      // One address per revision, so the bytes never change; but a taken-down article's audio must not
      // live on in shared caches for long: a day, not a year.
      .header('cache-control', 'public, max-age=86400')
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename="${m[0]}"`)
      .type('audio/mpeg');
    const range = parseRange(request.headers.range, bytes.length);
    if (range === 'bad') return reply.code(416).header('content-range', `bytes */${bytes.length}`).send();
    if (range) {
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${bytes.length}`)
        .send(bytes.subarray(range.start, range.end + 1));
    }
    return reply.send(bytes);
  });
}
