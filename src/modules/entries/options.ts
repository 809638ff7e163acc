// What an entry's media and relation fields choose from: this site's library,
// documents, units, members and entries only (the save checks again).
import type { FieldDecl, SectionKind } from '../../core/entries/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Option } from '../../ui/components/form.tsx';
import { listMedia } from '../media/media.ts';
import { isDocumentFile, isSubtitle, isVideo } from '../media/video.ts';
import { formatDateTime } from '../../core/time.ts';
import { fileSize } from './public/values.tsx';
import { listMembers } from '../members/store.ts';
import { listUnits } from '../units/manage-units.ts';
import { buildUnitTree, flattenTree } from '../units/unit.ts';
import { THREAD_ARTICLE_KINDS } from './check-entry.ts';
import type { EntryFieldOptions } from './fields.tsx';

/** Most items a select offers; the newest first. */
const MAX_OPTIONS = 300;

function typesOf(fields: FieldDecl[]): Set<FieldDecl['type']> {
  return new Set(fields.flatMap((f) => [f.type, ...(f.fields ?? []).map((s) => s.type)]));
}

/** Only what the kind's fields use is loaded. `keep`: ids the entry already holds, offered even when older than the newest or archived, so a save never drops them silently. */
export async function entryFieldOptions(db: Db, siteId: number, kind: SectionKind, keep: number[] = []): Promise<EntryFieldOptions> {
  const types = typesOf(kind.fields);
  const needs = (...t: FieldDecl['type'][]) => t.some((x) => types.has(x));
  // Private files (internal letters) only for fields of documents, never among pictures or public files.
  const all = needs('file', 'files', 'picture', 'pictures') ? (await listMedia(db, siteId, { limit: MAX_OPTIONS, withPrivate: true })).items : [];
  const kept = keep.length ? [...new Set(keep)].slice(0, 500) : [];
  if (kept.length && needs('file', 'files', 'picture', 'pictures')) {
    const have = new Set(all.map((m) => m.id));
    const older = await db.selectFrom('media').select(['id', 'kind', 'mime', 'ext', 'original_name', 'alt', 'caption', 'size', 'created_at', 'private']).where('site_id', '=', siteId).where('id', 'in', kept).where('deleted_at', 'is', null).execute();
    for (const m of older) if (!have.has(m.id)) all.push({ id: m.id, kind: m.kind, mime: m.mime, ext: m.ext, originalName: m.original_name, alt: m.alt, caption: m.caption, size: m.size, createdAt: m.created_at, private: m.private === 1 } as (typeof all)[number]);
  }
  const media = all.filter((m) => !m.private);
  const label = (m: { originalName: string; alt?: string | null }) => `${m.originalName}${m.alt ? ` — ${m.alt}` : ''}`;
  // Two uploads of "video-mau.mp4" are told apart by their title, upload time and size.
  const videoLabel = (m: { originalName: string; alt?: string | null; caption?: string | null; createdAt: string; size: number }) =>
    `${m.originalName}${m.caption || m.alt ? ` — ${m.caption || m.alt}` : ''} (${formatDateTime(m.createdAt)}, ${fileSize(m.size, 'vi')})`;
  const articles = async (kindOf: 'document' | 'entry', entryKind?: string) => {
    let q = db.selectFrom('articles').select(['id', 'title']).where('site_id', '=', siteId).where('kind', '=', kindOf).where('deleted_at', 'is', null);
    if (entryKind) q = q.where('entry_kind', '=', entryKind);
    const rows = await q.orderBy('updated_at', 'desc').limit(MAX_OPTIONS).execute();
    if (kept.length) {
      let older = db.selectFrom('articles').select(['id', 'title']).where('site_id', '=', siteId).where('kind', '=', kindOf).where('id', 'in', kept);
      if (entryKind) older = older.where('entry_kind', '=', entryKind);
      for (const r of await older.execute()) if (!rows.some((x) => x.id === r.id)) rows.push(r);
    }
    return rows.map((r) => ({ value: String(r.id), label: r.title }));
  };
  const entries: Record<string, Option[]> = {};
  const threadArticles = async (): Promise<Option[]> => {
    // News and articles only; the number is shown so an older one can be typed in (form.ts).
    const q = db.selectFrom('articles').select(['id', 'title']).where('site_id', '=', siteId).where('kind', 'in', [...THREAD_ARTICLE_KINDS]).where('deleted_at', 'is', null);
    const rows = await q.orderBy('updated_at', 'desc').limit(MAX_OPTIONS).execute();
    if (kept.length) for (const r of await q.where('id', 'in', kept).execute()) if (!rows.some((x) => x.id === r.id)) rows.push(r);
    return rows.map((r) => ({ value: String(r.id), label: `${r.title} (số ${r.id})` }));
  };
  for (const f of kind.fields.flatMap((x) => [x, ...(x.fields ?? [])])) {
    if (f.type === 'entries' && !entries[f.entryKind ?? '']) entries[f.entryKind ?? ''] = await articles('entry', f.entryKind);
  }
  return {
    images: media.filter((m) => m.kind === 'image').map((m) => ({ value: String(m.id), label: label(m) })),
    files: media.map((m) => ({ value: String(m.id), label: label(m) })),
    videos: media.filter(isVideo).map((m) => ({ value: String(m.id), label: videoLabel(m) })),
    privateDocuments: all.filter((m) => m.private && isDocumentFile(m)).map((m) => ({ value: String(m.id), label: `${label(m)} (nội bộ)` })),
    documentFiles: media.filter(isDocumentFile).map((m) => ({ value: String(m.id), label: label(m) })),
    imageAlts: Object.fromEntries(media.filter((m) => m.kind === 'image' && m.alt).map((m) => [String(m.id), m.alt!])),
    subtitles: media.filter(isSubtitle).map((m) => ({ value: String(m.id), label: label(m) })),
    documents: needs('documents') ? await articles('document') : [],
    units: needs('units') ? await unitOptions(db, siteId, kept) : [],
    people: needs('people') ? (await listMembers(db, siteId, { status: 'active' })).map((m) => ({ value: String(m.userId), label: m.position ? `${m.name} — ${m.position}` : m.name })) : [],
    entries,
    articles: needs('articles') ? await threadArticles() : [],
  };
}

/** The site's units as a tree, and any unit the entry holds that has since been archived. */
async function unitOptions(db: Db, siteId: number, kept: number[]): Promise<Option[]> {
  const options = flattenTree(buildUnitTree(await listUnits(db, siteId))).map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${n.unit.name}` }));
  if (kept.length === 0) return options;
  const archived = await db.selectFrom('units').select(['id', 'name']).where('site_id', '=', siteId).where('id', 'in', kept).where('archived_at', 'is not', null).execute();
  return [...options, ...archived.filter((u) => !options.some((o) => o.value === String(u.id))).map((u) => ({ value: String(u.id), label: `${u.name} (đã lưu trữ)` }))];
}

/** Every whole number a form's entry fields hold (f.*): the ids the options must keep. */
export function idsInForm(values: Record<string, unknown>): number[] {
  const out: number[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (!name.startsWith('f.')) continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && /^\d{1,12}$/.test(v)) out.push(Number(v));
  }
  return out;
}
