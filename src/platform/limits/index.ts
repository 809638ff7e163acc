// The limits of an installation, shared by all its nodes (issue 17, ADR 0027).
// Made once per process with the other dependencies; Redis is connected only on
// first use, so commands that never limit anything never open a connection.
import { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import type { Clock } from '../../core/time.ts';
import { deriveKey, hmacHex } from '../crypto.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { FallbackCounters, MemoryCounters, RedisCounters, TableCounters, type Counters, type LimitsLog, type Tally } from './counters.ts';

export type { Counters, LimitsLog, Tally } from './counters.ts';

/**
 * Redis settings: a Redis that is gone fails at once (connection refused) and is then left alone for
 * a few seconds; one that hangs costs a request at most two seconds. Not less: the timer of a command
 * can fire before its answer is read when the event loop was busy (seen in tests under load), and a
 * timed-out count falls back to this node's memory, which does not hold across nodes.
 */
export const REDIS_OPTIONS = {
  connectTimeout: 2_000,
  commandTimeout: 2_000,
  maxRetriesPerRequest: 1,
  retryStrategy: (times: number) => Math.min(times * 200, 2_000),
} as const;

const quiet: LimitsLog = { error: () => {}, warn: () => {} };

export class SharedLimits {
  /** The counters every limit uses: shared across nodes, with this node's memory as the fallback. */
  readonly counters: FallbackCounters;
  /** 'redis' or 'database': where the counts are shared. */
  readonly storeName: 'redis' | 'database';
  private redis: Redis | null = null;
  private log: LimitsLog = quiet;
  private readonly keyForRates: Buffer;

  constructor(
    private readonly config: Config,
    database: DatabaseHandle,
    clock: Clock,
  ) {
    this.keyForRates = deriveKey(config.sessionSecret, 'rate-limit-keys');
    this.storeName = config.redisUrl ? 'redis' : 'database';
    const shared: Counters = config.redisUrl ? new LazyRedisCounters(() => this.client()) : new TableCounters(database.db, clock);
    this.counters = new FallbackCounters(shared, new MemoryCounters(clock), clock, () => this.log, this.storeName);
  }

  /** Where failures of the shared store are logged (the app's logger). */
  useLogger(log: LimitsLog): void {
    this.log = log;
  }

  /**
   * The stored key of a limit and a client: an HMAC under a key derived from the
   * installation secret (the same on every node), so the database or Redis holds
   * no address, and the address cannot be found by hashing all of IPv4 without the secret.
   */
  rateKey(limit: string, client: string): string {
    return `rl:${hmacHex(this.keyForRates, `${limit}\n${client}`).slice(0, 40)}`;
  }

  hit(key: string, windowMs: number): Promise<Tally> {
    return this.counters.hit(key, windowMs);
  }

  peek(key: string): Promise<Tally> {
    return this.counters.peek(key);
  }

  /** Closes the Redis connection, if one was opened. */
  async close(): Promise<void> {
    const redis = this.redis;
    this.redis = null;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  private client(): Redis {
    if (!this.redis) {
      const redis = new Redis(this.config.redisUrl!, { ...REDIS_OPTIONS, keyPrefix: this.config.redisKeyPrefix });
      // Each failed command is reported through FallbackCounters; the connection's own
      // errors (one per reconnection attempt) would only repeat it.
      redis.on('error', () => {});
      this.redis = redis;
    }
    return this.redis;
  }
}

class LazyRedisCounters implements Counters {
  constructor(private readonly client: () => Redis) {}
  hit(key: string, windowMs: number): Promise<Tally> {
    return new RedisCounters(this.client()).hit(key, windowMs);
  }
  peek(key: string): Promise<Tally> {
    return new RedisCounters(this.client()).peek(key);
  }
}

export function createLimits(config: Config, database: DatabaseHandle, clock: Clock): SharedLimits {
  return new SharedLimits(config, database, clock);
}
