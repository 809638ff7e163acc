// The public document library: what citizens look for, read from the
// published tables (legal_documents and its side tables) that the sync fills
// when a document's revision goes live. Every query is scoped by site; only
// live documents are ever seen here.
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import {
  DOCUMENT_LEVELS,
  DOCUMENT_RELATIONS,
  EFFECT_STATUSES,
  effectStatus,
  numberQuery,
  RELATION_LABELS,
  type DocumentLevel,
  type DocumentRelation,
  type EffectStatus,
} from '../../core/documents/index.ts';
import { isIsoDate } from '../../core/time.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Database, LegalDocumentRow } from '../../platform/db/schema.ts';

export const DOCUMENT_SORTS = ['newest', 'number', 'effective'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/** What the library can be asked; every part is optional and already checked. */
export interface DocumentFilters {
  /** Keyword(s), or a number with or without its symbol ("42/2022", "42/2022/nd-cp"). */
  q?: string;
  docType?: string;
  /** The issuing body, compared without case or diacritics. */
  issuer?: string;
  field?: string;
  level?: DocumentLevel;
  year?: number;
  /** Issued on or after / on or before (ISO dates). */
  from?: string;
  to?: string;
  /** Part of the signer's name, without case or diacritics. */
  signer?: string;
  status?: EffectStatus;
  sort?: DocumentSort;
}

export interface LibraryDocument {
  articleId: number;
  slug: string;
  language: string;
  number: string;
  docType: string;
  issuer: string;
  level: string;
  signer: string | null;
  title: string;
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  status: EffectStatus;
  statusOverridden: boolean;
  publishedAt: string;
  attachmentIds: number[];
}

type Eb = ExpressionBuilder<Database, 'legal_documents'>;

/**
 * The effect status of a legal_documents row on `today`, in SQL: the same
 * rules, in the same order, as core effectStatus (a test holds both to the
 * same answers on both engines). Dates are ISO text, so text order is date order.
 */
export function effectStatusSql(today: string): RawBuilder<string> {
  return sql<string>`(case
    when legal_documents.status_override is not null and legal_documents.status_override <> '' then legal_documents.status_override
    when ${today} < coalesce(legal_documents.effective_on, legal_documents.issued_on) then 'not_yet_in_force'
    when legal_documents.expires_on is not null and ${today} >= legal_documents.expires_on then 'expired'
    when legal_documents.replaced_on is not null and ${today} >= legal_documents.replaced_on then 'expired'
    when legal_documents.partly_repealed_on is not null and ${today} >= legal_documents.partly_repealed_on then 'partly_expired'
    else 'in_force' end)`;
}

/** A LIKE pattern that matches `text` literally (with `escape '\'`). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function like(column: string, pattern: string) {
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

/** The condition of a keyword or number search; null when the query has nothing to look for. */
function searchCondition(eb: Eb, q: string): Expression<SqlBool> | null {
  const number = numberQuery(q);
  const words = fold(q)
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean)
    .slice(0, 12);
  const wordsMatch = (columns: string[]) =>
    eb.and(words.map((w) => eb.or(columns.map((c) => like(c, `%${likeLiteral(w)}%`)))));
  if (number !== null) {
    // A number is found by its beginning: "42/2022" finds 42/2022/NĐ-CP, not 142/2022/…;
    // "42" finds 42/… but not 420/….
    const byNumber = /\d$/.test(number)
      ? eb.or([eb('legal_documents.number_folded', '=', number), ...['/', '-', '.'].map((sep) => like('legal_documents.number_folded', `${likeLiteral(number + sep)}%`))])
      : like('legal_documents.number_folded', `${likeLiteral(number)}%`);
    // Bare digits may also be a word of the title ("2022", "khóa 15").
    return /^\d+$/.test(number) && words.length > 0 ? eb.or([byNumber, wordsMatch(['legal_documents.title_folded', 'legal_documents.issuer_folded'])]) : byNumber;
  }
  if (words.length === 0) return null;
  return wordsMatch(['legal_documents.title_folded', 'legal_documents.issuer_folded', 'legal_documents.number_folded']);
}

