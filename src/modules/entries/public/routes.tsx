// The public site of every declared section, registered at start-up for each
// declared kind and answering only on sites that have the kind on (otherwise
// 404): the list /<path> (filters, sort, pages, archive of expired entries),
// an entry /<path>/<slug>, its feed /<path>/rss.xml and its open data
// /<path>/du-lieu.csv and .json. No code per kind: all comes from the
// declaration. Anonymous pages come from the render cache like every public
// page, keyed by day since the current/expired split moves with the date.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allSectionKinds, publicOn, siteKind, validityOn, withdrawsOutsideValidity, type SectionKind } from '../../../core/entries/index.ts';
import { formatDateTime, vietnamDate } from '../../../core/time.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.tsx';
import type { Lang } from '../../../ui/i18n.ts';
import { listCorrections } from '../../articles/store.ts';
import { mediaByIds, type MediaItem } from '../../media/media.ts';
import { rss } from '../../public/feeds.ts';
import { ItemMetadata } from '../../public/metadata.tsx';
import { publicText } from '../../public/messages.ts';
import { TakenDownPage } from '../../public/pages.tsx';
import { sendEntry } from '../../public/page-cache.ts';
import { countView, servePage, type MarkSink, type ServeOptions } from '../../public/serve-page.ts';
import { buildChrome, canonicalUrl, pageVariant, publicLangFor } from '../../public/site-view.ts';
import { ratingView } from '../../ratings/rating-form.tsx';
import { ENTRY_ITEM } from '../sync.ts';
import { readEntryQuery } from './filters.ts';
import { openCsv, openJson } from './open-data.ts';
import { EntryListPage, EntryPage, PAGE_SIZE, WithdrawnEntryPage } from './pages.tsx';
import { allEntries, entryAt, listEntries, liveContents } from './queries.ts';
import { emptyLookup, valueText, loadLookup } from './values.tsx';
import { entryDetailLinks, entryRenderer, entryViews } from './views.ts';

const publicAccess = { access: { kind: 'public' as const } };

/** The public addresses of a kind. */
export const entryPaths = {
  list: (kind: SectionKind, lang: Lang = 'vi') => (lang === 'en' ? `/en/${kind.path}` : `/${kind.path}`),
  entry: (kind: SectionKind, slug: string) => `/${kind.path}/${slug}`,
  rss: (kind: SectionKind) => `/${kind.path}/rss.xml`,
  csv: (kind: SectionKind) => `/${kind.path}/du-lieu.csv`,
  json: (kind: SectionKind) => `/${kind.path}/du-lieu.json`,
};

/** The kind as the requesting site has it, or undefined when the site has it off. */
function enabledOn(request: FastifyRequest, kind: SectionKind) {
  const own = siteKind(request.site.level, request.site.settings.entryKinds, kind.key);
  return own?.enabled ? own : undefined;
}

export function registerEntryPublic(app: FastifyInstance, deps: AppDeps): void {
  for (const kind of allSectionKinds()) registerKind(app, deps, kind);
}

