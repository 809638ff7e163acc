// Periods, sheets, payments and exports over HTTP (/admin/royalties/periods…).
// Reading needs royalties.view; paying, adding remuneration and closing need
// royalties.manage. Every query names the request's site, so another site's
// lines never appear. The sheet's address is /admin/royalties/periods/2026-11;
// ".xlsx", ".pdf" or ".csv" after the month downloads it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/permissions.ts';
import { DomainError } from '../../core/errors.ts';
import { parseVnd, formatVnd } from '../../core/royalties/money.ts';
import { isPeriod, periodLabel, periodOfDate } from '../../core/royalties/period.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { XLSX_MIME } from '../../platform/spreadsheet.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { format } from '../../ui/i18n.ts';
import { appendAudit } from '../audit/store.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { sheetCsv, sheetDocument, sheetPdf, sheetXlsx } from './export.ts';
import { closePeriod } from './period-manage.ts';
import { periodText } from './period-messages.ts';
import { PeriodsPage, PERIODS_PATH, sheetPath, SheetPage, type SheetForms } from './period-pages.tsx';
import { addRemuneration, payLines, REMUNERATION_KINDS } from './payments.ts';
import { listPeriods, loadSheet, type SheetQuery } from './sheet.ts';
import type { Db } from '../../platform/db/database.ts';
import { placeOfSite } from '../reports/place.ts';

const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };
const manage = { access: { kind: 'permission' as const, permission: 'royalties.manage' as const } };

const EXPORTS = { xlsx: XLSX_MIME, pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;
type ExportFormat = keyof typeof EXPORTS;

/** "2026-11", "2026-11.xlsx"… → the period and the format asked for; null when malformed. */
function periodParam(raw: unknown): { period: string; format: ExportFormat | null } | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4}-\d{2})(?:\.(xlsx|pdf|csv))?$/.exec(raw);
  if (!m || !isPeriod(m[1])) return null;
  return { period: m[1]!, format: (m[2] as ExportFormat | undefined) ?? null };
}

/** ?theo=don-vi, ?nguoi=12; null when malformed. */
function sheetQuery(request: FastifyRequest): SheetQuery | null {
  const { theo, nguoi } = request.query as { theo?: string; nguoi?: string };
  if (theo !== undefined && theo !== '' && theo !== 'nguoi' && theo !== 'don-vi') return null;
  let payeeId: number | null = null;
  if (nguoi !== undefined && nguoi !== '') {
    payeeId = idParam(nguoi);
    if (payeeId === null) return null;
  }
  return { by: theo === 'don-vi' ? 'don-vi' : 'nguoi', payeeId };
}

export async function payeeOptions(db: Db, siteId: number) {
  const rows = await db.selectFrom('royalty_payees').select(['id', 'full_name']).where('site_id', '=', siteId).orderBy('full_name').orderBy('id').execute();
  return rows.map((r) => ({ value: String(r.id), label: r.full_name }));
}

