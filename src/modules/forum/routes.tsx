// The forum over HTTP: the back office at /admin/forum (interaction.moderate:
// the queue, a topic, settings and categories) here; the public pages in
// public.tsx. Each handler reads input, calls one use case, renders.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { roleLabel } from '../sites/site.ts';
import { QueuePage, SettingsPage, TopicAdminPage, VIEW_PARAM } from './admin-pages.tsx';
import { boardReply, changeTopic, dismissReport, moderatePost, saveCategory, saveForumSettings, type Decision, type TopicAction } from './manage-forum.ts';
import { forumText } from './messages.ts';
import { LIMITS, MODERATIONS } from './model.ts';
import { registerPublicForum } from './public.tsx';
import { allPostsOfTopic, forumSettings, getTopic, listCategories, moderationQueue, openReports, queueCounts, type QueueView } from './store.ts';

const moderate = { access: { kind: 'permission' as const, permission: 'interaction.moderate' as const } };

/** Where an action returns: a page of the forum's back office, never elsewhere. */
function backOf(request: FastifyRequest, fallback: string): string {
  const v = (request.body as Record<string, unknown> | undefined)?.back;
  return typeof v === 'string' && /^\/admin\/forum(?:[/?][\w\-/=?&]*)?$/.test(v) ? v : fallback;
}

