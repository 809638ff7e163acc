// The environment, parsed once, typed and frozen. Every bad value is reported
// together, each with what to fix, before anything else starts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSsoConfig, type SsoConfig } from './modules/sso/config.ts';

/** What a request for a host name that no site has gets (see README, "Host names"). */
export const UNKNOWN_HOST_POLICIES = ['redirect', 'refuse', 'default'] as const;
export type UnknownHostPolicy = (typeof UNKNOWN_HOST_POLICIES)[number];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `postgres://…` for PostgreSQL, otherwise a SQLite file path. */
  readonly databaseUrl: string;
  readonly dataDir: string;
  /**
   * Scheme and port (and, for a site without a host name, the host) of every absolute link;
   * null means plain http on the listening port. Never taken from a request header.
   */
  readonly baseUrl: URL | null;
  /** A host name no site has: redirect to the default site, refuse (421), or serve the default site. */
  readonly unknownHost: UnknownHostPolicy;
  readonly sessionSecret: string;
  readonly smtpUrl: string | null;
  /** Sender of outgoing mail. */
  readonly mailFrom: string;
  readonly logLevel: LogLevel;
  /**
   * Behind a reverse proxy: which hops' X-Forwarded-* to trust: false (none), a number of proxies in
   * front of the app, or the proxies' addresses (CIDR allowed). Never "every hop": the left end of
   * X-Forwarded-For is written by the client, and rate limits and ballot caps key on the address.
   */
  readonly trustProxy: false | number | readonly string[];
  /** Keys of the audit chain, never stored in the database; the highest version signs new rows. */
  readonly auditKeys: readonly AuditKeySecret[];
  /** Bearer token that reads /metrics and the /healthz details (METRICS_TOKEN); without it only local scrapes. */
  readonly metricsToken?: string | null;
  /** Queries slower than this are logged without their parameters (SLOW_QUERY_MS, default 500; 0: off). */
  readonly slowQueryMs?: number;
  /** `redis://…` or `rediss://…`: rate limits shared by every node kept in Redis (ADR 0027); null keeps them in the database. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis key, so installations can share one Redis. */
  readonly redisKeyPrefix: string;
  /** How often the public content versions are polled (VERSION_POLL_MS, default 1000); NOTIFY does the work on PostgreSQL. */
  readonly versionPollMs?: number;
  /** The render cache's bound in MiB for the whole node, divided among its workers (PAGE_CACHE_MB, default 64; ADRs 0033, 0037). */
  readonly pageCacheMb?: number;
  /** Every background job's interval (JOB_INTERVAL_MS); unset, each job keeps its own. For tests and trials. */
  readonly jobIntervalMs?: number;
  /** Single sign-on (OIDC_*, LDAP_*; README "Single sign-on"); absent or null parts are off. */
  readonly sso?: SsoConfig;
  /** Server processes (WORKERS, default one per core; 1: a single process). ADR 0036. */
  readonly workers?: number;
}

