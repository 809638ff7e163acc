// The media library: images and documents uploaded by editors, checked by
// content, stored by their SHA-256, images resized into WebP variants with
// location data stripped. Alt text is required before an image is published.
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { MediaRow } from '../../platform/db/schema.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { processImage } from '../../platform/images/index.ts';
import { safeFileName, sniffUpload, type UploadPurpose } from '../../platform/uploads/index.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { siteContentChanged } from '../../platform/events.ts';

export interface MediaVariant {
  width: number;
  sha256: string;
  size: number;
}

export interface MediaItem {
  id: number;
  sha256: string;
  kind: 'image' | 'file';
  mime: string;
  ext: string;
  size: number;
  width: number | null;
  height: number | null;
  originalName: string;
  alt: string | null;
  caption: string | null;
  openFormat: boolean;
  /** Served only to signed-in members of the site. */
  private: boolean;
  variants: MediaVariant[];
  createdAt: string;
  /** Public address of the stored original (images: metadata stripped). */
  url: string;
}

export function mediaUrl(sha256: string, file: string): string {
  return `/media/${sha256}/${file}`;
}

/** The stored file a body's <img src> points at, when it is one of the library's: its SHA-256. */
export function mediaShaOf(src: string): string | null {
  return /^\/media\/([0-9a-f]{64})\//.exec(src)?.[1] ?? null;
}

/** The smallest WebP size of an image (a list's thumbnail), else its original. */
export function thumbnailUrl(item: MediaItem): string {
  const smallest = [...item.variants].sort((a, b) => a.width - b.width)[0];
  return smallest ? mediaUrl(item.sha256, `${smallest.width}.webp`) : item.url;
}

export function toMediaItem(row: MediaRow): MediaItem {
  return {
    id: row.id,
    sha256: row.sha256,
    kind: row.kind === 'image' ? 'image' : 'file',
    mime: row.mime,
    ext: row.ext,
    size: row.size,
    width: row.width,
    height: row.height,
    originalName: row.original_name,
    alt: row.alt,
    caption: row.caption,
    openFormat: row.open_format === 1,
    private: row.private === 1,
    variants: JSON.parse(row.variants) as MediaVariant[],
    createdAt: row.created_at,
    url: mediaUrl(row.sha256, `original.${row.ext}`),
  };
}

export interface UploadInput {
  data: Buffer;
  originalName: string;
  purpose: Extract<UploadPurpose, 'image' | 'attachment' | 'subtitle'>;
  alt?: string | null;
  caption?: string | null;
  /** Served only to signed-in members of the site, never listed for pictures. */
  private?: boolean;
}

/** An upload checked by its content and its bytes stored, not yet in the library. */
export interface StoredUpload {
  sha256: string;
  size: number;
  kind: 'image' | 'file';
  mime: string;
  ext: string;
  width: number | null;
  height: number | null;
  variants: MediaVariant[];
  name: string;
  alt: string | null;
  caption: string | null;
  openFormat: boolean;
  private?: boolean;
}

/** Checks, processes and stores an upload; the media row and its audit row share a transaction. */
export async function uploadMedia(db: Db, files: FileStore, actor: AuditActor, input: UploadInput, clock: Clock = systemClock): Promise<MediaItem> {
  const stored = await storeUpload(files, input);
  return db.transaction().execute((trx) => recordUpload(trx, actor, stored, clock));
}

/**
 * Checks and stores the bytes, before any transaction: the store is
 * content-addressed, so a transaction that fails afterwards leaves at most an
 * unreferenced copy, never a row.
 */
export async function storeUpload(files: FileStore, input: UploadInput): Promise<StoredUpload> {
  const sniffed = await sniffUpload(input.data, input.purpose, input.originalName);
  const name = safeFileName(input.originalName);
  let stored: { sha256: string; size: number };
  let width: number | null = null;
  let height: number | null = null;
  let ext = sniffed.ext;
  let mime = sniffed.mime;
  const variants: MediaVariant[] = [];
  if (sniffed.kind === 'image') {
    const image = await processImage(input.data);
    stored = await files.put(image.original);
    width = image.width;
    height = image.height;
    ext = image.format === 'jpeg' ? 'jpg' : image.format;
    mime = `image/${image.format}`;
    for (const v of image.variants) {
      const file = await files.put(v.data);
      variants.push({ width: v.width, sha256: file.sha256, size: file.size });
    }
  } else {
    stored = await files.put(input.data);
  }
  return {
    sha256: stored.sha256,
    size: stored.size,
    kind: sniffed.kind === 'image' ? 'image' : 'file',
    mime,
    ext,
    width,
    height,
    variants,
    name,
    alt: input.alt ? normalizeInput(input.alt) || null : null,
    caption: input.caption ? normalizeInput(input.caption) || null : null,
    private: input.private === true,
    openFormat: sniffed.openFormat,
  };
}

