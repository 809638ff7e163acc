// Counters with a window, the storage of every limit (ADR 0027): in Redis when
// REDIS_URL is set, otherwise in the database's rate_limit_counters table, so
// every node of an installation counts together; each node's memory only as the
// fallback while the shared store cannot be reached.
//
// A window starts with the first hit of its key and lasts windowMs; the count
// and the end of the window are read back in the same atomic step as the
// increment (an upsert, or one Lua script), so two nodes never both see "first".
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/time.ts';
import type { Db } from '../db/database.ts';

export interface Tally {
  /** Hits in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends (0 when there is none). */
  resetMs: number;
}

export interface Counters {
  /** Adds one to the key's count in its window (starting a window of windowMs when there is none). */
  hit(key: string, windowMs: number): Promise<Tally>;
  /** The key's count in its window, unchanged. */
  peek(key: string): Promise<Tally>;
}

/** One process's memory: the fallback, and what a test may use on its own. */
export class MemoryCounters implements Counters {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();
  private lastSweep = 0;

  constructor(private readonly clock: Clock) {}

  async hit(key: string, windowMs: number): Promise<Tally> {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) {
      this.entries.set(key, { count: 1, expiresAt: now + windowMs });
      return { count: 1, resetMs: windowMs };
    }
    entry.count += 1;
    return { count: entry.count, resetMs: entry.expiresAt - now };
  }

  async peek(key: string): Promise<Tally> {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(key);
    return !entry || entry.expiresAt <= now ? { count: 0, resetMs: 0 } : { count: entry.count, resetMs: entry.expiresAt - now };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** How often a node deletes the rows of ended windows. */
export const PRUNE_EVERY_MS = 60_000;

/** The rate_limit_counters table (migration 0028), on PostgreSQL or SQLite. */
export class TableCounters implements Counters {
  private nextPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async hit(key: string, windowMs: number): Promise<Tally> {
    const now = this.clock.now().getTime();
    await this.pruneIfDue(now);
    // Every SET expression reads the row as it was (both engines), so a window that has
    // ended restarts at 1 with a new end, atomically with the increment.
    const row = await sql<{ count: number; expires_at: number }>`
      insert into rate_limit_counters (key, count, expires_at) values (${key}, 1, ${now + windowMs})
      on conflict (key) do update set
        count = case when rate_limit_counters.expires_at <= ${now} then 1 else rate_limit_counters.count + 1 end,
        expires_at = case when rate_limit_counters.expires_at <= ${now} then ${now + windowMs} else rate_limit_counters.expires_at end
      returning count, expires_at`.execute(this.db);
    const result = row.rows[0]!;
    return { count: Number(result.count), resetMs: Math.max(0, Number(result.expires_at) - now) };
  }

  async peek(key: string): Promise<Tally> {
    const now = this.clock.now().getTime();
    const row = await this.db.selectFrom('rate_limit_counters').select(['count', 'expires_at']).where('key', '=', key).where('expires_at', '>', now).executeTakeFirst();
    return row ? { count: Number(row.count), resetMs: Number(row.expires_at) - now } : { count: 0, resetMs: 0 };
  }

  /** Deletes the rows of windows that have ended: no hashed address outlives its window by more than a minute of traffic. */
  async prune(now = this.clock.now().getTime()): Promise<number> {
    const result = await this.db.deleteFrom('rate_limit_counters').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async pruneIfDue(now: number): Promise<void> {
    if (now < this.nextPrune) return;
    this.nextPrune = now + PRUNE_EVERY_MS;
    await this.prune(now);
  }
}

const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/** Redis: INCR and PEXPIRE in one script, so the window's end is set exactly once and the key expires by itself. */
export class RedisCounters implements Counters {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, windowMs: number): Promise<Tally> {
    const [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, key, String(Math.max(1, Math.ceil(windowMs))))) as [number, number];
    return { count: Number(count), resetMs: Math.max(0, Number(ttl)) };
  }

  async peek(key: string): Promise<Tally> {
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return count === null ? { count: 0, resetMs: 0 } : { count: Number(count), resetMs: Math.max(0, ttl) };
  }
}

export interface LimitsLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** How long, after a failure, a node counts in its memory before trying the shared store again. */
export const RETRY_SHARED_AFTER_MS = 5_000;

/**
 * The shared store, and this node's memory when the shared store fails (ADR 0027:
 * a limit then holds per node — never unlimited, never refusing everyone). The
 * failure is logged once per outage, at error level, and its end at warn level.
 */
export class FallbackCounters implements Counters {
  private downSince: number | null = null;
  private retryAt = 0;

  constructor(
    private readonly shared: Counters,
    private readonly local: Counters,
    private readonly clock: Clock,
    private readonly log: () => LimitsLog,
    private readonly storeName: string,
  ) {}

  /** True while this node counts in its own memory. */
  get degraded(): boolean {
    return this.downSince !== null;
  }

  hit(key: string, windowMs: number): Promise<Tally> {
    return this.run((c) => c.hit(key, windowMs));
  }

  peek(key: string): Promise<Tally> {
    return this.run((c) => c.peek(key));
  }

  private async run(op: (c: Counters) => Promise<Tally>): Promise<Tally> {
    const now = this.clock.now().getTime();
    if (this.downSince !== null && Date.now() < this.retryAt) return op(this.local);
    try {
      const tally = await op(this.shared);
      if (this.downSince !== null) {
        this.log().warn({ store: this.storeName, downForMs: Date.now() - this.downSince }, 'shared rate-limit store reachable again: limits count across nodes again');
        this.downSince = null;
      }
      return tally;
    } catch (error) {
      if (this.downSince === null) {
        this.downSince = Date.now();
        this.log().error({ store: this.storeName, err: error, at: new Date(now).toISOString() }, 'shared rate-limit store unreachable: each node now limits on its own (ADR 0027)');
      }
      // Real time, not the (possibly test) clock: how long to leave a failing store alone.
      this.retryAt = Date.now() + RETRY_SHARED_AFTER_MS;
      return op(this.local);
    }
  }
}