export interface AuditKeySecret {
  readonly version: number;
  readonly secret: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parse and validate the environment. Creates DATA_DIR and the session secret file when missing. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const port = parsePort(read('PORT') ?? '3000', problems);
  const host = read('HOST') ?? '0.0.0.0';
  const dataDir = path.resolve(cwd, read('DATA_DIR') ?? 'data');
  const databaseUrl = parseDatabaseUrl(read('DATABASE_URL'), dataDir, problems);
  const baseUrl = parseBaseUrl(read('BASE_URL'), problems);
  const unknownHost = parseUnknownHost(read('UNKNOWN_HOST') ?? 'redirect', problems);
  const smtpUrl = parseSmtpUrl(read('SMTP_URL'), problems);
  const mailFrom = read('MAIL_FROM') ?? `trangtin <no-reply@${baseUrl?.hostname ?? 'localhost'}>`;
  if (!/@/.test(mailFrom)) problems.push(`MAIL_FROM must contain an e-mail address, got "${mailFrom}".`);
  const logLevel = parseLogLevel(read('LOG_LEVEL') ?? 'info', problems);
  const trustProxy = parseTrustProxy(read('TRUST_PROXY') ?? 'false', problems);
  const auditKeysRaw = read('AUDIT_KEYS');
  let auditKeys = auditKeysRaw === undefined ? [] : parseAuditKeys(auditKeysRaw, 'AUDIT_KEYS', problems);
  const redisUrl = parseRedisUrl(read('REDIS_URL'), problems);
  const redisKeyPrefix = read('REDIS_KEY_PREFIX') ?? 'trangtin:';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisKeyPrefix)) problems.push('REDIS_KEY_PREFIX may hold only letters, digits and _ . : - (at most 64), e.g. "trangtin:".');
  let sessionSecret = read('SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters long (or leave it unset to have one generated in DATA_DIR).');
  }

  const metricsToken = read('METRICS_TOKEN') ?? null;
  if (metricsToken !== null && metricsToken.length < 32) problems.push('METRICS_TOKEN must be at least 32 characters long, e.g. $(openssl rand -base64 32).');
  const slowRaw = read('SLOW_QUERY_MS') ?? '500';
  const slowQueryMs = Number(slowRaw);
  if (!/^\d{1,6}$/.test(slowRaw)) problems.push(`SLOW_QUERY_MS must be a whole number of milliseconds (0: off), got "${slowRaw}".`);
  const versionPollMs = parseOptionalMs(read('VERSION_POLL_MS'), 'VERSION_POLL_MS', problems);
  const jobIntervalMs = parseOptionalMs(read('JOB_INTERVAL_MS'), 'JOB_INTERVAL_MS', problems);
  const sso = parseSsoConfig(read, problems);
  const pageCacheRaw = read('PAGE_CACHE_MB');
  const pageCacheMb = pageCacheRaw === undefined ? undefined : Number(pageCacheRaw);
  if (pageCacheRaw !== undefined && (!/^\d{1,5}$/.test(pageCacheRaw) || pageCacheMb! < 1 || pageCacheMb! > 16384)) {
    problems.push(`PAGE_CACHE_MB must be a whole number of MiB from 1 to 16384, got "${pageCacheRaw}".`);
  }
  const workers = parseWorkers(read('WORKERS'), problems);

  if (problems.length > 0) throw new ConfigError(problems);

  if (sessionSecret === undefined) {
    try {
      sessionSecret = loadOrCreateSecret(dataDir);
    } catch (error) {
      throw new ConfigError([`DATA_DIR (${dataDir}) is not writable: ${(error as Error).message}`]);
    }
  }
  if (auditKeysRaw === undefined) auditKeys = loadOrCreateAuditKeys(dataDir);

  return Object.freeze({ port, host, databaseUrl, dataDir, baseUrl, unknownHost, sessionSecret, smtpUrl, mailFrom, logLevel, trustProxy, auditKeys: Object.freeze(auditKeys), redisUrl, redisKeyPrefix, sso, ...(versionPollMs ? { versionPollMs } : {}), ...(jobIntervalMs ? { jobIntervalMs } : {}), ...(pageCacheMb ? { pageCacheMb } : {}), metricsToken, slowQueryMs, workers });
}

/** At most this many server processes: more than any machine's cores is a typo. */
/** The render cache of the whole node, in MiB, when PAGE_CACHE_MB is not set (ADR 0033). */
export const DEFAULT_PAGE_CACHE_MB = 64;

/**
 * One serving process's render cache bound, in bytes: PAGE_CACHE_MB (default 64) is the node's,
 * divided among its WORKERS (each worker keeps a cache of its own), at least 1 MiB each (ADR 0037).
 */
export function pageCacheBytesPerProcess(config: Pick<Config, 'pageCacheMb' | 'workers'>): number {
  const nodeBytes = (config.pageCacheMb ?? DEFAULT_PAGE_CACHE_MB) * 1024 * 1024;
  return Math.max(1024 * 1024, Math.floor(nodeBytes / Math.max(1, config.workers ?? 1)));
}

export const MAX_WORKERS = 256;

