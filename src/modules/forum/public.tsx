// The forum's public routes, in Vietnamese and (on sites with English) under
// /en. The lists come from the render cache; a topic page carries the reply
// form's signed stamp, so it is rendered for each visit, like the other
// citizens' forms. Every POST is protected as the citizens' forms are: the
// origin check, the honeypot and the signed time stamp (robots are answered
// as if sent and nothing is stored), a per-IP rate limit per form (both
// languages counted together), the per-address limit in the use case; a
// closed site answers 410 and shows no form; a refused form keeps what was
// typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { FormReader } from '../../platform/http/form.ts';
import { idParam } from '../../platform/http/request-info.ts';
import { namedRateLimit } from '../../platform/limits/rate-limit-store.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { newStamp, PUBLIC_FORM_RATE_LIMIT, screenSubmission } from '../citizens/protection.ts';
import { citizenDeadline } from '../citizens/rules.ts';
import { elsewhere, sendSiteClosed, siteClosed } from '../public/closed-site.tsx';
import { countView, servePage } from '../public/serve-page.ts';
import { buildChrome, canonicalUrl, publicLangFor } from '../public/site-view.ts';
import { roleLabel, SiteClosedError } from '../sites/site.ts';
import { reportPost, submitPost, TopicLockedError, type Author, type Submitted } from './manage-forum.ts';
import { forumText } from './messages.ts';
import { forumPaths, LIMITS, pageCount, REPLIES_PER_PAGE, TOPICS_PER_PAGE } from './model.ts';
import { CategoryPage, ForumIndexPage, NewTopicPage, ReportPage, SentPage, TopicPage, type PostFormState } from './pages.tsx';
import { categoriesWithStats, categoryBySlug, forumSettings, getCategory, listCategories, reportablePost, topicPosts, topicsOfCategory, visibleTopic } from './store.ts';

const publicAccess = { access: { kind: 'public' as const } };
const formConfig = { ...publicAccess, csrf: 'origin' as const };
const SLUG = /^[a-z0-9-]{1,80}$/;
/** Route patterns of the pages with a parameter (forumPaths gives their addresses). */
const ROUTE = {
  category: { vi: '/dien-dan/:slug', en: '/en/forum/:slug' },
  topic: { vi: '/dien-dan/chu-de/:id', en: '/en/forum/topic/:id' },
  report: { vi: '/dien-dan/bao-vi-pham/:postId', en: '/en/forum/report/:postId' },
} as const;

/** The poster's name and one way to reach them (e-mail or phone, in one box). */
function readAuthor(form: FormReader, lang: Lang, board: string): Author | null {
  const t = forumText(lang);
  const name = form.text('name', { label: t.name, required: true, max: LIMITS.name });
  const typed = form.text('contact', { label: t.contact, max: 254 });
  let email: string | null = null;
  let phone: string | null = null;
  if (!typed) form.fail('contact', format(t.emailOrPhoneMissing, { board }));
  else if (typed.includes('@')) email = form.email('contact', { label: t.email });
  else phone = form.phone('contact', { label: t.phone });
  return name && (email || phone) ? { name, email, phone } : null;
}