function registerKind(app: FastifyInstance, deps: AppDeps, kind: SectionKind): void {
  const db = deps.database.db;
  const today = () => vietnamDate(deps.clock.now());
  const cached = (request: FastifyRequest, reply: FastifyReply, render: (sink: MarkSink) => Promise<string | null>, opts: Omit<ServeOptions, 'variant'> = {}) => servePage(deps, request, reply, render, { ...opts, variant: today() });
  const base = entryPaths.list(kind);

  // ---- The list (in English too, on a site with English: its entries written in English) --------
  const listPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) =>
    cached(
      request,
      reply,
      async () => {
        const own = enabledOn(request, kind);
        const site = request.site;
        const lang: Lang = publicLangFor(site, wanted);
        if (!own || lang !== wanted) return null;
        const base = entryPaths.list(kind, lang);
        const day = today();
        const units = (await db.selectFrom('units').select(['id', 'name']).where('site_id', '=', site.id).where('archived_at', 'is', null).orderBy('name').execute()).map((u) => ({ id: u.id, name: u.name }));
        const query = readEntryQuery(kind, request.query as Record<string, unknown>, lang, units.map((u) => u.id));
        const { total, entries } = await listEntries(db, site.id, kind, {
          lang,
          filters: query.filters,
          sort: query.sort,
          ...(kind.validity ? { validity: query.archive ? ('archive' as const) : ('current' as const) } : {}),
          today: day,
          limit: PAGE_SIZE,
          offset: (query.page - 1) * PAGE_SIZE,
        });
        const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
        if (query.page > pages) return null;
        const renderer = entryRenderer(kind.key);
        const lookup = renderer?.list ? emptyLookup() : await loadLookup(db, site.id, kind, entries.map((e) => e.values), lang);
        const listView = renderer?.list ? await renderer.list({ db, siteId: site.id, entries, lang }) : undefined;
        const c = await buildChrome(deps, request, { lang, otherLangHref: entryPaths.list(kind, lang === 'vi' ? 'en' : 'vi') });
        const title = own.plural[lang];
        const canonical = canonicalUrl(request, `${base}${query.archive ? '?luu-tru=1' : ''}`);
        const head = <ItemMetadata title={title} description={kind.description[lang]} creator={c.agencyName} publisher={c.agencyName} date={day} language={lang} identifier={canonical} siteName={c.siteName} type="website" />;
        return (await (
          <EntryListPage
            chrome={c}
            canonical={canonical}
            kind={kind}
            title={title}
            base={base}
            query={query}
            units={units}
            total={total}
            entries={entries}
            lookup={lookup}
            pages={pages}
            today={day}
            views={entryViews(kind.key, day).map((v) => ({ label: v.label[lang], href: v.href }))}
            listView={listView}
            head={head}
          />
        )) as string;
      },
      { ttlMs: 5 * 60_000 },
    );
  // A kind with a directory of its own (the officials at /danh-ba) serves its list there; the generic one would collide.
  if (kind.view !== 'directory') app.get(base, { config: publicAccess }, async (request, reply) => listPage(request, reply, 'vi'));
  app.get(entryPaths.list(kind, 'en'), { config: publicAccess }, async (request, reply) => listPage(request, reply, 'en'));

  // ---- Feed and open data --------------------------------------------------------------------
  app.get(entryPaths.rss(kind), { config: publicAccess }, async (request, reply) =>
    cached(
      request,
      reply,
      async () => {
        const own = enabledOn(request, kind);
        if (!own) return null;
        const site = request.site;
        const origin = request.siteOrigin;
        const entries = await allEntries(db, site.id, kind, null, 50);
        const lookup = await loadLookup(db, site.id, kind, entries.map((e) => e.values), 'vi');
        const listed = kind.fields.filter((f) => f.list && !f.internal);
        return rss(
          { title: `${own.plural.vi} — ${site.name}`, link: `${origin}${base}`, description: kind.description.vi, language: 'vi', selfUrl: `${origin}${entryPaths.rss(kind)}` },
          entries.map((e) => ({
            title: e.title,
            link: `${origin}${e.url}`,
            description: [e.summary, ...listed.map((f) => [f.label.vi, valueText(f, e.values[f.key], lookup, 'vi')] as const).filter(([, v]) => v).map(([l, v]) => `${l}: ${v}`)].filter(Boolean).join('. '),
            publishedAt: e.publishedAt,
            guid: `${site.key}:${ENTRY_ITEM}:${e.articleId}`,
          })),
        );
      },
      { type: 'application/rss+xml; charset=utf-8', countVisit: false, ignoreQuery: true },
    ),
  );

  const openData = async (request: FastifyRequest, reply: FastifyReply, as: 'csv' | 'json') => {
    reply.header('access-control-allow-origin', '*').header('content-disposition', `${as === 'csv' ? 'attachment' : 'inline'}; filename="${kind.path}-${request.site.key}.${as}"`);
    return cached(
      request,
      reply,
      async () => {
        if (!enabledOn(request, kind)) return null;
        const site = request.site;
        const entries = await allEntries(db, site.id, kind, null);
        const lookup = await loadLookup(db, site.id, kind, entries.map((e) => e.values), 'vi');
        return as === 'csv' ? openCsv(kind, entries, lookup, request.siteOrigin) : openJson(kind, site.name, today(), entries, lookup, request.siteOrigin);
      },
      { type: as === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8', countVisit: false, ignoreQuery: true },
    );
  };
  // In the OpenAPI document beside the library's open data (tagged routes are listed there).
  const openDoc = (as: 'CSV' | 'JSON') => ({
    tags: ['open-data'],
    summary: `${kind.plural.en} (${kind.plural.vi}): every published entry as ${as}; no token needed`,
    description: `Title, address, publication time and the fields ${kind.fields.filter((f) => !f.internal).map((f) => `\`${f.key}\` (${f.label.vi})`).join(', ')}.${as === 'CSV' ? ' UTF-8 with a byte order mark, Vietnamese headers.' : ''} 404 when the site does not have this section.`,
    security: [],
  });
  app.get(entryPaths.csv(kind), { config: publicAccess, schema: openDoc('CSV') }, async (request, reply) => openData(request, reply, 'csv'));
  app.get(entryPaths.json(kind), { config: publicAccess, schema: openDoc('JSON') }, async (request, reply) => openData(request, reply, 'json'));

  // ---- An entry ------------------------------------------------------------------------------
  app.get(`${base}/:slug`, { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]{1,200}$/.test(slug)) return notFound(request, reply);
    const own = enabledOn(request, kind);
    if (!own) return notFound(request, reply);
    const site = request.site;
    // A cached page is served without reading the entry: publication, correction and take-down drop the site's pages.
    // A change this process made is being read: wait for it, as servePage does (ADR 33).
    const pending = deps.pageCache.pendingSync(site.id);
    if (pending) await pending;
    const hit = deps.pageCache.get(deps.pageCache.key(site.id, pageVariant(request), `${today()}|${request.url}`));
    if (hit) {
      countView(deps, request, hit.mark);
      return sendEntry(request, reply, hit);
    }
    const { found, moved } = await entryAt(db, site.id, kind, slug);
    if (!found) {
      if (moved) return reply.redirect(moved, 301);
      // An entry taken down with a public notice says so (410), like an article.
      const gone = await db
        .selectFrom('articles')
        .select(['language', 'takedown_notice', 'takedown_reason_code', 'taken_down_at', 'updated_at'])
        .where('site_id', '=', site.id)
        .where('slug', '=', slug)
        .where('kind', '=', 'entry')
        .where('entry_kind', '=', kind.key)
        .where('publication', '=', 'taken_down')
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (gone && gone.takedown_notice === 1) {
        const lang = publicLangFor(site, gone.language === 'en' ? 'en' : 'vi');
        const t = publicText(lang);
        const reason = gone.takedown_reason_code ? ((t as Record<string, string>)[`reason_${gone.takedown_reason_code}`] ?? '') : '';
        const html = await (<TakenDownPage chrome={await buildChrome(deps, request, { lang })} time={formatDateTime(gone.taken_down_at ?? gone.updated_at)} reason={reason} />);
        return reply.code(410).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      }
      // A published entry of a kind withdrawn outside its validity (promotion) whose period has ended: gone, and said so.
      if (withdrawsOutsideValidity(kind)) {
        const published = await db.selectFrom('articles').select('id').where('site_id', '=', site.id).where('slug', '=', slug).where('kind', '=', 'entry').where('entry_kind', '=', kind.key).where('publication', '=', 'published').where('deleted_at', 'is', null).executeTakeFirst();
        const content = published ? (await liveContents(db, site.id, [published.id])).get(published.id) : undefined;
        if (content?.entry && validityOn(kind, content.entry.values, today()) === 'expired') {
          const lang = publicLangFor(site, content.language === 'en' ? 'en' : 'vi');
          const html = await (<WithdrawnEntryPage chrome={await buildChrome(deps, request, { lang })} section={own.plural[lang]} listHref={entryPaths.list(kind, lang)} />);
          return reply.code(410).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
        }
      }
      return notFound(request, reply);
    }
    return cached(request, reply, async (sink) => {
      const content = (await liveContents(db, site.id, [found.articleId])).get(found.articleId);
      // Past midnight, before the validity job has taken it out of the index, a withdrawn entry is already not shown.
      if (!content?.entry || content.entry.kind !== kind.key || !publicOn(kind, content.entry.values, today())) return null;
      const row = await db.selectFrom('articles').select(['first_published_at', 'last_published_at', 'updated_at']).where('site_id', '=', site.id).where('id', '=', found.articleId).executeTakeFirstOrThrow();
      sink.mark({ itemType: ENTRY_ITEM, itemId: found.articleId, sectionId: content.sectionId ?? null });
      const lang = publicLangFor(site, content.language);
      const lookup = await loadLookup(db, site.id, kind, [content.entry.values], lang);
      const media = kind.attachments === false ? [] : await mediaByIds(db, site.id, content.attachmentIds);
      const attachments = content.attachmentIds.map((id) => media.find((m) => m.id === id)).filter((m): m is MediaItem => Boolean(m));
      const c = await buildChrome(deps, request, { lang });
      const canonical = canonicalUrl(request, found.url);
      const head = (
        <ItemMetadata
          title={content.title}
          description={content.summary || kind.label[lang]}
          creator={c.agencyName}
          publisher={c.agencyName}
          date={(row.first_published_at ?? found.publishedAt).slice(0, 10)}
          language={content.language}
          identifier={canonical}
          siteName={c.siteName}
          subject={`${own.plural[lang]}; ${content.title}`}
        />
      );
      return (await (
        <EntryPage
          chrome={c}
          canonical={canonical}
          kind={kind}
          sectionTitle={own.plural[lang]}
          base={base}
          content={content}
          lookup={lookup}
          attachments={attachments}
          publishedAt={row.first_published_at}
          updatedAt={row.last_published_at}
          corrections={await listCorrections(db, site.id, found.articleId)}
          today={today()}
          rating={ratingView(request, { itemType: ENTRY_ITEM, itemId: found.articleId })}
          views={entryDetailLinks(kind.key, content.entry.values).map((v) => ({ label: v.label[lang], href: v.href }))}
          fieldsView={entryRenderer(kind.key)?.fields?.({ values: content.entry.values, lookup, lang })}
          head={head}
        />
      )) as string;
    });
  });
}