export function registerPeriods(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const today = () => vietnamDate(deps.clock.now());

  app.get(PERIODS_PATH, { config: view }, async (request, reply) => {
    const periods = await listPeriods(db, request.site.id, periodOfDate(today()), today());
    return sendHtml(reply, <PeriodsPage ctx={await pageContext(deps, request, reply)} grants={request.auth!.grants} periods={periods} />);
  });

  async function sheetPage(request: FastifyRequest, reply: FastifyReply, period: string, forms: Partial<SheetForms>, status = 200) {
    const query = sheetQuery(request) ?? { by: 'nguoi' as const, payeeId: null };
    const sheet = await loadSheet(db, request.site.id, period, query, today(), request.lang);
    const all: SheetForms = { pay: forms.pay ?? emptyForm({ paidOn: today() }), remuneration: forms.remuneration ?? emptyForm(), close: forms.close ?? emptyForm() };
    return sendHtml(
      reply,
      <SheetPage
        ctx={await pageContext(deps, request, reply)}
        grants={request.auth!.grants}
        sheet={sheet}
        payees={await payeeOptions(db, request.site.id)}
        canManage={can(request.auth!.grants, 'royalties.manage')}
        ended={period < periodOfDate(today())}
        forms={all}
      />,
      status,
    );
  }

  app.get(`${PERIODS_PATH}/:period`, { config: view }, async (request, reply) => {
    const asked = periodParam((request.params as { period?: string }).period);
    const query = sheetQuery(request);
    if (!asked || !query) return notFound(request, reply);
    if (query.payeeId !== null) {
      const payee = await db.selectFrom('royalty_payees').select('id').where('id', '=', query.payeeId).where('site_id', '=', request.site.id).executeTakeFirst();
      if (!payee) return notFound(request, reply);
    }
    if (!asked.format) return sheetPage(request, reply, asked.period, {});
    const sheet = await loadSheet(db, request.site.id, asked.period, query, today());
    const subtitle = query.payeeId !== null ? (sheet.groups[0]?.label ?? null) : query.by === 'don-vi' ? 'Theo đơn vị' : null;
    const doc = sheetDocument(request.site, sheet, today(), subtitle, await placeOfSite(db, request.site));
    // Who took the payees and amounts away, and in what form.
    await appendAudit(db, actorOf(request), { action: 'royalty.export', targetType: 'royalty_period', targetId: asked.period, details: { period: asked.period, format: asked.format, by: query.by, payeeId: query.payeeId, total: sheet.grandTotal } }, deps.clock);
    const body = asked.format === 'xlsx' ? await sheetXlsx(doc) : asked.format === 'pdf' ? await sheetPdf(doc) : sheetCsv(doc);
    reply.header('content-disposition', `attachment; filename="${doc.fileName}.${asked.format}"`).header('cache-control', 'no-store');
    return reply.type(EXPORTS[asked.format]).send(body);
  });

  /** The period of a POST's address (never an export suffix). */
  const postedPeriod = (request: FastifyRequest) => {
    const asked = periodParam((request.params as { period?: string }).period);
    return asked && !asked.format ? asked.period : null;
  };

  app.post(`${PERIODS_PATH}/:period/close`, { config: manage }, async (request, reply) => {
    const period = postedPeriod(request);
    if (!period) return notFound(request, reply);
    const t = periodText(request.lang);
    const form = new FormReader(request.body, request.lang);
    if (!form.checkbox('confirm')) form.fail('confirm', t.closeNeedConfirm);
    if (form.ok) {
      try {
        await closePeriod(db, actorOf(request), period, deps.clock);
        return redirectWithFlash(reply, sheetPath(period), { kind: 'success', text: format(t.closedFlash, { period: periodLabel(period, request.lang) }) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return sheetPage(request, reply, period, { close: { values: form.values, errors: form.errors } }, 400);
  });

  app.post(`${PERIODS_PATH}/:period/pay`, { config: manage }, async (request, reply) => {
    const period = postedPeriod(request);
    if (!period) return notFound(request, reply);
    const t = periodText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const payeeId = form.id('payee', { label: t.payPayee });
    const raw = (request.body as { dong?: unknown } | undefined)?.dong;
    const lineIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => idParam(v)).filter((v): v is number => v !== null);
    const paidOn = form.date('paidOn', { label: t.payDate, required: true });
    const reference = form.text('reference', { label: t.payRef, required: true, max: 60 });
    if (form.ok) {
      try {
        const done = await payLines(db, actorOf(request), period, { payeeId, lineIds, paidOn: paidOn!, reference: reference! }, deps.clock);
        return redirectWithFlash(reply, sheetPath(period), { kind: 'success', text: format(t.paidFlash, { count: done.count, total: formatVnd(done.total) }) });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return sheetPage(request, reply, period, { pay: { values: form.values, errors: form.errors } }, 400);
  });

  app.post(`${PERIODS_PATH}/:period/remuneration`, { config: manage }, async (request, reply) => {
    const period = postedPeriod(request);
    if (!period) return notFound(request, reply);
    const t = periodText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const payeeId = form.id('remPayee', { label: t.payee, required: true });
    const kind = form.choice('kind', REMUNERATION_KINDS, { label: t.remunerationKind, required: true });
    const rawAmount = form.text('amount', { label: t.amount, required: true, max: 20 });
    const amount = rawAmount === null ? null : parseVnd(rawAmount);
    if (rawAmount !== null && (amount === null || amount <= 0)) form.fail('amount', t.invalidAmount);
    const description = form.text('description', { label: t.description, required: true, max: 300 });
    if (form.ok) {
      try {
        await addRemuneration(db, actorOf(request), period, { payeeId: payeeId!, kind: kind!, amount: amount!, description: description! }, deps.clock);
        return redirectWithFlash(reply, sheetPath(period), { kind: 'success', text: t.remunerationFlash });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The ledger names its own fields: the payee is this form's remPayee; the period is the page's.
        const fields: Record<string, string> = { payee: 'remPayee', period: '_form' };
        addProblems(form, error.problems.map((p) => ({ ...p, field: fields[p.field ?? ''] ?? p.field })), request.lang);
      }
    }
    const state: FormState = { values: form.values, errors: form.errors };
    return sheetPage(request, reply, period, { remuneration: state }, 400);
  });
}
