// Placeholder, filled in by the issue-5 work.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';

export function registerDocumentAdmin(app: FastifyInstance, deps: AppDeps): void {
  void app;
  void deps;
}