function filtered(db: Db, siteId: number, f: DocumentFilters, today: string) {
  return db
    .selectFrom('legal_documents')
    .where('legal_documents.site_id', '=', siteId)
    .where((eb) => {
      const conds: Expression<SqlBool>[] = [];
      if (f.q) {
        const c = searchCondition(eb, f.q);
        if (c) conds.push(c);
      }
      if (f.docType) conds.push(eb('legal_documents.doc_type', '=', f.docType));
      if (f.issuer) conds.push(eb('legal_documents.issuer_folded', '=', fold(f.issuer)));
      if (f.level) conds.push(eb('legal_documents.level', '=', f.level));
      if (f.signer) conds.push(like('legal_documents.signer_folded', `%${likeLiteral(fold(f.signer))}%`));
      if (f.year) {
        conds.push(eb('legal_documents.issued_on', '>=', `${f.year}-01-01`));
        conds.push(eb('legal_documents.issued_on', '<=', `${f.year}-12-31`));
      }
      if (f.from) conds.push(eb('legal_documents.issued_on', '>=', f.from));
      if (f.to) conds.push(eb('legal_documents.issued_on', '<=', f.to));
      if (f.status) conds.push(eb(effectStatusSql(today), '=', f.status));
      if (f.field) {
        conds.push(
          eb.exists(
            eb
              .selectFrom('legal_document_fields')
              .select(sql`1`.as('one'))
              .whereRef('legal_document_fields.site_id', '=', 'legal_documents.site_id')
              .whereRef('legal_document_fields.article_id', '=', 'legal_documents.article_id')
              .where('legal_document_fields.field', '=', f.field),
          ),
        );
      }
      return eb.and(conds);
    });
}

export function toLibraryDocument(row: LegalDocumentRow, today: string): LibraryDocument {
  return {
    articleId: row.article_id,
    slug: row.slug,
    language: row.language,
    number: row.number,
    docType: row.doc_type,
    issuer: row.issuer,
    level: row.level,
    signer: row.signer,
    title: row.title,
    issuedOn: row.issued_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    status: statusOfRow(row, today),
    statusOverridden: Boolean(row.status_override),
    publishedAt: row.published_at,
    attachmentIds: parseIds(row.attachment_ids),
  };
}

export function statusOfRow(row: Pick<LegalDocumentRow, 'issued_on' | 'effective_on' | 'expires_on' | 'status_override' | 'replaced_on' | 'partly_repealed_on'>, today: string): EffectStatus {
  const override = row.status_override && (EFFECT_STATUSES as readonly string[]).includes(row.status_override) ? (row.status_override as EffectStatus) : null;
  return effectStatus(
    { issuedOn: row.issued_on, effectiveOn: row.effective_on, expiresOn: row.expires_on, statusOverride: override, replacedOn: row.replaced_on, partlyRepealedOn: row.partly_repealed_on },
    today,
  );
}

function parseIds(text: string): number[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n) && n > 0) : [];
  } catch {
    return [];
  }
}

/** The library's orders; ties by article id, so that pages neither repeat nor skip a document. */
function inOrder<Q extends SelectQueryBuilder<Database, 'legal_documents', any>>(q: Q, sort: DocumentFilters['sort']): Q {
  switch (sort ?? 'newest') {
    case 'number':
      return q.orderBy('legal_documents.number_folded', 'asc').orderBy('legal_documents.article_id', 'asc') as Q;
    case 'effective':
      return q.orderBy(sql`coalesce(legal_documents.effective_on, legal_documents.issued_on)`, 'desc').orderBy('legal_documents.article_id', 'desc') as Q;
    default:
      return q.orderBy('legal_documents.issued_on', 'desc').orderBy('legal_documents.article_id', 'desc') as Q;
  }
}

/**
 * One page of the library, with how many documents match in all. The page's ids are chosen
 * first (from legal_documents_site_issued_id_idx alone in the default order, ADR 35), then only
 * those rows are read: a deep page does not fetch the rows it skips, on PostgreSQL either.
 */
