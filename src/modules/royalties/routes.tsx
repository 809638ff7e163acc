// Royalties and remuneration over HTTP (/admin/royalties/...). Each part
// registers its own routes; every route declares one of the royalty
// permissions, so amounts and payees never reach anyone without them.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { registerAllowances } from './allowances-routes.tsx';
import { registerAssessment } from './assess-routes.tsx';
import { registerRoyaltyBudget } from './budget-routes.tsx';
import { registerPeriods } from './period-routes.tsx';
import { registerRoyaltyPolicy } from './policy-routes.tsx';

type Register = (app: FastifyInstance, deps: AppDeps) => void;

const parts: Register[] = [registerAssessment, registerPeriods, registerAllowances, registerRoyaltyPolicy, registerRoyaltyBudget];

export function registerRoyalties(app: FastifyInstance, deps: AppDeps): void {
  for (const register of parts) register(app, deps);
}
