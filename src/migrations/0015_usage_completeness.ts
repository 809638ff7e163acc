// Usage and completeness (issue 13, items 5 and 6; Decree 224/2026 Art. 12).
//
// Usage is counted per Vietnamese day, without anything about the visitor: no
// address, no cookie, no user agent. Page views per item (or per kind of page),
// with the item's section as it was when viewed; site searches per folded query
// (how many, how many found nothing); downloads per file. Rows are written by a
// per-process batch (modules/usage/counter.ts) as upserts, never one per view.
// Ratings are not here: rating_counts (0011) already counts them per month.
//
// Completeness: which sections of a site carry which group of information a
// portal must publish, when the site chose them itself (otherwise sections are
// recognised by their address; modules/completeness).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('usage_daily')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // "2026-11-23", in Vietnam time.
    .addColumn('day', 'text', (c) => c.notNull())
    // 'article', 'procedure', 'question', 'petition', 'consultation', or a kind of page
    // without an item ('home', 'section', 'search', 'other'); item_id 0 then (a section's id for 'section').
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer')
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('usage_daily_pk', ['site_id', 'day', 'item_type', 'item_id'])
    .execute();
  await db.schema.createIndex('usage_daily_section_idx').on('usage_daily').columns(['site_id', 'section_id', 'day']).execute();

  await db.schema
    .createTable('search_daily')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    // Folded (no diacritics, lower case, single spaces): "ho chieu" groups "Hộ chiếu" and "ho chieu".
    .addColumn('query_folded', 'text', (c) => c.notNull())
    // The query as last typed (NFC, trimmed, capped), for the board to read.
    .addColumn('query_display', 'text', (c) => c.notNull())
    .addColumn('searches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('results_zero', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('search_daily_pk', ['site_id', 'day', 'query_folded'])
    .execute();

  await db.schema
    .createTable('download_daily')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    // 'media' (a document's file, a procedure's form, an article's attachment) or 'case_file' (a file sent with an answer).
    .addColumn('file_kind', 'text', (c) => c.notNull())
    .addColumn('file_id', 'integer', (c) => c.notNull())
    .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('download_daily_pk', ['site_id', 'day', 'file_kind', 'file_id'])
    .execute();

  await db.schema
    .createTable('completeness_mappings')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('group_key', 'text', (c) => c.notNull())
    // JSON array of section ids; [] = the site says no section carries the group.
    .addColumn('section_ids', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('completeness_mappings_pk', ['site_id', 'group_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['completeness_mappings', 'download_daily', 'search_daily', 'usage_daily']) await db.schema.dropTable(table).execute();
}
