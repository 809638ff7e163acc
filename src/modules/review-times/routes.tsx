// The board's review-times page and its XLSX (/admin/review-times), for a month
// (this month by default); each count opens the stays behind it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { monthPeriod } from '../../core/reports/section.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { reviewTimeText } from './messages.ts';
import { exportRows, PAGE, ReviewTimesPage } from './page.tsx';
import { loadReviewTimes, type ReviewTimes } from './report.ts';
import { listStays, periodBounds, type StayFilter } from './store.ts';

function intParam(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** The stays asked for by the query (a step, a reviewer, the late ones); null when none is asked for. */
function filterOf(query: Record<string, string | undefined>): StayFilter | null {
  const filter: StayFilter = { stepIndex: intParam(query.buoc), stepName: query.ten ? query.ten.slice(0, 200) : null, reviewerId: intParam(query.nguoi), overdueOnly: query['qua-han'] === '1' };
  const any = filter.stepIndex !== null || filter.reviewerId !== null || filter.overdueOnly;
  return any ? filter : null;
}

export function registerReviewTimes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'reports.view' as const } };

  async function reportOf(request: FastifyRequest): Promise<{ month: string; report: ReviewTimes | null }> {
    const month = (request.query as { thang?: string }).thang ?? vietnamDate(deps.clock.now()).slice(0, 7);
    const period = monthPeriod(month);
    return { month, report: period ? await loadReviewTimes(db, request.site, period, deps.clock.now()) : null };
  }

  app.get(PAGE, { config: access }, async (request, reply) => {
    const { month, report } = await reportOf(request);
    const filter = filterOf(request.query as Record<string, string | undefined>);
    const stays = report && filter ? await listStays(db, { siteId: request.site.id, ...periodBounds(report.from, report.to) }, filter) : null;
    return sendHtml(reply, <ReviewTimesPage ctx={await pageContext(deps, request, reply)} month={month} report={report} stays={stays} />, report ? 200 : 400);
  });

  app.get(`${PAGE}.xlsx`, { config: access }, async (request, reply) => {
    const { month, report } = await reportOf(request);
    const t = reviewTimeText(request.lang);
    if (!report) return reply.code(400).type('text/plain; charset=utf-8').send(t.badMonth);
    const { headers, rows } = exportRows(report, request.lang);
    reply.header('content-disposition', `attachment; filename="thoi-gian-duyet-${month}.xlsx"`);
    return reply.type(XLSX_MIME).send(await writeXlsx(t.sheet, headers, rows));
  });
}
