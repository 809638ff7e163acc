// /admin/royalties/budget?nam=YYYY: the year's budget per line (royalties.view);
// approving it, recording spending and income (royalties.manage).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can } from '../../core/permissions.ts';
import { BUDGET_LINE_LABELS, BUDGET_LINES, type BudgetLine } from '../../core/royalties/policy.ts';
import { formatVnd } from '../../core/royalties/money.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { emptyForm } from '../../ui/components/form.tsx';
import { format } from '../../ui/i18n.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { budgetText } from './budget-messages.ts';
import { BUDGET_PAGE, BudgetPage, type BudgetForms } from './budget-pages.tsx';
import { approveBudget, budgetOverview, recordMovement } from './budget-store.ts';
import { readVnd } from './policy-form.ts';

const yearOf = (raw: unknown): number | null => (typeof raw === 'string' && /^\d{4}$/.test(raw) && Number(raw) >= 2000 && Number(raw) <= 2999 ? Number(raw) : null);

export function registerRoyaltyBudget(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };
  const manage = { access: { kind: 'permission' as const, permission: 'royalties.manage' as const } };
  const page = (year: number) => `${BUDGET_PAGE}?nam=${year}`;

  async function render(request: FastifyRequest, reply: FastifyReply, year: number, forms: Partial<BudgetForms> = {}, status = 200) {
    const overview = await budgetOverview(db, request.site.id, year);
    const today = vietnamDate(deps.clock.now());
    const approved: Record<string, string> = {};
    for (const l of overview.lines) approved[`approved_${l.line}`] = l.approved === null ? '' : formatVnd(l.approved);
    const all: BudgetForms = {
      approve: forms.approve ?? emptyForm(approved),
      spending: forms.spending ?? emptyForm({ spendDate: today, spendLine: 'operation' }),
      income: forms.income ?? emptyForm({ incomeDate: today }),
    };
    const grants = request.auth!.grants;
    return sendHtml(reply, <BudgetPage ctx={await pageContext(deps, request, reply)} grants={grants} canManage={can(grants, 'royalties.manage')} overview={overview} forms={all} />, status);
  }

  app.get(BUDGET_PAGE, { config: view }, async (request, reply) => {
    const raw = (request.query as { nam?: string }).nam;
    const year = raw === undefined ? Number(vietnamDate(deps.clock.now()).slice(0, 4)) : yearOf(raw);
    if (year === null) return reply.code(400).type('text/plain; charset=utf-8').send(budgetText(request.lang).badYear);
    return render(request, reply, year);
  });

  app.post(BUDGET_PAGE, { config: manage }, async (request, reply) => {
    const t = budgetText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const year = yearOf((request.body as Record<string, unknown> | null)?.year);
    if (year === null) return reply.code(400).type('text/plain; charset=utf-8').send(t.badYear);
    const amounts: Partial<Record<BudgetLine, number | null>> = {};
    for (const line of BUDGET_LINES) {
      amounts[line] = readVnd(form, `approved_${line}`, format(t.approvedOf, { line: BUDGET_LINE_LABELS[line][request.lang] }), request.lang, false);
    }
    if (form.ok) {
      try {
        await approveBudget(db, actorOf(request), request.site.id, year, amounts, deps.clock);
        return redirectWithFlash(reply, page(year), { kind: 'success', text: t.approvedSaved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return render(request, reply, year, { approve: form }, 400);
  });

  for (const kind of ['spending', 'income'] as const) {
    const f = kind === 'spending' ? { date: 'spendDate', amount: 'spendAmount', text: 'spendDescription' } : { date: 'incomeDate', amount: 'incomeAmount', text: 'incomeSource' };
    app.post(`${BUDGET_PAGE}/${kind}`, { config: manage }, async (request, reply) => {
      const t = budgetText(request.lang);
      const form = new FormReader(request.body, request.lang);
      const line = kind === 'spending' ? form.choice('spendLine', BUDGET_LINES, { label: t.line, required: true }) : null;
      const onDate = form.date(f.date, { label: t.date, required: true });
      // A date input shows only yyyy-mm-dd: a date typed as dd/mm/yyyy is shown back as read.
      if (onDate) form.values[f.date] = onDate;
      const amount = readVnd(form, f.amount, t.amount, request.lang);
      const description = form.text(f.text, { label: kind === 'spending' ? t.description : t.source, required: true, max: 300 });
      const year = onDate ? Number(onDate.slice(0, 4)) : Number(vietnamDate(deps.clock.now()).slice(0, 4));
      if (form.ok && onDate && amount !== null && description) {
        try {
          await recordMovement(db, actorOf(request), request.site.id, kind, { onDate, amount, description, ...(line ? { line } : {}) }, deps.clock);
          return redirectWithFlash(reply, page(year), { kind: 'success', text: kind === 'spending' ? t.spendingSaved : t.incomeSaved });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const field: Record<string, string> = { line: 'spendLine', onDate: f.date, amount: f.amount, description: f.text };
          addProblems(form, error.problems.map((p) => ({ ...p, field: field[p.field ?? ''] ?? '_form' })), request.lang);
        }
      }
      return render(request, reply, year, kind === 'spending' ? { spending: form } : { income: form }, 400);
    });
  }
}
