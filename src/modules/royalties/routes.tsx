// Royalties and remuneration over HTTP (/admin/royalties/...). Each part
// registers its own routes; every route declares one of the royalty
// permissions, so amounts and payees never reach anyone without them.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { registerAssessment } from './assess-routes.tsx';

type Register = (app: FastifyInstance, deps: AppDeps) => void;

const parts: Register[] = [registerAssessment];

export function registerRoyalties(app: FastifyInstance, deps: AppDeps): void {
  for (const register of parts) register(app, deps);
}
