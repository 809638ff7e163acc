// Keeps the published-documents tables in step with publication, as
// search_documents is for the search: legal_documents (+ its fields and
// relations) holds exactly the live revision of every published document of a
// site, and nothing else. Called by syncPublicIndex inside the transaction that
// publishes, corrects, unpublishes or takes a document down.
import { foldNumber, type DocumentDetails } from '../../core/documents/index.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { ArticleContent } from '../articles/article.ts';

/** Relations that end (wholly or partly) the effect of their target once they take effect. */
const ENDING_RELATIONS = { replaces: 'replaced_on', partly_repeals: 'partly_repealed_on' } as const;

/**
 * Writes (or removes, when `live` is null) the published document of `row`,
 * then recomputes replaced_on / partly_repealed_on on every document its
 * relations pointed at before or point at now.
 */
export async function syncLegalDocument(db: Db, row: ArticleRow, live: ArticleContent | null, publishedAt: string): Promise<void> {
  const siteId = row.site_id;
  const before = await db.selectFrom('legal_document_relations').select('to_article_id').where('site_id', '=', siteId).where('from_article_id', '=', row.id).execute();
  await db.deleteFrom('legal_document_relations').where('site_id', '=', siteId).where('from_article_id', '=', row.id).execute();
  await db.deleteFrom('legal_document_fields').where('site_id', '=', siteId).where('article_id', '=', row.id).execute();
  await db.deleteFrom('legal_documents').where('site_id', '=', siteId).where('article_id', '=', row.id).execute();

  const d = live?.kind === 'document' ? live.document : null;
  const touched = new Set(before.map((r) => r.to_article_id));
  if (live && d) {
    await insertLegalDocument(db, row, live, d, publishedAt);
    for (const r of d.relations) touched.add(r.toArticleId);
    // Its own end dates come from the published documents that point at it.
    touched.add(row.id);
  }
  for (const target of touched) await recomputeEndDates(db, siteId, target);
}

async function insertLegalDocument(db: Db, row: ArticleRow, c: ArticleContent, d: DocumentDetails, publishedAt: string): Promise<void> {
  await db
    .insertInto('legal_documents')
    .values({
      article_id: row.id,
      site_id: row.site_id,
      slug: row.slug,
      language: c.language,
      number: d.number,
      number_folded: foldNumber(d.number),
      doc_type: d.docType,
      issuer: d.issuer,
      issuer_folded: fold(d.issuer),
      level: d.level,
      signer: d.signer,
      signer_folded: d.signer ? fold(d.signer) : null,
      title: c.title,
      title_folded: fold(c.title),
      issued_on: d.issuedOn,
      effective_on: d.effectiveOn,
      expires_on: d.expiresOn,
      status_override: d.statusOverride,
      replaced_on: null,
      partly_repealed_on: null,
      published_at: publishedAt,
      attachment_ids: JSON.stringify(c.attachmentIds),
    })
    .execute();
  if (d.fields.length > 0) {
    await db.insertInto('legal_document_fields').values(d.fields.map((field) => ({ site_id: row.site_id, article_id: row.id, field }))).execute();
  }
  // Only targets that are documents of this same site are kept (the save refused others already).
  const targets = d.relations.map((r) => r.toArticleId);
  const valid = targets.length === 0 ? [] : await db.selectFrom('articles').select('id').where('site_id', '=', row.site_id).where('kind', '=', 'document').where('id', 'in', targets).execute();
  const rows = d.relations.filter((r) => r.toArticleId !== row.id && valid.some((v) => v.id === r.toArticleId));
  if (rows.length > 0) {
    await db.insertInto('legal_document_relations').values(rows.map((r) => ({ site_id: row.site_id, from_article_id: row.id, relation: r.relation, to_article_id: r.toArticleId }))).execute();
  }
}

/**
 * The date a published target stops (wholly or partly) being in force: when
 * the earliest published document that replaces (partly repeals) it takes
 * effect — its date of effect, or of issue when none is given.
 */
export async function recomputeEndDates(db: Db, siteId: number, targetId: number): Promise<void> {
  const sources = await db
    .selectFrom('legal_document_relations as r')
    .innerJoin('legal_documents as d', (j) => j.onRef('d.article_id', '=', 'r.from_article_id').onRef('d.site_id', '=', 'r.site_id'))
    .select(['r.relation', 'd.effective_on', 'd.issued_on'])
    .where('r.site_id', '=', siteId)
    .where('r.to_article_id', '=', targetId)
    .where('r.relation', 'in', Object.keys(ENDING_RELATIONS))
    .execute();
  const earliest = (relation: string) =>
    sources
      .filter((s) => s.relation === relation)
      .map((s) => s.effective_on ?? s.issued_on)
      .sort()[0] ?? null;
  await db
    .updateTable('legal_documents')
    .set({ replaced_on: earliest('replaces'), partly_repealed_on: earliest('partly_repeals') })
    .where('site_id', '=', siteId)
    .where('article_id', '=', targetId)
    .execute();
}
