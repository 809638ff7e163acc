// Boot only: configuration → database (migrated) → dependencies → app → listen,
// and a graceful close on SIGTERM/SIGINT. With WORKERS above 1 the first process
// prepares the database and forks the workers that serve (ADR 0036); it imports neither the
// app nor the demo (serving.ts, load-demo.ts), so it stays a thin supervisor (ADR 0037).
import cluster from 'node:cluster';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import type { DemoResult } from './modules/demo/load-demo.ts';
import { keyLegacyChains } from './modules/audit/anchor-heads.ts';
import { checkAuditKey } from './modules/audit/check-key.ts';
import { installAuditKeys } from './modules/audit/keys.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { runPrimary, type PrimaryLog } from './platform/workers/primary.ts';

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
    const { startServing } = await import('./serving.ts');
    return startServing(config, openDatabase(config.databaseUrl, { slowQueryMs: config.slowQueryMs }));
  }
  const workers = config.workers ?? 1;
  const { database, demo } = await prepare(config, options);
  if (workers <= 1) {
    const { startServing } = await import('./serving.ts');
    await startServing(config, database);
    printWelcome(config, demo, 1, options.demo === true);
    return;
  }
  // The primary serves nothing: each worker opens its own connection.
  await database.close();
  runPrimary({ workers, log: primaryLog(config), onReady: () => printWelcome(config, demo, workers, options.demo === true) });
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
      // The demo and the dependencies load much of the application: imported only when the demo is loaded.
      const [{ loadDemo }, { createDeps }] = await Promise.all([import('./modules/demo/load-demo.ts'), import('./deps.ts')]);
      demo = await loadDemo(database.db, { files: createDeps(config, database).files });
      writeDemoLogins(config, demo);
    }
  }
  primaryLog(config).info(`database ready: ${database.description}, ${applied.length} migration(s) applied`);
  // Chains ending in rows from before the audit key are verified and continued under it before any request.
  await keyLegacyChains(database.db, { dataDir: config.dataDir });
  return { database, demo };
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


function demoLoginsFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'demo-logins.txt');
}

/** The demo password is random; keep it where the operator can find it again. */
function writeDemoLogins(config: Config, demo: DemoResult): void {
  const list = demo.logins.map((l) => `  ${l.role.padEnd(16)} ${l.email}`).join('\n');
  writeFileSync(demoLoginsFile(config), `Demo password: ${demo.password}\n\n${list}\n`, { mode: 0o600 });
}

function printWelcome(config: Config, demo: DemoResult | null, workers = 1, demoAsked = false): void {
  console.log(welcomeText(config, demo, workers, demoAsked));
}

/** What `npm start` prints once every process serves: where to go and, for the demo, how to sign in. */
export function welcomeText(config: Pick<Config, 'port' | 'dataDir'>, demo: DemoResult | null, workers = 1, demoAsked = false): string {
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
  } else if (demoAsked && existsSync(demoLoginsFile(config))) {
    // A later start on the same data: the demo was loaded before, its password is in the file.
    lines.push('', `Demo sites loaded earlier: the demo password and accounts are in ${demoLoginsFile(config)}`);
  }
  return lines.join('\n');
}
