// The store of @fastify/rate-limit, on the shared counters (ADR 0027): every
// node counts a client's requests to a limited route together.
//
// The plugin makes one child store per limited route (`config.rateLimit`, named
// by method and address) and one per `app.rateLimit(...)` (a preHandler shared
// by the vi and en addresses of one form; named by the order of creation, which
// is the same on every node running the same release).
import type { FastifyInstance } from 'fastify';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { SharedLimits } from './index.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The store class for `app.register(rateLimit, { store })`; logs to the app's logger and closes Redis with the app. */
export function sharedRateLimitStore(app: FastifyInstance, limits: SharedLimits): FastifyRateLimitStoreCtor {
  limits.useLogger(app.log);
  app.addHook('onClose', async () => limits.close());
  let unnamed = 0;

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
      const name = route?.method && route.url ? `${String(route.method)} ${String(route.url)}` : `limiter-${++unnamed}`;
      return new SharedRateLimitStore(null, name);
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
