// Provision over HTTP. The board's page (/admin/provision, 'reports.view')
// shows every unit and person; a unit head's page (/admin/provision/unit,
// 'reports.own_unit') shows their own unit only: the unit comes from their
// membership on the server, and asking for another unit is refused (403).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isProvisionKind, parseWeekKey } from '../../core/provision/index.ts';
import { parsePeriod, type ReportPeriod } from '../../core/reports/section.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { forbidden } from '../../platform/http/errors.tsx';
import { writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import type { ReportContext } from '../reports/context.ts';
import { provisionText } from './messages.ts';
import { ItemsPage, ProvisionPage, type FigureBlock } from './pages.tsx';
import { formatDelay } from '../../core/provision/index.ts';
import { deadlineFigures, emulationFigures, provisionDeadlineSection, provisionFigures, provisionQuotaSection, provisionSection, quotaFigures, emulationSection } from './sections.ts';
import { judgeDeadlines, listProvided, RuleBook, type ItemFilter } from './store.ts';

type Query = { ky?: string; 'don-vi'?: string; nguoi?: string; loai?: string; tre?: string };

/** A report period, or an ISO week ("2026-W36": a board member's quota period). */
function periodOf(key: string): ReportPeriod | null {
  const week = parseWeekKey(key);
  if (week) return { kind: 'custom', key: week.key, from: week.from, to: week.to };
  return parsePeriod(key);
}

const positiveId = (v: string | undefined): number | null => (v && /^\d{1,10}$/.test(v) ? Number(v) : null);

export function registerProvision(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const board = { access: { kind: 'permission' as const, permission: 'reports.view' as const } };
  const ownUnit = { access: { kind: 'permission' as const, permission: 'reports.own_unit' as const } };

  /** The unit a unit head's pages are limited to; null when they have none (then refused). */
  async function unitOfUser(request: FastifyRequest): Promise<{ id: number; name: string } | null> {
    const row = await db
      .selectFrom('memberships as m')
      .innerJoin('units as u', (j) => j.onRef('u.id', '=', 'm.unit_id').onRef('u.site_id', '=', 'm.site_id'))
      .select(['u.id', 'u.name'])
      .where('m.site_id', '=', request.site.id)
      // Acting for a unit head (delegation), one reads the delegator's unit.
      .where('m.user_id', '=', request.onBehalfOfUserId ?? request.auth!.user.id)
      .executeTakeFirst();
    return row ?? null;
  }

  function reportContext(request: FastifyRequest, unitId: number | null): ReportContext {
    return { db, site: request.site, calendar: siteCalendar(request.site), now: deps.clock.now(), unitId };
  }

  const defaultKey = () => vietnamDate(deps.clock.now()).slice(0, 7);

  async function page(request: FastifyRequest, reply: FastifyReply, unit: { id: number; name: string } | null): Promise<FastifyReply> {
    const base = unit ? '/admin/provision/unit' : '/admin/provision';
    const key = ((request.query as Query).ky ?? defaultKey()).trim();
    const period = parsePeriod(key);
    const ctx = reportContext(request, unit?.id ?? null);
    let blocks: FigureBlock[] | null = null;
    if (period) {
      blocks = [
        { key: provisionSection.key, title: provisionSection.title, figures: await provisionFigures(ctx, period) },
        { key: provisionQuotaSection.key, title: provisionQuotaSection.title, figures: await quotaFigures(ctx, period, { includeOpen: true }) },
        { key: provisionDeadlineSection.key, title: provisionDeadlineSection.title, figures: await deadlineFigures(ctx, period) },
      ];
      if (period.kind === 'year') blocks.push({ key: emulationSection.key, title: emulationSection.title, figures: await emulationFigures(ctx, period) });
    }
    const year = period?.from.slice(0, 4) ?? defaultKey().slice(0, 4);
    const page = <ProvisionPage ctx={await pageContext(deps, request, reply)} base={base} periodKey={key} blocks={blocks} unitName={unit?.name ?? null} exportLink={`${base}/emulation.xlsx?ky=${year}`} />;
    return sendHtml(reply, page, period ? 200 : 400);
  }

  async function items(request: FastifyRequest, reply: FastifyReply, unit: { id: number; name: string } | null): Promise<FastifyReply> {
    const t = provisionText(request.lang);
    const base = unit ? '/admin/provision/unit' : '/admin/provision';
    const q = request.query as Query;
    const period = periodOf((q.ky ?? defaultKey()).trim());
    if (!period) return reply.code(400).type('text/plain; charset=utf-8').send(t.badPeriod);
    const askedUnit = q['don-vi'] === 'none' ? 'none' : positiveId(q['don-vi']);
    if (unit && askedUnit !== null && askedUnit !== unit.id) return forbidden(request, reply, { vi: t.notOwnUnit, en: provisionText('en').notOwnUnit });
    const filter: ItemFilter = {
      from: period.from,
      to: period.to,
      unitId: unit?.id ?? (typeof askedUnit === 'number' ? askedUnit : null),
      noUnit: askedUnit === 'none',
      personId: positiveId(q.nguoi),
      kind: q.loai && isProvisionKind(q.loai) ? q.loai : null,
    };
    let late: Map<number, string> | null = null;
    if (q.tre === '1') {
      const calendar = siteCalendar(request.site);
      const judged = await judgeDeadlines(db, request.site, calendar, await RuleBook.load(db, request.site.id), filter);
      late = new Map(judged.filter((j) => j.outcome.late).map((j) => [j.id, formatDelay(j.outcome.delayHours, j.outcome.delayUnit, calendar.hoursPerDay, request.lang)]));
    }
    const list = late ? (late.size ? await listProvided(db, request.site.id, { ...filter, ids: [...late.keys()].slice(-5000) }) : []) : await listProvided(db, request.site.id, filter);
    const heading = [period.key, unit?.name, q.tre === '1' ? t.lateOnly : null].filter(Boolean).join(' · ');
    return sendHtml(reply, <ItemsPage ctx={await pageContext(deps, request, reply)} back={`${base}?ky=${encodeURIComponent(period.kind === 'custom' ? period.from.slice(0, 7) : period.key)}`} heading={heading} items={list} late={late} />);
  }

  async function emulationXlsx(request: FastifyRequest, reply: FastifyReply, unit: { id: number; name: string } | null): Promise<FastifyReply> {
    const t = provisionText(request.lang);
    const key = ((request.query as Query).ky ?? defaultKey().slice(0, 4)).trim();
    const period = /^\d{4}$/.test(key) ? parsePeriod(key) : null;
    if (!period) return reply.code(400).type('text/plain; charset=utf-8').send(t.badPeriod);
    const figures = await emulationFigures(reportContext(request, unit?.id ?? null), period);
    // One sheet: a column says whether a row is a unit or a person, then the name and the figures.
    const headers = [t.group, t.name, ...figures.tables[0]!.columns.slice(1).map((c) => c.label[request.lang])];
    const rows = figures.tables.flatMap((table, i) => table.rows.map((r) => [i === 0 ? t.exportUnit : t.exportPerson, ...table.columns.map((c) => r[c.key] ?? null)]));
    reply.header('content-disposition', `attachment; filename="thi-dua-cung-cap-tin-${period.key}.xlsx"`);
    return reply.type(XLSX_MIME).send(await writeXlsx(t.sheet, headers, rows));
  }

  app.get('/admin/provision', { config: board }, (request, reply) => page(request, reply, null));
  app.get('/admin/provision/items', { config: board }, (request, reply) => items(request, reply, null));
  app.get('/admin/provision/emulation.xlsx', { config: board }, (request, reply) => emulationXlsx(request, reply, null));

  /** A unit head's pages: refused when their account belongs to no unit. */
  const forUnit = (handler: typeof page) => async (request: FastifyRequest, reply: FastifyReply) => {
    const unit = await unitOfUser(request);
    if (!unit) return forbidden(request, reply, { vi: provisionText('vi').noUnit, en: provisionText('en').noUnit });
    const asked = positiveId((request.query as Query)['don-vi']);
    if (asked !== null && asked !== unit.id) return forbidden(request, reply, { vi: provisionText('vi').notOwnUnit, en: provisionText('en').notOwnUnit });
    return handler(request, reply, unit);
  };
  app.get('/admin/provision/unit', { config: ownUnit }, forUnit(page));
  app.get('/admin/provision/unit/items', { config: ownUnit }, forUnit(items));
  app.get('/admin/provision/unit/emulation.xlsx', { config: ownUnit }, forUnit(emulationXlsx));
}
