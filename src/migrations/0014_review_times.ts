// Review timeliness (issue 13, item 4). One row per stay of an item at a step of
// its review chain, written when the item leaves the step, in the transaction
// of the action that moved it on: its working time on the site's calendar is
// computed once then, so the monthly figures are SQL aggregates over an index
// instead of calendar arithmetic over every event. And one row per reminder or
// escalation sent about a step round: its unique key makes each one happen
// once, across restarts and nodes, and the item's history shows it.
import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('review_step_times'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull())
    // The step as the item's chain named it then (chains change; the row keeps its words).
    .addColumn('step_key', 'text', (c) => c.notNull())
    .addColumn('step_name', 'text', (c) => c.notNull())
    .addColumn('step_kind', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('working_minutes', 'integer', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('late_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    // approve, return, reject, withdraw, urgent_publish, take_down…
    .addColumn('left_by', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('on_behalf_of_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  // Covers the period's aggregates (per step, per reviewer): read from the index alone, never the table.
  await db.schema
    .createIndex('review_step_times_period_idx')
    .on('review_step_times')
    .columns(['site_id', 'left_at', 'step_index', 'step_name', 'working_minutes', 'overdue', 'left_by', 'actor_user_id', 'on_behalf_of_user_id', 'item_id'])
    .execute();
  await db.schema.createIndex('review_step_times_item_idx').on('review_step_times').columns(['site_id', 'item_type', 'item_id']).execute();

  await withId(db, db.schema.createTable('review_step_alerts'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull())
    // The round: a step entered again (returned to it) is a new round.
    .addColumn('step_entered_at', 'text', (c) => c.notNull())
    // 'reminder' (before the due time) or 'escalation' (after it).
    .addColumn('kind', 'text', (c) => c.notNull())
    // 0 for a reminder; 1, 2… for the escalation levels in the rule's order.
    .addColumn('level', 'integer', (c) => c.notNull())
    // 'step' (who can act), 'assignee', 'editor_in_chief', 'owner'.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    // The owner's contact address when the owner is told by mail only.
    .addColumn('mailed_to', 'text')
    .addColumn('due_at', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_step_alerts_once_uq', ['site_id', 'item_type', 'item_id', 'step_index', 'step_entered_at', 'kind', 'level'])
    .execute();
  await db.schema.createIndex('review_step_alerts_sent_idx').on('review_step_alerts').columns(['site_id', 'sent_at']).execute();
  // Open steps past their due time: the sweep and the page read them by state and due time.
  await db.schema.createIndex('articles_site_review_due_idx').on('articles').columns(['site_id', 'review_state', 'step_due_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_site_review_due_idx').execute();
  await db.schema.dropTable('review_step_alerts').execute();
  await db.schema.dropTable('review_step_times').execute();
}
