// buildTestApp: the real application on a real database, driven through
// Fastify inject (no sockets), with a clock tests can move.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import type { Clock } from '../../src/core/time.ts';
import { createDeps } from '../../src/deps.ts';
import type { AppDeps } from '../../src/platform/http/context.ts';
import { TEST_AUDIT_KEYS, type TestDatabase, type TestEngine } from './databases.ts';

export class TestClock implements Clock {
  constructor(public current: Date = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: TestDatabase;
  db: TestDatabase['db'];
  clock: TestClock;
  dataDir: string;
  /** Sites are cached; call after creating or changing one outside HTTP. */
  refreshSites(): void;
  /** E-mails written to the outbox (no SMTP in tests), oldest first. */
  sentMail(): string[];
  close(): Promise<void>;
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: ':memory:',
    dataDir,
    baseUrl: null,
    unknownHost: 'redirect',
    sessionSecret: 'test-secret-that-is-long-enough-0123456789',
    smtpUrl: null,
    mailFrom: 'trangtin <no-reply@localhost>',
    logLevel: 'silent',
    trustProxy: false,
    auditKeys: TEST_AUDIT_KEYS,
    redisUrl: null,
    redisKeyPrefix: 'trangtin-test:',
    ...overrides,
  };
}

export async function buildTestApp(engine: TestEngine, opts: { clock?: TestClock; config?: Partial<Config>; database?: { slowQueryMs?: number } } = {}): Promise<TestApp> {
  const database = await engine.open(opts.database);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-data-'));
  const clock = opts.clock ?? new TestClock();
  const deps = createDeps(testConfig(dataDir, opts.config), database, clock);
  const app = await buildApp(deps, { logger: false });
  const outbox = path.join(dataDir, 'outbox');
  return {
    app,
    deps,
    database,
    db: database.db,
    clock,
    dataDir,
    refreshSites: () => deps.sites.invalidate(),
    sentMail: () => {
      try {
        return readdirSync(outbox)
          .sort()
          .map((f) => readFileSync(path.join(outbox, f), 'utf8'));
      } catch {
        return [];
      }
    },
    async close() {
      await app.close();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
