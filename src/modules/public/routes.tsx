// The public site of every site: home, sections, tags, articles, search,
// contact, sitemaps, feeds, robots.txt, the theme and text size. Anonymous
// pages come from the render cache; publication, change and take-down drop
// the pages of their site only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '@kitajs/html';
import { parseQuery, highlight, snippet, snippetSource } from '../../core/search/index.ts';
import { darken } from '../../core/color.ts';
import { fold, slugify } from '../../core/vietnamese/index.ts';
import { formatDateTime, parseDateInput, vietnamDate } from '../../core/time.ts';
import { localDateTime } from '../../core/calendar/index.ts';
import { buildTree, flattenTree } from '../../core/tree.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { FormReader } from '../../platform/http/form.ts';
import { cookieSecure, safeLocalPath } from '../../platform/http/request-info.ts';
import { namedRateLimit } from '../../platform/limits/rate-limit-store.ts';
import { itemTag, LISTS, syncContentVersions } from './content-version.ts';
import { registerClusterSync } from './cluster-sync.ts';
import { contentEvents } from '../../platform/events.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { contentOfRow, parseSnapshot, publicPathOf, type ArticleContent } from '../articles/article.ts';
import { ARTICLE_ITEM } from '../articles/public-index.ts';
import { ENTRY_ITEM } from '../entries/sync.ts';
import { organisationLinks } from '../entries/organisation/paths.ts';
import { currentEntryBlocks, entryKindOptions, entryKindsOff, listedKindLinks } from '../entries/public/portal.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { readPreviewToken } from '../articles/preview.ts';
import { getMedia, mediaByIds, resolveMediaFile, type MediaItem } from '../media/media.ts';
import { memberMayViewContent } from '../accounts/http-auth.ts';
import { Favicons } from './favicon.ts';
import { COUNT_CAP, searchDocuments, latestDocuments } from '../search/index.ts';
import { roleLabel, SiteClosedError } from '../sites/site.ts';
import { formStamp, receiveContact } from '../contact/contact.ts';
import { screenSubmission } from '../citizens/protection.ts';
import { rss, sitemap, sitemapIndex, SITEMAP_LIMIT } from './feeds.ts';
import { publicText } from './messages.ts';
import { renderHomeExtras } from './home-extras.ts';
import { homeData, homePageTtl, HOME_DATA_TTL_MS } from './home-data.ts';
import { parseByteRange } from '../../platform/http/byte-range.ts';
import { sendEntry } from './page-cache.ts';
import { StoryThreadBoxes } from './story-thread-box.tsx';
import { serviceTiles } from './service-tiles.tsx';
import { countableRequest } from '../usage/countable.ts';
import { countView, servePage, type MarkSink, type ServeOptions } from './serve-page.ts';
import { ItemMetadata } from './metadata.tsx';
import { articleExtras } from './article-extras.ts';
import { ListenBlock, speechUrl } from '../speech/player.tsx';
import { citizenLinks } from './layout.tsx';
import { sendSiteClosed, siteClosed } from './closed-site.tsx';
import { ratingView } from '../ratings/rating-form.tsx';
import { ArticlePage, ContactPage, HomePage, ListingPage, SearchPage, SitemapPage, TakenDownPage, type ContactFormState, type SectionBlock } from './pages.tsx';
import { coversOf, formatListKey, KEYSET_FROM_PAGE, latestItems, listPage, listTagged, parseListKey, sectionBySlug, sectionsWithContent, withDescendants, type ListedItem } from './queries.ts';
import { buildChrome, canonicalUrl, pageVariant, paths, publicLangFor, SIZE_COOKIE, sectionName, siteFacts } from './site-view.ts';
import { prepared, type Param } from '../../platform/db/prepared.ts';

// The reads of every uncached article page, compiled once (platform/db/prepared.ts).
const articleBySlug = prepared((db, p: Param<{ siteId: number; slug: string }>) =>
  db.selectFrom('articles').selectAll().where('site_id', '=', p('siteId')).where('slug', '=', p('slug')).where('deleted_at', 'is', null),
);
const revisionSnapshot = prepared((db, p: Param<{ id: number }>) => db.selectFrom('article_revisions').select('snapshot').where('id', '=', p('id')));
const PAGE_SIZE = 20;
/** How often a node reads the public content versions committed elsewhere (another node, a background job). */
const VERSION_POLL_MS = 1000;
/** How often this node's usage counts are written (a batch of upserts, whatever the traffic). */
const USAGE_FLUSH_MS = 5000;
/**
 * Items that are not news: static pages, the library's documents and procedures, published
 * answers to citizens and drafts for comment (they have their own lists and feed).
 */
const NOT_NEWS = ['page', 'document', 'procedure', 'question', 'petition', 'consultation'];
/** Entries of declared sections (announcements, projects…) have their own lists and feeds: never in news listings. */
const NOT_NEWS_ITEMS = [ENTRY_ITEM];
const publicAccess = { access: { kind: 'public' as const } };
/** The citizens' pages in sitemap.xml: published answers, access to information, drafts for comment. */
const CITIZEN_PAGES = [paths.questions('vi'), paths.petitions('vi'), paths.accessToInformation('vi'), paths.consultations('vi')];

function pageNumber(request: FastifyRequest): number {
  const n = Number((request.query as { trang?: string }).trang);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}