export function registerForum(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;

  // ---- The queue ----------------------------------------------------------------------------
  app.get('/admin/forum', { config: moderate }, async (request, reply) => {
    const wanted = String((request.query as Record<string, unknown>).xem ?? '');
    const view = ((Object.entries(VIEW_PARAM) as [QueueView, string][]).find(([, v]) => v === wanted)?.[0] ?? 'pending') as QueueView;
    const [items, counts] = await Promise.all([moderationQueue(db, request.site.id, view), queueCounts(db, request.site.id)]);
    const reports = await openReports(db, request.site.id, items.map((i) => i.post.id));
    return sendHtml(reply, <QueuePage ctx={await pageContext(deps, request, reply)} view={view} items={items} reports={reports} counts={counts} />);
  });

  // ---- Settings and categories --------------------------------------------------------------------
  async function settingsPage(request: FastifyRequest, reply: FastifyReply, forms: { settings?: FormState; category?: FormState } = {}, status = 200) {
    const current = await forumSettings(db, request.site.id);
    const settings = forms.settings ?? emptyForm({ enabled: current.enabled ? 'on' : '', moderation: current.moderation });
    return sendHtml(reply, <SettingsPage ctx={await pageContext(deps, request, reply)} settings={settings} categories={await listCategories(db, request.site.id)} newCategory={forms.category ?? emptyForm({ sortOrder: '0' })} />, status);
  }

  app.get('/admin/forum/settings', { config: moderate }, async (request, reply) => settingsPage(request, reply));

  app.post('/admin/forum/settings', { config: moderate }, async (request, reply) => {
    const t = forumText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const enabled = form.checkbox('enabled');
    const moderation = form.choice('moderation', MODERATIONS, { label: t.moderation, required: true });
    if (!form.ok || !moderation) return settingsPage(request, reply, { settings: { values: form.values, errors: form.errors } }, 400);
    await saveForumSettings(db, actorOf(request), request.auth!.grants, { enabled, moderation }, clock);
    return redirectWithFlash(reply, '/admin/forum/settings', { kind: 'success', text: t.saved });
  });

  const readCategory = (request: FastifyRequest) => {
    const t = forumText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const input = {
      name: form.text('name', { label: t.categoryName, max: LIMITS.categoryName }) ?? '',
      description: form.text('description', { label: t.categoryDescription, max: LIMITS.categoryDescription }) ?? '',
      slug: form.text('slug', { label: t.categorySlug, max: 60 }) ?? '',
      sortOrder: form.integer('sortOrder', { label: t.categoryOrder, minValue: 0, maxValue: 999 }) ?? 0,
    };
    return { form, input };
  };

  app.post('/admin/forum/categories', { config: moderate }, async (request, reply) => {
    const { form, input } = readCategory(request);
    try {
      await saveCategory(db, actorOf(request), request.auth!.grants, null, input, clock);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      addProblems(form, error.problems, request.lang);
      return settingsPage(request, reply, { category: { values: form.values, errors: form.errors } }, 400);
    }
    return redirectWithFlash(reply, '/admin/forum/settings', { kind: 'success', text: forumText(request.lang).categoryAdded });
  });

  app.post('/admin/forum/categories/:id', { config: moderate }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    const { input } = readCategory(request);
    try {
      await saveCategory(db, actorOf(request), request.auth!.grants, id, input, clock);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      return redirectWithFlash(reply, '/admin/forum/settings', { kind: 'error', text: error.messageIn(request.lang) });
    }
    return redirectWithFlash(reply, '/admin/forum/settings', { kind: 'success', text: forumText(request.lang).categorySaved });
  });

  // ---- A topic ----------------------------------------------------------------------------------
  async function topicPage(request: FastifyRequest, reply: FastifyReply, id: number, replyForm: FormState = emptyForm(), status = 200) {
    const topic = await getTopic(db, request.site.id, id);
    if (!topic) return notFound(request, reply);
    const posts = await allPostsOfTopic(db, request.site.id, id);
    const [reports, categories] = await Promise.all([openReports(db, request.site.id, posts.map((p) => p.id)), listCategories(db, request.site.id)]);
    return sendHtml(reply, <TopicAdminPage ctx={await pageContext(deps, request, reply)} topic={topic} posts={posts} reports={reports} categories={categories} board={roleLabel(request.site, 'board', request.lang)} reply={replyForm} />, status);
  }

  app.get('/admin/forum/topics/:id', { config: moderate }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    return id ? topicPage(request, reply, id) : notFound(request, reply);
  });

  app.post('/admin/forum/topics/:id/reply', { config: moderate }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    const form = new FormReader(request.body, request.lang);
    const text = form.text('body', { label: forumText(request.lang).body, max: LIMITS.body * 2 }) ?? '';
    try {
      const postId = await boardReply(db, actorOf(request), request.auth!.grants, request.site, id, text, clock);
      return redirectWithFlash(reply, `/admin/forum/topics/${id}#bai-${postId}`, { kind: 'success', text: forumText(request.lang).boardReplySent });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      if (error.status === 409) return redirectWithFlash(reply, `/admin/forum/topics/${id}`, { kind: 'error', text: error.messageIn(request.lang) });
      addProblems(form, error.problems, request.lang);
      return topicPage(request, reply, id, { values: form.values, errors: form.errors }, 400);
    }
  });

  for (const action of ['lock', 'unlock', 'pin', 'unpin', 'move'] as const satisfies readonly TopicAction[]) {
    app.post(`/admin/forum/topics/:id/${action}`, { config: moderate }, async (request, reply) => {
      const id = idParam((request.params as { id: string }).id);
      if (!id) return notFound(request, reply);
      const back = `/admin/forum/topics/${id}`;
      const category = idParam((request.body as Record<string, unknown> | undefined)?.category);
      try {
        await changeTopic(db, actorOf(request), request.auth!.grants, id, action, category, clock);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        return redirectWithFlash(reply, back, { kind: 'error', text: error.messageIn(request.lang) });
      }
      return redirectWithFlash(reply, back, { kind: 'success', text: forumText(request.lang).topicChanged });
    });
  }

  // ---- A post -----------------------------------------------------------------------------------
  const DONE: Record<Decision, 'approved' | 'rejected' | 'removed'> = { approve: 'approved', reject: 'rejected', remove: 'removed' };
  for (const decision of ['approve', 'reject', 'remove'] as const) {
    app.post(`/admin/forum/posts/:id/${decision}`, { config: moderate }, async (request, reply) => {
      const id = idParam((request.params as { id: string }).id);
      if (!id) return notFound(request, reply);
      const back = backOf(request, '/admin/forum');
      const reason = (request.body as Record<string, unknown> | undefined)?.reason;
      try {
        await moderatePost(db, actorOf(request), request.auth!.grants, id, decision, typeof reason === 'string' ? reason : null, clock);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        return redirectWithFlash(reply, back, { kind: 'error', text: error.messageIn(request.lang) });
      }
      return redirectWithFlash(reply, back, { kind: 'success', text: forumText(request.lang)[DONE[decision]] });
    });
  }

  app.post('/admin/forum/reports/:id/dismiss', { config: moderate }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    await dismissReport(db, actorOf(request), request.auth!.grants, id, clock);
    return redirectWithFlash(reply, backOf(request, '/admin/forum?xem=bao-cao'), { kind: 'success', text: forumText(request.lang).dismissed });
  });

  registerPublicForum(app, deps);
}