// WORKERS (ADR 0036): one server process per core unless told otherwise.
function parseWorkers(raw: string | undefined, problems: string[]): number {
  const cores = os.availableParallelism();
  if (raw === undefined) return cores;
  const workers = Number(raw);
  if (!/^\d+$/.test(raw) || workers < 1 || workers > MAX_WORKERS) {
    problems.push(`WORKERS must be a whole number of server processes from 1 to ${MAX_WORKERS} (1: a single process; unset: one per core, ${cores} here), got "${raw}".`);
    return 1;
  }
  return workers;
}

function parseOptionalMs(raw: string | undefined, name: string, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 50 || ms > 24 * 3600_000) {
    problems.push(`${name} must be a number of milliseconds from 50 to 86400000, got "${raw}".`);
    return undefined;
  }
  return ms;
}

function parsePort(raw: string, problems: string[]): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535, got "${raw}".`);
    return 0;
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined, dataDir: string, problems: string[]): string {
  if (raw === undefined) return path.join(dataDir, 'trangtin.sqlite');
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      problems.push('DATABASE_URL looks like PostgreSQL but is not a valid URL (expected postgres://user@host:5432/database).');
    }
    return raw;
  }
  if (/^[a-z]+:\/\//i.test(raw)) {
    problems.push(`DATABASE_URL must be a postgres:// URL or a SQLite file path; "${raw.split(':')[0]}" is not supported.`);
    return raw;
  }
  return path.resolve(raw.replace(/^sqlite:(\/\/)?/, ''));
}

function parseBaseUrl(raw: string | undefined, problems: string[]): URL | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    if (url.pathname !== '/' || url.search || url.hash || url.username) {
      problems.push(`BASE_URL must be only a scheme, a host name and an optional port (e.g. https://kontum.gov.vn), got "${raw}".`);
    }
    return url;
  } catch {
    problems.push(`BASE_URL must be an http:// or https:// address, got "${raw}".`);
    return null;
  }
}

function parseUnknownHost(raw: string, problems: string[]): UnknownHostPolicy {
  if ((UNKNOWN_HOST_POLICIES as readonly string[]).includes(raw)) return raw as UnknownHostPolicy;
  problems.push(`UNKNOWN_HOST must be one of ${UNKNOWN_HOST_POLICIES.join(', ')}, got "${raw}".`);
  return 'redirect';
}

function parseRedisUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    if ((url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '') return raw;
  } catch {
    // Never echo the value: it may hold a password.
  }
  problems.push('REDIS_URL must be a redis:// or rediss:// address with a host, e.g. redis://127.0.0.1:6379/0 (or leave it unset to keep rate limits in the database).');
  return null;
}

function parseSmtpUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('protocol');
    return raw;
  } catch {
    // Never echo the value: it may hold a password.
    problems.push('SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465.');
    return null;
  }
}

function parseLogLevel(raw: string, problems: string[]): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`);
  return 'info';
}

function parseBoolean(name: string, raw: string, problems: string[]): boolean {
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false, got "${raw}".`);
  return false;
}

/** TRUST_PROXY: false, true (one proxy, e.g. nginx on the same machine), a number of proxies, or their addresses. */
function parseTrustProxy(raw: string, problems: string[]): false | number | readonly string[] {
  const value = raw.trim();
  if (/^(0|false|no)$/i.test(value)) return false;
  if (/^(true|yes)$/i.test(value)) return 1;
  if (/^[1-9]$/.test(value)) return Number(value);
  const addresses = value.split(',').map((a) => a.trim()).filter((a) => a !== '');
  const address = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;
  if (addresses.length > 0 && addresses.every((a) => address.test(a))) return Object.freeze(addresses);
  problems.push(`TRUST_PROXY must be false, true (one proxy), the number of proxies in front of the app (1-9), or their addresses separated by commas (127.0.0.1,10.0.0.0/8), got "${raw}".`);
  return false;
}

