// Counted downloads: GET /tai-ve/<mediaId> sends a file that a published
// document or procedure offers, as an attachment under a safe name, and counts
// it (HEAD is not counted). Document attachments and procedure forms link here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { safeFileName } from '../../platform/uploads/index.ts';
import { getMedia } from '../media/media.ts';
import { countableRequest } from '../usage/countable.ts';

/** The counted download address of a file of the media library. */
export function downloadPath(mediaId: number): string {
  return `/tai-ve/${mediaId}`;
}

/** One more download of a file; an upsert both engines understand. */
export async function countDownload(db: Db, siteId: number, mediaId: number): Promise<void> {
  await db
    .insertInto('download_counts')
    .values({ site_id: siteId, media_id: mediaId, count: 1 })
    .onConflict((oc) => oc.columns(['site_id', 'media_id']).doUpdateSet({ count: sql<number>`download_counts.count + 1` }))
    .execute();
}

/** Content-Disposition for a download: an ASCII name for old clients and the real one (RFC 6266 / 8187). */
export function attachmentDisposition(name: string): string {
  const safe = safeFileName(name);
  const ascii = fold(safe).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'tep-tin';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}

/**
 * Whether a file is offered on a public page: an attachment of a published
 * document or a form of a published procedure. Ids are easy to guess, so a
 * draft's file (an unsigned text, say) is never served by its id.
 */
export async function isPublishedFile(db: Db, siteId: number, mediaId: number): Promise<boolean> {
  const inList = [`[${mediaId}]`, `[${mediaId},%`, `%,${mediaId}]`, `%,${mediaId},%`];
  const document = await db
    .selectFrom('legal_documents')
    .select('article_id')
    .where('site_id', '=', siteId)
    .where((eb) => eb.or(inList.map((p) => eb('attachment_ids', 'like', p))))
    .executeTakeFirst();
  if (document) return true;
  // Procedure details are JSON written by JSON.stringify: "mediaId":<id> followed by } or ,.
  const procedure = await db
    .selectFrom('procedures')
    .select('id')
    .where('site_id', '=', siteId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('details', 'like', `%"mediaId":${mediaId}}%`), eb('details', 'like', `%"mediaId":${mediaId},%`)]))
    .executeTakeFirst();
  return procedure !== undefined;
}

export function registerDownloads(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const download = async (request: FastifyRequest, reply: FastifyReply) => {
    const { mediaId } = request.params as { mediaId: string };
    if (!/^[1-9]\d{0,11}$/.test(mediaId)) return notFound(request, reply);
    if (!(await isPublishedFile(db, request.site.id, Number(mediaId)))) return notFound(request, reply);
    const media = await getMedia(db, request.site.id, Number(mediaId));
    const stream = media ? deps.files.open(media.sha256) : null;
    if (!media || !stream) return notFound(request, reply);
    if (request.method === 'GET') await countDownload(db, request.site.id, media.id);
    // The board's daily figures (modules/usage): batched, and without robots or the board's own browsers.
    if (countableRequest(request)) deps.usage.download(request.site.id, 'media', media.id);
    return reply
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', attachmentDisposition(media.originalName))
      .type(media.mime)
      .send(stream);
  };
  app.get('/tai-ve/:mediaId', { config: { access: { kind: 'public' } } }, download);
}
