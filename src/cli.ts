// The `trangtin` command for the IT centre: serve, migrate, sites, users,
// tokens, the audit check and the demo. Problems are printed in both languages
// and the exit code is non-zero.
// Modules used by one command only (sites, members, units, passwords) are imported by that command:
// `serve` runs this file in the primary of a node, which should stay a thin supervisor (ADR 0037).
import { Command, CommanderError, Option } from 'commander';
import { appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalFileStore } from './platform/files/index.ts';
import { AUDIT_KEYS_FILE, ConfigError, loadBackupSettings, loadConfig, type Config } from './config.ts';
import { DomainError } from './core/errors.ts';
import { isRole, isTokenScope, ROLES, TOKEN_SCOPES, type Role, type TokenScope } from './core/permissions.ts';
import { randomToken } from './platform/crypto.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { projectPath } from './platform/project-root.ts';
import { migrateToLatest, migrationStatus } from './platform/db/migrator.ts';
import { revokeUserSessions } from './modules/accounts/sessions.ts';
import { findUserByEmail, setPasswordHash } from './modules/accounts/users-store.ts';
import { createApiToken } from './modules/api-tokens/tokens.ts';
import { anchorAuditHeads } from './modules/audit/anchor-heads.ts';
import { anchorFilePath, readAnchors } from './modules/audit/anchors.ts';
import type { ChainProblem } from './modules/audit/chain.ts';
import { installAuditKeys } from './modules/audit/keys.ts';
import { appendAudit, verifyAuditChains, type AuditActor } from './modules/audit/store.ts';
import { getMembership } from './modules/members/store.ts';
import { SITE_LEVELS, normalizeHost, type Site, type SiteLevel } from './modules/sites/site.ts';
import { getSiteByKey, listSites } from './modules/sites/store.ts';

class CliError extends Error {}

function cliActor(): Omit<AuditActor, 'siteId'> {
  return { userId: null, onBehalfOfUserId: null, label: `cli:${os.userInfo().username}@${os.hostname()}`, ip: null, userAgent: 'trangtin-cli' };
}

