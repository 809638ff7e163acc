// Several nodes on one database (ADR 0026).
//
// job_leases: timed work (scheduled publication, digests, retention…) runs on
// one node at a time; a node holds a job's lease until expires_at and renews it
// while it lives, so a node that dies loses it once it expires.
//
// On PostgreSQL, triggers send a NOTIFY in the writing transaction (delivered
// only on commit) when a site's public content version moves on or the register
// of sites changes; every node LISTENs and drops the pages concerned at once.
// The channel is named after the schema, so installations (and test runs)
// sharing one database do not hear each other. SQLite (one node) has no triggers:
// the version poll does the work there.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // Which node holds it: host name, process id and a random part.
    .addColumn('holder', 'text', (c) => c.notNull())
    // ISO instant (UTC); past it, any node may take the lease.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  if (!isPostgres(db)) return;
  // Payload "c:<site id>:<version>" (content of a site, with its new version, so the node that made
  // the change and already follows that version keeps its freshly rendered pages) or "s" (the register of sites).
  await sql`
    create function trangtin_notify_content() returns trigger language plpgsql as $$
    begin
      perform pg_notify('trangtin_' || md5(current_schema()), 'c:' || new.site_id || ':' || new.version);
      return null;
    end $$`.execute(db);
  await sql`
    create function trangtin_notify_sites() returns trigger language plpgsql as $$
    begin
      perform pg_notify('trangtin_' || md5(current_schema()), 's');
      return null;
    end $$`.execute(db);
  await sql`create trigger site_content_versions_notify after insert or update on site_content_versions for each row execute function trangtin_notify_content()`.execute(db);
  await sql`create trigger sites_notify after insert or update or delete on sites for each statement execute function trangtin_notify_sites()`.execute(db);
  await sql`create trigger site_hosts_notify after insert or update or delete on site_hosts for each statement execute function trangtin_notify_sites()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists site_hosts_notify on site_hosts`.execute(db);
    await sql`drop trigger if exists sites_notify on sites`.execute(db);
    await sql`drop trigger if exists site_content_versions_notify on site_content_versions`.execute(db);
    await sql`drop function if exists trangtin_notify_sites()`.execute(db);
    await sql`drop function if exists trangtin_notify_content()`.execute(db);
  }
  await db.schema.dropTable('job_leases').execute();
}
