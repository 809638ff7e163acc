// The archive export of a site (000 Đ10a, 001 Đ6.3.6): every item its public
// site shows — read from the published index, search_documents, which holds
// exactly the public version of each — with the versions that were public and
// the corrections, as static HTML that reads offline (relative links, one local
// CSS file, no script, nothing fetched from elsewhere), JSON metadata per item
// and an index, the pictures and attachments, and manifest.json with the
// SHA-256 of every file. Written into a folder; zip.ts packs it (ADR 29).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sectionKind } from '../../core/entries/index.ts';
import { formatDateTime } from '../../core/time.ts';
import { toNfc } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { parseSnapshot, type ArticleContent } from '../articles/article.ts';
import type { Site } from '../sites/site.ts';
import { documentDetailsHtml, entryFieldsHtml, type ArchiveLinks } from './render-fields.ts';

export interface ExportProgress {
  done: number;
  total: number;
}

export interface ExportOptions {
  /** The site's public origin (https://host), for the "original address" of each item. */
  origin: string;
  /** The moment written in the index and manifest (ISO). */
  now: string;
  onProgress?: (p: ExportProgress) => void;
}

export interface ExportSummary {
  items: number;
  files: number;
  bytes: number;
}

export const MANIFEST = 'manifest.json';

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const GROUP_LABELS: Record<string, { vi: string; en: string }> = {
  question: { vi: 'Hỏi đáp', en: 'Questions and answers' },
  petition: { vi: 'Phản ánh, kiến nghị', en: 'Petitions' },
  consultation: { vi: 'Lấy ý kiến dự thảo', en: 'Drafts for comment' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
  document: { vi: 'Văn bản', en: 'Documents' },
  other: { vi: 'Tin bài khác', en: 'Other articles' },
};

interface MediaFile {
  id: number;
  sha256: string;
  ext: string;
  mime: string;
  name: string;
  alt: string | null;
  /** Relative to the export root. */
  file: string;
}

interface Revision {
  number: number;
  at: string;
  note: string | null;
  file: string;
}

interface Item {
  type: string;
  id: number;
  language: string;
  title: string;
  summary: string;
  url: string;
  publishedAt: string;
  group: string;
  groupLabel: { vi: string; en: string };
  /** Base name of its files under items/. */
  base: string;
}

const CSS = `*,*::before,*::after{box-sizing:border-box}
body{font-family:"Noto Sans",Arial,sans-serif;line-height:1.55;color:#1a1a1a;max-width:52rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere;word-break:normal}
header.archive{border-bottom:3px solid #8a1c1c;margin-bottom:1rem}header.archive p{margin:.25rem 0}
a{color:#0b4f8a}img,video,iframe,embed,object{max-width:100%;height:auto}figure{margin:1rem 0}pre{white-space:pre-wrap}
table{border-collapse:collapse;max-width:100%}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}caption{text-align:left;font-weight:bold;padding:.25rem 0}
.table-wrap,.article-body{max-width:100%;overflow-x:auto}main>table{display:block;overflow-x:auto}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}dl.meta dt{font-weight:bold}dl.meta dd{margin:0;min-width:0}
@media (max-width:40rem){dl.meta{display:block}dl.meta dd{margin:0 0 .5rem}table.doc-meta th,table.doc-meta td{display:block;border-width:0 0 1px}table.doc-meta{display:block;border:1px solid #999}table.doc-meta caption,table.doc-meta tbody,table.doc-meta tr{display:block}}
.correction{border-left:4px solid #b36b00;background:#fff6e5;padding:.5rem 1rem}.muted{color:#555}
time{white-space:nowrap}nav.crumbs{font-size:.9rem}ul.items li,ul.doc-relations li{margin:.35rem 0}footer{margin-top:2rem;border-top:1px solid #ccc;font-size:.85rem;color:#555}
`;

function page(opts: { title: string; depth: number; site: Site; body: string; now: string }): string {
  const up = opts.depth === 0 ? '' : '../'.repeat(opts.depth);
  return toNfc(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)} — ${esc(opts.site.name)}</title>
<link rel="stylesheet" href="${up}style.css">
</head>
<body>
<header class="archive">
<p><strong>${esc(opts.site.name)}</strong> — ${esc(opts.site.agencyName)}</p>
<p class="muted">Bản lưu trữ / Archive copy, ${esc(formatDateTime(opts.now))}</p>
<nav class="crumbs" aria-label="Điều hướng / Navigation"><a href="${up}index.html">Trang chủ bản lưu trữ / Archive home</a></nav>
</header>
<main>
${opts.body}
</main>
<footer><p>Bản lưu trữ tĩnh, đọc được khi không có mạng / Static archive copy, readable offline. Tệp kiểm tra: manifest.json (SHA-256).</p></footer>
</body>
</html>
`);
}

const MEDIA_SRC = /^\/media\/([0-9a-f]{64})\//;

/**
 * The body with its addresses made local: library files to files/…, pages
 * exported here to their page, other addresses of the site to the original
 * address; embedded content from elsewhere (frames, foreign pictures) becomes
 * a link, so opening the page fetches nothing.
 */
export function localiseHtml(html: string, resolve: (url: string) => string | null, origin: string): string {
  const local = (url: string): string | null => resolve(url.replace(/&amp;/g, '&'));
  let out = html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  out = out.replace(/<iframe\b[^>]*?\ssrc="([^"]*)"[^>]*>[\s\S]*?<\/iframe>/gi, (_m, src: string) => `<a href="${src}">${src}</a>`);
  out = out.replace(/\s(?:srcset|sizes|loading)="[^"]*"/gi, '');
  out = out.replace(/<(img|source|video|audio|embed)\b([^>]*?)\ssrc="([^"]*)"([^>]*)>/gi, (m, tag: string, before: string, src: string, after: string) => {
    const target = local(src);
    if (target) return `<${tag}${before} src="${esc(target)}"${after}>`;
    const alt = /\salt="([^"]*)"/.exec(m)?.[1] ?? src;
    return `<a href="${src.startsWith('/') ? esc(origin) : ''}${src}">${alt || src}</a>`;
  });
  out = out.replace(/\shref="([^"]*)"/gi, (_m, href: string) => {
    if (!href.startsWith('/') || href.startsWith('//')) return ` href="${href}"`;
    const target = local(href);
    return ` href="${target ? esc(target) : `${esc(origin)}${href}`}"`;
  });
  return out;
}

function parseIds(text: string | null | undefined): number[] {
  try {
    const v = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

function dl(rows: [string, string | null | undefined][]): string {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  return shown.length ? `<dl class="meta">${shown.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` : '';
}

function paragraphs(text: string | null | undefined): string {
  return (text ?? '')
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
}

/** Walks a folder: every file's path relative to root, with '/' separators, sorted. */
export function listFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Writes the archive of `site` into `outDir` (created, expected empty). Reads in
 * small batches and yields between items, so a server exporting in the
 * background keeps answering.
 */
export async function exportSite(db: Db, files: FileStore, site: Site, outDir: string, opts: ExportOptions): Promise<ExportSummary> {
  mkdirSync(path.join(outDir, 'items'), { recursive: true });
  mkdirSync(path.join(outDir, 'sections'), { recursive: true });
  mkdirSync(path.join(outDir, 'files'), { recursive: true });
  const write = (rel: string, text: string) => writeFileSync(path.join(outDir, rel), text, 'utf8');
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  const docs = await db
    .selectFrom('search_documents')
    // The text of each item is read when its page is written, not all at once.
    .select(['id', 'item_type', 'item_id', 'language', 'section_id', 'kind', 'url', 'title', 'summary', 'published_at'])
    .where('site_id', '=', site.id)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const sections = await db.selectFrom('sections').select(['id', 'slug', 'name', 'name_en']).where('site_id', '=', site.id).execute();
  const sectionById = new Map(sections.map((s) => [s.id, s]));

  const items: Item[] = docs.map((d) => {
    const base = `${d.item_type}-${d.item_id}${d.language === 'vi' ? '' : `-${d.language}`}`;
    let group: string;
    let groupLabel: { vi: string; en: string };
    const section = d.section_id !== null ? sectionById.get(d.section_id) : undefined;
    const entryKind = d.item_type === 'entry' ? sectionKind(d.kind) : undefined;
    if (entryKind) {
      group = `entry-${entryKind.key}`;
      groupLabel = entryKind.plural;
    } else if (section) {
      group = `section-${section.slug}`;
      groupLabel = { vi: section.name, en: section.name_en ?? section.name };
    } else if (d.kind === 'document') {
      group = 'document';
      groupLabel = GROUP_LABELS.document!;
    } else if (GROUP_LABELS[d.item_type]) {
      group = d.item_type;
      groupLabel = GROUP_LABELS[d.item_type]!;
    } else {
      group = 'other';
      groupLabel = GROUP_LABELS.other!;
    }
    return { type: d.item_type, id: d.item_id, language: d.language, title: d.title, summary: d.summary, url: d.url, publishedAt: d.published_at, group, groupLabel, base };
  });
  const pageOfUrl = new Map(items.map((i) => [i.url, `${i.base}.html`]));

  // Library files this export copies: public ones of this site only (a private file stays out).
  const mediaById = new Map<number, MediaFile>();
  const mediaBySha = new Map<string, MediaFile>();
  const copied = new Set<string>();
  async function mediaFor(ids: number[]): Promise<MediaFile[]> {
    const missing = ids.filter((id) => !mediaById.has(id));
    if (missing.length) {
      const rows = await db
        .selectFrom('media')
        .select(['id', 'sha256', 'ext', 'mime', 'original_name', 'alt'])
        .where('site_id', '=', site.id)
        .where('id', 'in', missing)
        .where('private', '=', 0)
        .where('deleted_at', 'is', null)
        .execute();
      for (const r of rows) {
        const m = { id: r.id, sha256: r.sha256, ext: r.ext, mime: r.mime, name: r.original_name, alt: r.alt, file: `files/${r.sha256}.${r.ext}` };
        mediaById.set(r.id, m);
        mediaBySha.set(r.sha256, m);
      }
    }
    return ids.map((id) => mediaById.get(id)).filter((m): m is MediaFile => Boolean(m));
  }
  async function mediaForShas(shas: string[]): Promise<void> {
    const missing = [...new Set(shas)].filter((s) => !mediaBySha.has(s));
    if (!missing.length) return;
    const rows = await db.selectFrom('media').select('id').where('site_id', '=', site.id).where('sha256', 'in', missing).execute();
    await mediaFor(rows.map((r) => r.id));
  }
  async function copy(m: MediaFile): Promise<boolean> {
    if (copied.has(m.sha256)) return true;
    const bytes = await files.get(m.sha256);
    if (!bytes) return false;
    writeFileSync(path.join(outDir, m.file), bytes);
    copied.add(m.sha256);
    return true;
  }

  /** A body's addresses, seen from items/ (one level down). */
  async function bodyOf(html: string): Promise<string> {
    const shas = [...html.matchAll(/\s(?:src|href)="\/media\/([0-9a-f]{64})\//g)].map((m) => m[1]!);
    await mediaForShas(shas);
    for (const sha of shas) {
      const m = mediaBySha.get(sha);
      if (m) await copy(m);
    }
    return localiseHtml(
      html,
      (url) => {
        const sha = MEDIA_SRC.exec(url)?.[1];
        if (sha) {
          const m = mediaBySha.get(sha);
          return m && copied.has(sha) ? `../${m.file}` : null;
        }
        const own = pageOfUrl.get(url.split(/[?#]/)[0]!);
        return own ?? null;
      },
      opts.origin,
    );
  }

  async function attachmentsHtml(ids: number[], cover: number | null): Promise<{ cover: string; list: string; meta: { name: string; file: string; sha256: string; mime: string }[] }> {
    const found = await mediaFor(ids);
    const meta: { name: string; file: string; sha256: string; mime: string }[] = [];
    for (const m of found) if (await copy(m)) meta.push({ name: m.name, file: m.file, sha256: m.sha256, mime: m.mime });
    let coverHtml = '';
    if (cover !== null) {
      const [c] = await mediaFor([cover]);
      if (c && (await copy(c))) coverHtml = `<p><img src="../${esc(c.file)}" alt="${esc(c.alt ?? '')}"></p>`;
    }
    const list = meta.length ? `<h2>Tệp đính kèm / Attachments</h2><ul>${meta.map((a) => `<li><a href="../${esc(a.file)}">${esc(a.name)}</a></li>`).join('')}</ul>` : '';
    return { cover: coverHtml, list, meta };
  }

  function articleMeta(c: ArticleContent): [string, string | null | undefined][] {
    const rows: [string, string | null | undefined][] = [
      ['Tác giả / Author', c.authorName],
      ['Nguồn / Source', c.source],
      ['Thẻ / Tags', c.tags.join(', ')],
    ];
    return rows;
  }

  // Documents' details and entries' fields, labelled and formatted as the public site shows them (render-fields.ts).
  const links: ArchiveLinks = {
    pageOf: (url) => pageOfUrl.get(url.split(/[?#]/)[0]!) ?? null,
    origin: opts.origin,
    now: opts.now,
    async localMedia(ids) {
      const out = new Map<number, string>();
      for (const m of await mediaFor(ids)) if (await copy(m)) out.set(m.id, `../${m.file}`);
      return out;
    },
  };
  async function metaHtml(c: ArticleContent, articleId: number): Promise<string> {
    let html = '';
    if (c.document) html += await documentDetailsHtml(db, site, articleId, c.document, links);
    if (c.entry) html += await bodyOf(await entryFieldsHtml(db, site, c.entry, links));
    return html + dl(articleMeta(c));
  }

  const index: unknown[] = [];
  let done = 0;
  for (const item of items) {
    const original = `${opts.origin}${item.url}`;
    const head = `<h1>${esc(item.title)}</h1>\n<p class="muted">Đăng / Published ${esc(formatDateTime(item.publishedAt))} · Địa chỉ gốc / Original address: <a href="${esc(original)}">${esc(original)}</a></p>`;
    let body = '';
    let extra: Record<string, unknown> = {};
    const doc = docs[done]!;
    const indexedText = async () => (await db.selectFrom('search_documents').select('body_text').where('id', '=', doc.id).executeTakeFirst())?.body_text ?? '';
    if (item.type === 'article' || item.type === 'entry') {
      const row = await db.selectFrom('articles').selectAll().where('site_id', '=', site.id).where('id', '=', item.id).executeTakeFirst();
      const live = row?.live_revision_id ? await db.selectFrom('article_revisions').selectAll().where('id', '=', row.live_revision_id).executeTakeFirst() : undefined;
      if (row && live) {
        const c = parseSnapshot(live.snapshot);
        // The versions that were public: every revision a workflow event recorded as live, those written as published, and the live one.
        // A version that was live when the article was taken down is not: the public site never shows it again,
        // so neither does the export (nor the files only it used) — unless it is the live one again.
        const events = await db.selectFrom('workflow_events').select(['revision_id', 'created_at', 'to_publication']).where('site_id', '=', site.id).where('item_type', '=', 'article').where('item_id', '=', row.id).where('revision_id', 'is not', null).orderBy('id').execute();
        const liveSince = new Map<number, string>();
        const takenDown = new Set<number>();
        for (const e of events) {
          if (!liveSince.has(e.revision_id!)) liveSince.set(e.revision_id!, e.created_at);
          if (e.to_publication === 'taken_down') takenDown.add(e.revision_id!);
        }
        const published = (await db.selectFrom('article_revisions').selectAll().where('article_id', '=', row.id).orderBy('number').execute())
          .filter((r) => r.id === live.id || ((r.kind === 'publish' || liveSince.has(r.id)) && !takenDown.has(r.id)))
          .map((r) => ({ ...r, created_at: liveSince.get(r.id) ?? r.created_at }));
        const liveAt = liveSince.get(live.id) ?? live.created_at;
        const corrections = await db.selectFrom('article_corrections').selectAll().where('site_id', '=', site.id).where('article_id', '=', row.id).orderBy('published_at').execute();
        const revisions: Revision[] = [];
        for (const r of published) {
          if (r.id === live.id) continue;
          const rc = parseSnapshot(r.snapshot);
          const file = `${item.base}-r${r.number}.html`;
          const att = await attachmentsHtml(rc.attachmentIds, rc.coverMediaId);
          const rbody = `<h1>${esc(rc.title)}</h1>\n<p class="correction">Phiên bản số ${r.number} đã đăng ngày ${esc(formatDateTime(r.created_at))}, đã được thay thế / Version ${r.number}, published ${esc(formatDateTime(r.created_at))}, since replaced. <a href="${esc(item.base)}.html">Phiên bản hiện hành / Current version</a></p>\n${rc.summary ? `<p><strong>${esc(rc.summary)}</strong></p>` : ''}${att.cover}\n${await bodyOf(rc.bodyHtml)}\n${await metaHtml(rc, row.id)}${att.list}`;
          write(`items/${file}`, page({ title: rc.title, depth: 1, site, body: rbody, now: opts.now }));
          revisions.push({ number: r.number, at: r.created_at, note: r.note, file: `items/${file}` });
        }
        const att = await attachmentsHtml(c.attachmentIds, c.coverMediaId);
        const corr = corrections.length
          ? `<section class="correction"><h2>Đính chính / Corrections</h2><ul>${corrections.map((k) => `<li>${esc(formatDateTime(k.published_at))}: ${esc(k.note)}</li>`).join('')}</ul></section>`
          : '';
        const hist = revisions.length
          ? `<h2>Các phiên bản đã đăng / Published versions</h2><ul>${revisions.map((r) => `<li><a href="${esc(path.basename(r.file))}">Phiên bản / Version ${r.number}</a>, ${esc(formatDateTime(r.at))}</li>`).join('')}<li>Phiên bản hiện hành / Current version ${live.number}, ${esc(formatDateTime(liveAt))}</li></ul>`
          : '';
        body = `${head}\n${corr}${c.summary ? `<p><strong>${esc(c.summary)}</strong></p>` : ''}${att.cover}\n${await bodyOf(c.bodyHtml)}\n${await metaHtml(c, row.id)}${att.list}${hist}`;
        extra = {
          kind: c.kind,
          summary: c.summary,
          author: c.authorName,
          source: c.source,
          tags: c.tags,
          section: c.sectionId !== null ? (sectionById.get(c.sectionId)?.name ?? null) : null,
          document: c.document,
          entry: c.entry,
          firstPublishedAt: row.first_published_at,
          lastPublishedAt: row.last_published_at,
          currentVersion: { number: live.number, publishedAt: liveAt },
          versions: revisions,
          corrections: corrections.map((k) => ({ publishedAt: k.published_at, note: k.note, revisionNumber: published.find((r) => r.id === k.revision_id)?.number ?? null })),
          attachments: att.meta,
        };
      }
    } else if (item.type === 'procedure') {
      const row = await db.selectFrom('procedures').selectAll().where('site_id', '=', site.id).where('id', '=', item.id).executeTakeFirst();
      const revs = row ? await db.selectFrom('procedure_revisions').select(['number', 'note', 'created_at', 'snapshot']).where('procedure_id', '=', row.id).orderBy('number').execute() : [];
      body = `${head}\n${dl([['Mã / Code', row?.code], ['Lĩnh vực / Field', row?.field], ['Cơ quan / Agency', row?.agency]])}\n${paragraphs(await indexedText())}`;
      if (revs.length > 1) body += `<h2>Các lần cập nhật / Revisions</h2><ul>${revs.map((r) => `<li>${r.number}: ${esc(formatDateTime(r.created_at))}${r.note ? ` — ${esc(r.note)}` : ''}</li>`).join('')}</ul>`;
      extra = { code: row?.code, level: row?.level, field: row?.field, agency: row?.agency, details: row ? JSON.parse(row.details) : null, revisions: revs.map((r) => ({ number: r.number, at: r.created_at, note: r.note, snapshot: JSON.parse(r.snapshot) })) };
    } else if (item.type === 'question' || item.type === 'petition') {
      const row = await db.selectFrom('citizen_cases').select(['tracking_code', 'field', 'public_title', 'public_body', 'public_answer', 'published_at', 'answered_at']).where('site_id', '=', site.id).where('id', '=', item.id).executeTakeFirst();
      body = `${head}\n${dl([['Lĩnh vực / Field', row?.field], ['Trả lời ngày / Answered', row?.answered_at ? formatDateTime(row.answered_at) : null]])}\n<h2>Nội dung / Question</h2>${paragraphs(row?.public_body)}\n<h2>Trả lời / Answer</h2>${paragraphs(row?.public_answer)}`;
      extra = { field: row?.field ?? null, question: row?.public_body ?? null, answer: row?.public_answer ?? null, answeredAt: row?.answered_at ?? null };
    } else if (item.type === 'consultation') {
      const row = await db.selectFrom('consultations').selectAll().where('site_id', '=', site.id).where('id', '=', item.id).executeTakeFirst();
      const att = await attachmentsHtml(parseIds(row?.attachment_ids), null);
      body = `${head}\n${dl([['Cơ quan soạn thảo / Drafting agency', row?.drafting_agency], ['Lấy ý kiến từ / Open from', row?.opens_on], ['Đến / Until', row?.closes_on], ['Liên hệ / Contact', row?.contact]])}${paragraphs(row?.summary)}\n${row?.body ? await bodyOf(row.body) : ''}${row?.results_summary ? `<h2>Kết quả / Results</h2>${paragraphs(row.results_summary)}` : ''}${att.list}`;
      extra = { draftingAgency: row?.drafting_agency, docType: row?.doc_type, opensOn: row?.opens_on, closesOn: row?.closes_on, resultsSummary: row?.results_summary ?? null, attachments: att.meta };
    } else {
      body = `${head}\n${paragraphs(await indexedText())}`;
    }
    if (!body) body = `${head}\n${paragraphs(await indexedText())}`;
    write(`items/${item.base}.html`, page({ title: item.title, depth: 1, site, body, now: opts.now }));
    const meta = { type: item.type, id: item.id, language: item.language, title: item.title, summary: item.summary, publishedAt: item.publishedAt, originalAddress: original, group: item.group, page: `items/${item.base}.html`, ...extra };
    write(`items/${item.base}.json`, json(meta));
    index.push({ type: item.type, id: item.id, language: item.language, title: item.title, publishedAt: item.publishedAt, originalAddress: original, page: `items/${item.base}.html`, metadata: `items/${item.base}.json` });
    done += 1;
    opts.onProgress?.({ done, total: items.length });
    // Let the server answer requests between items.
    await new Promise((r) => setImmediate(r));
  }

  // One index page per section (or kind of item), and the home index.
  const groups = new Map<string, { label: { vi: string; en: string }; items: Item[] }>();
  for (const item of items) {
    const g = groups.get(item.group) ?? { label: item.groupLabel, items: [] };
    g.items.push(item);
    groups.set(item.group, g);
  }
  const groupList = [...groups.entries()].sort((a, b) => a[1].label.vi.localeCompare(b[1].label.vi, 'vi'));
  for (const [key, g] of groupList) {
    const body = `<h1>${esc(g.label.vi)}${g.label.en !== g.label.vi ? ` / ${esc(g.label.en)}` : ''}</h1>\n<p class="muted">${g.items.length} mục / items</p>\n<ul class="items">${g.items
      .map((i) => `<li><a href="../items/${esc(i.base)}.html">${esc(i.title)}</a> <span class="muted">${esc(formatDateTime(i.publishedAt))}</span></li>`)
      .join('\n')}</ul>`;
    write(`sections/${key}.html`, page({ title: g.label.vi, depth: 1, site, body, now: opts.now }));
  }
  const home = `<h1>${esc(site.name)}</h1>
${dl([
  ['Cơ quan chủ quản / Agency', site.agencyName],
  ['Địa chỉ gốc / Original address', opts.origin],
  ['Thời điểm xuất / Exported at', formatDateTime(opts.now)],
  ['Số mục / Items', String(items.length)],
])}
<h2>Chuyên mục / Sections</h2>
<ul class="items">${groupList.map(([key, g]) => `<li><a href="sections/${esc(key)}.html">${esc(g.label.vi)}</a> (${g.items.length})</li>`).join('\n')}</ul>
<p>Dữ liệu có cấu trúc / Structured data: <a href="index.json">index.json</a>; tệp kiểm tra / checksums: <a href="${MANIFEST}">${MANIFEST}</a>.</p>`;
  write('index.html', page({ title: 'Bản lưu trữ / Archive', depth: 0, site, body: home, now: opts.now }));
  write('style.css', CSS);
  write(
    'index.json',
    json({
      site: { key: site.key, name: site.name, nameEn: site.nameEn, agency: site.agencyName, level: site.level, status: site.status, origin: opts.origin },
      exportedAt: opts.now,
      sections: groupList.map(([key, g]) => ({ key, name: g.label.vi, nameEn: g.label.en, page: `sections/${key}.html`, items: g.items.length })),
      items: index,
    }),
  );
  return writeManifest(outDir, site, opts.now, items.length);
}

/** manifest.json: every other file of the folder with its size and SHA-256. */
export function writeManifest(outDir: string, site: Site, now: string, itemCount: number): ExportSummary {
  const entries = listFiles(outDir)
    .filter((f) => f !== MANIFEST)
    .map((f) => {
      const full = path.join(outDir, f);
      return { path: f, size: statSync(full).size, sha256: sha256File(full) };
    });
  writeFileSync(path.join(outDir, MANIFEST), `${JSON.stringify({ site: site.key, createdAt: now, algorithm: 'sha256', items: itemCount, files: entries }, null, 2)}\n`, 'utf8');
  return { items: itemCount, files: entries.length + 1, bytes: entries.reduce((n, e) => n + e.size, 0) };
}

/** Checks a folder against its manifest: the files that differ, are missing or are not listed. */
export function verifyManifest(outDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(outDir, MANIFEST), 'utf8')) as { files: { path: string; sha256: string }[] };
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    try {
      if (sha256File(path.join(outDir, f.path)) !== f.sha256) problems.push(`changed: ${f.path}`);
    } catch {
      problems.push(`missing: ${f.path}`);
    }
  }
  for (const f of listFiles(outDir)) if (f !== MANIFEST && !listed.has(f)) problems.push(`not listed: ${f}`);
  return problems;
}
