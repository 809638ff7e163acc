// Targeted invalidation of the render cache (issue 18 goal 8, ADR 33): each public content
// version of a site says what it changed — a scope, tags separated by spaces ("item:12 lists")
// or "*" for the whole site — so nodes drop only the pages that show it. The poll (SQLite) reads
// the scopes between the version it follows and the current one; rows older than a day are pruned.
// chrome_sig: which sections have content when the version was scoped (the menus show only
// those), so a publication that fills or empties a section drops every page.
// On PostgreSQL the notice moves from site_content_versions to this table, with the scope:
// "c:<site>:<version>:<scope>" (a scope too long for a notice is sent as "*").
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_content_changes')
    .addColumn('site_id', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_content_changes_pk', ['site_id', 'version'])
    .execute();
  await db.schema.createIndex('site_content_changes_at_idx').on('site_content_changes').columns(['changed_at']).execute();
  await db.schema.alterTable('site_content_versions').addColumn('chrome_sig', 'text').execute();
  if (!isPostgres(db)) return;
  await sql`drop trigger if exists site_content_versions_notify on site_content_versions`.execute(db);
  await sql`
    create or replace function trangtin_notify_content() returns trigger language plpgsql as $$
    begin
      perform pg_notify('trangtin_' || md5(current_schema()),
        'c:' || new.site_id || ':' || new.version || ':' || case when length(new.scope) <= 7000 then new.scope else '*' end);
      return null;
    end $$`.execute(db);
  await sql`create trigger site_content_changes_notify after insert on site_content_changes for each row execute function trangtin_notify_content()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists site_content_changes_notify on site_content_changes`.execute(db);
    await sql`
      create or replace function trangtin_notify_content() returns trigger language plpgsql as $$
      begin
        perform pg_notify('trangtin_' || md5(current_schema()), 'c:' || new.site_id || ':' || new.version);
        return null;
      end $$`.execute(db);
    await sql`create trigger site_content_versions_notify after insert or update on site_content_versions for each row execute function trangtin_notify_content()`.execute(db);
  }
  await db.schema.alterTable('site_content_versions').dropColumn('chrome_sig').execute();
  await db.schema.dropTable('site_content_changes').execute();
}
