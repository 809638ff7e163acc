// The board's usage page and its spreadsheet (/admin/usage, /admin/usage.xlsx), for 'reports.view'.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { monthPeriod } from '../../core/reports/section.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { figureRows } from '../../ui/components/figures.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { usageText } from './messages.ts';
import { UsagePage } from './pages.tsx';
import { loadUsageReport } from './report.ts';
import { usageFigures } from './report-section.ts';

export function registerUsage(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'reports.view' as const } };

  /** The month asked for (this month by default) and its figures, in the reader's language; null for a month that is not one. */
  async function figuresOf(request: FastifyRequest) {
    const month = (request.query as { thang?: string }).thang ?? vietnamDate(deps.clock.now()).slice(0, 7);
    const period = monthPeriod(month);
    const figures = period ? usageFigures(await loadUsageReport(db, request.site.id, { from: period.from, to: period.to }), request.lang) : null;
    return { month, figures };
  }

  app.get('/admin/usage', { config: access }, async (request, reply) => {
    const { month, figures } = await figuresOf(request);
    return sendHtml(reply, <UsagePage ctx={await pageContext(deps, request, reply)} month={month} figures={figures} />, figures ? 200 : 400);
  });

  app.get('/admin/usage.xlsx', { config: access }, async (request, reply) => {
    const { month, figures } = await figuresOf(request);
    const t = usageText(request.lang);
    if (!figures) return reply.code(400).type('text/plain; charset=utf-8').send(t.badMonth);
    reply.header('content-disposition', `attachment; filename="luot-truy-cap-${month}.xlsx"`);
    return reply.type(XLSX_MIME).send(await writeXlsx(t.sheet, [t.table, t.row, t.column, t.value], figureRows(figures, request.lang)));
  });
}
