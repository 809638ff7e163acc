// The articles of the back office: list, write, import from Word, save,
// act in the workflow, history, revisions, queue and trash.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can, type Permission } from '../../core/permissions.ts';
import { formatDateTime, vietnamDate } from '../../core/time.ts';
import { availableActions, canActOnStep, isOverdue, mayBeAssigned, TAKE_DOWN_REASONS, type ActionType, type ReviewChain, type Staffing } from '../../core/workflow/index.ts';
import { diffFields, highlightMatches, htmlToText, type ScreeningMatch } from '../../core/content/index.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { notFound, forbidden } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader, type FormValues } from '../../platform/http/form.ts';
import { readUploadForm } from '../../platform/http/multipart.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { UPLOAD_LIMITS } from '../../platform/uploads/index.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { format } from '../../ui/i18n.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { loadGrants } from '../members/grants.ts';
import { appendAudit } from '../audit/store.ts';
import { listMembers } from '../members/store.ts';
import { listMedia } from '../media/media.ts';
import { listSections } from '../sections/manage-sections.ts';
import { listUnits } from '../units/manage-units.ts';
import { buildUnitTree, flattenTree } from '../units/unit.ts';
import { actOnArticle, type ArticleAction } from './act-on-article.ts';
import { contentOfRow, parseSnapshot, publicPathOf } from './article.ts';
import { formValuesOf, localDateTimeInput, readArticleForm, SPARE_RELATION_ROWS } from './form.ts';
import { documentCatalogue } from '../../core/documents/index.ts';
import { relationTargets, resolveRelationLookups } from '../documents/admin-relations.ts';
import { documentDeadlines } from '../documents/deadline.ts';
import { importWordArticle } from './import-word.ts';
import { pictureRows } from './body-pictures.ts';
import { articleText } from './messages.ts';
import { ArticleEditorPage, type EditorOptions, type EditorProps, type WorkflowPanelData } from './pages/editor.tsx';
import { ArticleListPage, HistoryPage, ImportPage, publicationLabel, QueuePage, reviewLabel, RevisionsPage, TrashPage } from './pages/lists.tsx';
import { makePreviewToken, PREVIEW_HOURS } from './preview.ts';
import { myItems, myQueue } from './queue.ts';
import { createArticle, editProblems, mayReadArticle, restoreRevision, updateArticle, type SaveResult } from './save-article.ts';
import { getArticle, getRevision, listArticles, listRevisions, listWorkflowEvents } from './store.ts';
import { moveToTrash, purgeArticle, restoreFromTrash } from './trash.ts';
import { chainOfItem, itemOfRow, loadStaffing, siteCalendar, workflowActor } from './workflow-context.ts';

const PAGE_SIZE = 30;
const need = (permission: Permission): { access: Access } => ({ access: { kind: 'permission', permission } });

function canView(request: FastifyRequest, row: ArticleRow): boolean {
  return mayReadArticle(request.auth!.grants, request.auth!.user.id, row);
}

export function publicArticlePath(slug: string): string {
  return `/bai-viet/${slug}`;
}

