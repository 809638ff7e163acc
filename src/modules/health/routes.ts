// Liveness and readiness for the reverse proxy and the monitoring of the IT centre.
import type { FastifyInstance } from 'fastify';
import { ping } from '../../platform/db/database.ts';
import { migrationStatus } from '../../platform/db/migrator.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { speechAvailability } from '../speech/jobs.ts';

let shuttingDown = false;

/** Called on SIGTERM: the proxy stops sending traffic before connections close. */
export function markShuttingDown(): void {
  shuttingDown = true;
}

export function registerHealth(app: FastifyInstance, deps: AppDeps): void {
  const publicAccess = { access: { kind: 'public' as const } };
  app.get('/healthz', { config: publicAccess }, async (_request, reply) => {
    try {
      await ping(deps.database.db);
      const { pending } = await migrationStatus(deps.database.db);
      const body = { status: pending.length === 0 ? 'ok' : 'degraded', database: 'ok', migrations: pending.length === 0 ? 'current' : { pending } };
      // Listening to articles needs espeak-ng and lame; without them pages simply have no player (not a failure).
      const speech = speechAvailability();
      if (speech) Object.assign(body, { speech: speech === 'on' ? 'on' : 'off: install espeak-ng and lame' });
      return reply.code(pending.length === 0 ? 200 : 503).header('cache-control', 'no-store').send(body);
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'failing', database: 'unreachable' });
    }
  });
  app.get('/readyz', { config: publicAccess }, async (_request, reply) =>
    reply.code(shuttingDown ? 503 : 200).header('cache-control', 'no-store').send({ status: shuttingDown ? 'shutting_down' : 'ready' }),
  );
}
