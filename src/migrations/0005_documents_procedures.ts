// Legal documents (văn bản) and administrative procedures (thủ tục hành chính).
//
// A document is an article of kind 'document': it is written, reviewed,
// published, corrected and taken down by the same workflow, and its revisions
// keep its details (number, type, issuer, dates, relations) as JSON. What the
// public library filters on is copied, when a revision goes live, into
// legal_documents and its two side tables, as search_documents is for the search.
//
// Procedures are a register kept by the board: their own table and revisions.
import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  // The working copy's document details (JSON) and the key a pushed document is found by again.
  await db.schema.alterTable('articles').addColumn('details', 'text').execute();
  await db.schema.alterTable('articles').addColumn('document_key', 'text').execute();
  await db.schema.createIndex('articles_document_key_idx').on('articles').columns(['site_id', 'document_key']).where('document_key', 'is not', null).execute();

  // The published documents of a site, one row per live document.
  await db.schema
    .createTable('legal_documents')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    // Lower-case without diacritics ("42/2022/nd-cp"): the number search reads it.
    .addColumn('number_folded', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issuer_folded', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('signer', 'text')
    .addColumn('signer_folded', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text')
    .addColumn('expires_on', 'text')
    // Set by hand (with a note) when the dates and relations do not tell the whole story.
    .addColumn('status_override', 'text')
    // When a published document that replaces (or partly repeals) this one takes effect.
    .addColumn('replaced_on', 'text')
    .addColumn('partly_repealed_on', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('legal_documents_site_issued_idx').on('legal_documents').columns(['site_id', 'issued_on']).execute();
  await db.schema.createIndex('legal_documents_site_number_idx').on('legal_documents').columns(['site_id', 'number_folded']).execute();
  await db.schema.createIndex('legal_documents_site_published_idx').on('legal_documents').columns(['site_id', 'published_at']).execute();

  await db.schema
    .createTable('legal_document_fields')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('legal_document_fields_pk', ['site_id', 'article_id', 'field'])
    .execute();
  await db.schema.createIndex('legal_document_fields_field_idx').on('legal_document_fields').columns(['site_id', 'field']).execute();

  // Relations as the source document states them; the other side is read by to_article_id.
  await db.schema
    .createTable('legal_document_relations')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('from_article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('to_article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addPrimaryKeyConstraint('legal_document_relations_pk', ['site_id', 'from_article_id', 'relation', 'to_article_id'])
    .execute();
  await db.schema.createIndex('legal_document_relations_to_idx').on('legal_document_relations').columns(['site_id', 'to_article_id']).execute();

  // Downloads of a file, counted per item it was downloaded from.
  await db.schema
    .createTable('download_counts')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id'))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('download_counts_pk', ['site_id', 'media_id'])
    .execute();

  await withId(db, db.schema.createTable('procedures'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('agency', 'text', (c) => c.notNull())
    // Steps, method, dossier, time limit, subjects, result, fees, legal basis, conditions, forms,
    // online service level and link, handling official (JSON; see src/core/procedures).
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('procedures_site_code_uq').on('procedures').columns(['site_id', 'code']).unique().execute();
  await db.schema.createIndex('procedures_site_slug_idx').on('procedures').columns(['site_id', 'slug']).execute();
  await db.schema.createIndex('procedures_site_field_idx').on('procedures').columns(['site_id', 'status', 'field']).execute();

  await withId(db, db.schema.createTable('procedure_revisions'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedures.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('procedure_revisions_uq', ['procedure_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['procedure_revisions', 'procedures', 'download_counts', 'legal_document_relations', 'legal_document_fields', 'legal_documents']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('articles_document_key_idx').execute();
  await db.schema.alterTable('articles').dropColumn('document_key').execute();
  await db.schema.alterTable('articles').dropColumn('details').execute();
}
