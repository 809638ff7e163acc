// The public document library: /van-ban (and /en/documents) with filters,
// /van-ban/<slug>, the feed of new documents, the open data downloads and API,
// and counted downloads (/tai-ve/<mediaId>). Anonymous pages come from the
// render cache like the rest of the public site; publication, correction and
// take-down drop the site's pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentCatalogue, typeLabel } from '../../core/documents/index.ts';
import { formatDate, formatDateTime, vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { listCorrections } from '../articles/store.ts';
import type { Lang } from '../../ui/i18n.ts';
import { parseSnapshot } from '../articles/article.ts';
import { mediaByIds, type MediaItem } from '../media/media.ts';
import { rss } from '../public/feeds.ts';
import { publicText } from '../public/messages.ts';
import { sendEntry } from '../public/page-cache.ts';
import { TakenDownPage } from '../public/pages.tsx';
import { countView, servePage, type MarkSink, type ServeOptions } from '../public/serve-page.ts';
import { itemMark } from '../usage/counter.ts';
import { buildChrome, canonicalUrl, pageVariant, paths, publicLangFor } from '../public/site-view.ts';
import { downloadPath, registerDownloads } from './downloads.ts';
import { allDocuments, documentBySlug, downloadCounts, fieldsOf, filterQuery, libraryFacets, listDocuments, movedDocumentSlug, readFilters, relationsOf } from './library.ts';
import { filterLabels, libraryText } from './library-messages.ts';
import { DocumentListPage, DocumentPage } from './library-pages.tsx';
import { ItemMetadata } from '../public/metadata.tsx';
import { ratingView } from '../ratings/rating-form.tsx';
import { ARTICLE_ITEM } from '../articles/public-index.ts';
import { openCsv, registerOpenDocumentsApi, siteOpenData } from './open-data.ts';
import { VersionMemo } from '../public/version-memo.ts';

const PAGE_SIZE = 20;
const publicAccess = { access: { kind: 'public' as const } };

export function registerDocumentLibrary(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const cache = deps.pageCache;
  const today = () => vietnamDate(deps.clock.now());
  const origin = (request: FastifyRequest) => request.siteOrigin;
  const catalogueOf = (request: FastifyRequest) => documentCatalogue(request.site.settings as unknown as Record<string, unknown>);

  // The filter form's issuers and years read every document of the site (56 ms at 41,000):
  // once per content version, not per page (ADR 0035).
  const facetsMemo = new VersionMemo(deps, 5 * 60_000, (siteId) => libraryFacets(db, siteId));

  registerDownloads(app, deps);
  registerOpenDocumentsApi(app, deps);

  /** The public site's way of serving a page; the effect status is computed for today, so a page made yesterday is not served today. */
  const cached = (request: FastifyRequest, reply: FastifyReply, render: (sink: MarkSink) => Promise<string | null>, opts: Omit<ServeOptions, 'variant'> = {}) => servePage(deps, request, reply, render, { ...opts, variant: today() });

  function pageNumber(request: FastifyRequest): number {
    const n = Number((request.query as { trang?: string }).trang);
    return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  }

  // ---- The list ------------------------------------------------------------------------------
  const listPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted !== lang) return notFound(request, reply);
    return cached(
      request,
      reply,
      async (sink) => {
        const site = request.site;
        const day = today();
        const catalogue = catalogueOf(request);
        const { filters, values, ignored } = readFilters(request.query as Record<string, unknown>, { types: catalogue.types.map((x) => x.key), fields: catalogue.fields });
        const page = pageNumber(request);
        const { total, documents } = await listDocuments(db, site.id, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, day);
        const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
        // A search of the library counts among the site's searches (first page of results only).
        if (filters.q && page === 1) sink.mark({ itemType: 'other', itemId: 0, sectionId: null, search: { query: filters.q, found: total } });
        const facets = await facetsMemo.get(site.id);
        const query = filterQuery(values);
        const qs = new URLSearchParams(query).toString();
        const c = { ...(await buildChrome(deps, request, { lang, otherLangHref: `${paths.documents(lang === 'vi' ? 'en' : 'vi')}${qs ? `?${qs}` : ''}` })), current: 'documents' as const };
        const t = libraryText(lang);
        const labels = filterLabels(lang);
        const canonical = canonicalUrl(request, paths.documents(lang));
        const head = <ItemMetadata title={t.title} description={t.lead} creator={c.agencyName} publisher={c.agencyName} date={day} language={lang} identifier={canonical} siteName={c.siteName} type="website" />;
        return (await (
          <DocumentListPage
            chrome={c}
            canonical={canonical}
            catalogue={catalogue}
            facets={facets}
            values={values}
            ignored={ignored.map((n) => labels[n] ?? n)}
            filtered={Object.keys(query).length > 0}
            total={total}
            documents={documents}
            page={page}
            pages={pages}
            pagerQuery={query}
            head={head}
          />
        )) as string;
      },
      { ttlMs: 5 * 60_000 },
    );
  };
  app.get('/van-ban', { config: publicAccess }, async (request, reply) => listPage(request, reply, 'vi'));
  app.get('/en/documents', { config: publicAccess }, async (request, reply) => listPage(request, reply, 'en'));

  // ---- Feed and open data --------------------------------------------------------------------
  app.get('/van-ban/rss.xml', { config: publicAccess }, async (request, reply) =>
    cached(
      request,
      reply,
      async () => {
        const site = request.site;
        const catalogue = catalogueOf(request);
        const t = libraryText('vi');
        const docs = await allDocuments(db, site.id, today(), { limit: 50, orderBy: 'published' });
        return rss(
          { title: `${t.rssTitle} — ${site.name}`, link: `${origin(request)}${paths.documents('vi')}`, description: site.agencyName, language: 'vi', selfUrl: `${origin(request)}${paths.documentsRss()}` },
          docs.map((d) => ({
            title: `${d.number}: ${d.title}`,
            link: `${origin(request)}${paths.document(d.slug)}`,
            description: `${typeLabel(catalogue, d.docType).vi} số ${d.number} của ${d.issuer}, ban hành ngày ${formatDate(d.issuedOn)}. ${d.title}`,
            publishedAt: d.publishedAt,
            guid: `${site.key}:document:${d.articleId}`,
          })),
        );
      },
      { type: 'application/rss+xml; charset=utf-8' },
    ),
  );

  app.get('/van-ban/du-lieu.json', { config: publicAccess }, async (request, reply) => {
    reply.header('access-control-allow-origin', '*').header('content-disposition', `inline; filename="van-ban-${request.site.key}.json"`);
    return cached(request, reply, async () => JSON.stringify({ site: request.site.name, generatedOn: today(), documents: await siteOpenData(db, request, today()) }), { type: 'application/json; charset=utf-8' });
  });
  app.get('/van-ban/du-lieu.csv', { config: publicAccess }, async (request, reply) => {
    reply.header('access-control-allow-origin', '*').header('content-disposition', `attachment; filename="van-ban-${request.site.key}.csv"`);
    return cached(request, reply, async () => openCsv(await siteOpenData(db, request, today())), { type: 'text/csv; charset=utf-8' });
  });

  // ---- A document ----------------------------------------------------------------------------
  app.get('/van-ban/:slug', { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]{1,200}$/.test(slug)) return notFound(request, reply);
    const site = request.site;
    const hit = cache.get(cache.key(site.id, pageVariant(request), `${today()}|${request.url}`));
    if (hit) {
      countView(deps, request, hit.mark);
      return sendEntry(request, reply, hit);
    }
    const doc = await documentBySlug(db, site.id, slug, today());
    if (!doc) {
      const moved = await movedDocumentSlug(db, site.id, slug);
      if (moved) return reply.redirect(paths.document(moved), 301);
      // A document taken down with a public notice says so (410), like an article.
      const gone = await db
        .selectFrom('articles')
        .select(['language', 'takedown_notice', 'takedown_reason_code', 'taken_down_at', 'updated_at'])
        .where('site_id', '=', site.id)
        .where('slug', '=', slug)
        .where('kind', '=', 'document')
        .where('publication', '=', 'taken_down')
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (gone && gone.takedown_notice === 1) {
        const lang = publicLangFor(site, gone.language === 'en' ? 'en' : 'vi');
        const t = publicText(lang);
        const reason = gone.takedown_reason_code ? ((t as Record<string, string>)[`reason_${gone.takedown_reason_code}`] ?? '') : '';
        const chrome = { ...(await buildChrome(deps, request, { lang })), current: 'documents' as const };
        const html = await (<TakenDownPage chrome={chrome} time={formatDateTime(gone.taken_down_at ?? gone.updated_at)} reason={reason} />);
        return reply.code(410).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
      }
      return notFound(request, reply);
    }
    return cached(
      request,
      reply,
      async (sink) => {
        const lang = publicLangFor(site, doc.language === 'en' ? 'en' : 'vi');
        const catalogue = catalogueOf(request);
        sink.mark(await itemMark(db, site.id, ARTICLE_ITEM, doc.articleId));
        const article = await db.selectFrom('articles').select('live_revision_id').where('site_id', '=', site.id).where('id', '=', doc.articleId).executeTakeFirst();
        const revision = article?.live_revision_id ? await db.selectFrom('article_revisions').select('snapshot').where('site_id', '=', site.id).where('id', '=', article.live_revision_id).executeTakeFirst() : undefined;
        const content = revision ? parseSnapshot(revision.snapshot) : null;
        const details = (content as { document?: { statusNote?: string | null } | null } | null)?.document ?? null;
        const fields = (await fieldsOf(db, site.id, [doc.articleId])).get(doc.articleId) ?? [];
        const relations = await relationsOf(db, site.id, doc.articleId);
        const media = await mediaByIds(db, site.id, doc.attachmentIds);
        const attachments = doc.attachmentIds.map((id) => media.find((m) => m.id === id)).filter((m): m is MediaItem => Boolean(m));
        const counts = await downloadCounts(db, site.id, attachments.map((m) => m.id));
        const c = { ...(await buildChrome(deps, request, { lang, otherLangHref: paths.documents(lang === 'vi' ? 'en' : 'vi') })), current: 'documents' as const };
        const canonical = canonicalUrl(request, paths.document(doc.slug));
        const summary = content?.summary ?? '';
        const head = (
          <ItemMetadata
            title={`${doc.number} — ${doc.title}`}
            description={summary || doc.title}
            creator={doc.issuer}
            publisher={c.agencyName}
            date={doc.issuedOn}
            language={lang}
            identifier={canonical}
            siteName={c.siteName}
            subject={[typeLabel(catalogue, doc.docType).vi, ...fields].join('; ')}
          />
        );
        return (await (
          <DocumentPage
            chrome={c}
            canonical={canonical}
            catalogue={catalogue}
            doc={doc}
            fields={fields}
            today={today()}
            statusNote={details?.statusNote ?? null}
            summary={summary}
            bodyHtml={content?.bodyHtml ?? ''}
            relations={relations}
            attachments={attachments.map((m) => ({ media: m, downloadHref: downloadPath(m.id), downloads: counts.get(m.id) ?? 0 }))}
            corrections={await listCorrections(db, request.site.id, doc.articleId)}
            rating={ratingView(request, { itemType: ARTICLE_ITEM, itemId: doc.articleId })}
            head={head}
          />
        )) as string;
      },
      // The download counts on the page stay fresh within a minute.
      { ttlMs: 60_000 },
    );
  });

}