export function registerPublicForum(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const stamp = () => newStamp(deps.keys.preview, deps.clock);
  const blank = (values: Record<string, string> = {}): PostFormState => ({ values, errors: {}, stamp: stamp() });
  const board = (request: FastifyRequest, lang: Lang) => roleLabel(request.site, 'board', lang);
  const retentionDays = async (request: FastifyRequest) => (await citizenDeadline(db, request.site.id, 'retention.personal_data', deps.clock.now())).amount;
  const fresh = (reply: FastifyReply, html: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  /** The language of the page, or null for an English address on a site without English, or a forum that is off. */
  const open = async (request: FastifyRequest, wanted: Lang): Promise<Lang | null> => {
    const lang = publicLangFor(request.site, wanted);
    if (lang !== wanted) return null;
    return (await forumSettings(db, request.site.id)).enabled ? lang : null;
  };
  const chromeFor = (request: FastifyRequest, lang: Lang, path: (l: Lang) => string) => buildChrome(deps, request, { lang, otherLangHref: request.site.languages.includes('en') ? path(lang === 'vi' ? 'en' : 'vi') : null });
  const closedInfo = async (request: FastifyRequest, lang: Lang, path: (l: Lang) => string) => (siteClosed(request) ? { to: await elsewhere(deps, request, lang, path) } : null);

  // One per-IP count per form, shared by its Vietnamese and English addresses
  // (a limit in each route's config would count each address apart, doubling it).
  const limited = {
    reply: namedRateLimit(app, 'forum.reply', PUBLIC_FORM_RATE_LIMIT),
    topic: namedRateLimit(app, 'forum.topic', PUBLIC_FORM_RATE_LIMIT),
    report: namedRateLimit(app, 'forum.report', PUBLIC_FORM_RATE_LIMIT),
  };

  for (const wanted of ['vi', 'en'] as const) {
    // ---- The categories ----------------------------------------------------------------------
    app.get(forumPaths.index(wanted), { config: publicAccess }, async (request, reply) => {
      const lang = await open(request, wanted);
      if (!lang) return notFound(request, reply);
      return servePage(deps, request, reply, async () => {
        const chrome = await chromeFor(request, lang, forumPaths.index);
        return (await (<ForumIndexPage chrome={chrome} canonical={canonicalUrl(request, forumPaths.index(lang))} stats={await categoriesWithStats(db, request.site.id)} closed={siteClosed(request)} board={board(request, lang)} />)) as string;
      });
    });

    // ---- A category's topics -----------------------------------------------------------------
    app.get(ROUTE.category[wanted], { config: publicAccess }, async (request, reply) => {
      const lang = await open(request, wanted);
      const { slug } = request.params as { slug: string };
      if (!lang || !SLUG.test(slug)) return notFound(request, reply);
      return servePage(deps, request, reply, async () => {
        const category = await categoryBySlug(db, request.site.id, slug);
        if (!category) return null;
        const page = Math.max(1, Math.min(100_000, Number.parseInt((request.query as Record<string, string | undefined>).trang ?? '1', 10) || 1));
        const { rows, total } = await topicsOfCategory(db, request.site.id, category.id, TOPICS_PER_PAGE, (page - 1) * TOPICS_PER_PAGE);
        const chrome = await chromeFor(request, lang, (l) => forumPaths.category(l, slug));
        return (await (<CategoryPage chrome={chrome} canonical={canonicalUrl(request, forumPaths.category(lang, slug))} category={category} rows={rows} page={page} pages={pageCount(total, TOPICS_PER_PAGE)} closed={siteClosed(request)} />)) as string;
      });
    });

    // ---- A topic, its replies and the reply form ------------------------------------------------
    const topicPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, id: number, form: PostFormState | null, outcome: Submitted | null, status = 200) => {
      const topic = await visibleTopic(db, request.site.id, id);
      if (!topic) return notFound(request, reply);
      const page = Math.max(1, Math.min(100_000, Number.parseInt((request.query as Record<string, string | undefined>).trang ?? '1', 10) || 1));
      const [posts, category] = await Promise.all([topicPosts(db, request.site.id, id, REPLIES_PER_PAGE, (page - 1) * REPLIES_PER_PAGE), getCategory(db, request.site.id, topic.category_id)]);
      const path = (l: Lang) => forumPaths.topic(l, id);
      const chrome = await chromeFor(request, lang, path);
      const closed = await closedInfo(request, lang, forumPaths.index);
      const takesReplies = !closed && topic.locked === 0 && topic.status === 'published';
      // A reading counts as a page of the site (the usage figures name items of the search index only).
      if (request.method === 'GET') countView(deps, request, null);
      const html = await (
        <TopicPage
          chrome={chrome}
          canonical={canonicalUrl(request, forumPaths.topic(lang, id))}
          topic={topic}
          category={category ?? null}
          first={posts.first}
          replies={posts.replies}
          totalReplies={posts.total}
          page={page}
          pages={pageCount(posts.total, REPLIES_PER_PAGE)}
          board={board(request, lang)}
          form={takesReplies ? (form ?? blank()) : null}
          retentionDays={await retentionDays(request)}
          siteClosed={closed}
          outcome={outcome}
        />
      );
      return fresh(reply, html, status);
    };

    app.get(ROUTE.topic[wanted], { config: publicAccess }, async (request, reply) => {
      const lang = await open(request, wanted);
      const id = idParam((request.params as { id: string }).id);
      if (!lang || !id) return notFound(request, reply);
      return topicPage(request, reply, lang, id, null, null);
    });

    app.post(ROUTE.topic[wanted], { config: formConfig, onRequest: limited.reply }, async (request, reply) => {
      const lang = await open(request, wanted);
      const id = idParam((request.params as { id: string }).id);
      if (!lang || !id) return notFound(request, reply);
      if (siteClosed(request)) return topicPage(request, reply, lang, id, null, null, 410);
      const t = forumText(lang);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const screening = screenSubmission(deps.keys.preview, body, deps.clock);
      if (screening === 'robot') {
        request.log.info({ form: 'forum_reply' }, 'forum post refused as automated');
        return topicPage(request, reply, lang, id, null, { postId: 0, topicId: id, status: 'pending', heldFor: [] });
      }
      const form = new FormReader(body, lang);
      const author = readAuthor(form, lang, board(request, lang));
      const text = form.text('body', { label: t.body, required: true, max: LIMITS.body });
      if (screening === 'too_fast') form.fail('body', t.tooFast);
      const retry = (status: number) => topicPage(request, reply, lang, id, { values: form.values, errors: form.errors, stamp: stamp() }, null, status);
      if (!form.ok || !author || !text) return retry(400);
      try {
        const sent = await submitPost(db, deps.mailer, request.site, author, { kind: 'reply', topicId: id, body: text }, { clock: deps.clock, linkBase: request.siteOrigin });
        return topicPage(request, reply, lang, id, null, sent);
      } catch (error) {
        if (error instanceof SiteClosedError) return topicPage(request, reply, lang, id, null, null, 410);
        if (error instanceof TopicLockedError) return topicPage(request, reply, lang, id, null, null, 409);
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        for (const p of error.problems) form.fail(p.field ?? 'body', p[lang]);
        return retry(error.code === 'address_limit' ? 429 : 422);
      }
    });

    // ---- A new topic ------------------------------------------------------------------------
    const newTopicPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, form: PostFormState, status = 200) => {
      const chrome = await chromeFor(request, lang, forumPaths.newTopic);
      const html = await (<NewTopicPage chrome={chrome} categories={await listCategories(db, request.site.id)} form={form} board={board(request, lang)} retentionDays={await retentionDays(request)} />);
      return fresh(reply, html, status);
    };
    const closedPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang) => sendSiteClosed(deps, request, reply, { lang, title: forumText(lang).newTopicTitle, path: forumPaths.newTopic });

    app.get(forumPaths.newTopic(wanted), { config: publicAccess }, async (request, reply) => {
      const lang = await open(request, wanted);
      if (!lang) return notFound(request, reply);
      if (siteClosed(request)) return closedPage(request, reply, lang);
      const slug = String((request.query as Record<string, unknown>)['chu-de-lon'] ?? '');
      const chosen = SLUG.test(slug) ? await categoryBySlug(db, request.site.id, slug) : undefined;
      return newTopicPage(request, reply, lang, blank(chosen ? { category: String(chosen.id) } : {}));
    });

    app.post(forumPaths.newTopic(wanted), { config: formConfig, onRequest: limited.topic }, async (request, reply) => {
      const lang = await open(request, wanted);
      if (!lang) return notFound(request, reply);
      if (siteClosed(request)) return closedPage(request, reply, lang);
      const t = forumText(lang);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const screening = screenSubmission(deps.keys.preview, body, deps.clock);
      const sentPage = async (outcome: Submitted | null) => fresh(reply, await (<SentPage chrome={await chromeFor(request, lang, forumPaths.index)} outcome={outcome} topicId={outcome?.topicId ?? null} board={board(request, lang)} />));
      if (screening === 'robot') {
        request.log.info({ form: 'forum_topic' }, 'forum post refused as automated');
        return sentPage(null);
      }
      const form = new FormReader(body, lang);
      const categories = await listCategories(db, request.site.id);
      const category = form.choice('category', categories.map((c) => String(c.id)), { label: t.category, required: true });
      const title = form.text('title', { label: t.topicTitle, required: true, max: LIMITS.title });
      const text = form.text('body', { label: t.body, required: true, max: LIMITS.body });
      const author = readAuthor(form, lang, board(request, lang));
      if (screening === 'too_fast') form.fail('body', t.tooFast);
      const retry = (status: number) => newTopicPage(request, reply, lang, { values: form.values, errors: form.errors, stamp: stamp() }, status);
      if (!form.ok || !author || !text || !title || !category) return retry(400);
      try {
        return sentPage(await submitPost(db, deps.mailer, request.site, author, { kind: 'topic', categoryId: Number(category), title, body: text }, { clock: deps.clock, linkBase: request.siteOrigin }));
      } catch (error) {
        if (error instanceof SiteClosedError) return closedPage(request, reply, lang);
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        for (const p of error.problems) form.fail(p.field ?? 'body', p[lang]);
        return retry(error.code === 'address_limit' ? 429 : 422);
      }
    });

    // ---- Reporting a post -----------------------------------------------------------------------
    const reportPage = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, postId: number, form: PostFormState | null, status = 200) => {
      const post = await reportablePost(db, request.site.id, postId);
      if (!post) return notFound(request, reply);
      const chrome = await chromeFor(request, lang, (l) => forumPaths.report(l, postId));
      const html = await (<ReportPage chrome={chrome} post={post} form={form} board={board(request, lang)} siteClosed={await closedInfo(request, lang, forumPaths.index)} />);
      return fresh(reply, html, status);
    };

    app.get(ROUTE.report[wanted], { config: publicAccess }, async (request, reply) => {
      const lang = await open(request, wanted);
      const postId = idParam((request.params as { postId: string }).postId);
      if (!lang || !postId) return notFound(request, reply);
      return reportPage(request, reply, lang, postId, blank());
    });

    app.post(ROUTE.report[wanted], { config: formConfig, onRequest: limited.report }, async (request, reply) => {
      const lang = await open(request, wanted);
      const postId = idParam((request.params as { postId: string }).postId);
      if (!lang || !postId) return notFound(request, reply);
      if (siteClosed(request)) return reportPage(request, reply, lang, postId, null, 410);
      const t = forumText(lang);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const screening = screenSubmission(deps.keys.preview, body, deps.clock);
      if (screening === 'robot') return reportPage(request, reply, lang, postId, null);
      const form = new FormReader(body, lang);
      const reason = form.text('reason', { label: t.reportReason, required: true, max: LIMITS.reason });
      if (screening === 'too_fast') form.fail('reason', t.tooFast);
      if (!form.ok || !reason) return reportPage(request, reply, lang, postId, { values: form.values, errors: form.errors, stamp: stamp() }, 400);
      try {
        await reportPost(db, deps.mailer, request.site, postId, reason, { clock: deps.clock, linkBase: request.siteOrigin });
      } catch (error) {
        if (error instanceof SiteClosedError) return reportPage(request, reply, lang, postId, null, 410);
        throw error;
      }
      return reportPage(request, reply, lang, postId, null);
    });
  }
}
