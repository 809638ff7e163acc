// The board's yearly allowances over HTTP (/admin/royalties/allowances?nam=2026).
// Reading needs royalties.view; adding and ending terms, suggesting them and
// writing the year's lines need royalties.manage.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/permissions.ts';
import { DomainError } from '../../core/errors.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { nextPeriod, periodOfDate } from '../../core/royalties/period.ts';
import { BOARD_POSITIONS } from '../../core/royalties/policy.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { emptyForm } from '../../ui/components/form.tsx';
import { format } from '../../ui/i18n.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { addTerm, computeAllowances, endTerm, suggestTerms, writeAllowances } from './allowances.ts';
import { ALLOWANCES_PATH, AllowancesPage, type AllowanceForms } from './allowances-pages.tsx';
import { closedPeriods } from './ledger.ts';
import { periodText } from './period-messages.ts';
import { payeeOptions } from './period-routes.tsx';

const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };
const manage = { access: { kind: 'permission' as const, permission: 'royalties.manage' as const } };

export function registerAllowances(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const today = () => vietnamDate(deps.clock.now());

  /** ?nam=2026; the current year when absent; null when malformed. */
  function yearOf(request: FastifyRequest): number | null {
    const raw = (request.query as { nam?: string }).nam;
    if (raw === undefined || raw === '') return Number(today().slice(0, 4));
    return /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2100 ? Number(raw) : null;
  }

  async function page(request: FastifyRequest, reply: FastifyReply, year: number, forms: Partial<AllowanceForms>, status = 200) {
    const current = periodOfDate(today());
    const closed = await closedPeriods(db, request.site.id);
    const open: string[] = [];
    const last = nextPeriod(current);
    for (let p = `${year}-01`; p <= last && open.length < 240; p = nextPeriod(p)) if (!closed.has(p)) open.push(p);
    if (!open.includes(current) && !closed.has(current)) open.push(current);
    open.reverse();
    const all: AllowanceForms = { term: forms.term ?? emptyForm({ from: `${year}-01-01` }), compute: forms.compute ?? emptyForm({ period: current }), end: forms.end ?? emptyForm() };
    return sendHtml(
      reply,
      <AllowancesPage
        ctx={await pageContext(deps, request, reply)}
        grants={request.auth!.grants}
        computed={await computeAllowances(db, request.site.id, year, today())}
        payees={await payeeOptions(db, request.site.id)}
        openPeriods={open}
        canManage={can(request.auth!.grants, 'royalties.manage')}
        forms={all}
      />,
      status,
    );
  }

  const back = (year: number) => `${ALLOWANCES_PATH}?nam=${year}`;

  app.get(ALLOWANCES_PATH, { config: view }, async (request, reply) => {
    const year = yearOf(request);
    if (year === null) return notFound(request, reply);
    return page(request, reply, year, {});
  });

  app.post(`${ALLOWANCES_PATH}/terms`, { config: manage }, async (request, reply) => {
    const year = yearOf(request);
    if (year === null) return notFound(request, reply);
    const t = periodText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const payeeId = form.id('payee', { label: t.payee, required: true });
    const position = form.choice('position', BOARD_POSITIONS, { label: t.position, required: true });
    const from = form.date('from', { label: t.from, required: true });
    const to = form.date('to', { label: t.to });
    if (form.ok) {
      try {
        await addTerm(db, actorOf(request), { payeeId: payeeId!, position: position!, from: from!, to }, deps.clock);
        return redirectWithFlash(reply, back(year), { kind: 'success', text: t.termAdded });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, year, { term: { values: form.values, errors: form.errors } }, 400);
  });

  app.post(`${ALLOWANCES_PATH}/terms/:id/end`, { config: manage }, async (request, reply) => {
    const year = yearOf(request);
    const id = idParam((request.params as { id?: string }).id);
    if (year === null || id === null) return notFound(request, reply);
    const term = await db.selectFrom('royalty_board_terms').select('id').where('id', '=', id).where('site_id', '=', request.site.id).executeTakeFirst();
    if (!term) return notFound(request, reply);
    const t = periodText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const to = form.date('to', { label: t.endTerm, required: true });
    if (form.ok) {
      try {
        await endTerm(db, actorOf(request), id, to!, deps.clock);
        return redirectWithFlash(reply, back(year), { kind: 'success', text: t.termEnded });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.status === 404) return notFound(request, reply);
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, year, { end: { values: form.values, errors: form.errors } }, 400);
  });

  app.post(`${ALLOWANCES_PATH}/suggest`, { config: manage }, async (request, reply) => {
    const year = yearOf(request);
    if (year === null) return notFound(request, reply);
    const n = await suggestTerms(db, actorOf(request), year, deps.clock);
    return redirectWithFlash(reply, back(year), { kind: 'success', text: format(periodText(request.lang).suggested, { n }) });
  });

  app.post(`${ALLOWANCES_PATH}/compute`, { config: manage }, async (request, reply) => {
    const year = yearOf(request);
    if (year === null) return notFound(request, reply);
    const t = periodText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const period = form.text('period', { label: t.targetPeriod, required: true, max: 7 });
    if (form.ok) {
      try {
        const run = await writeAllowances(db, actorOf(request), year, period!, deps.clock);
        return redirectWithFlash(reply, back(year), { kind: 'success', text: format(t.computed, { written: run.written, replaced: run.replaced, total: formatVnd(run.total) }) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, year, { compute: { values: form.values, errors: form.errors } }, 400);
  });
}
