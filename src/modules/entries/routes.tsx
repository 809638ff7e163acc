// Back office of declared sections: the site's kinds with counts, one kind's
// entries, a new entry (the article editor of kind 'entry'), and the site
// administrator's choice of kinds and names. Entries themselves are edited,
// reviewed, revised and trashed by the article routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DateRangeValue, EntryValues, SiteKindSettings } from '../../core/entries/index.ts';
import { can, type Permission } from '../../core/permissions.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { FormReader, type FormValues } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { articleStatuses } from '../articles/status.ts';
import { chainInForce } from '../articles/workflow-context.ts';
import { ENTRY_STATES, entryCounts, listEntries, saveSiteKinds, type EntryState } from './admin-store.ts';
import { formatEntryValue, loadEntryNames, valuesOfDetails } from './display.ts';
import { entryText } from './messages.ts';
import { EntriesOverviewPage, EntryKindsPage, EntryListPage } from './pages.tsx';
import { enabledKindsOfSite, kindsOfSite, siteKindSettings } from './site-kinds.ts';

const PAGE_SIZE = 30;
const need = (permission: Permission): { access: Access } => ({ access: { kind: 'permission', permission } });

/** Those who review, publish or take down see everyone's entries; authors their own (as the article list). */
function seesAll(request: FastifyRequest): boolean {
  const g = request.auth!.grants;
  return can(g, 'content.review') || can(g, 'content.publish') || can(g, 'content.takedown');
}

export function registerEntryRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;

  /** A kind of the address that is declared and on for this site; else the page is not found. */
  async function enabledKind(request: FastifyRequest, reply: FastifyReply) {
    const key = (request.params as { kind: string }).kind;
    const found = (await enabledKindsOfSite(db, request.site.id)).find((k) => k.kind.key === key);
    if (!found) notFound(request, reply);
    return found ?? null;
  }

  app.get('/admin/entries', { config: need('content.view') }, async (request, reply) => {
    const kinds = await enabledKindsOfSite(db, request.site.id);
    const counts = await entryCounts(db, request.site.id, seesAll(request) ? null : request.auth!.user.id);
    const g = request.auth!.grants;
    return sendHtml(reply, <EntriesOverviewPage ctx={await pageContext(deps, request, reply)} kinds={kinds} counts={counts} canCreate={can(g, 'content.create')} canManageKinds={can(g, 'site.settings')} />);
  });

  app.get('/admin/entries/:kind', { config: need('content.view') }, async (request, reply) => {
    const kind = await enabledKind(request, reply);
    if (!kind) return reply;
    const q = request.query as Record<string, string | undefined>;
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const state = (ENTRY_STATES as readonly string[]).includes(q.state ?? '') ? (q.state as EntryState) : null;
    const all = seesAll(request);
    const mine = !all || q.mine === 'on';
    const { rows, total } = await listEntries(db, request.site.id, { kind: kind.kind.key, state, authorUserId: mine ? request.auth!.user.id : null, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const statuses = await articleStatuses(db, request.site, rows, request.lang, clock.now());
    const listed = kind.kind.fields.filter((f) => f.list && !f.internal);
    const values = rows.map((r) => valuesOfDetails(r.details));
    const names = await loadEntryNames(db, request.site.id, { ...kind.kind, fields: listed }, values);
    const today = vietnamDate(clock.now());
    const validityField = kind.kind.validity?.field;
    /** Outside its validity period today: ended, or not begun. */
    const validityOf = (v: EntryValues): 'ended' | 'upcoming' | null => {
      const range = validityField ? (v[validityField] as DateRangeValue | undefined) : undefined;
      if (!range || typeof range !== 'object') return null;
      if (range.to && range.to < today) return 'ended';
      return range.from && range.from > today ? 'upcoming' : null;
    };
    const items = rows.map((r, i) => ({
      validity: validityOf(values[i]!),
      id: r.id,
      title: r.title,
      status: statuses.get(r.id)!,
      author: r.author_name,
      updatedAt: r.updated_at,
      cells: listed.map((f) => formatEntryValue(f, values[i]![f.key], names, request.lang)),
    }));
    const filter: FormState = { values: { state: state ?? '', mine: all && q.mine === 'on' ? 'on' : '' }, errors: {} };
    const query = Object.fromEntries(Object.entries(filter.values).filter(([, v]) => v !== '')) as Record<string, string>;
    return sendHtml(
      reply,
      <EntryListPage
        ctx={await pageContext(deps, request, reply)}
        kind={kind}
        columns={listed.map((f) => (request.lang === 'en' ? f.label.en : f.label.vi))}
        items={items}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        filter={filter}
        query={query}
        canCreate={can(request.auth!.grants, 'content.create')}
        seesAll={all}
      />,
    );
  });

  // A new entry is written in the article editor of kind 'entry'; its first save creates it (createArticle).
  app.get('/admin/entries/:kind/new', { config: need('content.create') }, async (request, reply) => {
    const kind = await enabledKind(request, reply);
    if (!kind) return reply;
    return reply.redirect(`/admin/articles/new?entry=${encodeURIComponent(kind.kind.key)}`, 303);
  });

  // ---- The site's kinds ----------------------------------------------------------------
  const settings = need('site.settings');

  async function kindsPage(request: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) {
    const kinds = await kindsOfSite(db, request.site.id);
    const { settings: own } = await siteKindSettings(db, request.site.id);
    const today = vietnamDate(clock.now());
    const rows = [];
    for (const k of kinds) rows.push({ kind: k, ownChain: (await chainInForce(db, request.site.id, today, `entry:${k.kind.key}`)).own });
    const values: FormValues = {};
    for (const k of kinds) {
      values[`k.${k.kind.key}.enabled`] = k.enabled ? 'on' : '';
      values[`k.${k.kind.key}.vi`] = own?.[k.kind.key]?.label?.vi ?? '';
      values[`k.${k.kind.key}.en`] = own?.[k.kind.key]?.label?.en ?? '';
    }
    return sendHtml(reply, <EntryKindsPage ctx={await pageContext(deps, request, reply)} rows={rows} form={form ?? emptyForm(values)} />, status);
  }

  app.get('/admin/entry-kinds', { config: settings }, async (request, reply) => kindsPage(request, reply, null));

  app.post('/admin/entry-kinds', { config: settings }, async (request, reply) => {
    const t = entryText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const kinds = await kindsOfSite(db, request.site.id);
    const chosen: SiteKindSettings = {};
    for (const k of kinds) {
      const key = k.kind.key;
      const enabled = form.checkbox(`k.${key}.enabled`);
      const vi = form.text(`k.${key}.vi`, { label: `${t.ownName} — ${k.kind.plural.vi}`, max: 120 });
      const en = form.text(`k.${key}.en`, { label: `${t.ownNameEn} — ${k.kind.plural.vi}`, max: 120 });
      chosen[key] = { enabled, label: vi ? { vi, en: en ?? '' } : null };
    }
    if (!form.ok) return kindsPage(request, reply, form, 400);
    await saveSiteKinds(db, actorOf(request), request.site.id, chosen, clock);
    deps.sites.invalidate();
    return redirectWithFlash(reply, '/admin/entry-kinds', { kind: 'success', text: t.saved });
  });
}