/** The library row of stored bytes, with its audit row, in the caller's transaction. */
export async function recordUpload(trx: Db, actor: AuditActor, upload: StoredUpload, clock: Clock = systemClock): Promise<MediaItem> {
  const { name, sha256, size, mime } = upload;
  const row = await trx
    .insertInto('media')
    .values({
      site_id: actor.siteId,
      sha256,
      kind: upload.kind,
      mime,
      ext: upload.ext,
      size,
      width: upload.width,
      height: upload.height,
      original_name: name,
      alt: upload.alt,
      caption: upload.caption,
      open_format: upload.openFormat ? 1 : 0,
      private: upload.private ? 1 : 0,
      variants: JSON.stringify(upload.variants),
      created_by_user_id: actor.userId,
      created_at: isoNow(clock),
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, actor, { action: 'media.upload', targetType: 'media', targetId: row.id, details: { name, mime, size, sha256 } }, clock);
  return toMediaItem(row);
}

export async function getMedia(db: Db, siteId: number, id: number): Promise<MediaItem | null> {
  const row = await db.selectFrom('media').selectAll().where('site_id', '=', siteId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toMediaItem(row) : null;
}

export async function mediaByIds(db: Db, siteId: number, ids: number[]): Promise<MediaItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('media').selectAll().where('site_id', '=', siteId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
  return rows.map(toMediaItem);
}

/** The library items behind a body's image addresses (those under /media/), by address. */
export async function mediaBySrc(db: Db, siteId: number, srcs: string[]): Promise<Map<string, MediaItem>> {
  const shas = [...new Set(srcs.map(mediaShaOf).filter((s): s is string => s !== null))];
  if (shas.length === 0) return new Map();
  const rows = await db.selectFrom('media').selectAll().where('site_id', '=', siteId).where('sha256', 'in', shas).where('deleted_at', 'is', null).orderBy('id').execute();
  const bySha = new Map<string, MediaItem>();
  // The same bytes uploaded twice: the first description given wins over an empty one.
  for (const item of rows.map(toMediaItem)) if (!bySha.has(item.sha256) || (!bySha.get(item.sha256)!.alt && item.alt)) bySha.set(item.sha256, item);
  const out = new Map<string, MediaItem>();
  for (const src of srcs) {
    const item = bySha.get(mediaShaOf(src) ?? '');
    if (item) out.set(src, item);
  }
  return out;
}

/** The library, newest first; private files only when asked for (the library page, internal fields), never in picture lists. */
export async function listMedia(db: Db, siteId: number, opts: { kind?: 'image' | 'file'; limit?: number; offset?: number; withPrivate?: boolean } = {}) {
  let q = db.selectFrom('media').where('site_id', '=', siteId).where('deleted_at', 'is', null);
  if (!opts.withPrivate) q = q.where('private', '=', 0);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(opts.limit ?? 40).offset(opts.offset ?? 0).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toMediaItem), total: Number(count.n) };
}

/**
 * The file behind a media address, only for a medium of this site. The same
 * bytes may be several rows: public when any public row of the site has them,
 * else private (served to the site's signed-in members only: `mayPrivate`).
 */
export async function resolveMediaFile(db: Db, siteId: number, sha256: string, file: string, mayPrivate: () => Promise<boolean> = async () => false): Promise<{ id: number; sha256: string; mime: string; name: string; private: boolean } | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const row = await db.selectFrom('media').selectAll().where('site_id', '=', siteId).where('sha256', '=', sha256).where('deleted_at', 'is', null).orderBy('private').orderBy('id').executeTakeFirst();
  if (row?.private === 1 && !(await mayPrivate())) return null;
  if (!row) return null;
  const item = toMediaItem(row);
  if (file === `original.${item.ext}`) return { id: item.id, sha256, mime: item.mime, name: item.originalName, private: item.private };
  const m = /^(\d+)\.webp$/.exec(file);
  const variant = m ? item.variants.find((v) => v.width === Number(m[1])) : undefined;
  return variant ? { id: item.id, sha256: variant.sha256, mime: 'image/webp', name: item.originalName.replace(/\.[^.]+$/, '.webp'), private: item.private } : null;
}

export async function updateMediaText(db: Db, actor: AuditActor, id: number, input: { alt: string | null; caption: string | null }, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const media = await getMedia(trx, actor.siteId, id);
    if (!media) throw new NotFoundError({ vi: 'tệp', en: 'Media' });
    const alt = input.alt ? normalizeInput(input.alt) || null : null;
    if (media.kind === 'image' && alt && [...alt].length > 300) {
      throw new DomainError({ code: 'alt_too_long', field: 'alt', vi: 'Mô tả ảnh tối đa 300 ký tự.', en: 'Alt text is at most 300 characters.' });
    }
    await trx.updateTable('media').set({ alt, caption: input.caption ? normalizeInput(input.caption) || null : null }).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'media.update', targetType: 'media', targetId: id, details: { alt, caption: input.caption } }, clock);
  });
  // Alt text and captions show on published pages.
  siteContentChanged(actor.siteId);
}