export function registerPublicSite(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const cache = deps.pageCache;
  // A scoped change made here (a job, an action) is read from the database at once: pages of its site wait for
  // that read, so they never answer stale, and its scope is applied once (ADR 33).
  // An unscoped one drops the site's pages at once (it may move no version), then follows the version
  // too: the notice of the same change arriving later (NOTIFY, the poll) then drops nothing rendered since.
  const onContentChanged = (siteId: number, tags?: string[] | null) => {
    if (!tags) cache.invalidateSite(siteId);
    cache.awaitSync(siteId, syncSite(siteId));
  };
  const onSitesChanged = () => cache.clear();
  contentEvents.on('siteContentChanged', onContentChanged);
  contentEvents.on('sitesChanged', onSitesChanged);
  // Page views reach site_visits every half minute and when the server stops.
  const flushVisits = () => deps.visitors.flush(db).catch((error: unknown) => app.log.warn({ err: error }, 'visitor counts not written; kept for the next try'));
  const flushTimer = setInterval(() => void flushVisits(), 30_000);
  flushTimer.unref();
  // Usage figures (views per item, searches, downloads) reach their daily tables every few seconds and when the server stops.
  const flushUsage = () => deps.usage.flush(db).catch((error: unknown) => app.log.warn({ err: error }, 'usage counts not written; kept for the next try'));
  const usageTimer = setInterval(() => void (deps.usage.autoFlush ? flushUsage() : undefined), USAGE_FLUSH_MS);
  usageTimer.unref();
  // What other nodes and background jobs changed reaches this node's cache within a poll.
  const syncSite = (siteId: number) => syncContentVersions(db, cache, siteId).catch((error: unknown) => app.log.warn({ err: error }, 'public content version not read; the poll will catch up'));
  const pollVersions = () =>
    syncContentVersions(db, cache)
      .catch((error: unknown) => app.log.warn({ err: error }, 'public content versions not read; pages may stay until the next poll'));
  void pollVersions();
  const versionTimer = setInterval(() => void pollVersions(), deps.config.versionPollMs ?? VERSION_POLL_MS);
  versionTimer.unref();
  // A request that may have changed something sees its own change at once: its site's version is read before the answer goes out.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.site) {
      await syncContentVersions(db, cache, request.site.id)
        .catch((error: unknown) => request.log.warn({ err: error }, 'public content version not read; the poll will catch up'));
    }
    return payload;
  });
  // On PostgreSQL, what other nodes commit arrives at once by NOTIFY (ADR 0026).
  registerClusterSync(app, deps);
  app.addHook('onClose', async () => {
    clearInterval(flushTimer);
    clearInterval(usageTimer);
    clearInterval(versionTimer);
    contentEvents.off('siteContentChanged', onContentChanged);
    contentEvents.off('sitesChanged', onSitesChanged);
    await flushVisits();
    await flushUsage();
  });

  /** Serves an anonymous page from the cache, or renders, caches and serves it. */
  const cached = (request: FastifyRequest, reply: FastifyReply, render: (sink: MarkSink) => Promise<string | null>, opts: ServeOptions = {}) => servePage(deps, request, reply, render, opts);

  const chrome = (request: FastifyRequest, lang: Lang, extra: Parameters<typeof buildChrome>[2] extends infer O ? Omit<O & object, 'lang'> : never = {}) => buildChrome(deps, request, { lang, ...extra });
  const origin = (request: FastifyRequest) => request.siteOrigin;

  // ---- Home ---------------------------------------------------------------------
  /** Everything the home page reads for a site and language; kept between renders by homeData (ADR 0032). */
  const readHome = async (request: FastifyRequest, lang: Lang) => {
    const site = request.site;
    const siteId = site.id;
    const sections = (await siteFacts(deps, site)).sections;
    // Reference information ("tin tham khảo") is not what a portal leads with: off the home page unless the site chooses it.
    const showReference = Boolean(site.settings.homeShowsReference);
    const top = sections.filter((s) => s.parent_id === null && (showReference || s.is_reference !== 1));
    const news = { lang, excludeKinds: NOT_NEWS, excludeItemTypes: NOT_NEWS_ITEMS, excludeReference: !showReference };
    // The lead story: the newest news item with a picture.
    const [lead] = await latestItems(db, siteId, { ...news, withCover: true, limit: 1, offset: 0 });
    const latest = (await latestItems(db, siteId, { ...news, limit: 7, offset: 0 })).filter((i) => i.itemId !== lead?.itemId || i.itemType !== lead.itemType).slice(0, 6);
    const announcementSection = top.find((s) => s.slug.startsWith('thong-bao'));
    const blocks: SectionBlock[] = [];
    for (const s of top) {
      if (s.id === announcementSection?.id || blocks.length >= 6) continue;
      // The lead story is not repeated in its section's block.
      const items = (await latestItems(db, siteId, { ...news, sectionIds: withDescendants(sections, s.id), limit: 5, offset: 0 })).filter((i) => i.itemId !== lead?.itemId || i.itemType !== lead.itemType).slice(0, 4);
      if (items.length > 0) blocks.push({ name: sectionName(s, lang), href: paths.section(lang, s.slug), items });
    }
    const t = publicText(lang);
    const block = async (name: string, href: string, kinds: string[], limit: number): Promise<SectionBlock> => ({ name, href, items: await latestItems(db, siteId, { lang, kinds, limit, offset: 0 }) });
    // The library and the citizens' voice: what most visitors come for.
    const documents = await block(t.newDocuments, paths.documents(lang), ['document'], 5);
    const procedures = await block(t.newProcedures, paths.procedures(lang), ['procedure'], 5);
    const questions = await block(t.newQuestions, paths.questions(lang), ['question'], 4);
    const announcements = announcementSection
      ? { name: sectionName(announcementSection, lang), href: paths.section(lang, announcementSection.slug), items: await latestItems(db, siteId, { ...news, sectionIds: withDescendants(sections, announcementSection.id), limit: 5, offset: 0 }) }
      : null;
    const today = vietnamDate(deps.clock.now());
    // Current entries of declared sections with a validity period; a news section of the same name gives way to them.
    const current = await currentEntryBlocks(db, site, lang, today);
    const shownAnnouncements = announcements && !current.some((b) => fold(b.name) === fold(announcements.name)) ? announcements : null;
    const covers = await coversOf(db, siteId, [...(lead ? [lead] : []), ...latest, ...blocks.flatMap((b) => b.items)]);
    const portals = await serviceTiles(deps, site, lang);
    // The extras' blocks depend on the site, the language and the day only (home-extras.ts): shared by every visitor.
    const extras = await renderHomeExtras({ deps, request, lang, today });
    return { lead: lead ?? null, latest, announcements: shownAnnouncements, current, blocks, documents, procedures, questions, portals, covers, extras };
  };
  const home = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted === 'en' && lang !== 'en') return notFound(request, reply);
    // The visitor counter on the home page stays fresh within a minute; a page rendered from older data expires with it.
    return cached(
      request,
      reply,
      async (sink) => {
        const { data, at } = await homeData(deps, request.site, lang, () => readHome(request, lang));
        sink.ttl(homePageTtl(deps, at));
        const c = await chrome(request, lang, { withCounter: true, otherLangHref: paths.home(lang === 'vi' ? 'en' : 'vi') });
        const head = ItemMetadata({ title: c.siteName, description: c.agencyName, creator: c.agencyName, publisher: c.agencyName, date: vietnamDate(deps.clock.now()), language: lang, identifier: canonicalUrl(request, paths.home(lang)), type: 'website', siteName: c.siteName });
        return (await (<HomePage chrome={c} canonical={canonicalUrl(request, paths.home(lang))} {...data} head={head} />)) as string;
      },
      { ttlMs: HOME_DATA_TTL_MS, mark: { itemType: 'home', itemId: 0, sectionId: null } },
    );
  };
  app.get('/', { config: publicAccess }, async (request, reply) => home(request, reply, 'vi'));
  app.get('/en', { config: publicAccess }, async (request, reply) => home(request, reply, 'en'));

  // ---- Sections and tags ---------------------------------------------------------------
  const sectionPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    const { slug } = request.params as { slug: string };
    if (wanted !== lang || !/^[a-z0-9-]{1,80}$/.test(slug)) return notFound(request, reply);
    const page = pageNumber(request);
    return cached(request, reply, async (sink) => {
      const section = await sectionBySlug(db, request.site.id, slug);
      if (!section) return null;
      sink.mark({ itemType: 'section', itemId: section.id, sectionId: section.id });
      const sections = (await siteFacts(deps, request.site)).sections;
      // `?trang=N` walks the listing index to its offset; the "older" link carries the last item's key (`truoc`) and seeks (ADR 35).
      const before = parseListKey((request.query as { truoc?: unknown }).truoc);
      const { items, more, last } = await listPage(db, request.site.id, { lang, sectionIds: withDescendants(sections, section.id), excludeItemTypes: NOT_NEWS_ITEMS, pageSize: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, before });
      if (items.length === 0 && (page > 1 || before)) return null;
      const topId = topAncestor(sections, section.id);
      const c = await chrome(request, lang, { currentSectionId: topId, otherLangHref: paths.section(lang === 'vi' ? 'en' : 'vi', slug) });
      return (await (
        <ListingPage
          chrome={c}
          canonical={canonicalUrl(request, `${paths.section(lang, slug)}${page > 1 ? `?trang=${page}` : ''}`)}
          title={sectionName(section, lang)}
          lead={section.description}
          reference={section.is_reference === 1}
          items={items}
          covers={await coversOf(db, request.site.id, items)}
          page={page}
          pages={more ? page + 1 : page}
          older={more && last && page >= KEYSET_FROM_PAGE ? formatListKey(last) : undefined}
          base={paths.section(lang, slug)}
          rss={paths.sectionRss(slug)}
        />
      )) as string;
    });
  };
  app.get('/chuyen-muc/:slug', { config: publicAccess }, async (request, reply) => sectionPage(request, reply, 'vi'));
  app.get('/en/section/:slug', { config: publicAccess }, async (request, reply) => sectionPage(request, reply, 'en'));

  const tagPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    const { tag } = request.params as { tag: string };
    if (wanted !== lang || !/^[a-z0-9-]{1,80}$/.test(tag)) return notFound(request, reply);
    const page = pageNumber(request);
    return cached(request, reply, async () => {
      const { items, total, tag: name } = await listTagged(db, request.site.id, tag, lang, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      if (!name) return null;
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const c = await chrome(request, lang, { otherLangHref: paths.tag(lang === 'vi' ? 'en' : 'vi', tag) });
      const t = publicText(lang);
      return (await (
        <ListingPage chrome={c} canonical={canonicalUrl(request, paths.tag(lang, tag))} title={format(t.tag, { tag: name })} items={items} covers={await coversOf(db, request.site.id, items)} page={page} pages={pages} base={paths.tag(lang, tag)} />
      )) as string;
    });
  };
  app.get('/the/:tag', { config: publicAccess }, async (request, reply) => tagPage(request, reply, 'vi'));
  app.get('/en/tag/:tag', { config: publicAccess }, async (request, reply) => tagPage(request, reply, 'en'));

  // ---- Articles -------------------------------------------------------------------------------
  async function articleHtml(request: FastifyRequest, row: ArticleRow, content: ArticleContent, opts: { preview?: string; print?: boolean; tags?: (tags: string[]) => void } = {}): Promise<string> {
    const lang: Lang = publicLangFor(request.site, content.language);
    const t = publicText(lang);
    const siteId = request.site.id;
    const media = await mediaByIds(db, siteId, [...(content.coverMediaId ? [content.coverMediaId] : []), ...content.attachmentIds]);
    const cover = media.find((m) => m.id === content.coverMediaId) ?? null;
    const attachments = content.attachmentIds.map((id) => media.find((m) => m.id === id)).filter((m): m is MediaItem => Boolean(m));
    // Corrections, spoken version, story threads and the language switch: one statement for most articles (article-extras.ts).
    const published = !opts.preview;
    const extras = await articleExtras(db, request.site, row, content, { corrections: published, speech: published && !opts.print, threads: published && !opts.print });
    const corrections = extras.corrections;
    const related = await publicTitles(siteId, content.relatedIds);
    const sections = (await siteFacts(deps, request.site)).sections;
    const section = sections.find((s) => s.id === content.sectionId);
    const { url: translation, ids: translationIds } = extras.translation;
    const c = await chrome(request, lang, { currentSectionId: section ? topAncestor(sections, section.id) : null, otherLangHref: translation ?? paths.home(lang === 'vi' ? 'en' : 'vi') });
    const url = canonicalUrl(request, paths.article(row.slug));
    const { speech, threads } = extras;
    // What this page shows of other items (ADR 33): the related ones by title and address, the
    // translation by address (every article that translates this one, or that it translates: a
    // translation moved to another original, or taken down, changes this page's link); a story
    // thread's box lists items, so such a page goes with every list.
    opts.tags?.([...new Set([row.id, ...content.relatedIds, ...translationIds])].map(itemTag).concat(threads.length > 0 ? [LISTS] : []));
    const head = ItemMetadata({
      title: content.title,
      description: content.summary,
      creator: content.authorName ?? c.agencyName,
      publisher: c.agencyName,
      date: (row.first_published_at ?? row.updated_at).slice(0, 10),
      language: content.language,
      identifier: url,
      image: cover ? `${origin(request)}${cover.url}` : null,
      siteName: c.siteName,
    });
    return (await (
      <ArticlePage
        chrome={c}
        canonical={opts.preview ? null : url}
        content={content}
        publishedAt={opts.preview ? null : row.first_published_at}
        updatedAt={opts.preview ? null : row.last_published_at}
        corrections={corrections}
        cover={cover}
        attachments={attachments}
        related={related}
        tags={content.tags.map((name) => ({ name, href: paths.tag(lang, slugify(name, 60)) })).filter((x) => x.href.length > 5)}
        sectionLink={section ? { href: paths.section(lang, section.slug), name: sectionName(section, lang) } : null}
        shareUrl={url}
        rating={opts.preview || opts.print ? null : ratingView(request, { itemType: ARTICLE_ITEM, itemId: row.id })}
        previewNote={opts.preview ? format(t.preview, { time: opts.preview }) : null}
        print={Boolean(opts.print)}
        head={head}
        storyThreads={threads.length === 0 ? '' : ((await (<StoryThreadBoxes boxes={threads} lang={lang} />)) as string)}
        listen={speech ? <ListenBlock lang={lang} speech={{ url: speechUrl(speech.revisionId, speech.sha256), bytes: speech.bytes, durationMs: speech.durationMs }} /> : null}
      />
    )) as string;
  }

  /** Public titles of related items come from their live revisions, never from unpublished edits. */
  async function publicTitles(siteId: number, ids: number[]): Promise<{ url: string; title: string }[]> {
    if (ids.length === 0) return [];
    const docs = await db.selectFrom('search_documents').select(['item_id', 'url', 'title']).where('site_id', '=', siteId).where('item_type', '=', ARTICLE_ITEM).where('item_id', 'in', ids).execute();
    return ids.map((id) => docs.find((d) => d.item_id === id)).filter((d): d is { item_id: number; url: string; title: string } => Boolean(d)).map((d) => ({ url: d.url, title: d.title }));
  }

  app.get('/bai-viet/:slug', { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]{1,200}$/.test(slug)) return notFound(request, reply);
    // A cached page is served without reading the article: publication, correction and take-down
    // drop the site's pages (on this node; on other nodes within the cache's maximum age, ADR 0009).
    const pending = cache.pendingSync(request.site.id);
    if (pending) await pending;
    const hit = cache.get(cache.key(request.site.id, pageVariant(request), request.url));
    if (hit) {
      countView(deps, request, hit.mark);
      return sendEntry(request, reply, hit);
    }
    const siteId = request.site.id;
    let row = await articleBySlug.first(db, { siteId, slug });
    if (!row || row.live_revision_id === null) {
      // An address the article had before keeps leading to it.
      const former = await db.selectFrom('article_slugs').select('article_id').where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
      if (former) {
        const current = await db.selectFrom('articles').selectAll().where('id', '=', former.article_id).where('deleted_at', 'is', null).executeTakeFirst();
        const liveSlug = current ? await liveSlugOf(current) : null;
        if (current && liveSlug && liveSlug !== slug && current.publication === 'published') return reply.redirect(paths.article(liveSlug), 301);
        row = current;
      }
    }
    if (!row || row.live_revision_id === null) return notFound(request, reply);
    // Documents live in the library, with their metadata table.
    if (row.kind === 'document') return reply.redirect(paths.document(row.slug), 301);
    // Entries of declared sections live under their section's address.
    if (row.kind === 'entry' && row.publication === 'published') return reply.redirect(publicPathOf(row), 301);
    if (row.publication === 'taken_down') {
      if (row.takedown_notice !== 1) return notFound(request, reply);
      const lang = publicLangFor(request.site, row.language === 'en' ? 'en' : 'vi');
      const t = publicText(lang);
      const reason = row.takedown_reason_code ? t[`reason_${row.takedown_reason_code as 'withdrawn'}`] : '';
      const html = await (<TakenDownPage chrome={await chrome(request, lang)} time={formatDateTime(row.taken_down_at ?? row.updated_at)} reason={reason} />);
      return reply.code(410).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    }
    if (row.publication !== 'published') return notFound(request, reply);
    const live = row;
    const q = request.query as { 'ban-in'?: string; luu?: string };
    return cached(request, reply, async (sink) => {
      const revision = await revisionSnapshot.first(db, { id: live.live_revision_id! });
      if (!revision) return null;
      const content = parseSnapshot(revision.snapshot);
      sink.mark({ itemType: ARTICLE_ITEM, itemId: live.id, sectionId: content.sectionId ?? null });
      return articleHtml(request, live, content, { print: q['ban-in'] === '1' || q.luu === '1', tags: (tags) => sink.tags(tags) });
    });
  });

  /** The address an article has publicly (its live revision's), which may differ from the working copy's. */
  async function liveSlugOf(row: ArticleRow): Promise<string | null> {
    if (row.live_revision_id === null) return null;
    const doc = await db.selectFrom('search_documents').select('url').where('site_id', '=', row.site_id).where('item_type', '=', ARTICLE_ITEM).where('item_id', '=', row.id).executeTakeFirst();
    return doc ? doc.url.replace('/bai-viet/', '') : row.slug;
  }

  app.get('/xem-truoc/:token', { config: publicAccess }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const claims = readPreviewToken(deps.keys.preview, token, request.site.id, deps.clock.now());
    if (!claims) return notFound(request, reply);
    const row = await db.selectFrom('articles').selectAll().where('site_id', '=', request.site.id).where('id', '=', claims.articleId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) return notFound(request, reply);
    const html = await articleHtml(request, row, contentOfRow(row), { preview: formatDateTime(new Date(claims.exp * 1000).toISOString()) });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(html);
  });

  // ---- Search ------------------------------------------------------------------------------
  const searchPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted !== lang) return notFound(request, reply);
    return cached(
      request,
      reply,
      async (sink) => {
        const q = request.query as Record<string, string | undefined>;
        const text = (q.q ?? '').normalize('NFC').slice(0, 200).trim();
        const sections = (await siteFacts(deps, request.site)).sections;
        const sectionId = Number(q['chuyen-muc']) || null;
        const kind = q.loai && /^[a-z_]{1,20}$/.test(q.loai) ? q.loai : '';
        const from = q.tu ? parseDateInput(q.tu) : null;
        const to = q.den ? parseDateInput(q.den) : null;
        const page = pageNumber(request);
        const parsed = text ? parseQuery(text) : null;
        const filters = {
          siteId: request.site.id,
          language: lang,
          ...(sectionId && sections.some((s) => s.id === sectionId) ? { sectionIds: withDescendants(sections, sectionId) } : {}),
          ...(kind ? { kinds: [kind] } : {}),
          ...(entryKindsOff(request.site).length ? { hiddenEntryKinds: entryKindsOff(request.site) } : {}),
          ...(from ? { from: localDateTime(from, '00:00').toISOString() } : {}),
          ...(to ? { to: new Date(localDateTime(to, '23:59').getTime() + 59_999).toISOString() } : {}),
        };
        const filtered = Boolean(sectionId || kind || from || to);
        const searched = Boolean(parsed) || filtered;
        const result = parsed
          ? await searchDocuments(db, parsed, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
          : filtered
            ? await latestDocuments(db, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
            : { total: 0, more: false, hits: [] };
        // Only the first COUNT_CAP results are paged; a deeper ?trang= (an old address) says how to narrow.
        const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
        const beyond = page > pages && result.total >= COUNT_CAP;
        // A search is counted once, on its first page of results, with whether it found anything.
        sink.mark({ itemType: 'search', itemId: 0, sectionId: null, ...(parsed && page === 1 ? { search: { query: text, found: result.total } } : {}) });
        const hits = result.hits.map((h) => ({
          url: h.url,
          titleHtml: parsed ? highlight(h.title, parsed) : escapeHtml(h.title),
          snippetHtml: parsed ? snippet(snippetSource(h.summary, h.bodyText), parsed) : escapeHtml(h.summary),
          publishedAt: h.publishedAt,
          kind: h.kind,
        }));
        const pagerQuery = Object.fromEntries(Object.entries({ q: text, 'chuyen-muc': sectionId ? String(sectionId) : '', loai: kind, tu: from ?? '', den: to ?? '' }).filter(([, v]) => v)) as Record<string, string>;
        const c = await chrome(request, lang, { query: text, otherLangHref: `${paths.search(lang === 'vi' ? 'en' : 'vi')}${text ? `?q=${encodeURIComponent(text)}` : ''}` });
        const options = flattenTree(buildTree(sections)).map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${sectionName(n.unit, lang)}` }));
        return (await (
          <SearchPage
            chrome={c}
            query={text}
            sectionOptions={options}
            entryKinds={entryKindOptions(request.site, lang)}
            values={{ section: sectionId ? String(sectionId) : '', kind, from: from ?? '', to: to ?? '' }}
            searched={searched}
            total={result.total}
            more={result.more}
            beyond={beyond}
            hits={hits}
            page={page}
            pages={pages}
            base={paths.search(lang)}
            pagerQuery={pagerQuery}
          />
        )) as string;
      },
      { ttlMs: 5 * 60_000 },
    );
  };
  app.get('/tim-kiem', { config: publicAccess }, async (request, reply) => searchPage(request, reply, 'vi'));
  app.get('/en/search', { config: publicAccess }, async (request, reply) => searchPage(request, reply, 'en'));

  // ---- Contact ----------------------------------------------------------------------------------
  /** The contact form of a site that no longer operates: where to write instead (200, or 410 for a POST). */
  const contactClosed = (request: FastifyRequest, reply: FastifyReply, lang: Lang) => sendSiteClosed(deps, request, reply, { lang, title: publicText(lang).contactTitle, path: paths.contact });
  const contactPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang, state?: ContactFormState, status = 200) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted !== lang) return notFound(request, reply);
    if (siteClosed(request)) return contactClosed(request, reply, lang);
    if (!state) countView(deps, request, { itemType: 'contact', itemId: 0, sectionId: null });
    const c = await chrome(request, lang, { otherLangHref: paths.contact(lang === 'vi' ? 'en' : 'vi') });
    const form: ContactFormState = state ?? { values: {}, errors: {}, sent: false, stamp: formStamp(deps.keys.preview, deps.clock.now()) };
    const html = await (<ContactPage chrome={c} state={form} boardName={roleLabel(request.site, 'board', lang)} />);
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };
  const contactSubmit = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (siteClosed(request)) return contactClosed(request, reply, lang);
    const t = publicText(lang);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = new FormReader(body, lang);
    const name = form.text('name', { label: t.name, required: true, max: 120 });
    const email = form.email('email', { label: t.yourEmail });
    const phone = form.phone('phone', { label: t.yourPhone });
    const subject = form.text('subject', { label: t.subject, required: true, max: 300 });
    const message = form.text('message', { label: t.message, required: true, max: 5000 });
    if (!email && !phone && !form.errors.email && !form.errors.phone) form.fail('email', t.emailOrPhone);
    const verdict = screenSubmission(deps.keys.preview, body, deps.clock);
    if (verdict === 'robot') {
      // A robot: say nothing useful, store nothing.
      request.log.info('contact form refused as automated');
      return contactPage(request, reply, lang, { values: {}, errors: {}, sent: true, stamp: '' });
    }
    if (verdict === 'too_fast') form.fail('message', t.tooFast);
    if (!form.ok || !name || !subject || !message) {
      return contactPage(request, reply, lang, { values: form.values as Record<string, string>, errors: form.errors, sent: false, stamp: formStamp(deps.keys.preview, deps.clock.now()) }, 400);
    }
    try {
      await receiveContact(db, deps.mailer, request.site.id, { name, email, phone, subject, message }, { linkBase: origin(request), clock: deps.clock });
    } catch (error) {
      if (error instanceof SiteClosedError) return contactClosed(request, reply, lang);
      throw error;
    }
    return contactPage(request, reply, lang, { values: {}, errors: {}, sent: true, stamp: '' });
  };
  const contactLimit = { max: 5, timeWindow: '1 hour' };
  app.get('/lien-he', { config: publicAccess }, async (request, reply) => contactPage(request, reply, 'vi'));
  app.get('/en/contact', { config: publicAccess }, async (request, reply) => contactPage(request, reply, 'en'));
  // One per-IP count for both addresses of the form (a limit in each route's config would count them apart).
  const contactLimited = namedRateLimit(app, 'contact', contactLimit);
  app.post('/lien-he', { config: { ...publicAccess, csrf: 'origin' }, onRequest: contactLimited }, async (request, reply) => contactSubmit(request, reply, 'vi'));
  app.post('/en/contact', { config: { ...publicAccess, csrf: 'origin' }, onRequest: contactLimited }, async (request, reply) => contactSubmit(request, reply, 'en'));

  // ---- Sitemap page, feeds, sitemap.xml, robots.txt --------------------------------------------
  const sitemapPage = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted !== lang) return notFound(request, reply);
    return cached(request, reply, async () => {
      const sections = flattenTree(buildTree((await siteFacts(deps, request.site)).withContent));
      const pages = (await latestItems(db, request.site.id, { lang, limit: 200, offset: 0 })).filter((i) => i.kind === 'page');
      const recent = await latestItems(db, request.site.id, { lang, excludeKinds: NOT_NEWS, excludeItemTypes: NOT_NEWS_ITEMS, limit: 30, offset: 0 });
      const listed = await listedKindLinks(db, request.site, lang);
      const kinds = [...organisationLinks(lang).filter((o) => !listed.some((k) => k.href === o.href)), ...listed].map((k) => ({ ...k, depth: 0 }));
      const c = await chrome(request, lang, { otherLangHref: paths.sitemap(lang === 'vi' ? 'en' : 'vi') });
      const citizens = citizenLinks(lang).map((l) => ({ href: l.href, name: l.label, depth: 0 }));
      return (await (<SitemapPage chrome={c} sections={[...sections.map((n) => ({ href: paths.section(lang, n.unit.slug), name: sectionName(n.unit, lang), depth: n.depth })), ...kinds, ...citizens]} pages={pages} recent={recent} />)) as string;
    });
  };
  app.get('/so-do-trang', { config: publicAccess }, async (request, reply) => sitemapPage(request, reply, 'vi'));
  app.get('/en/sitemap', { config: publicAccess }, async (request, reply) => sitemapPage(request, reply, 'en'));

  const feed = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, sectionSlug: string | null) =>
    cached(
      request,
      reply,
      async () => {
        const site = request.site;
        const siteName = lang === 'en' && site.nameEn ? site.nameEn : site.name;
        let sectionIds: number[] | undefined;
        let title = siteName;
        let link = `${origin(request)}${paths.home(lang)}`;
        if (sectionSlug) {
          const section = await sectionBySlug(db, site.id, sectionSlug);
          if (!section) return null;
          sectionIds = withDescendants((await siteFacts(deps, site)).sections, section.id);
          title = `${sectionName(section, lang)} — ${siteName}`;
          link = `${origin(request)}${paths.section(lang, section.slug)}`;
        }
        const items = await latestItems(db, site.id, { lang, excludeKinds: NOT_NEWS, excludeItemTypes: NOT_NEWS_ITEMS, ...(sectionIds ? { sectionIds } : {}), limit: 50, offset: 0 });
        return rss(
          { title, link, description: lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName, language: lang, selfUrl: `${origin(request)}${request.url.split('?')[0]}` },
          items.map((i: ListedItem) => ({ title: i.title, link: `${origin(request)}${i.url}`, description: i.summary, publishedAt: i.publishedAt, guid: `${site.key}:${i.itemType}:${i.itemId}` })),
        );
      },
      { type: 'application/rss+xml; charset=utf-8', countVisit: false, ignoreQuery: true },
    );
  app.get('/rss.xml', { config: publicAccess }, async (request, reply) => feed(request, reply, 'vi', null));
  app.get('/en/rss.xml', { config: publicAccess }, async (request, reply) => (request.site.languages.includes('en') ? feed(request, reply, 'en', null) : notFound(request, reply)));
  app.get('/chuyen-muc/:slug/rss.xml', { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    return /^[a-z0-9-]{1,80}$/.test(slug) ? feed(request, reply, 'vi', slug) : notFound(request, reply);
  });

  /** Entries of declared sections the site turned off answer 404: not in the sitemap. */
  const withoutKindsOff = (eb: ExpressionBuilder<Database, 'search_documents'>, request: FastifyRequest) => {
    const off = entryKindsOff(request.site);
    return off.length === 0 ? eb.lit(true) : eb.or([eb('item_type', '!=', ENTRY_ITEM), eb('kind', 'not in', off)]);
  };

  /** Every public URL of the site, in a stable order (for sitemap.xml and its parts). */
  async function sitemapUrls(request: FastifyRequest, offset: number, limit: number) {
    return db
      .selectFrom('search_documents')
      .select(['url', 'published_at'])
      .where('site_id', '=', request.site.id)
      .where((eb) => withoutKindsOff(eb, request))
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  app.get('/sitemap.xml', { config: publicAccess }, async (request, reply) =>
    cached(
      request,
      reply,
      async () => {
        const base = origin(request);
        const count = Number((await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', request.site.id).where((eb) => withoutKindsOff(eb, request)).executeTakeFirstOrThrow()).n);
        const sections = (await siteFacts(deps, request.site)).withContent;
        const kinds = (await listedKindLinks(db, request.site, 'vi')).map((k) => k.href);
        const fixed = [paths.home('vi'), ...(request.site.languages.includes('en') ? [paths.home('en')] : []), ...sections.map((s) => paths.section('vi', s.slug)), ...kinds, paths.documents('vi'), paths.procedures('vi'), ...CITIZEN_PAGES, paths.sitemap('vi'), paths.contact('vi')];
        if (count + fixed.length <= SITEMAP_LIMIT) {
          const docs = await sitemapUrls(request, 0, SITEMAP_LIMIT);
          return sitemap([...fixed.map((p) => ({ loc: `${base}${p}` })), ...docs.map((d) => ({ loc: `${base}${d.url}`, lastmod: d.published_at }))]);
        }
        const parts = Math.ceil(count / SITEMAP_LIMIT);
        return sitemapIndex([`${base}/sitemap-0.xml`, ...Array.from({ length: parts }, (_, i) => `${base}/sitemap-${i + 1}.xml`)]);
      },
      { type: 'application/xml; charset=utf-8', countVisit: false, ttlMs: 3600_000, ignoreQuery: true },
    ),
  );

  app.get('/sitemap-:part.xml', { config: publicAccess }, async (request, reply) => {
    const part = Number((request.params as { part: string }).part);
    if (!Number.isInteger(part) || part < 0 || part > 10_000) return notFound(request, reply);
    return cached(
      request,
      reply,
      async () => {
        const base = origin(request);
        if (part === 0) {
          const sections = (await siteFacts(deps, request.site)).withContent;
          const kinds = (await listedKindLinks(db, request.site, 'vi')).map((k) => k.href);
          return sitemap([paths.home('vi'), ...sections.map((s) => paths.section('vi', s.slug)), ...kinds, paths.documents('vi'), paths.procedures('vi'), ...CITIZEN_PAGES, paths.sitemap('vi'), paths.contact('vi')].map((p) => ({ loc: `${base}${p}` })));
        }
        const docs = await sitemapUrls(request, (part - 1) * SITEMAP_LIMIT, SITEMAP_LIMIT);
        return docs.length === 0 ? null : sitemap(docs.map((d) => ({ loc: `${base}${d.url}`, lastmod: d.published_at })));
      },
      { type: 'application/xml; charset=utf-8', countVisit: false, ttlMs: 3600_000, ignoreQuery: true },
    );
  });

  app.get('/robots.txt', { config: publicAccess }, async (request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api/', 'Disallow: /xem-truoc/', 'Disallow: /tim-kiem', 'Disallow: /en/search', `Sitemap: ${origin(request)}/sitemap.xml`, ''].join('\n')),
  );

  // ---- Favicon ------------------------------------------------------------------------------------
  const favicons = new Favicons(deps.files);
  app.get('/favicon.ico', { config: publicAccess }, async (request, reply) => {
    const logoId = request.site.settings.branding.logoMediaId;
    const logo = logoId ? await getMedia(db, request.site.id, logoId) : null;
    const icon = await favicons.icon(request.site.id, logo?.mime.startsWith('image/') ? logo.sha256 : null);
    return reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(icon);
  });

  // ---- Theme and text size ---------------------------------------------------------------------
  app.get('/giao-dien.css', { config: publicAccess }, async (request, reply) => {
    const color = request.site.settings.branding.primaryColor;
    const css = color ? `:root { --brand: ${color}; --brand-dark: ${darken(color, 0.35)}; }\n` : '';
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(css);
  });

  app.get('/co-chu/:size', { config: publicAccess }, async (request, reply) => {
    const { size } = request.params as { size: string };
    const next = safeLocalPath((request.query as { next?: unknown }).next, '/');
    if (size === 'nho' || size === 'vua' || size === 'lon') {
      reply.setCookie(SIZE_COOKIE, size, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400, secure: cookieSecure(request) });
    }
    return reply.redirect(next, 303);
  });

  // ---- Media files ------------------------------------------------------------------------------
  // Not compressed: a compressed body would not match the byte ranges asked for (and media is compressed already).
  app.get('/media/:sha/:file', { config: publicAccess, compress: false }, async (request, reply) => {
    const { sha, file } = request.params as { sha: string; file: string };
    const found = await resolveMediaFile(db, request.site.id, sha.toLowerCase(), file, () => memberMayViewContent(deps, request));
    const size = found ? await deps.files.size(found.sha256) : null;
    if (!found || size === null) return notFound(request, reply);
    // Byte ranges, so video players seek and Safari plays; the bytes behind an address never change (its ETag is their hash).
    const etag = `"${found.sha256}"`;
    const ifRange = request.headers['if-range'];
    const range = ifRange !== undefined && ifRange !== etag ? ({ kind: 'whole' } as const) : parseByteRange(request.headers.range, size);
    reply.header('accept-ranges', 'bytes').header('etag', etag);
    if (range.kind === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).header('cache-control', 'no-store').send();
    const stream = deps.files.open(found.sha256, range.kind === 'partial' ? range : undefined);
    if (!stream) return notFound(request, reply);
    // A file that is not a picture is an attachment someone downloads (pictures are part of pages); a player's
    // later ranges and a video's captions are not downloads.
    const fromStart = range.kind === 'whole' || range.start === 0;
    if (!found.mime.startsWith('image/') && found.mime !== 'text/vtt' && fromStart && countableRequest(request)) deps.usage.download(request.site.id, 'media', found.id);
    const pdf = found.mime === 'application/pdf';
    const inline = found.mime.startsWith('image/') || found.mime.startsWith('video/') || found.mime === 'text/vtt' || pdf;
    // A sandboxed PDF is refused by the browsers' PDF viewers, and the library shows PDFs in the page;
    // the viewer runs no script of the file's, and default-src 'none' still keeps it from loading anything.
    const policy = pdf ? "default-src 'none'; frame-ancestors 'self'" : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
    if (range.kind === 'partial') reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1);
    else reply.header('content-length', size);
    return reply
      .header('cache-control', found.private ? 'private, no-store' : 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', policy)
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .type(found.mime === 'text/vtt' ? 'text/vtt; charset=utf-8' : found.mime)
      .send(stream);
  });

}

function topAncestor(sections: { id: number; parent_id: number | null }[], id: number): number {
  let current = sections.find((s) => s.id === id);
  const seen = new Set<number>();
  while (current && current.parent_id !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = sections.find((s) => s.id === current!.parent_id);
    if (!parent) break;
    current = parent;
  }
  return current?.id ?? id;
}
