// "Was this useful?" counts per month, so the board can read them (Decree
// 224/2026 Art. 10(3)): one row per item per Vietnamese month, with the item's
// kind, section, title and address as they were when last rated, so a past
// month's report still names an item that has since been taken down. The
// counters kept until now had no date: they are carried into the month of the
// upgrade. Still nothing about the rater.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rating_counts')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // "2026-11", in Vietnam time.
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('useful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_useful', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rating_counts_pk', ['site_id', 'month', 'item_type', 'item_id'])
    .execute();
  const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
  await db
    .insertInto('rating_counts')
    .columns(['site_id', 'month', 'item_type', 'item_id', 'kind', 'section_id', 'title', 'url', 'useful', 'not_useful'])
    .expression(
      db
        .selectFrom('ratings as r')
        .leftJoin('search_documents as d', (j) => j.onRef('d.site_id', '=', 'r.site_id').onRef('d.item_type', '=', 'r.item_type').onRef('d.item_id', '=', 'r.item_id'))
        .select([
          'r.site_id',
          sql.lit(month).as('month'),
          'r.item_type',
          'r.item_id',
          sql`coalesce(d.kind, r.item_type)`.as('kind'),
          'd.section_id',
          sql`coalesce(d.title, '')`.as('title'),
          sql`coalesce(d.url, '')`.as('url'),
          'r.useful',
          'r.not_useful',
        ]),
    )
    .execute();
  await db.schema.dropTable('ratings').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ratings')
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('useful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_useful', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('ratings_pk', ['site_id', 'item_type', 'item_id'])
    .execute();
  await sql`insert into ratings (site_id, item_type, item_id, useful, not_useful)
    select site_id, item_type, item_id, sum(useful), sum(not_useful) from rating_counts group by site_id, item_type, item_id`.execute(db);
  await db.schema.dropTable('rating_counts').execute();
}
