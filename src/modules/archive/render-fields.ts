// How the archive's offline pages show a document's details and an entry's
// declared fields: with the labels and value formatting of the public site
// (the document library's words and label tables, the entry kind's
// declaration and the public entry page's FieldValue), relations and
// references as links to their page inside the archive when it is exported,
// pictures as <img> from the exported files. The JSON files keep the raw
// values; only the HTML is rendered here (ADR 29).
import { DOCUMENT_LEVELS, DOCUMENT_LEVEL_LABELS, EFFECT_STATUSES, EFFECT_STATUS_LABELS, documentCatalogue, effectStatus, typeLabel, type DocumentDetails, type EffectStatus } from '../../core/documents/index.ts';
import { sectionKind, type EntryValues, type FieldDecl, type PictureValue } from '../../core/entries/index.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { relationsOf } from '../documents/library.ts';
import { libraryText } from '../documents/library-messages.ts';
import { entryText } from '../entries/public/messages.ts';
import { FieldValue, fileSize, loadLookup } from '../entries/public/values.tsx';
import { paths } from '../public/site-view.ts';
import type { Site } from '../sites/site.ts';

/** Escapes text for HTML content and attribute values. */
function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** What the exporter knows of the archive it writes. */
export interface ArchiveLinks {
  /** The page (relative to items/) of a public address when it is exported, else null. */
  pageOf(url: string): string | null;
  /** The site's public origin, for what is not exported. */
  origin: string;
  /** Copies these library files (public ones of the site only) and gives their path relative to items/. */
  localMedia(ids: number[]): Promise<Map<number, string>>;
  /** The export's moment (ISO): a document's effect status is given as of that day. */
  now: string;
}

/** A public address as seen from items/: its page in the archive, else the original address. */
function href(links: ArchiveLinks, url: string): string {
  return links.pageOf(url) ?? `${links.origin}${url}`;
}

/** A table of label → value (HTML) rows, inside a wrapper that scrolls on a narrow screen. */
function table(caption: string, rows: [string, string][], cls: string): string {
  const shown = rows.filter(([, v]) => v !== '');
  if (!shown.length) return '';
  return `<div class="table-wrap"><table class="${cls}"><caption>${esc(caption)}</caption><tbody>${shown.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table></div>`;
}

function levelLabel(level: string, lang: Lang): string {
  return (DOCUMENT_LEVELS as readonly string[]).includes(level) ? DOCUMENT_LEVEL_LABELS[level as keyof typeof DOCUMENT_LEVEL_LABELS][lang] : level;
}

/**
 * A document's details as the public document page shows them (Số, ký hiệu;
 * Loại văn bản; Cơ quan ban hành; Lĩnh vực; dates dd/mm/yyyy; the effect status
 * as of the export), and its relations both ways, each a link to the related
 * document's page in the archive.
 */
export async function documentDetailsHtml(db: Db, site: Site, articleId: number, d: DocumentDetails, links: ArchiveLinks, lang: Lang = 'vi'): Promise<string> {
  const t = libraryText(lang);
  const catalogue = documentCatalogue(site.settings as unknown as Record<string, unknown>);
  const row = await db.selectFrom('legal_documents').select(['replaced_on', 'partly_repealed_on']).where('site_id', '=', site.id).where('article_id', '=', articleId).executeTakeFirst();
  const today = vietnamDate(new Date(links.now));
  const override = d.statusOverride && (EFFECT_STATUSES as readonly string[]).includes(d.statusOverride) ? (d.statusOverride as EffectStatus) : null;
  const status = effectStatus({ issuedOn: d.issuedOn, effectiveOn: d.effectiveOn ?? null, expiresOn: d.expiresOn ?? null, statusOverride: override, replacedOn: row?.replaced_on ?? null, partlyRepealedOn: row?.partly_repealed_on ?? null }, today);
  const notGiven = `<span class="muted">${esc(t.notGiven)}</span>`;
  const date = (iso: string | null | undefined) => (iso ? `<time datetime="${esc(iso)}">${esc(formatDate(iso))}</time>` : notGiven);
  const text = (v: string | null | undefined) => (v ? esc(v) : notGiven);
  const meta = table(
    t.metadata,
    [
      [t.number, text(d.number)],
      [t.type, text(typeLabel(catalogue, d.docType)[lang])],
      [t.issuer, text(d.issuer)],
      [t.fields, text((d.fields ?? []).join(', '))],
      [t.level, text(levelLabel(d.level, lang))],
      [t.signer, text(d.signer)],
      [t.issuedOn, date(d.issuedOn)],
      [t.effectiveOn, date(d.effectiveOn)],
      [t.expiresOn, date(d.expiresOn)],
      [format(t.statusToday, { date: formatDate(today) }), `<strong>${esc(EFFECT_STATUS_LABELS[status][lang])}</strong>${override ? ` <span class="muted">(${esc(t.statusSetByHand)})</span>` : ''}`],
      [t.statusNote, override && d.statusNote ? esc(d.statusNote) : ''],
    ],
    'doc-meta',
  );
  const related = await relationsOf(db, site.id, articleId);
  const relations = related.length
    ? `<section><h2>${esc(t.relations)}</h2><ul class="doc-relations">${related
        .map((r) => `<li>${esc(r.label[lang])} văn bản <a href="${esc(href(links, paths.document(r.slug)))}">${esc(r.number)}</a> — ${esc(r.title)} <span class="muted">(${esc(t.issuedOn)} ${esc(formatDate(r.issuedOn))})</span></li>`)
        .join('')}</ul></section>`
    : '';
  return meta + relations;
}

