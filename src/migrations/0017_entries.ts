// Declared sections (issue 14, ADR 19): an entry of a declared section kind
// (schedule week, announcement, project, leader…) is an article of kind
// 'entry' whose `details` hold its field values and whose `entry_kind` names
// the declaration. What the public list filters and sorts on is copied, when
// the entry's live revision changes, into entry_fields: one row per value.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('entry_kind', 'text').execute();
  await db.schema.createIndex('articles_entry_kind').on('articles').columns(['site_id', 'entry_kind']).execute();
  await db.schema
    .createTable('entry_fields')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('entry_kind', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    // Exact value: a choice, a unit id, an instant.
    .addColumn('value', 'text')
    // Folded text (no diacritics, lower case) for "contains" filters.
    .addColumn('folded', 'text')
    .addColumn('number', 'double precision')
    // yyyy-mm-dd; for a range its start, and date_end its end (null: open).
    .addColumn('date', 'text')
    .addColumn('date_end', 'text')
    .execute();
  await db.schema.createIndex('entry_fields_article').on('entry_fields').columns(['article_id']).execute();
  await db.schema.createIndex('entry_fields_value').on('entry_fields').columns(['site_id', 'entry_kind', 'field', 'value']).execute();
  await db.schema.createIndex('entry_fields_date').on('entry_fields').columns(['site_id', 'entry_kind', 'field', 'date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('entry_fields').execute();
  await db.schema.dropIndex('articles_entry_kind').execute();
  await db.schema.alterTable('articles').dropColumn('entry_kind').execute();
}
