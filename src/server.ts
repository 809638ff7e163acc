// Boot only: configuration → database (migrated) → dependencies → app → listen,
// and a graceful close on SIGTERM/SIGINT. With WORKERS above 1 the first process
// prepares the database and forks the workers that serve (ADR 0036).
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createDeps } from './deps.ts';
import { loadDemo, type DemoResult } from './modules/demo/load-demo.ts';
import { markShuttingDown } from './modules/health/routes.ts';
import { startArticleJobs } from './modules/articles/scheduler.ts';
import { keyLegacyChains } from './modules/audit/anchor-heads.ts';
import { checkAuditKey } from './modules/audit/check-key.ts';
import { startAuditJobs } from './modules/audit/jobs.ts';
import { installAuditKeys } from './modules/audit/keys.ts';
import { startCitizenJobs } from './modules/citizens/jobs.ts';
import { startProvisionJobs } from './modules/provision/reminders.ts';
import { startReviewTimeJobs } from './modules/review-times/jobs.ts';
import { startPollJobs } from './modules/polls/jobs.ts';
import { startEntryValidityJobs } from './modules/entries/validity-job.ts';
import { startSpeechJobs } from './modules/speech/jobs.ts';
import { defaultSpeechTools } from './modules/speech/synthesize.ts';
import { clusterNotices } from './modules/public/cluster-sync.ts';
import { readContentVersions } from './modules/public/content-version.ts';
import { openDatabase, setSlowQueryLog, type DatabaseHandle } from './platform/db/database.ts';
import { contentEvents } from './platform/events.ts';
import type { AppDeps } from './platform/http/context.ts';
import { runEvery } from './platform/interval-job.ts';
import { dropEndedNotices } from './modules/maintenance/store.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { stopJobLeases } from './platform/interval-job.ts';
import { runPrimary, type PrimaryLog } from './platform/workers/primary.ts';
import { SiblingRelay, STOP } from './platform/workers/relay.ts';
import { backupSettingsFor, startBackupJobs } from './modules/backups/jobs.ts';

export interface ServeOptions {
  /** Load the demo sites when the database has no site yet (npm start). */
  demo?: boolean;
}

/**
 * `trangtin serve`. With WORKERS above 1 (ADR 0036) this process is the primary: it prepares the
 * database once, then forks the workers that serve; a forked worker runs this same command and serves.
 */
export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  if (cluster.isWorker) {
    installAuditKeys(config);
    return startServing(config, openDatabase(config.databaseUrl, { slowQueryMs: config.slowQueryMs }));
  }
  const workers = config.workers ?? 1;
  const { database, demo } = await prepare(config, options);
  if (workers <= 1) {
    await startServing(config, database);
    printWelcome(config, demo);
    return;
  }
  // The primary serves nothing: each worker opens its own connection.
  await database.close();
  runPrimary({ workers, log: primaryLog(config), onReady: () => printWelcome(config, demo, workers) });
}

/** Once per node, before anything serves: migrations, the audit key, the demo, legacy audit chains. */
async function prepare(config: Config, options: ServeOptions): Promise<{ database: DatabaseHandle; demo: DemoResult | null }> {
  installAuditKeys(config);
  const database = openDatabase(config.databaseUrl, { slowQueryMs: config.slowQueryMs });
  const applied = await migrateToLatest(database.db);
  await checkAuditKey(database.db);
  let demo: DemoResult | null = null;
  if (options.demo) {
    const anySite = await database.db.selectFrom('sites').select('id').limit(1).executeTakeFirst();
    if (!anySite) {
      demo = await loadDemo(database.db, { files: createDeps(config, database).files });
      writeDemoLogins(config, demo);
    }
  }
  primaryLog(config).info(`database ready: ${database.description}, ${applied.length} migration(s) applied`);
  // Chains ending in rows from before the audit key are verified and continued under it before any request.
  await keyLegacyChains(database.db, { dataDir: config.dataDir });
  return { database, demo };
}

/** The app, its listener and its timed work in this process; a graceful close on SIGTERM/SIGINT (or the primary's word). */
async function startServing(config: Config, database: DatabaseHandle): Promise<void> {
  const deps = createDeps(config, database);
  const app = await buildApp(deps);
  setSlowQueryLog((query) => app.log.warn(query, 'slow query'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    markShuttingDown();
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      // The listener closes at once (a running tick can take seconds); timed work gives its leases
      // back meanwhile, so another node takes it over now rather than when they expire (ADR 0026).
      await Promise.all([app.close(), stopJobLeases()]);
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  // `on`, not `once`: a worker hears the signal from its process group and the primary's word as well.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (cluster.isWorker) {
    process.on('message', (message: { type?: unknown } | null) => {
      if (message?.type === STOP) void shutdown('stop from the primary');
    });
    if (database.engine === 'sqlite') await relayToSiblings(app, deps);
  }

  await app.listen({ port: config.port, host: config.host });
  startJobs(config, deps, app);
}

/**
 * SQLite has no NOTIFY: what this worker's writes changed reaches the other workers through the
 * primary at once (ADR 0036) rather than with their next version poll, which stays as the safety net.
 */
async function relayToSiblings(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const relay = new SiblingRelay({
    readVersions: () => readContentVersions(deps.database.db),
    notices: clusterNotices(app, deps),
    send: (message) => process.send?.(message),
    log: app.log,
  });
  await relay.baseline();
  process.on('message', (message) => relay.receive(message));
  // Once the answer to anything but a read is sent, its write has committed.
  app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => void relay.changed());
  });
  // Background work (jobs) and the register of sites announce their own changes.
  const onContent = () => void relay.changed();
  const onSites = () => relay.sitesChanged();
  contentEvents.on('siteContentChanged', onContent);
  contentEvents.on('sitesChanged', onSites);
}

