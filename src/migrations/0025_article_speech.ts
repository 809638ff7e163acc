// Listening to an article (issue 16): speech generated in the background for
// each published revision, kept in the file store. One row per (site, article,
// revision); the worker claims a pending row with a lease so that one node
// generates it, and retries failures with a growing delay.
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('article_speech'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
      .addColumn('revision_id', 'integer', (c) => c.notNull().references('article_revisions.id'))
      // pending | ready | failed | skipped
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('voice', 'text')
      // The MP3 in the file store (its SHA-256), once ready.
      .addColumn('file_sha256', 'text')
      .addColumn('bytes', 'integer')
      .addColumn('duration_ms', 'integer')
      .addColumn('text_chars', 'integer')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      // When a pending or failed row may be tried (again).
      .addColumn('next_attempt_at', 'text')
      // A node generating the row holds it until then.
      .addColumn('lease_until', 'text')
      .addColumn('ready_at', 'text'),
  ).execute();
  await db.schema.createIndex('article_speech_revision').unique().on('article_speech').columns(['site_id', 'article_id', 'revision_id']).execute();
  await db.schema.createIndex('article_speech_due').on('article_speech').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_speech').execute();
}