async function withDatabase<T>(fn: (db: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  installAuditKeys(config);
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** A site by key or host name. */
async function findSite(database: DatabaseHandle, keyOrHost: string): Promise<Site> {
  const byKey = await getSiteByKey(database.db, keyOrHost.toLowerCase());
  if (byKey) return byKey;
  const byHost = (await listSites(database.db)).find((s) => s.hosts.includes(normalizeHost(keyOrHost)));
  if (byHost) return byHost;
  throw new CliError(`No site "${keyOrHost}" (key or host). Run "trangtin site list".`);
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

const program = new Command()
  .name('trangtin')
  .description('trangtin — e-information sites of Vietnamese state agencies')
  .version((JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version)
  .showHelpAfterError()
  .exitOverride();

program
  .command('serve')
  .description('Run the web server (migrates the database first)')
  .option('--demo', 'load the demo sites when the database has no site yet')
  .action(async (opts: { demo?: boolean }) => {
    // The server and the demo load most of the application: only the commands that need them import it.
    const { serve } = await import('./server.ts');
    await serve(loadConfig(), { demo: Boolean(opts.demo) });
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .option('--status', 'only list applied and pending migrations')
  .action(async (opts: { status?: boolean }) => {
    const config = loadConfig();
    const database = openDatabase(config.databaseUrl);
    try {
      if (opts.status) {
        const status = await migrationStatus(database.db);
        console.log(`applied: ${status.applied.join(', ') || '(none)'}\npending: ${status.pending.join(', ') || '(none)'}`);
        return;
      }
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    } finally {
      await database.close();
    }
  });

const site = program.command('site').description('Manage sites');
site
  .command('create')
  .description('Create a site')
  .requiredOption('--key <key>', 'short key, e.g. nhuxuan')
  .requiredOption('--name <name>', 'site name, e.g. "Trang thông tin điện tử xã Như Xuân"')
  .requiredOption('--agency <agency>', 'owning agency, e.g. "Ủy ban nhân dân xã Như Xuân"')
  .addOption(new Option('--level <level>', 'level').choices([...SITE_LEVELS]).makeOptionMandatory())
  .requiredOption('--host <host>', 'host name (repeat or comma-separate for several; the first is primary)', collect)
  .option('--parent <site>', 'parent site (key or host)')
  .option('--en', 'the site has an English version')
  .option('--default', 'serve this site for undeclared host names')
  .action(async (opts: { key: string; name: string; agency: string; level: SiteLevel; host: string[]; parent?: string; en?: boolean; default?: boolean }) => {
    await withDatabase(async (database) => {
      const parent = opts.parent ? await findSite(database, opts.parent) : null;
      const { createSite } = await import('./modules/sites/manage-sites.ts');
      const created = await createSite(database.db, cliActor(), {
        key: opts.key,
        name: opts.name,
        agencyName: opts.agency,
        level: opts.level,
        hosts: opts.host,
        parentSiteId: parent?.id ?? null,
        languages: opts.en ? ['vi', 'en'] : ['vi'],
        isDefault: Boolean(opts.default),
      });
      console.log(`Created site ${created.key} (#${created.id}) at ${created.hosts.join(', ')}`);
    });
  });

site
  .command('list')
  .description('List sites')
  .action(async () => {
    await withDatabase(async (database) => {
      for (const s of await listSites(database.db)) {
        console.log([`#${s.id}`, s.key, s.level, s.status, s.isDefault ? 'default' : '', s.hosts.join(','), s.name].filter(Boolean).join('\t'));
      }
    });
  });

site
  .command('export')
  .description('Archive export of a site (open formats: offline HTML, JSON, attachments, manifest.json with SHA-256) as a folder and a .zip')
  .argument('<site>', 'site key or host')
  .option('--to <dir>', 'where to write it', '.')
  .action(async (keyOrHost: string, opts: { to: string }) => {
    await withDatabase(async (database, config) => {
      const target = await findSite(database, keyOrHost);
      const { runExport } = await import('./modules/archive/jobs.ts');
      const { PublicAddresses } = await import('./modules/sites/addresses.ts');
      const files = createLocalFileStore(path.join(config.dataDir, 'files'));
      const result = await runExport(database.db, files, target, path.resolve(opts.to), { origin: new PublicAddresses(config.baseUrl).originOf(target), now: new Date().toISOString() });
      await appendAudit(database.db, { ...cliActor(), siteId: target.id }, { action: 'site.archive_export', targetType: 'site', targetId: target.id, details: { items: result.summary.items } });
      console.log(`Exported ${result.summary.items} item(s), ${result.summary.files} file(s):\n  ${result.folder}\n  ${result.zip}`);
    });
  });

const user = program.command('user').description('Manage user accounts');
user
  .command('create')
  .description('Create a user (or add an existing one) on a site with roles')
  .requiredOption('--site <site>', 'site key or host')
  .requiredOption('--email <email>', 'e-mail address (the login)')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--role <role>', `role (repeat or comma-separate): ${ROLES.join(', ')}`, collect)
  .option('--unit <unit>', 'unit id or exact name')
  .option('--password <password>', 'initial password (default: a generated one, printed once)')
  .option('--platform-admin', 'also make the account an installation administrator')
  .action(async (opts: { site: string; email: string; name: string; role: string[]; unit?: string; password?: string; platformAdmin?: boolean }) => {
    const bad = opts.role.filter((r) => !isRole(r));
    if (bad.length > 0) throw new CliError(`Unknown role(s): ${bad.join(', ')}. Roles: ${ROLES.join(', ')}`);
    await withDatabase(async (database) => {
      const target = await findSite(database, opts.site);
      let unitId: number | null = null;
      if (opts.unit) {
        const { listUnits } = await import('./modules/units/manage-units.ts');
        const units = await listUnits(database.db, target.id);
        const unit = units.find((u) => String(u.id) === opts.unit || u.name.normalize('NFC') === opts.unit!.normalize('NFC'));
        if (!unit) throw new CliError(`No unit "${opts.unit}" on ${target.key}. Units: ${units.map((u) => `#${u.id} ${u.name}`).join('; ')}`);
        unitId = unit.id;
      }
      const existing = await findUserByEmail(database.db, opts.email);
      const generated = !opts.password && !existing ? `${randomToken(12)}-Tt9` : undefined;
      const { addMember } = await import('./modules/members/manage-members.ts');
      const result = await addMember(database.db, { ...cliActor(), siteId: target.id }, {
        email: opts.email,
        name: opts.name,
        roles: opts.role.filter(isRole) as Role[],
        unitId,
        password: opts.password ?? generated ?? null,
      });
      if (opts.platformAdmin) await database.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', result.userId).execute();
      console.log(`${result.createdAccount ? 'Created' : 'Added existing'} user #${result.userId} ${opts.email} on ${target.key} as ${opts.role.join(', ')}`);
      if (generated) console.log(`Password (shown once): ${generated}`);
      if (!result.createdAccount && opts.password) console.log('Note: the account existed, so its password was not changed (use "trangtin user passwd").');
    });
  });

user
  .command('passwd')
  .description("Set a user's password and sign them out everywhere")
  .requiredOption('--email <email>', 'e-mail address')
  .option('--password <password>', 'new password (default: a generated one, printed once)')
  .option('--must-change', 'ask for a new password at next sign-in')
  .action(async (opts: { email: string; password?: string; mustChange?: boolean }) => {
    await withDatabase(async (database) => {
      const target = await findUserByEmail(database.db, opts.email);
      if (!target) throw new CliError(`No user ${opts.email}.`);
      const password = opts.password ?? `${randomToken(12)}-Tt9`;
      const { hashPassword, passwordProblems } = await import('./modules/accounts/passwords.ts');
      const problems = passwordProblems(password, target);
      if (problems.length > 0) throw new DomainError(problems);
      const hash = await hashPassword(password);
      const memberships = await database.db.selectFrom('memberships').select('site_id').where('user_id', '=', target.id).execute();
      await database.db.transaction().execute(async (trx) => {
        const now = new Date().toISOString();
        await setPasswordHash(trx, target.id, hash, Boolean(opts.mustChange), now);
        await revokeUserSessions(trx, target.id);
        for (const m of memberships) {
          await appendAudit(trx, { ...cliActor(), siteId: m.site_id }, { action: 'user.password_set', targetType: 'user', targetId: target.id });
        }
      });
      console.log(`Password of ${target.email} changed; all sessions signed out.`);
      if (!opts.password) console.log(`Password (shown once): ${password}`);
    });
  });

program
  .command('token')
  .description('API tokens')
  .command('create')
  .description('Create an API token for a user on a site; prints only the token')
  .requiredOption('--site <site>', 'site key or host')
  .requiredOption('--user <email>', "the token's user")
  .option('--name <name>', 'what uses it', 'cli')
  .option('--scope <scope>', `scopes (repeat or comma-separate): ${TOKEN_SCOPES.join(', ')}`, collect)
  .option('--days <days>', 'days until it expires (default: until revoked)')
  .action(async (opts: { site: string; user: string; name: string; scope?: string[]; days?: string }) => {
    const scopes = opts.scope ?? ['read', 'write'];
    const bad = scopes.filter((s) => !isTokenScope(s));
    if (bad.length > 0) throw new CliError(`Unknown scope(s): ${bad.join(', ')}. Scopes: ${TOKEN_SCOPES.join(', ')}`);
    const days = opts.days === undefined ? null : Number(opts.days);
    await withDatabase(async (database) => {
      const target = await findSite(database, opts.site);
      const owner = await findUserByEmail(database.db, opts.user);
      if (!owner || !(await getMembership(database.db, target.id, owner.id))) throw new CliError(`${opts.user} is not a member of ${target.key}.`);
      const { token } = await createApiToken(database.db, { ...cliActor(), siteId: target.id }, { siteId: target.id, userId: owner.id, name: opts.name, scopes: scopes as TokenScope[], expiresInDays: days });
      process.stdout.write(`${token}\n`);
    });
  });

const audit = program.command('audit').description('Audit log');
audit
  .command('verify')
  .description('Check the signed chain of every site (or one) against the anchors; exits 2 when a row was changed, inserted or deleted')
  .option('--site <site>', 'only this site (key or host)')
  .option('--anchors <file>', 'also compare with anchors saved elsewhere (e.g. the daily mail); repeat for several', (v: string, p: string[] = []) => [...p, v])
  .action(async (opts: { site?: string; anchors?: string[] }) => {
    const failed = await withDatabase(async (database, config) => {
      const only = opts.site ? await findSite(database, opts.site) : undefined;
      const files = [anchorFilePath(config.dataDir), ...(opts.anchors ?? []).map((f) => path.resolve(f))];
      const anchors = readAnchors(files, installAuditKeys(config));
      for (const f of anchors.files) {
        if (!f.exists) console.log(`anchors: ${f.file} not found${f === anchors.files[0] ? ' (rows deleted at the end cannot be detected without anchors; run "trangtin audit anchor")' : ''}`);
        else console.log(`anchors: ${f.file}, ${f.anchors} valid`);
      }
      const unreadable = anchors.invalid.filter((a) => a.siteId === null);
      for (const a of unreadable) console.log(`anchors: ${a.file} line ${a.line} unreadable (${a.reason})`);
      const missingExtra = anchors.files.slice(1).some((f) => !f.exists);
      const results = await verifyAuditChains(database.db, { ...(only ? { siteId: only.id } : {}), anchors });
      let bad = unreadable.length + (missingExtra ? 1 : 0);
      for (const r of results) {
        if (r.problems.length === 0) {
          console.log(`site #${r.siteId}: OK, ${r.rows} rows, ${r.anchors} anchors, head ${r.headHash}`);
          continue;
        }
        bad += r.problems.length;
        console.log(`site #${r.siteId}: ${r.problems.length} PROBLEM(S) in ${r.rows} rows`);
        for (const p of r.problems) console.log(`  - ${p.kind}: ${describeProblem(p)}`);
      }
      return bad > 0;
    });
    if (failed) process.exitCode = 2;
  });

function describeProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'hash_mismatch':
      return `row content changed (signature does not match); seq ${p.seq} (row id ${p.id})`;
    case 'broken_link':
      return `chain broken (row inserted, deleted or changed before it); seq ${p.seq} (row id ${p.id})`;
    case 'sequence_gap':
      return `rows missing or inserted; expected seq ${p.expectedSeq}, found ${p.foundSeq} (row id ${p.id})`;
    case 'unknown_key':
      return `signed with audit key version ${p.keyVersion}, which this node does not hold (add it to AUDIT_KEYS); seq ${p.seq} (row id ${p.id})`;
    case 'unkeyed_row':
      return `unsigned row after the chain was keyed (forged with a plain hash); seq ${p.seq} (row id ${p.id})`;
    case 'head_mismatch':
      return `last rows deleted or head changed; head says seq ${p.headSeq}, log ends at ${p.lastSeq}`;
    case 'anchor_mismatch':
      return `row differs from the one anchored at ${p.anchoredAt}; seq ${p.seq} (row id ${p.id})`;
    case 'anchor_missing':
      return `rows deleted: seq ${p.anchoredSeq} was anchored at ${p.anchoredAt} but the log ends at ${p.lastSeq} or lacks it`;
    case 'anchor_invalid':
      return `anchor ${p.file} line ${p.line} rejected: ${p.reason}`;
  }
}

audit
  .command('anchor')
  .description('Write the head of every site to DATA_DIR/audit-anchors.log now (the server does it hourly)')
  .action(async () => {
    await withDatabase(async (database, config) => {
      const run = await anchorAuditHeads(database.db, { dataDir: config.dataDir });
      for (const a of run.anchors) console.log(`site #${a.siteId}: seq ${a.seq}, head ${a.hash}`);
      console.log(`${run.anchors.length} head(s) anchored in ${anchorFilePath(config.dataDir)}`);
    });
  });

audit
  .command('rotate-key')
  .description('Make a new audit key version: appended to DATA_DIR/audit-keys, or printed for AUDIT_KEYS')
  .action(() => {
    const config = loadConfig();
    const version = Math.max(...config.auditKeys.map((k) => k.version)) + 1;
    const entry = `${version}:${randomToken(48)}`;
    if (process.env.AUDIT_KEYS?.trim()) {
      console.log(`Put this entry in front of AUDIT_KEYS on every node, keep the older ones, then restart them all:\n${entry}`);
      return;
    }
    const file = path.join(config.dataDir, AUDIT_KEYS_FILE);
    appendFileSync(file, `${entry}\n`, { mode: 0o600 });
    console.log(`Audit key version ${version} added to ${file}; restart the server to sign with it, then run "trangtin audit anchor".`);
  });

program
  .command('demo')
  .description('Create the five seed sites with units, rules and one demo account per role')
  .option('--password <password>', 'password for every demo account (default: generated)')
  .option('--reorganised', 'also archive Kon Rẫy (a district abolished in 2025) under the Kon Tum office site, which lists it among its former district sites')
  .action(async (opts: { password?: string; reorganised?: boolean }) => {
    await withDatabase(async (database, config) => {
      if (await database.db.selectFrom('sites').select('id').where('key', 'in', ['nhuxuan', 'konray']).executeTakeFirst()) {
        throw new CliError('The demo sites already exist in this database.');
      }
      const { loadDemo } = await import('./modules/demo/load-demo.ts');
      const files = createLocalFileStore(path.join(config.dataDir, 'files'));
      const result = await loadDemo(database.db, { files, ...(opts.password ? { password: opts.password } : {}) });
      console.log(`Demo loaded: ${result.sites.map((s) => `${s.key} (${s.primaryHost})`).join(', ')}`);
      console.log(`Password of every demo account: ${result.password}`);
      for (const l of result.logins) console.log(`  ${l.site.padEnd(14)} ${l.role.padEnd(16)} ${l.email}`);
      if (opts.reorganised) {
        const { loadDemoReorganisation } = await import('./modules/demo/demo-reorganisation.ts');
        const done = await loadDemoReorganisation(database.db, result.sites, { now: () => new Date() });
        if (done) console.log(`Archived ${done.archived.key}; its successor ${done.successor.key} lists it among its former district sites.`);
      }
    });
  });

// ── Backups (issue 17, ADR 0028) ────────────────────────────────────────────
async function backupModule() {
  return import('./modules/backups/backup.ts');
}

function backupFailure(error: unknown, vi: string): CliError {
  return new CliError(`${(error as Error).message}\n${vi}`);
}

const backup = program
  .command('backup')
  .description('Take an online, consistent copy of the database and the file store, with a manifest of checksums (default folder: BACKUP_DIR or DATA_DIR/backups)')
  .option('--to <dir>', 'folder to put the backup in')
  .option('--no-secrets', 'leave the session secret and the audit keys of DATA_DIR out of the backup (also BACKUP_SECRETS=off)')
  .action(async (opts: { to?: string; secrets: boolean }) => {
    const { createBackup, BackupError } = await backupModule();
    const settings = loadBackupSettings();
    try {
      const { dir, manifest } = await createBackup({ settings, secrets: opts.secrets && settings.secrets, ...(opts.to ? { to: path.resolve(opts.to) } : {}) });
      const rows = Object.values(manifest.database.tables).reduce((a, b) => a + b, 0);
      console.log(`Backup complete / Đã sao lưu xong: ${dir}`);
      console.log(`  snapshot ${manifest.snapshotAtVietnam}, ${manifest.engine}${manifest.schema ? ` (schema ${manifest.schema})` : ''}, ${Object.keys(manifest.database.tables).length} tables, ${rows} rows, ${manifest.files.count} stored files, ${manifest.totalBytes} bytes`);
      console.log(`  secrets: ${manifest.secrets.included.length ? `included ${manifest.secrets.included.join(', ')} (keep this backup as safe as the server)` : 'none'}${manifest.secrets.excluded.length ? `; not included: ${manifest.secrets.excluded.join('; ')}` : ''}`);
    } catch (error) {
      if (error instanceof BackupError || (error as NodeJS.ErrnoException).code) throw backupFailure(error, 'Sao lưu không thành công; không có bản sao lưu nào được ghi.');
      throw error;
    }
  });

backup
  .command('verify <dir>')
  .description('Check a backup without restoring it: every checksum, the manifest, the dump readable with its row counts; exits 2 when something is wrong')
  .action(async (dir: string) => {
    const { verifyBackup } = await backupModule();
    const report = await verifyBackup(path.resolve(dir));
    if (report.problems.length === 0 && report.manifest) {
      const m = report.manifest;
      console.log(`OK: ${path.resolve(dir)} — ${m.engine}, snapshot ${m.snapshotAtVietnam}, ${report.checked} files checked, ${Object.keys(m.database.tables).length} tables with the manifest's row counts`);
      console.log('Bản sao lưu hợp lệ.');
      return;
    }
    console.log(`BACKUP NOT GOOD / BẢN SAO LƯU KHÔNG DÙNG ĐƯỢC: ${path.resolve(dir)} — ${report.problems.length} problem(s):`);
    for (const p of report.problems) console.log(`  - ${p}`);
    process.exitCode = 2;
  });

program
  .command('restore <dir>')
  .description('Restore a backup into an empty DATA_DIR and an empty database (refuses a target holding data); migrations run on the next start')
  .action(async (dir: string) => {
    const { restoreBackup, BackupError } = await backupModule();
    const settings = loadBackupSettings();
    try {
      const result = await restoreBackup(path.resolve(dir), settings);
      const m = result.manifest;
      console.log(`Restored / Đã khôi phục: snapshot ${m.snapshotAtVietnam} into ${m.engine === 'postgres' ? `PostgreSQL schema ${m.schema}` : settings.databaseUrl}, ${result.files} stored files into ${path.join(settings.dataDir, 'files')}`);
      console.log(`  secrets restored: ${result.secrets.join(', ') || 'none (give SESSION_SECRET and AUDIT_KEYS, or put the files in DATA_DIR, before starting)'}`);
      console.log('  Pending migrations run on the next start ("trangtin serve" or "trangtin migrate").');
    } catch (error) {
      if (error instanceof BackupError) throw backupFailure(error, 'Không khôi phục: chỉ khôi phục vào một thư mục dữ liệu và một cơ sở dữ liệu còn trống, từ một bản sao lưu hợp lệ.');
      throw error;
    }
  });

export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof ConfigError || error instanceof CliError) {
      console.error(error.message);
    } else if (error instanceof DomainError) {
      for (const p of error.problems) console.error(`- ${p.en}\n  ${p.vi}`);
    } else {
      console.error(`Failed: ${(error as Error).message}`);
    }
    process.exitCode = 1;
  }
}

await main(process.argv);