export function registerArticleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const actCtx = (request: FastifyRequest) => ({ db, mailer: deps.mailer, clock, linkBase: request.siteOrigin });

  async function options(request: FastifyRequest): Promise<EditorOptions> {
    const siteId = request.site.id;
    const sections = await listSections(db, siteId);
    const units = flattenTree(buildUnitTree(await listUnits(db, siteId)));
    const images = (await listMedia(db, siteId, { kind: 'image', limit: 100 })).items;
    const files = (await listMedia(db, siteId, { kind: 'file', limit: 100 })).items;
    const t = articleText(request.lang);
    const name = (s: { name: string; name_en: string | null }) => (request.lang === 'en' && s.name_en ? s.name_en : s.name);
    return {
      sections: sections.map((s) => ({ value: String(s.id), label: name(s) })),
      units: units.map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${n.unit.name}` })),
      images: images.map((m) => ({ value: String(m.id), label: `${m.originalName}${m.alt ? ` — ${m.alt}` : ''}` })),
      files: files.map((m) => ({ value: String(m.id), label: `${m.originalName}${m.openFormat ? '' : ` (${t.notOpenFormat})`}` })),
    };
  }

  /** Whom the item may be given to: the engine decides (mayBeAssigned), the same rule the action checks. */
  async function reassignOptions(request: FastifyRequest, row: ArticleRow, chain: ReviewChain, staffing: Staffing) {
    const today = vietnamDate(clock.now());
    const item = itemOfRow(row);
    const result = [];
    for (const m of await listMembers(db, request.site.id, { status: 'active' })) {
      const user = await db.selectFrom('users').selectAll().where('id', '=', m.userId).executeTakeFirstOrThrow();
      const grants = await loadGrants(db, request.site, user, today);
      if (!can(grants, 'content.review')) continue;
      const actor = await workflowActor(db, request.site.id, m.userId, grants);
      // Oneself only to take over what one could not act on otherwise (the head, at a step nobody can take).
      if (m.userId === request.auth!.user.id && canActOnStep(item, actor, chain, staffing).can) continue;
      if (m.userId !== item.assigneeUserId && mayBeAssigned(item, actor, chain, staffing)) result.push({ value: String(m.userId), label: m.name });
    }
    return result;
  }

  async function workflowPanel(request: FastifyRequest, row: ArticleRow): Promise<WorkflowPanelData> {
    const now = clock.now();
    const chain = await chainOfItem(db, row, now);
    const actor = await workflowActor(db, request.site.id, request.auth!.user.id, request.auth!.grants);
    const item = itemOfRow(row);
    const staffing = await loadStaffing(db, request.site, vietnamDate(now));
    const actions = availableActions(item, actor, chain, { now, calendar: siteCalendar(request.site), staffing });
    const assignee = row.assignee_user_id ? await db.selectFrom('users').select('name').where('id', '=', row.assignee_user_id).executeTakeFirst() : undefined;
    return {
      articleId: row.id,
      reviewLabel: reviewLabel(request.lang, row.review_state),
      publicationLabel: publicationLabel(request.lang, row.publication),
      chain,
      stepIndex: row.step_index,
      reviewState: row.review_state,
      dueAt: row.review_state === 'in_review' || row.review_state === 'approved' ? row.step_due_at : null,
      overdue: isOverdue(item, now),
      assigneeName: assignee?.name ?? null,
      pendingChanges: row.has_pending_changes === 1,
      urgentPending: row.urgent_pending_approval === 1,
      actions,
      reassignOptions: actions.includes('reassign') ? await reassignOptions(request, row, chain, staffing) : [],
      publicUrl: row.live_revision_id !== null && (row.publication === 'published' || row.publication === 'taken_down') ? publicPathOf(row) : null,
    };
  }

  interface EditorState {
    form?: FormState;
    actionForm?: FormState;
    notices?: string[];
    screening?: ScreeningMatch[];
    previewLink?: { url: string; expires: string } | null;
    status?: number;
  }

  async function editor(request: FastifyRequest, reply: FastifyReply, row: ArticleRow | null, state: EditorState = {}) {
    const grants = request.auth!.grants;
    const problems = row ? await editProblems(db, row, request.auth!.user.id, grants, clock.now()) : [];
    const screening = state.screening ?? (row ? (JSON.parse(row.screening_hits) as ScreeningMatch[]) : []);
    const kindWanted = (request.query as Record<string, string | undefined>).kind === 'document' ? 'document' : 'news';
    const defaults: FormValues = { kind: kindWanted, language: 'vi', ...(kindWanted === 'document' ? { docLevel: 'local', docRelationCount: String(SPARE_RELATION_ROWS) } : {}) };
    const form = state.form ?? emptyForm(row ? formValuesOf(contentOfRow(row)) : defaults);
    return sendHtml(
      reply,
      <ArticleEditorPage
        ctx={await pageContext(deps, request, reply)}
        form={form}
        articleId={row?.id ?? null}
        lockVersion={row?.lock_version ?? 0}
        options={await options(request)}
        workflow={row ? await workflowPanel(request, row) : null}
        actionForm={state.actionForm ?? emptyForm()}
        screening={screening}
        highlightedBody={row && screening.length > 0 ? highlightMatches(row.body_html, screening) : null}
        notices={state.notices ?? []}
        previewLink={state.previewLink ?? null}
        canEdit={row ? problems.length === 0 : can(grants, 'content.create')}
        editProblem={problems[0]?.[request.lang] ?? null}
        documentPanel={await documentPanel(request, row, form)}
        pictures={await pictureRows(db, request.site.id, String(form.values.bodyHtml ?? ''))}
      />,
      state.status ?? 200,
    );
  }

  /** What the "Thông tin văn bản" fieldset needs: the catalogue, the related documents, the deadline. */
  async function documentPanel(request: FastifyRequest, row: ArticleRow | null, form: FormState): Promise<EditorProps['documentPanel']> {
    if (form.values.kind !== 'document') return null;
    const ids = Object.entries(form.values).filter(([k]) => k.startsWith('docRelTarget-')).map(([, v]) => Number(v));
    const details = row ? contentOfRow(row).document : null;
    const deadline = details ? (await documentDeadlines(db, request.site, [{ id: row!.id, issuer: details.issuer, issuedOn: details.issuedOn, firstPublishedAt: row!.first_published_at }], clock.now())).get(row!.id) ?? null : null;
    return { catalogue: documentCatalogue(request.site.settings as unknown as Record<string, unknown>), targets: await relationTargets(db, request.site.id, ids), deadline };
  }

  const noticesOf = (request: FastifyRequest, result: SaveResult) => result.notices.map((n) => n[request.lang]);

  async function viewable(request: FastifyRequest, reply: FastifyReply): Promise<ArticleRow | null> {
    const id = idParam((request.params as { id: string }).id);
    const row = id ? await getArticle(db, request.site.id, id) : undefined;
    if (!row) {
      notFound(request, reply);
      return null;
    }
    if (!canView(request, row)) {
      forbidden(request, reply);
      return null;
    }
    return row;
  }

  // ---- List, new, import ------------------------------------------------------
  app.get('/admin/articles', { config: need('content.view') }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const grants = request.auth!.grants;
    const seeAll = can(grants, 'content.review') || can(grants, 'content.publish') || can(grants, 'content.takedown');
    const mine = q.mine === 'on' || !seeAll;
    const { rows, total } = await listArticles(db, request.site.id, {
      ...(q.review ? { reviewState: q.review } : {}),
      ...(q.publication ? { publication: q.publication } : {}),
      ...(idParam(q.section) ? { sectionId: idParam(q.section)! } : {}),
      ...(mine ? { authorUserId: request.auth!.user.id } : {}),
      ...(q.q ? { search: q.q.slice(0, 100) } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const filter: FormState = { values: { q: q.q ?? '', review: q.review ?? '', publication: q.publication ?? '', section: q.section ?? '', mine: q.mine ?? '' }, errors: {} };
    const query = Object.fromEntries(Object.entries(filter.values).filter(([, v]) => v !== '')) as Record<string, string>;
    return sendHtml(
      reply,
      <ArticleListPage
        ctx={await pageContext(deps, request, reply)}
        rows={rows}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        filter={filter}
        query={query}
        sections={(await options(request)).sections}
        canCreate={can(grants, 'content.create')}
        now={clock.now().toISOString()}
      />,
    );
  });

  app.get('/admin/articles/new', { config: need('content.create') }, async (request, reply) => editor(request, reply, null));

  app.post('/admin/articles', { config: need('content.create') }, async (request, reply) => {
    const { form, input, lookups } = readArticleForm(request);
    await resolveRelationLookups(db, request.site.id, form, input, lookups, request.lang);
    if (input && form.ok) {
      try {
        const result = await createArticle(db, actorOf(request), request.auth!.grants, input, {}, clock);
        return redirectWithFlash(reply, `/admin/articles/${result.row.id}`, { kind: 'success', text: [articleText(request.lang).created, ...noticesOf(request, result)].join(' ') });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return editor(request, reply, null, { form, status: 400 });
  });

  app.get('/admin/articles/import', { config: need('content.create') }, async (request, reply) =>
    sendHtml(reply, <ImportPage ctx={await pageContext(deps, request, reply)} form={emptyForm()} sections={(await options(request)).sections} />),
  );

  app.post('/admin/articles/import', { config: { ...need('content.create'), multipart: true } }, async (request, reply) => {
    const t = articleText(request.lang);
    const form = new FormReader({}, request.lang);
    try {
      const upload = await readUploadForm(request, UPLOAD_LIMITS.docx);
      const reader = new FormReader(upload.fields, request.lang);
      const sectionId = reader.id('sectionId', { label: t.section });
      Object.assign(form.values, reader.values);
      if (!upload.file) form.fail('file', t.chooseFile);
      else if (reader.ok) {
        const result = await importWordArticle(db, deps.files, actorOf(request), request.auth!.grants, { data: upload.file.data, filename: upload.file.filename, sectionId }, clock);
        return redirectWithFlash(reply, `/admin/articles/${result.row.id}`, { kind: 'success', text: [t.imported, ...noticesOf(request, result)].join(' ') });
      }
      Object.assign(form.errors, reader.errors);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      for (const p of error.problems) form.fail(p.field ?? 'file', p[request.lang]);
    }
    return sendHtml(reply, <ImportPage ctx={await pageContext(deps, request, reply)} form={form} sections={(await options(request)).sections} />, 400);
  });

  // ---- One article ------------------------------------------------------------
  app.get('/admin/articles/:id', { config: need('content.view') }, async (request, reply) => {
    const row = await viewable(request, reply);
    return row ? editor(request, reply, row) : reply;
  });

  app.post('/admin/articles/:id', { config: need('content.edit') }, async (request, reply) => {
    const row = await viewable(request, reply);
    if (!row) return reply;
    const { form, input, lockVersion, lookups } = readArticleForm(request);
    await resolveRelationLookups(db, request.site.id, form, input, lookups, request.lang);
    if (input && form.ok) {
      try {
        const result = await updateArticle(db, actorOf(request), request.auth!.grants, row.id, input, lockVersion, {}, clock);
        return redirectWithFlash(reply, `/admin/articles/${row.id}`, { kind: 'success', text: [articleText(request.lang).saved, ...noticesOf(request, result)].join(' ') });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        addProblems(form, error.problems, request.lang);
        // What the person typed stays in the form, even after a conflict.
        return editor(request, reply, (await getArticle(db, request.site.id, row.id)) ?? row, { form, status: error.status === 409 ? 409 : error.status === 403 ? 403 : 400 });
      }
    }
    return editor(request, reply, row, { form, status: 400 });
  });

  app.post('/admin/articles/:id/autosave', { config: need('content.edit') }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const row = id ? await getArticle(db, request.site.id, id) : undefined;
    if (!row || !canView(request, row)) return reply.code(404).send({ error: { code: 'not_found', message: 'Article not found' } });
    const { form, input, lockVersion } = readArticleForm(request);
    if (!input) return reply.code(400).send({ error: { code: 'validation_failed', message: Object.values(form.errors).join(' ') } });
    try {
      const result = await updateArticle(db, actorOf(request), request.auth!.grants, row.id, input, lockVersion, { kind: 'autosave' }, clock);
      return { lockVersion: result.row.lock_version, savedAt: formatDateTime(result.row.updated_at).slice(-5) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return reply.code(error.status).send({ error: { code: error.code, message: error.messageIn(request.lang) } });
    }
  });

  app.post('/admin/articles/:id/actions', { config: need('content.view') }, async (request, reply) => {
    const t = articleText(request.lang);
    const row = await viewable(request, reply);
    if (!row) return reply;
    const form = new FormReader(request.body, request.lang);
    const type = form.choice('action', ['submit', 'withdraw', 'approve', 'return', 'reject', 'reassign', 'publish', 'schedule', 'unpublish', 'take_down', 'correct', 'urgent_publish', 'confirm_urgent'] as const, { label: t.workflow, required: true });
    const field = (name: string, label: string, required = false) => form.text(`${type}-${name}`, { label, required, max: 2000 });
    let action: ArticleAction | null = null;
    switch (type) {
      case 'submit':
      case 'withdraw':
      case 'publish':
        action = { type };
        break;
      case 'approve':
      case 'confirm_urgent': {
        const note = field('note', t.note);
        action = note ? { type, note } : { type };
        break;
      }
      case 'return':
        action = { type, to: form.choice(`${type}-to`, ['author', 'previous'] as const, { label: t.returnTo, required: true }) ?? 'author', reason: field('reason', t.reason) ?? '' };
        break;
      case 'reject':
      case 'unpublish':
      case 'urgent_publish':
        action = { type, reason: field('reason', t.reason) ?? '' };
        break;
      case 'reassign':
        action = { type, toUserId: form.id(`${type}-toUserId`, { label: t.reassignTo, required: true }) ?? 0 };
        break;
      case 'schedule': {
        const publishAt = localDateTimeInput(field('publishAt', t.publishAt));
        const unpublishAt = localDateTimeInput(field('unpublishAt', t.unpublishAt));
        if (publishAt === 'invalid') form.fail(`${type}-publishAt`, `${t.publishAt}: dd/mm/yyyy hh:mm`);
        if (unpublishAt === 'invalid') form.fail(`${type}-unpublishAt`, `${t.unpublishAt}: dd/mm/yyyy hh:mm`);
        action = { type, publishAt: publishAt === 'invalid' ? null : publishAt, unpublishAt: unpublishAt === 'invalid' ? null : unpublishAt };
        break;
      }
      case 'take_down':
        action = {
          type,
          reasonCode: form.choice(`${type}-reasonCode`, TAKE_DOWN_REASONS, { label: t.reasonCode, required: true }) ?? 'published_in_error',
          reason: field('reason', t.reason) ?? '',
          publicNotice: form.checkbox(`${type}-publicNotice`),
        };
        break;
      case 'correct':
        action = { type, note: field('note', t.correctionNote) ?? '' };
        break;
    }
    if (form.ok && action) {
      try {
        await actOnArticle(actCtx(request), actorOf(request), request.auth!.grants, request.site, row.id, action);
        return redirectWithFlash(reply, `/admin/articles/${row.id}`, { kind: 'success', text: format(t.actionDone, { action: t[`action_${action.type}`] }) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        // Field names of the engine's problems are those of its action, which the form prefixes; the
        // others (a picture's description, the source) are the editor's, and the summary links there.
        for (const p of error.problems) form.fail(p.field ? (form.values[`${type}-${p.field}`] !== undefined ? `${type}-${p.field}` : p.field) : '_form', p[request.lang]);
        return editor(request, reply, row, { actionForm: form, status: error.status });
      }
    }
    return editor(request, reply, row, { actionForm: form, status: 400 });
  });

  app.post('/admin/articles/:id/preview-link', { config: need('content.view') }, async (request, reply) => {
    const row = await viewable(request, reply);
    if (!row) return reply;
    const hours = Number((request.body as { hours?: string }).hours);
    const valid = (PREVIEW_HOURS as readonly number[]).includes(hours) ? hours : 72;
    const exp = Math.floor(clock.now().getTime() / 1000) + valid * 3600;
    const token = makePreviewToken(deps.keys.preview, { siteId: request.site.id, articleId: row.id, exp });
    await appendAudit(db, actorOf(request), { action: 'article.preview_link', targetType: 'article', targetId: row.id, details: { hours: valid } }, clock);
    const url = `${request.siteOrigin}/xem-truoc/${token}`;
    return editor(request, reply, row, { previewLink: { url, expires: new Date(exp * 1000).toISOString() } });
  });

  app.post('/admin/articles/:id/trash', { config: need('content.view') }, async (request, reply) => {
    const row = await viewable(request, reply);
    if (!row) return reply;
    try {
      await moveToTrash(db, actorOf(request), request.auth!.grants, row.id, clock);
      return redirectWithFlash(reply, '/admin/articles', { kind: 'success', text: articleText(request.lang).trashed });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      return redirectWithFlash(reply, `/admin/articles/${row.id}`, { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  // ---- History and revisions ------------------------------------------------------
  app.get('/admin/articles/:id/history', { config: need('content.view') }, async (request, reply) => {
    const row = await viewable(request, reply);
    if (!row) return reply;
    const t = articleText(request.lang);
    const events = await listWorkflowEvents(db, request.site.id, row.id);
    const entries = events.map((e) => ({
      action: t[`action_${e.action as ActionType}`] ?? e.action,
      actor: e.actor_name ?? null,
      onBehalfOf: e.on_behalf_of_name ?? null,
      at: e.created_at,
      from: `${reviewLabel(request.lang, e.from_review ?? '')} / ${publicationLabel(request.lang, e.from_publication ?? '')}`,
      to: `${reviewLabel(request.lang, e.to_review ?? '')} / ${publicationLabel(request.lang, e.to_publication ?? '')}`,
      stepName: e.step_name,
      note: e.note,
    }));
    return sendHtml(reply, <HistoryPage ctx={await pageContext(deps, request, reply)} articleId={row.id} title={row.title} entries={entries} />);
  });

  app.get('/admin/articles/:id/revisions', { config: need('content.view') }, async (request, reply) => {
    const row = await viewable(request, reply);
    if (!row) return reply;
    const t = articleText(request.lang);
    const revisions = await listRevisions(db, request.site.id, row.id);
    const users = new Map((await listMembers(db, request.site.id)).map((m) => [m.userId, m.name]));
    const q = request.query as { a?: string; b?: string };
    let compare = null;
    const a = idParam(q.a);
    const b = idParam(q.b);
    if (a && b) {
      const [ra, rb] = await Promise.all([getRevision(db, request.site.id, row.id, a), getRevision(db, request.site.id, row.id, b)]);
      if (ra && rb) {
        const sa = parseSnapshot(ra.snapshot);
        const sb = parseSnapshot(rb.snapshot);
        const fields = (s: typeof sa) => ({ title: s.title, summary: s.summary, body: htmlToText(s.bodyHtml), source: s.source ?? '', author: s.authorName ?? '', tags: s.tags.join(', ') });
        const labels: Record<string, string> = { title: t.field_title, summary: t.field_summary, body: t.field_body, source: t.field_source, author: t.field_author, tags: t.field_tags };
        compare = { a, b, fields: diffFields(fields(sa), fields(sb)).map((f) => ({ label: labels[f.field] ?? f.field, changed: f.changed, parts: f.parts })) };
      }
    }
    const problems = await editProblems(db, row, request.auth!.user.id, request.auth!.grants, clock.now());
    return sendHtml(
      reply,
      <RevisionsPage
        ctx={await pageContext(deps, request, reply)}
        articleId={row.id}
        title={row.title}
        revisions={revisions.map((r) => ({ number: r.number, kind: r.kind, author: r.created_by_user_id ? (users.get(r.created_by_user_id) ?? null) : null, at: r.created_at, live: r.id === row.live_revision_id, note: r.note }))}
        canRestore={problems.length === 0}
        lockVersion={row.lock_version}
        compare={compare}
      />,
    );
  });

  app.post('/admin/articles/:id/revisions/:number/restore', { config: need('content.edit') }, async (request, reply) => {
    const row = await viewable(request, reply);
    if (!row) return reply;
    const number = idParam((request.params as { number: string }).number);
    if (!number) return notFound(request, reply);
    const lockVersion = Number((request.body as { lockVersion?: string }).lockVersion);
    try {
      await restoreRevision(db, actorOf(request), request.auth!.grants, row.id, number, lockVersion, clock);
      return redirectWithFlash(reply, `/admin/articles/${row.id}`, { kind: 'success', text: format(articleText(request.lang).restored, { number }) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      return redirectWithFlash(reply, `/admin/articles/${row.id}/revisions`, { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  // ---- Queue and trash ----------------------------------------------------------------
  app.get('/admin/queue', { config: need('content.view') }, async (request, reply) => {
    const now = clock.now();
    const auth = request.auth!;
    const names = new Map((await listMembers(db, request.site.id)).map((m) => [m.userId, m.name]));
    const waiting = (await myQueue(db, request.site.id, auth.user.id, auth.grants, now)).map((e) => ({
      id: e.row.id,
      title: e.row.title,
      task: request.lang === 'en' ? e.reason.stepNameEn : e.reason.stepName,
      dueAt: e.reason.dueAt,
      overdue: e.overdue,
      onBehalfOfName: e.reason.onBehalfOfUserId ? (names.get(e.reason.onBehalfOfUserId) ?? null) : null,
    }));
    const own = (await myItems(db, request.site.id, auth.user.id, now)).map((o) => ({
      id: o.row.id,
      title: o.row.title,
      state: reviewLabel(request.lang, o.row.review_state),
      stepName: o.stepName,
      lastReason: o.lastReason,
      overdue: o.overdue,
    }));
    return sendHtml(reply, <QueuePage ctx={await pageContext(deps, request, reply)} waiting={waiting} own={own} canCreate={can(auth.grants, 'content.create')} />);
  });

  app.get('/admin/trash', { config: need('content.view') }, async (request, reply) => {
    const grants = request.auth!.grants;
    const seeAll = can(grants, 'content.takedown') || can(grants, 'content.purge');
    const { rows } = await listArticles(db, request.site.id, { trash: true, ...(seeAll ? {} : { authorUserId: request.auth!.user.id }), limit: 200, offset: 0 });
    return sendHtml(reply, <TrashPage ctx={await pageContext(deps, request, reply)} rows={rows} canPurge={can(grants, 'content.purge')} />);
  });

  app.post('/admin/trash/:id/restore', { config: need('content.view') }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    await restoreFromTrash(db, actorOf(request), request.auth!.grants, id, clock);
    return redirectWithFlash(reply, `/admin/articles/${id}`, { kind: 'success', text: articleText(request.lang).untrashed });
  });

  app.post('/admin/trash/:id/purge', { config: need('content.purge') }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    await purgeArticle(db, actorOf(request), request.auth!.grants, id, clock);
    return redirectWithFlash(reply, '/admin/trash', { kind: 'success', text: articleText(request.lang).purged });
  });

}
