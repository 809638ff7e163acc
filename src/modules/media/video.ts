// Videos for the galleries: streamed from the upload into the store (never
// held whole in memory), checked by content on the way (platform/uploads/
// video.ts: MP4 with H.264, or WebM), then recorded in the library like any
// file (kind 'file', mime video/*), with its audit row.
import { once } from 'node:events';
import type { Clock } from '../../core/time.ts';
import { systemClock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { safeFileName, UPLOAD_LIMITS, VideoCheck } from '../../platform/uploads/index.ts';
import type { AuditActor } from '../audit/store.ts';
import { recordUpload, type MediaItem } from './media.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';

/** `preload="none"` for a <video> (the JSX types do not list it): nothing is fetched until the reader presses play. */
export const NO_PRELOAD: Record<string, string> = { preload: 'none' };

/** Whether a library item is a video the galleries can play, or a caption file. */
export function isVideo(m: { mime: string }): boolean {
  return m.mime === 'video/mp4' || m.mime === 'video/webm';
}

const DOCUMENT_MIMES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/** A document a field of accept 'document' takes: PDF, office or ODF files, or an image (a scanned letter). */
export function isDocumentFile(m: { kind: string; mime: string }): boolean {
  return m.kind === 'image' || DOCUMENT_MIMES.has(m.mime);
}

export function isSubtitle(m: { mime: string; ext: string }): boolean {
  return m.mime === 'text/vtt' && m.ext === 'vtt';
}

export async function uploadVideo(db: Db, files: FileStore, actor: AuditActor, input: { stream: NodeJS.ReadableStream; originalName: string; caption?: string | null }, clock: Clock = systemClock): Promise<MediaItem> {
  const check = new VideoCheck(input.originalName);
  // The store attaches its pipeline after an await of its own; an error before that must not go unheard
  // (the pipeline still sees it: the stream stays errored).
  check.on('error', () => undefined);
  const storing = files.putStream(check, UPLOAD_LIMITS.video);
  storing.catch(() => undefined); // awaited below; a refusal mid-way stops the copy first
  // Read as the multipart reader's own toBuffer() does (for await), so a body cut short, even before we
  // got the stream, is an error here rather than a stream that never ends.
  try {
    for await (const chunk of input.stream) {
      if (check.destroyed) break;
      if (!check.write(chunk)) await Promise.race([once(check, 'drain'), once(check, 'close')]);
    }
    if (!check.destroyed) check.end();
  } catch (error) {
    check.destroy(error as Error);
  }
  const stored = await storing;
  const format = check.format!;
  return db.transaction().execute((trx) =>
    recordUpload(
      trx,
      actor,
      {
        sha256: stored.sha256,
        size: stored.size,
        kind: 'file',
        mime: format.mime,
        ext: format.ext,
        width: null,
        height: null,
        variants: [],
        name: safeFileName(input.originalName),
        alt: null,
        caption: input.caption ? normalizeInput(input.caption) || null : null,
        openFormat: format.openFormat,
      },
      clock,
    ),
  );
}
