// The request log (ADR 0032): one short line per request worth reading, not two lines of
// ~250 bytes for every page view. Successful reads (GET/HEAD answered below 400 within
// SLOW_REQUEST_MS) go to `debug` only: at the default `info` a busy portal's page views cost
// CPU and disk for nothing an operator reads (the reverse proxy keeps the access log).
// Writes, refusals, errors and slow requests keep their line at `info` or above.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A request slower than this is logged whatever it was (warn). */
export const SLOW_REQUEST_MS = 1000;

type Level = 'debug' | 'info' | 'warn' | 'error';

export function requestLogLevel(method: string, status: number, ms: number): Level {
  if (status >= 500) return 'error';
  if (ms >= SLOW_REQUEST_MS) return 'warn';
  if ((method === 'GET' || method === 'HEAD') && status < 400) return 'debug';
  return 'info';
}

export function registerRequestLog(app: FastifyInstance, redactUrl: (url: string) => string): void {
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const ms = reply.elapsedTime;
    const level = requestLogLevel(request.method, reply.statusCode, ms);
    // Checked before building the line: a skipped line costs nothing.
    if ((request.log as { isLevelEnabled?: (l: string) => boolean }).isLevelEnabled?.(level) ?? true) {
      request.log[level]({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    }
    done();
  });
}