export async function listDocuments(db: Db, siteId: number, f: DocumentFilters, page: { limit: number; offset: number }, today: string): Promise<{ total: number; documents: LibraryDocument[] }> {
  const base = filtered(db, siteId, f, today);
  const ids = inOrder(base.select('legal_documents.article_id'), f.sort).limit(page.limit).offset(page.offset);
  const [rows, count] = await Promise.all([
    inOrder(db.selectFrom('legal_documents').selectAll('legal_documents').where('legal_documents.article_id', 'in', ids), f.sort).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), documents: rows.map((r) => toLibraryDocument(r, today)) };
}

/** Every published document of a site, newest issued first (open data, the feed). */
export async function allDocuments(db: Db, siteId: number, today: string, opts: { limit?: number; orderBy?: 'issued' | 'published' } = {}): Promise<LibraryDocument[]> {
  let q = db.selectFrom('legal_documents').selectAll().where('site_id', '=', siteId);
  q = opts.orderBy === 'published' ? q.orderBy('published_at', 'desc').orderBy('article_id', 'desc') : q.orderBy('issued_on', 'desc').orderBy('article_id', 'desc');
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.execute()).map((r) => toLibraryDocument(r, today));
}

export async function documentBySlug(db: Db, siteId: number, slug: string, today: string): Promise<LibraryDocument | null> {
  const row = await db.selectFrom('legal_documents').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  return row ? toLibraryDocument(row, today) : null;
}

/** The live slug of a document that had `slug` before (an old address), or null. */
export async function movedDocumentSlug(db: Db, siteId: number, slug: string): Promise<string | null> {
  const row = await db
    .selectFrom('article_slugs')
    .innerJoin('legal_documents', (j) => j.onRef('legal_documents.article_id', '=', 'article_slugs.article_id').onRef('legal_documents.site_id', '=', 'article_slugs.site_id'))
    .select('legal_documents.slug')
    .where('article_slugs.site_id', '=', siteId)
    .where('article_slugs.slug', '=', slug)
    .executeTakeFirst();
  return row && row.slug !== slug ? row.slug : null;
}