function pictureValues(v: unknown): PictureValue[] {
  return (Array.isArray(v) ? v : [v]).filter((p): p is PictureValue => Boolean(p) && typeof (p as PictureValue).mediaId === 'number');
}

/** Long content (rich text, tables, pictures, timelines) goes under its own heading, as on the public entry page. */
function isLong(f: FieldDecl): boolean {
  return f.type === 'richtext' || f.type === 'rows' || f.type === 'pictures' || f.type === 'picture' || f.type === 'articles';
}

/**
 * An entry's public fields with the labels of its kind's declaration and the
 * public entry page's formatting (money in đồng, dates dd/mm/yyyy, choices by
 * their label, units and people by name); documents, entries and articles it
 * names link to their public address and pictures and files to the library's,
 * which the exporter then makes local like a body's (the page in the archive,
 * the exported copy); a picture without its own description takes the
 * library's, and a private file is left out.
 */
export async function entryFieldsHtml(db: Db, site: Site, entry: { kind: string; values: EntryValues }, links: ArchiveLinks, lang: Lang = 'vi'): Promise<string> {
  const kind = sectionKind(entry.kind);
  if (!kind) return '';
  const values = entry.values;
  const fields = kind.fields.filter((f) => !f.internal && values[f.key] !== undefined && values[f.key] !== null && values[f.key] !== '');
  const lookup = await loadLookup(db, site.id, kind, [values], lang);
  // Addresses stay the site's own (/media/…, /van-ban/…): the exporter makes them local like a body's.
  const local = await links.localMedia([...lookup.media.keys()]);
  for (const id of [...lookup.media.keys()]) if (!local.has(id)) lookup.media.delete(id); // a private or missing file stays out
  const shown = { ...values };
  for (const f of fields) {
    if (f.type !== 'picture' && f.type !== 'pictures') continue;
    const pics = pictureValues(values[f.key]).map((p) => ({ ...p, alt: p.alt || lookup.media.get(p.mediaId)?.alt || '' }));
    shown[f.key] = f.type === 'picture' ? (pics[0] ?? null) : pics;
  }
  const value = (f: FieldDecl) => String(FieldValue({ field: f, value: shown[f.key], lookup, lang }));
  const t = entryText(lang);
  const short = table(
    t.details,
    fields.filter((f) => !isLong(f)).map((f) => [f.label[lang], value(f)]),
    'doc-meta entry-fields',
  );
  const long = fields
    .filter(isLong)
    .map((f) => {
      const html = value(f).replace(/<table\b/g, '<div class="table-wrap"><table').replace(/<\/table>/g, '</table></div>');
      if (!html) return '';
      return f.type === 'picture' ? `<div class="entry-picture">${html}</div>` : `<section><h2>${esc(f.label[lang])}</h2>${html}</section>`;
    })
    .join('');
  return short + long;
}

/** The size of a file, with the decimal comma in Vietnamese ("0,4 MB", "85 KB" for a small one). */
export function sizeText(bytes: number | null, lang: Lang): string {
  return bytes === null ? '' : fileSize(bytes, lang);
}

/** An export's name from its moment, in Vietnam time (as the back office shows it): konray-20261207-103000. */
export function exportStamp(now: string): string {
  const local = new Date(Date.parse(now) + 7 * 3600 * 1000).toISOString();
  return local.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
