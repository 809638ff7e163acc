// Placeholder, filled in by the issue-5 work.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';

export function registerProcedureRoutes(app: FastifyInstance, deps: AppDeps): void {
  void app;
  void deps;
}
