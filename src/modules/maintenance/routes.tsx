// Planned maintenance for the installation administrator (/admin/maintenance)
// and the installation's public status page (/trang-thai, /en/status) on any host.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { formatDateTime } from '../../core/time.ts';
import { localDateTime } from '../../core/calendar/index.ts';
import { ping } from '../../platform/db/database.ts';
import { migrationStatus } from '../../platform/db/migrator.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { servePage } from '../public/serve-page.ts';
import { maintenanceText } from './messages.ts';
import { CancelPage, MaintenancePage, StatusPage, type Editing, type SiteStatusLine, type WindowLine } from './pages.tsx';
import { cancelMaintenance, changeMaintenance, currentAndUpcoming, earliestStart, getMaintenance, listMaintenance, scheduleMaintenance, type MaintenanceWindow } from './store.ts';
import { notFound } from '../../platform/http/errors.tsx';

/** The status page is rendered at most this often per host (health, lists). */
const STATUS_TTL_MS = 15_000;

export function registerMaintenance(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const platform = { access: { kind: 'platform-admin' as const } };

  const siteNames = async () => new Map((await deps.sites.all()).map((s) => [s.id, s.name]));
  const lines = (windows: MaintenanceWindow[], names: Map<number, string>, lang: Lang, now: Date): WindowLine[] => {
    const t = maintenanceText(lang);
    return windows.map((w) => ({
      id: w.id,
      when: `${formatDateTime(w.startsAt)} – ${formatDateTime(w.endsAt)}`,
      sites: w.siteIds ? w.siteIds.map((id) => names.get(id) ?? `#${id}`).join(', ') : t.allSites,
      reason: lang === 'en' && w.reasonEn ? w.reasonEn : w.reason,
      state: w.cancelledAt ? t.stateCancelled : new Date(w.endsAt) <= now ? t.stateOver : new Date(w.startsAt) <= now ? t.stateOn : t.stateUpcoming,
      cancellable: !w.cancelledAt && new Date(w.endsAt) > now,
    }));
  };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, editingId?: number) {
    const now = deps.clock.now();
    const window = editingId ? await getMaintenance(db, editingId) : null;
    const editing: Editing | null = window
      ? { id: window.id, published: formatDateTime(window.publishedAt), earliestFromPublished: formatDateTime((await earliestStart(db, new Date(window.publishedAt))).earliest) }
      : null;
    const names = await siteNames();
    const { earliest, days } = await earliestStart(db, now);
    return sendHtml(
      reply,
      <MaintenancePage
        ctx={await pageContext(deps, request, reply)}
        form={form}
        days={days}
        earliest={formatDateTime(earliest)}
        siteOptions={[...names].map(([id, name]) => ({ value: String(id), label: name }))}
        windows={lines(await listMaintenance(db), names, request.lang, now)}
        {...(editing ? { editing } : {})}
      />,
      status,
    );
  }

  app.get('/admin/maintenance', { config: platform }, async (request, reply) => page(request, reply, emptyForm({ sites: 'all', startTime: '22:00', endTime: '02:00' })));

  /** Reads the form and schedules (no id) or changes (id) a window; the page again with the problems otherwise. */
  async function save(request: FastifyRequest, reply: FastifyReply, id: number | null) {
    const t = maintenanceText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const all = form.checkbox('allSites');
    const siteIds = form.choices('sites', [...(await siteNames()).keys()].map(String), { label: t.sites }).map(Number);
    const startDate = form.date('startDate', { label: t.startDate, required: true });
    const startTime = form.text('startTime', { label: t.startTime, required: true, max: 5 });
    const endDate = form.date('endDate', { label: t.endDate, required: true });
    const endTime = form.text('endTime', { label: t.endTime, required: true, max: 5 });
    const reason = form.text('reason', { label: t.reason, required: true, max: 1000 });
    const reasonEn = form.text('reasonEn', { label: t.reasonEn, max: 1000 });
    const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
    if (startTime && !clock.test(startTime)) form.fail('startTime', format(t.badTime, { label: t.startTime }));
    if (endTime && !clock.test(endTime)) form.fail('endTime', format(t.badTime, { label: t.endTime }));
    // A date or time input cannot show what is not a date or a time (HTML): the field comes back empty beside its error.
    for (const [name, ok] of [['startDate', startDate], ['endDate', endDate], ['startTime', startTime && clock.test(startTime)], ['endTime', endTime && clock.test(endTime)]] as const) if (!ok) form.values[name] = '';
    if (form.ok && startDate && startTime && endDate && endTime && reason) {
      try {
        const { siteId: _own, ...actor } = actorOf(request);
        const input = { sites: all ? ('all' as const) : siteIds, startsAt: localDateTime(startDate, startTime), endsAt: localDateTime(endDate, endTime), reason, reasonEn };
        if (id === null) await scheduleMaintenance(db, actor, input, deps.clock);
        else await changeMaintenance(db, actor, id, input, deps.clock);
        return redirectWithFlash(reply, '/admin/maintenance', { kind: 'success', text: id === null ? t.scheduled : t.changed });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.status === 404) return notFound(request, reply);
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, form, 400, id ?? undefined);
  }

  app.post('/admin/maintenance', { config: platform }, async (request, reply) => save(request, reply, null));

  /** The form filled with a window not over yet, to change it. */
  app.get('/admin/maintenance/:id', { config: platform }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const window = id ? await getMaintenance(db, id) : null;
    if (!window || window.cancelledAt || new Date(window.endsAt) <= deps.clock.now()) return notFound(request, reply);
    const local = (iso: string) => {
      const parts = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
      return { date: parts.slice(0, 10), time: parts.slice(11, 16) };
    };
    const start = local(window.startsAt);
    const end = local(window.endsAt);
    const values = { allSites: window.siteIds ? '' : 'on', sites: (window.siteIds ?? []).map(String), startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time, reason: window.reason, reasonEn: window.reasonEn ?? '' };
    return page(request, reply, emptyForm(values), 200, window.id);
  });

  app.post('/admin/maintenance/:id', { config: platform }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    return id ? save(request, reply, id) : notFound(request, reply);
  });

  /** Cancelling is two steps (ADR 0030): this page shows the window and asks why; only its form cancels. */
  const cancellable = async (request: FastifyRequest) => {
    const id = idParam((request.params as { id: string }).id);
    const window = id ? await getMaintenance(db, id) : null;
    const now = deps.clock.now();
    return window && !window.cancelledAt && new Date(window.endsAt) > now ? lines([window], await siteNames(), request.lang, now)[0]! : null;
  };
  const cancelPage = async (request: FastifyRequest, reply: FastifyReply, line: WindowLine, form: FormState, status = 200) =>
    sendHtml(reply, <CancelPage ctx={await pageContext(deps, request, reply)} form={form} window={line} />, status);

  app.get('/admin/maintenance/:id/cancel', { config: platform }, async (request, reply) => {
    const line = await cancellable(request);
    return line ? cancelPage(request, reply, line, emptyForm({ cancelReason: '' })) : notFound(request, reply);
  });

  app.post('/admin/maintenance/:id/cancel', { config: platform }, async (request, reply) => {
    const line = await cancellable(request);
    if (!line) return notFound(request, reply);
    const t = maintenanceText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const reason = form.text('cancelReason', { label: t.cancelReason, required: true, max: 1000 });
    if (!form.ok || !reason) return cancelPage(request, reply, line, form, 400);
    try {
      const { siteId: _own, ...actor } = actorOf(request);
      await cancelMaintenance(db, actor, line.id, deps.clock, reason);
    } catch (error) {
      if (error instanceof DomainError && error.status === 404) return notFound(request, reply);
      throw error;
    }
    return redirectWithFlash(reply, '/admin/maintenance', { kind: 'success', text: t.cancelled });
  });

  // ---- The installation's status page, on every host --------------------------------------------
  const statusPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang) =>
    servePage(
      deps,
      request,
      reply,
      async () => {
        const now = deps.clock.now();
        let healthy = true;
        try {
          await ping(db);
          healthy = (await migrationStatus(db)).pending.length === 0;
        } catch {
          healthy = false;
        }
        let windows: WindowLine[] = [];
        let sites: SiteStatusLine[] = [];
        if (healthy) {
          const all = await deps.sites.all();
          // The site names in the page's language, as in the list of sites below.
          windows = lines(await currentAndUpcoming(db, now), new Map(all.map((s) => [s.id, lang === 'en' && s.nameEn ? s.nameEn : s.name])), lang, now);
          sites = all.map((s) => ({ name: lang === 'en' && s.nameEn ? s.nameEn : s.name, host: s.primaryHost, status: s.status }));
        }
        const site = request.site;
        const home = { href: lang === 'en' ? '/en' : '/', name: lang === 'en' && site.nameEn ? site.nameEn : site.name };
        return (await (<StatusPage lang={lang} home={home} healthy={healthy} checkedAt={formatDateTime(now)} windows={windows} sites={sites} />)) as string;
      },
      { ttlMs: STATUS_TTL_MS, countVisit: false, ignoreQuery: true },
    );
  const publicAccess = { access: { kind: 'public' as const } };
  app.get('/trang-thai', { config: publicAccess }, async (request, reply) => statusPage(request, reply, 'vi'));
  app.get('/en/status', { config: publicAccess }, async (request, reply) => statusPage(request, reply, 'en'));
}