/** Fields (lĩnh vực) of documents, by article id. */
export async function fieldsOf(db: Db, siteId: number, articleIds?: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (articleIds && articleIds.length === 0) return out;
  const chunks = articleIds ? chunk(articleIds, 500) : [null];
  for (const ids of chunks) {
    let q = db.selectFrom('legal_document_fields').select(['article_id', 'field']).where('site_id', '=', siteId);
    if (ids) q = q.where('article_id', 'in', ids);
    for (const r of await q.orderBy('article_id').orderBy('field').execute()) {
      const list = out.get(r.article_id) ?? [];
      list.push(r.field);
      out.set(r.article_id, list);
    }
  }
  return out;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface RelatedDocument {
  relation: DocumentRelation;
  /** Which side this document is on: it states the relation (forward) or is its object (backward). */
  direction: 'forward' | 'backward';
  label: { vi: string; en: string };
  slug: string;
  number: string;
  title: string;
  issuedOn: string;
}

/**
 * The published documents of the same site related to one, both ways: those it
 * names (with the forward label, "Thay thế") and those that name it (with the
 * backward label, "Bị thay thế bởi").
 */
export async function relationsOf(db: Db, siteId: number, articleId: number): Promise<RelatedDocument[]> {
  const cols = ['legal_documents.slug', 'legal_documents.number', 'legal_documents.title', 'legal_documents.issued_on', 'legal_document_relations.relation'] as const;
  const [outgoing, incoming] = await Promise.all([
    db
      .selectFrom('legal_document_relations')
      .innerJoin('legal_documents', (j) => j.onRef('legal_documents.article_id', '=', 'legal_document_relations.to_article_id').onRef('legal_documents.site_id', '=', 'legal_document_relations.site_id'))
      .select(cols)
      .where('legal_document_relations.site_id', '=', siteId)
      .where('legal_document_relations.from_article_id', '=', articleId)
      .orderBy('legal_documents.issued_on', 'desc')
      .execute(),
    db
      .selectFrom('legal_document_relations')
      .innerJoin('legal_documents', (j) => j.onRef('legal_documents.article_id', '=', 'legal_document_relations.from_article_id').onRef('legal_documents.site_id', '=', 'legal_document_relations.site_id'))
      .select(cols)
      .where('legal_document_relations.site_id', '=', siteId)
      .where('legal_document_relations.to_article_id', '=', articleId)
      .orderBy('legal_documents.issued_on', 'desc')
      .execute(),
  ]);
  type Row = (typeof outgoing)[number];
  const known = (rows: Row[]) => rows.filter((r) => (DOCUMENT_RELATIONS as readonly string[]).includes(r.relation)).map((r) => ({ ...r, relation: r.relation as DocumentRelation }));
  const order = (r: DocumentRelation) => DOCUMENT_RELATIONS.indexOf(r);
  const out: RelatedDocument[] = [
    ...known(outgoing).map((r) => ({ relation: r.relation, direction: 'forward' as const, label: RELATION_LABELS[r.relation].forward, slug: r.slug, number: r.number, title: r.title, issuedOn: r.issued_on })),
    ...known(incoming).map((r) => ({ relation: r.relation, direction: 'backward' as const, label: RELATION_LABELS[r.relation].backward, slug: r.slug, number: r.number, title: r.title, issuedOn: r.issued_on })),
  ];
  return out.sort((a, b) => (a.direction === b.direction ? order(a.relation) - order(b.relation) : a.direction === 'forward' ? -1 : 1));
}

/** What the filter form offers: the issuers and years the site's published documents have. */
export async function libraryFacets(db: Db, siteId: number): Promise<{ issuers: string[]; years: number[] }> {
  const [issuers, years] = await Promise.all([
    db.selectFrom('legal_documents').select('issuer').distinct().where('site_id', '=', siteId).orderBy('issuer').limit(300).execute(),
    db.selectFrom('legal_documents').select(sql<string>`substr(issued_on, 1, 4)`.as('y')).distinct().where('site_id', '=', siteId).execute(),
  ]);
  // Issuers that differ only by case or spacing are one.
  const seen = new Set<string>();
  const uniqueIssuers = issuers.map((r) => r.issuer).filter((i) => (seen.has(fold(i)) ? false : (seen.add(fold(i)), true)));
  return { issuers: uniqueIssuers, years: years.map((r) => Number(r.y)).filter((y) => Number.isInteger(y)).sort((a, b) => b - a) };
}

/** How often each file was downloaded, by media id. */
export async function downloadCounts(db: Db, siteId: number, mediaIds: number[]): Promise<Map<number, number>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await db.selectFrom('download_counts').select(['media_id', 'count']).where('site_id', '=', siteId).where('media_id', 'in', mediaIds).execute();
  return new Map(rows.map((r) => [r.media_id, Number(r.count)]));
}

// ---- Reading filters from a query string ------------------------------------------------------

const STATUS_PARAMS: Record<string, EffectStatus> = {
  'chua-co-hieu-luc': 'not_yet_in_force',
  'con-hieu-luc': 'in_force',
  'het-hieu-luc-mot-phan': 'partly_expired',
  'het-hieu-luc': 'expired',
};
export const STATUS_PARAM_OF: Record<EffectStatus, string> = Object.fromEntries(Object.entries(STATUS_PARAMS).map(([k, v]) => [v, k])) as Record<EffectStatus, string>;

const SORT_PARAMS: Record<string, DocumentSort> = { 'moi-nhat': 'newest', 'so-hieu': 'number', 'hieu-luc': 'effective' };
export const SORT_PARAM_OF: Record<DocumentSort, string> = { newest: 'moi-nhat', number: 'so-hieu', effective: 'hieu-luc' };

function text(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  return value.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, max);
}

function isoDateOf(value: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const iso = m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : value;
  return isIsoDate(iso) ? iso : null;
}

export interface ReadFilters {
  filters: DocumentFilters;
  /** What the form shows back (as typed, or empty when it was ignored). */
  values: Record<string, string>;
  /** Values that could not be understood and were left out, by parameter name. */
  ignored: string[];
}

