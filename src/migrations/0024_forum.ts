// The forum (diễn đàn, 004 Đ11.4): the site's forum setting (on or off,
// moderation before or after publication), the board's categories, citizens'
// topics and posts (a topic's first post carries its text), and readers'
// reports of a post. A poster's e-mail or phone lives in named columns so the
// personal-data retention job can erase them; a removed post keeps its text
// for the record while the public sees the removal notice.
import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forum_settings')
    .addColumn('site_id', 'integer', (c) => c.primaryKey().references('sites.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    // before | after: held until approved, or public at once and reviewed afterwards.
    .addColumn('moderation', 'text', (c) => c.notNull().defaultTo('before'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('forum_categories'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_categories_slug_idx').on('forum_categories').columns(['site_id', 'slug']).unique().execute();

  await withId(db, db.schema.createTable('forum_topics'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('forum_categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // pending | published | rejected | removed: follows the topic's first post.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_topics_category_idx').on('forum_topics').columns(['site_id', 'category_id', 'status']).execute();

  await withId(db, db.schema.createTable('forum_posts'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('forum_topics.id'))
    .addColumn('is_first', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body', 'text', (c) => c.notNull())
    // pending | published | rejected | removed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    // Why a post was held in 'after' mode (JSON list: screening, personal_data).
    .addColumn('held_for', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text')
    .addColumn('author_phone', 'text')
    // An official's answer in the board's name ("Ban biên tập trả lời").
    .addColumn('by_board', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('official_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('moderated_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('moderated_at', 'text')
    .addColumn('moderation_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('personal_data_erased_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_posts_topic_idx').on('forum_posts').columns(['site_id', 'topic_id', 'status']).execute();
  await db.schema.createIndex('forum_posts_status_idx').on('forum_posts').columns(['site_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('forum_posts_email_idx').on('forum_posts').columns(['site_id', 'author_email', 'created_at']).execute();
  await db.schema.createIndex('forum_posts_phone_idx').on('forum_posts').columns(['site_id', 'author_phone', 'created_at']).execute();

  await withId(db, db.schema.createTable('forum_reports'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('forum_posts.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('forum_reports_idx').on('forum_reports').columns(['site_id', 'resolved_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['forum_reports', 'forum_posts', 'forum_topics', 'forum_categories', 'forum_settings']) await db.schema.dropTable(table).execute();
}
