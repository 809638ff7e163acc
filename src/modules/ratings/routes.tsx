// Ratings over HTTP: the public form's POST /danh-gia, and the board's monthly
// page with its CSV and XLSX (/admin/ratings).
//
// One rating per item per visitor, without knowing the visitor: the browser
// keeps the list of items it rated in a cookie that holds nothing else (no
// identifier, never stored on the server), and a second rating from it is
// thanked but not counted. Whoever clears cookies can rate again; the rate
// limit per address bounds that.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { cookieSecure } from '../../platform/http/request-info.ts';
import { writeCsv, writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { monthRange } from '../citizens/figures.ts';
import { sendSiteClosed, siteClosed } from '../public/closed-site.tsx';
import { paths } from '../public/site-view.ts';
import { SiteClosedError } from '../sites/site.ts';
import { ratingReportText, ratingText } from './messages.ts';
import { THANKS, THANKS_PARAM } from './rating-form.tsx';
import { findPublicItem, itemKey, parseItemKey, ratingMonth, recordRating } from './record-rating.ts';
import { loadMonthlyRatings, type MonthlyRatings } from './report.ts';
import { exportRows, RatingsPage } from './report-page.tsx';

const RATED_COOKIE = 'tt_danh_gia';
/** Items a browser remembers having rated; the oldest are forgotten first (the cookie stays small). */
const REMEMBERED = 60;

function remembered(request: FastifyRequest): string[] {
  return (request.cookies[RATED_COOKIE] ?? '').split('.').filter((key) => parseItemKey(key) !== null).slice(-REMEMBERED);
}

export function registerRatings(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;

  const back = (reply: FastifyReply, url: string, thanks: string) => reply.redirect(`${url}?${THANKS_PARAM}=${thanks}#danh-gia`, 303);
  const closed = (request: FastifyRequest, reply: FastifyReply) => sendSiteClosed(deps, request, reply, { lang: 'vi', title: ratingText('vi').closedTitle, path: paths.home });

  app.post('/danh-gia', { config: { access: { kind: 'public' }, csrf: 'origin', rateLimit: { max: 30, timeWindow: '1 hour' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as { item?: unknown; useful?: unknown };
    const item = typeof body.item === 'string' ? parseItemKey(body.item) : null;
    if (!item || (body.useful !== 'yes' && body.useful !== 'no')) return notFound(request, reply);
    if (siteClosed(request)) return closed(request, reply);
    const rated = remembered(request);
    const key = itemKey(item);
    if (rated.includes(key)) {
      const found = await findPublicItem(db, request.site.id, item);
      return found ? back(reply, found.url, THANKS.before) : notFound(request, reply);
    }
    let recorded;
    try {
      recorded = await recordRating(db, request.site.id, item, body.useful === 'yes', deps.clock);
    } catch (error) {
      if (error instanceof SiteClosedError) return closed(request, reply);
      throw error;
    }
    if (!recorded) return notFound(request, reply);
    reply.setCookie(RATED_COOKIE, [...rated, key].slice(-REMEMBERED).join('.'), { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400, secure: cookieSecure(request) });
    return back(reply, recorded.url, THANKS.counted);
  });

  // ---- The board's page ---------------------------------------------------------------------
  const access = { access: { kind: 'permission' as const, permission: 'reports.view' as const } };

  /** The month asked for (this month by default), and its ratings; null report for a month that is not one. */
  async function reportOf(request: FastifyRequest): Promise<{ month: string; report: MonthlyRatings | null }> {
    const month = (request.query as { thang?: string }).thang ?? ratingMonth(deps.clock.now());
    return { month, report: monthRange(month) ? await loadMonthlyRatings(db, request.site.id, month) : null };
  }

  app.get('/admin/ratings', { config: access }, async (request, reply) => {
    const { month, report } = await reportOf(request);
    return sendHtml(reply, <RatingsPage ctx={await pageContext(deps, request, reply)} month={month} report={report} />, report ? 200 : 400);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/admin/ratings.${format}`, { config: access }, async (request, reply) => {
      const { report } = await reportOf(request);
      const t = ratingReportText(request.lang);
      if (!report) return reply.code(400).type('text/plain; charset=utf-8').send(t.badMonth);
      const { headers, rows } = exportRows(report, request.lang, request.siteOrigin);
      reply.header('content-disposition', `attachment; filename="danh-gia-${report.month}.${format}"`);
      return format === 'csv' ? reply.type('text/csv; charset=utf-8').send(writeCsv(headers, rows)) : reply.type(XLSX_MIME).send(await writeXlsx(t.sheet, headers, rows));
    });
  }
}