/** Timed work, under job leases: with several workers (or nodes) each job runs in one of them at a time (ADR 0026). */
function startJobs(config: Config, deps: AppDeps, app: FastifyInstance): void {
  const database = deps.database;
  // Timed publication, missed-schedule alerts, daily digests.
  const stopJobs = startArticleJobs({ db: database.db, mailer: deps.mailer, clock: deps.clock, log: app.log, addresses: deps.addresses }, config.jobIntervalMs);
  process.once('beforeExit', stopJobs);
  // Personal data of citizens erased once its retention period has ended.
  const stopCitizenJobs = startCitizenJobs({ db: database.db, mailer: deps.mailer, files: deps.files, clock: deps.clock, log: app.log, addresses: deps.addresses }, config.jobIntervalMs);
  process.once('beforeExit', stopCitizenJobs);
  // Quota reminders a few working days before a provision period ends.
  const stopProvisionJobs = startProvisionJobs({ db: database.db, mailer: deps.mailer, clock: deps.clock, log: app.log, addresses: deps.addresses }, config.jobIntervalMs);
  process.once('beforeExit', stopProvisionJobs);
  // Reminders before a review step is due, escalation when it is late (issue 13).
  const stopReviewTimeJobs = startReviewTimeJobs({ db: database.db, mailer: deps.mailer, clock: deps.clock, log: app.log, addresses: deps.addresses }, config.jobIntervalMs);
  process.once('beforeExit', stopReviewTimeJobs);
  // Audit heads anchored outside the database (DATA_DIR/audit-anchors.log, the log, a daily mail).
  const stopAuditJobs = startAuditJobs({ db: database.db, mailer: deps.mailer, clock: deps.clock, log: app.log, dataDir: config.dataDir }, config.jobIntervalMs);
  process.once('beforeExit', stopAuditJobs);
  const stopPollJobs = startPollJobs({ db: database.db, clock: deps.clock, log: app.log }, config.jobIntervalMs);
  process.once('beforeExit', stopPollJobs);
  const stopEntryValidityJobs = startEntryValidityJobs({ db: database.db, clock: deps.clock, log: app.log }, config.jobIntervalMs);
  process.once('beforeExit', stopEntryValidityJobs);
  // Speech of published articles, generated in the background (listening to an article, ADR 0025).
  const stopSpeechJobs = startSpeechJobs({ db: database.db, files: deps.files, tools: defaultSpeechTools(), clock: deps.clock, log: app.log }, config.jobIntervalMs);
  process.once('beforeExit', stopSpeechJobs);
  // Pages showing the notice of a maintenance window that is over are dropped (ADR 0030).
  const stopMaintenanceJob = runEvery(30_000, () => dropEndedNotices(database.db, deps.clock).then(() => undefined), (error) => app.log.error({ err: error }, 'maintenance notices not dropped'), { db: database.db, name: 'maintenance-notices' });
  process.once('beforeExit', stopMaintenanceJob);
  // The daily backup, once across nodes, pruned after BACKUP_KEEP_DAYS; a failure mails the installation administrators (ADR 0028).
  const stopBackupJobs = startBackupJobs({ db: database.db, mailer: deps.mailer, clock: deps.clock, log: app.log, settings: backupSettingsFor(config) });
  process.once('beforeExit', stopBackupJobs);
}

const LOGS_INFO = new Set(['info', 'debug', 'trace']);

/** The primary has no app logger: one JSON line per message, as the workers' logger writes them. */
function primaryLog(config: Config): PrimaryLog {
  const line = (level: number, msg: string) => JSON.stringify({ level, time: Date.now(), pid: process.pid, msg });
  return {
    info: (msg) => {
      if (LOGS_INFO.has(config.logLevel)) console.log(line(30, msg));
    },
    error: (msg) => {
      if (config.logLevel !== 'silent') console.error(line(50, msg));
    },
  };
}


function demoLoginsFile(config: Config): string {
  return path.join(config.dataDir, 'demo-logins.txt');
}

/** The demo password is random; keep it where the operator can find it again. */
function writeDemoLogins(config: Config, demo: DemoResult): void {
  const list = demo.logins.map((l) => `  ${l.role.padEnd(16)} ${l.email}`).join('\n');
  writeFileSync(demoLoginsFile(config), `Demo password: ${demo.password}\n\n${list}\n`, { mode: 0o600 });
}

function printWelcome(config: Config, demo: DemoResult | null, workers = 1): void {
  const port = config.port === 80 ? '' : `:${config.port}`;
  const lines = [
    '',
    `trangtin is running: http://localhost${port}/  (back office: http://localhost${port}/admin)${workers > 1 ? `, ${workers} worker processes (WORKERS)` : ''}`,
  ];
  if (demo) {
    const file = demoLoginsFile(config);
    lines.push(
      '',
      'Demo sites loaded (browsers resolve *.localhost to this machine):',
      ...demo.sites.map((s) => `  http://${s.primaryHost}${port}/admin   ${s.name}`),
      '',
      `Sign in with any demo account, password: ${demo.password}`,
      `  installation administrator: admin@trangtin.localhost`,
      `  per site and role: <role>@<site>.localhost, e.g. truongban@nhuxuan.localhost (editor-in-chief),`,
      `  quantri (site admin), phoban, thuongtruc, thanhvien, thuky, kythuat, lanhdao, congtacvien, traloi`,
      `The full list and the password are kept in ${file}`,
    );
  }
  console.log(lines.join('\n'));
}
