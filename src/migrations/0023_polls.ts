// Polls (bình chọn, thăm dò ý kiến): a poll with its options and their
// counters, and the ballots cast — as keyed hashes only (ADR 22). No table
// links a ballot to an option, a person, an address or a cookie value: the
// ballot row has no option column and no time, the counters have no ballot.
import type { Kysely } from 'kysely';
import { withId, withTimestamps } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('polls'))
      .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('question_en', 'text')
      .addColumn('description', 'text')
      // 1: several options may be chosen, at most max_choices.
      .addColumn('multiple', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_choices', 'integer', (c) => c.notNull().defaultTo(1))
      // ISO instants (UTC), entered in Vietnam time.
      .addColumn('opens_at', 'text', (c) => c.notNull())
      .addColumn('closes_at', 'text', (c) => c.notNull())
      .addColumn('results_before_close', 'integer', (c) => c.notNull().defaultTo(0))
      // draft | open | closed (an open poll runs between opens_at and closes_at).
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('closed_at', 'text')
      // Ballots counted (a ballot of a multiple-choice poll adds to several options).
      .addColumn('ballots', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('updated_by_user_id', 'integer', (c) => c.references('users.id')),
  ).execute();
  await db.schema.createIndex('polls_site_status').on('polls').columns(['site_id', 'status', 'closes_at']).execute();

  await withId(db, db.schema.createTable('poll_options'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text')
    .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('poll_options_poll').on('poll_options').columns(['poll_id', 'position']).execute();

  // HMAC(server key, poll id + random ballot id of the browser's signed cookie): refuses a second
  // or replayed ballot. Deliberately no option, address, agent, cookie value or time.
  await db.schema
    .createTable('poll_ballots')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('poll_id', 'integer', (c) => c.notNull().references('polls.id'))
    .addColumn('ballot_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_ballots_pk', ['poll_id', 'ballot_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('poll_ballots').execute();
  await db.schema.dropTable('poll_options').execute();
  await db.schema.dropTable('polls').execute();
}
