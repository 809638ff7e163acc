// The public site: the search index (FTS5 on SQLite, tsvector on PostgreSQL,
// both over the same folded text), contact messages, visit counts, ratings.
import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('search_documents'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    // Lower-case NFC, for ranking exact-diacritic matches first.
    .addColumn('title_lc', 'text', (c) => c.notNull())
    .addColumn('text_lc', 'text', (c) => c.notNull())
    // Folded (no diacritics, đ→d, lower-case) words separated by spaces: what both engines index.
    .addColumn('folded_title', 'text', (c) => c.notNull())
    .addColumn('folded_body', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    // For listings (home, sections, tags): the published items are exactly the indexed documents.
    .addColumn('cover_media_id', 'integer')
    .addColumn('is_reference', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('search_documents_item_uq', ['site_id', 'item_type', 'item_id'])
    .execute();
  await db.schema.createIndex('search_documents_site_time_idx').on('search_documents').columns(['site_id', 'language', 'published_at']).execute();
  await db.schema.createIndex('search_documents_section_idx').on('search_documents').columns(['site_id', 'section_id', 'published_at']).execute();

  await db.schema
    .createTable('published_tags')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('tag_slug', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('published_tags_pk', ['site_id', 'tag_slug', 'item_type', 'item_id'])
    .execute();
  await db.schema.createIndex('published_tags_time_idx').on('published_tags').columns(['site_id', 'tag_slug', 'published_at']).execute();

  if (isPostgres(db)) {
    await sql`alter table search_documents add column tsv tsvector generated always as (setweight(to_tsvector('simple', folded_title), 'A') || setweight(to_tsvector('simple', folded_body), 'B')) stored`.execute(db);
    await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
  } else {
    // External-content FTS5 table kept in step with search_documents by triggers.
    await sql`create virtual table search_fts using fts5(folded_title, folded_body, content='search_documents', content_rowid='id', tokenize='unicode61')`.execute(db);
    await sql`create trigger search_documents_ai after insert on search_documents begin
      insert into search_fts(rowid, folded_title, folded_body) values (new.id, new.folded_title, new.folded_body);
    end`.execute(db);
    await sql`create trigger search_documents_ad after delete on search_documents begin
      insert into search_fts(search_fts, rowid, folded_title, folded_body) values ('delete', old.id, old.folded_title, old.folded_body);
    end`.execute(db);
    await sql`create trigger search_documents_au after update on search_documents begin
      insert into search_fts(search_fts, rowid, folded_title, folded_body) values ('delete', old.id, old.folded_title, old.folded_body);
      insert into search_fts(rowid, folded_title, folded_body) values (new.id, new.folded_title, new.folded_body);
    end`.execute(db);
  }

  await withId(db, db.schema.createTable('contact_messages'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('handled_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('handled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_messages_site_idx').on('contact_messages').columns(['site_id', 'status', 'created_at']).execute();

  // Counts only: no address, no cookie, nothing that identifies a visitor.
  await db.schema
    .createTable('site_visits')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_visits_pk', ['site_id', 'date'])
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('useful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_useful', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ratings_pk', ['site_id', 'item_type', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ratings').execute();
  await db.schema.dropTable('published_tags').execute();
  await db.schema.dropTable('site_visits').execute();
  await db.schema.dropTable('contact_messages').execute();
  if (!isPostgres(db)) await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}
