// A serving process: the app, its listener, its timed work and a graceful close (ADR 0036). Only a
// process that serves imports this module (and through it the whole application): the primary of
// a node running several workers stays a thin supervisor (ADR 0037).
import cluster from 'node:cluster';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createDeps } from './deps.ts';
import { markShuttingDown } from './modules/health/routes.ts';
import { startArticleJobs } from './modules/articles/scheduler.ts';
import { startAuditJobs } from './modules/audit/jobs.ts';
import { startCitizenJobs } from './modules/citizens/jobs.ts';
import { startProvisionJobs } from './modules/provision/reminders.ts';
import { startReviewTimeJobs } from './modules/review-times/jobs.ts';
import { startPollJobs } from './modules/polls/jobs.ts';
import { startEntryValidityJobs } from './modules/entries/validity-job.ts';
import { startSpeechJobs } from './modules/speech/jobs.ts';
import { defaultSpeechTools } from './modules/speech/synthesize.ts';
import { clusterNotices } from './modules/public/cluster-sync.ts';
import { readContentVersions } from './modules/public/content-version.ts';
import { setSlowQueryLog, type DatabaseHandle } from './platform/db/database.ts';
import { contentEvents } from './platform/events.ts';
import type { AppDeps } from './platform/http/context.ts';
import { runEvery, stopJobLeases } from './platform/interval-job.ts';
import { dropEndedNotices } from './modules/maintenance/store.ts';
import { SiblingRelay, STOP } from './platform/workers/relay.ts';
import { backupSettingsFor, startBackupJobs } from './modules/backups/jobs.ts';

/** The app, its listener and its timed work in this process; a graceful close on SIGTERM/SIGINT (or the primary's word). */
export async function startServing(config: Config, database: DatabaseHandle): Promise<void> {
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
