// The store of @fastify/rate-limit, on the shared counters (ADR 0027): every
// node counts a client's requests to a limited route together.
//
// The plugin makes one child store per limited route (`config.rateLimit`, named
// by method and address) and one per `app.rateLimit(...)` (a hook shared by the
// vi and en addresses of one form). The latter is named explicitly through
// namedRateLimit: a name given by the order of creation would differ between two
// releases running side by side in a rolling upgrade, so their nodes would count
// different forms together. A child without a route or a name is refused.
//
// Every limit counts a client by clientKey (an IPv4 address, or an IPv6 /64).
import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import type { FastifyRateLimitStoreCtor, RateLimitOptions } from '@fastify/rate-limit';
import type { SharedLimits } from './index.ts';

/** Where namedRateLimit puts the name in the limiter's options (read back by the store's child). */
const NAME_OPTION = 'sharedLimiterName';

type LimitHook = NonNullable<RouteShorthandOptions['onRequest']>;

/**
 * `app.rateLimit(options)` under a stable name ('forum.reply', 'contact'): the counter
 * every node of every release shares for this limiter. Make it once and use the hook on
 * each address (vi and en) of the form, so both count together.
 */
export function namedRateLimit(app: FastifyInstance, name: string, options: RateLimitOptions): LimitHook {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new Error(`rate limiter name ${JSON.stringify(name)}: lower-case letters, digits, ".", "_" or "-"`);
  return app.rateLimit({ ...options, [NAME_OPTION]: name } as RateLimitOptions) as LimitHook;
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The store class for `app.register(rateLimit, { store })`; logs to the app's logger and closes Redis with the app. */
export function sharedRateLimitStore(app: FastifyInstance, limits: SharedLimits): FastifyRateLimitStoreCtor {
  limits.useLogger(app.log);
  app.addHook('onClose', async () => limits.close());
  const names = new Set<string>();

  class SharedRateLimitStore {
    constructor(
      _options: unknown,
      private readonly name = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      limits.hit(limits.rateKey(this.name, key), timeWindow).then(
        (tally) => callback(null, { current: tally.count, ttl: tally.resetMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      limits.peek(limits.rateKey(this.name, key)).then(
        (tally) => callback(null, { current: tally.count, ttl: tally.resetMs }),
        (error: Error) => callback(error),
      );
    }

    /** The plugin passes the limit's merged options, with `routeInfo` the route's options ({} for app.rateLimit). */
    child(options: object): SharedRateLimitStore {
      const route = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      if (route?.method && route.url) return new SharedRateLimitStore(null, `${String(route.method)} ${String(route.url)}`);
      const given = (options as Record<string, unknown>)[NAME_OPTION];
      if (typeof given !== 'string') throw new Error('app.rateLimit(...) needs a stable name: use namedRateLimit(app, name, options)');
      if (names.has(given)) throw new Error(`rate limiter ${given} is made twice: make it once and share its hook`);
      names.add(given);
      return new SharedRateLimitStore(null, `named:${given}`);
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