/** The secret that signs cookies and keys encrypted columns; generated once and kept in DATA_DIR. */
function loadOrCreateSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** "2:secret 1:older-secret" (commas, spaces or lines between entries); secrets are never echoed. */
export function parseAuditKeys(raw: string, source: string, problems: string[]): AuditKeySecret[] {
  const keys: AuditKeySecret[] = [];
  const entries = raw
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join(' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const match = /^(\d{1,6}):(.+)$/.exec(entry);
    const version = match ? Number(match[1]) : 0;
    if (!match || version < 1) problems.push(`${source}: entry ${index + 1} must look like <version>:<secret> with a version from 1, e.g. 1:$(openssl rand -base64 48).`);
    else if (match[2]!.length < 32) problems.push(`${source}: the secret of key version ${version} must be at least 32 characters long.`);
    else if (keys.some((k) => k.version === version)) problems.push(`${source}: key version ${version} is given twice.`);
    else keys.push({ version, secret: match[2]! });
  });
  if (entries.length === 0) problems.push(`${source} holds no key; expected <version>:<secret>.`);
  return keys.sort((a, b) => b.version - a.version);
}

export const AUDIT_KEYS_FILE = 'audit-keys';

/** The audit keys kept in DATA_DIR/audit-keys when AUDIT_KEYS is not set; version 1 is generated on the first start. */
export function loadOrCreateAuditKeys(dataDir: string): AuditKeySecret[] {
  const file = path.join(dataDir, AUDIT_KEYS_FILE);
  if (!existsSync(file)) {
    try {
      mkdirSync(dataDir, { recursive: true });
      const header = '# Audit chain keys (<version>:<secret>, one a line). The highest version signs new rows; keep the\n# older ones: they verify the rows they signed. Back this file up apart from the database.\n';
      writeFileSync(file, `${header}1:${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process may have created it at the same moment: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError([`DATA_DIR (${dataDir}) is not writable: ${(error as Error).message}`]);
    }
  }
  const problems: string[] = [];
  const keys = parseAuditKeys(readFileSync(file, 'utf8'), file, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return keys;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

// ── Backups (issue 17, ADR 0028) ────────────────────────────────────────────
// Read apart from loadConfig: `trangtin restore` must not create the session secret
// or the audit keys in the empty DATA_DIR it restores into.

export interface BackupSettings {
  readonly dataDir: string;
  readonly databaseUrl: string;
  /** Where `trangtin backup` and the daily run put their copies: BACKUP_DIR, default DATA_DIR/backups. */
  readonly backupDir: string;
  /** BACKUP_SCHEDULE=off turns the daily run off (on by default). */
  readonly scheduled: boolean;
  /** BACKUP_TIME: Vietnam time of day (HH:MM) from which the day's backup is taken; default 02:00. */
  readonly time: string;
  /** BACKUP_KEEP_DAYS: complete backups older than this many days are pruned; default 30. */
  readonly keepDays: number;
  /** BACKUP_SECRETS=off leaves DATA_DIR/session-secret and DATA_DIR/audit-keys out of the daily backup (on by default). */
  readonly secrets: boolean;
}

export function loadBackupSettings(env: Env = process.env, cwd = process.cwd()): BackupSettings {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const dataDir = path.resolve(cwd, read('DATA_DIR') ?? 'data');
  const databaseUrl = parseDatabaseUrl(read('DATABASE_URL'), dataDir, problems);
  const backupDir = path.resolve(cwd, read('BACKUP_DIR') ?? path.join(dataDir, 'backups'));
  const scheduled = parseBoolean('BACKUP_SCHEDULE', (read('BACKUP_SCHEDULE') ?? 'on').replace(/^on$/i, 'true').replace(/^off$/i, 'false'), problems);
  const time = read('BACKUP_TIME') ?? '02:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) problems.push(`BACKUP_TIME must be a Vietnam time of day as HH:MM (e.g. 02:00), got "${time}".`);
  const keepRaw = read('BACKUP_KEEP_DAYS') ?? '30';
  const keepDays = Number(keepRaw);
  if (!/^\d+$/.test(keepRaw) || keepDays < 1 || keepDays > 3650) problems.push(`BACKUP_KEEP_DAYS must be a whole number of days from 1 to 3650, got "${keepRaw}".`);
  const secrets = parseBoolean('BACKUP_SECRETS', (read('BACKUP_SECRETS') ?? 'on').replace(/^on$/i, 'true').replace(/^off$/i, 'false'), problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({ dataDir, databaseUrl, backupDir, scheduled, time, keepDays, secrets });
}
