// The application's dependencies, made once from the configuration.
import path from 'node:path';
import os from 'node:os';
import { pageCacheBytesPerProcess, type Config } from './config.ts';
import { systemClock, type Clock } from './core/time.ts';
import { deriveKey } from './platform/crypto.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import type { AppDeps } from './platform/http/context.ts';
import { createMailer } from './platform/mail.ts';
import { createLocalFileStore } from './platform/files/index.ts';
import { installAuditKeys } from './modules/audit/keys.ts';
import { compressorFor, PageCache } from './modules/public/page-cache.ts';
import { VisitorCounter } from './modules/public/visitors.ts';
import { UsageCounter } from './modules/usage/counter.ts';
import { SiteDirectory } from './modules/sites/directory.ts';
import { PublicAddresses } from './modules/sites/addresses.ts';
import { createLimits } from './platform/limits/index.ts';

export function createDeps(config: Config, database: DatabaseHandle, clock: Clock = systemClock): AppDeps {
  installAuditKeys(config);
  return {
    config,
    database,
    clock,
    mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.join(config.dataDir, 'outbox') }),
    sites: new SiteDirectory(database.db),
    addresses: new PublicAddresses(config.baseUrl),
    files: createLocalFileStore(path.join(config.dataDir, 'files')),
    pageCache: new PageCache(pageCacheBytesPerProcess(config), Date.now, compressorFor(config.workers ?? 1, os.availableParallelism())),
    visitors: new VisitorCounter(() => clock.now()),
    usage: new UsageCounter(() => clock.now()),
    limits: createLimits(config, database, clock),
    keys: { totp: deriveKey(config.sessionSecret, 'totp'), preview: deriveKey(config.sessionSecret, 'preview-links') },
  };
}
