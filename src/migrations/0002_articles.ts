// Editorial content: sections, articles with their working copy, revisions,
// corrections, workflow history, media, screening rules, notifications, jobs.
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('sections'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('parent_id', 'integer', (c) => c.references('sections.id'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text')
      .addColumn('description', 'text')
      .addColumn('is_reference', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('archived_at', 'text')
      .addUniqueConstraint('sections_site_slug_uq', ['site_id', 'slug']),
  ).execute();

  await withId(db, db.schema.createTable('media'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('alt', 'text')
    .addColumn('caption', 'text')
    .addColumn('open_format', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('media_site_idx').on('media').columns(['site_id', 'created_at']).execute();

  await withTimestamps(
    withId(db, db.schema.createTable('articles'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      // The working copy: what editors see and change.
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('title_folded', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('cover_media_id', 'integer', (c) => c.references('media.id'))
      .addColumn('cover_caption', 'text')
      .addColumn('cover_alt', 'text')
      .addColumn('section_id', 'integer', (c) => c.references('sections.id'))
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('source', 'text')
      .addColumn('author_name', 'text')
      .addColumn('reader_contribution', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('event_at', 'text')
      .addColumn('language', 'text', (c) => c.notNull().defaultTo('vi'))
      .addColumn('translation_of_id', 'integer', (c) => c.references('articles.id'))
      .addColumn('is_reference', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('related_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('screening_hits', 'text', (c) => c.notNull().defaultTo('[]'))
      // Workflow of the working copy and publication of the live revision.
      .addColumn('review_state', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('step_index', 'integer')
      .addColumn('step_entered_at', 'text')
      .addColumn('step_due_at', 'text')
      .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('approvals', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('chain', 'text')
      .addColumn('publication', 'text', (c) => c.notNull().defaultTo('unpublished'))
      .addColumn('publish_at', 'text')
      .addColumn('unpublish_at', 'text')
      .addColumn('has_pending_changes', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('urgent_pending_approval', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('urgent_published_by', 'integer', (c) => c.references('users.id'))
      .addColumn('live_revision_id', 'integer')
      .addColumn('first_published_at', 'text')
      .addColumn('last_published_at', 'text')
      .addColumn('takedown_reason_code', 'text')
      .addColumn('takedown_reason', 'text')
      .addColumn('takedown_notice', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('taken_down_at', 'text')
      .addColumn('schedule_alerted_at', 'text')
      .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('deleted_at', 'text')
      .addColumn('deleted_by_user_id', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('articles_site_state_idx').on('articles').columns(['site_id', 'review_state', 'step_index']).execute();
  await db.schema.createIndex('articles_site_publication_idx').on('articles').columns(['site_id', 'publication', 'last_published_at']).execute();
  await db.schema.createIndex('articles_site_slug_idx').on('articles').columns(['site_id', 'slug']).execute();

  await withId(db, db.schema.createTable('article_revisions'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_number_uq', ['article_id', 'number'])
    .execute();

  await withId(db, db.schema.createTable('article_corrections'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('revision_id', 'integer', (c) => c.references('article_revisions.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_corrections_article_idx').on('article_corrections').columns(['article_id', 'published_at']).execute();

  await db.schema
    .createTable('article_slugs')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_slugs_pk', ['site_id', 'slug'])
    .execute();

  await withId(db, db.schema.createTable('workflow_events'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_review', 'text')
    .addColumn('to_review', 'text')
    .addColumn('from_publication', 'text')
    .addColumn('to_publication', 'text')
    .addColumn('from_step', 'integer')
    .addColumn('to_step', 'integer')
    .addColumn('step_name', 'text')
    .addColumn('note', 'text')
    .addColumn('revision_id', 'integer')
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('on_behalf_of_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workflow_events_item_idx').on('workflow_events').columns(['site_id', 'item_type', 'item_id', 'id']).execute();

  await withId(db, db.schema.createTable('notifications'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text')
    .addColumn('item_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['site_id', 'user_id', 'read_at']).execute();

  await withId(db, db.schema.createTable('screening_rules'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Once-only work across nodes (daily digests, alerts): the key is claimed by inserting it.
  await db.schema
    .createTable('job_runs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['job_runs', 'screening_rules', 'notifications', 'workflow_events', 'article_slugs', 'article_corrections', 'article_revisions', 'articles', 'media', 'sections']) {
    await db.schema.dropTable(table).execute();
  }
}
