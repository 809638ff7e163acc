// Deep pages of listings (issue 18, ADR 35). A section page or the document library at
// page 2000 skips ~40,000 rows: with every column the listing filters and sorts on in one
// index, the skipped rows are read from the index alone (an index-only scan on PostgreSQL,
// no row lookups on SQLite), and only the twenty shown are fetched. The new indexes start
// with the columns of the ones they replace, so every query that used those still can.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Newest first, ties by id; section and item type filtered inside the index.
  await db.schema.createIndex('search_documents_listing_idx').on('search_documents').columns(['site_id', 'language', 'published_at', 'id', 'section_id', 'item_type']).execute();
  await db.schema.dropIndex('search_documents_site_time_idx').execute();
  // The library's default order: issued date, ties by article id.
  await db.schema.createIndex('legal_documents_site_issued_id_idx').on('legal_documents').columns(['site_id', 'issued_on', 'article_id']).execute();
  await db.schema.dropIndex('legal_documents_site_issued_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('legal_documents_site_issued_idx').on('legal_documents').columns(['site_id', 'issued_on']).execute();
  await db.schema.dropIndex('legal_documents_site_issued_id_idx').execute();
  await db.schema.createIndex('search_documents_site_time_idx').on('search_documents').columns(['site_id', 'language', 'published_at']).execute();
  await db.schema.dropIndex('search_documents_listing_idx').execute();
}