/**
 * The library's filters from a query string (Vietnamese parameter names on the
 * pages: q, loai, co-quan, linh-vuc, cap, nam, tu, den, nguoi-ky, hieu-luc, sap-xep;
 * the API passes English names through `names`). A value that makes no sense is
 * left out and named, never an error.
 */
export function readFilters(query: Record<string, unknown>, known: { types: string[]; fields: string[] }, names: Partial<Record<ParamKey, string>> = {}): ReadFilters {
  const n = { ...PAGE_PARAM_NAMES, ...names };
  const filters: DocumentFilters = {};
  const values: Record<string, string> = {};
  const ignored: string[] = [];
  const take = (key: ParamKey, max = 200) => text(query[n[key]], max);

  const q = take('q');
  if (q) (filters.q = q), (values.q = q);
  const docType = take('type', 60);
  if (docType) known.types.includes(docType) ? ((filters.docType = docType), (values.type = docType)) : ignored.push(n.type);
  const issuer = take('issuer');
  if (issuer) (filters.issuer = issuer), (values.issuer = issuer);
  const field = take('field');
  if (field) known.fields.includes(field) ? ((filters.field = field), (values.field = field)) : ignored.push(n.field);
  const level = take('level', 20);
  if (level) (DOCUMENT_LEVELS as readonly string[]).includes(level) ? ((filters.level = level as DocumentLevel), (values.level = level)) : ignored.push(n.level);
  const year = take('year', 10);
  if (year) /^\d{4}$/.test(year) && Number(year) >= 1945 && Number(year) <= 2100 ? ((filters.year = Number(year)), (values.year = year)) : ignored.push(n.year);
  const from = take('from', 20);
  if (from) {
    const iso = isoDateOf(from);
    iso ? ((filters.from = iso), (values.from = iso)) : ignored.push(n.from);
  }
  const to = take('to', 20);
  if (to) {
    const iso = isoDateOf(to);
    iso ? ((filters.to = iso), (values.to = iso)) : ignored.push(n.to);
  }
  const signer = take('signer', 120);
  if (signer) (filters.signer = signer), (values.signer = signer);
  const status = take('status', 40);
  if (status) {
    const s = STATUS_PARAMS[status] ?? ((EFFECT_STATUSES as readonly string[]).includes(status) ? (status as EffectStatus) : null);
    s ? ((filters.status = s), (values.status = s)) : ignored.push(n.status);
  }
  const sort = take('sort', 20);
  if (sort) {
    const s = SORT_PARAMS[sort] ?? ((DOCUMENT_SORTS as readonly string[]).includes(sort) ? (sort as DocumentSort) : null);
    s ? ((filters.sort = s), (values.sort = s)) : ignored.push(n.sort);
  }
  return { filters, values, ignored };
}

export type ParamKey = 'q' | 'type' | 'issuer' | 'field' | 'level' | 'year' | 'from' | 'to' | 'signer' | 'status' | 'sort';

/** Query parameter names of the public pages. */
export const PAGE_PARAM_NAMES: Record<ParamKey, string> = {
  q: 'q',
  type: 'loai',
  issuer: 'co-quan',
  field: 'linh-vuc',
  level: 'cap',
  year: 'nam',
  from: 'tu',
  to: 'den',
  signer: 'nguoi-ky',
  status: 'hieu-luc',
  sort: 'sap-xep',
};

/** The query string that asks for `filters` again (for the pager and links), in page parameter names. */
export function filterQuery(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!value) continue;
    const k = key as ParamKey;
    if (k === 'status') out[PAGE_PARAM_NAMES.status] = STATUS_PARAM_OF[value as EffectStatus] ?? value;
    else if (k === 'sort') {
      if (value !== 'newest') out[PAGE_PARAM_NAMES.sort] = SORT_PARAM_OF[value as DocumentSort] ?? value;
    } else if (PAGE_PARAM_NAMES[k]) out[PAGE_PARAM_NAMES[k]] = value;
  }
  return out;
}
