// The articles of the back office: list, write, import from Word, save,
// act in the workflow, history, revisions, queue and trash.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can, type Permission } from '../../core/permissions.ts';
import { formatDateTime, vietnamDate } from '../../core/time.ts';
import { approvalLeadsTo, canActOnStep, mayBeAssigned, offeredActions, TAKE_DOWN_REASONS, type ActionType, type ReviewChain, type Staffing } from '../../core/workflow/index.ts';
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
import { getMembership, listMembers } from '../members/store.ts';
import { listMedia, mediaByIds } from '../media/media.ts';
import { listSections } from '../sections/manage-sections.ts';
import { listUnits } from '../units/manage-units.ts';
import { buildUnitTree, flattenTree } from '../units/unit.ts';
import { actOnArticle, needsCompleteArticle, type ArticleAction } from './act-on-article.ts';
import { contentOfRow, parseSnapshot, publicPathOf, type ArticleContent } from './article.ts';
import { formValuesOf, localDateTimeInput, readArticleForm, SPARE_RELATION_ROWS } from './form.ts';
import { mayRecordProvision, provisionFormValues } from '../provision/record.ts';
import { boardMembersOf } from '../provision/store.ts';
import { documentCatalogue } from '../../core/documents/index.ts';
import { relationTargets, resolveRelationLookups } from '../documents/admin-relations.ts';
import { documentDeadlines } from '../documents/deadline.ts';
import { importWordArticle } from './import-word.ts';
import { pictureRows } from './body-pictures.ts';
import { articleText } from './messages.ts';
import type { ActionOrigin, WorkflowPanelData } from './pages/actions.tsx';
import { ArticleEditorPage, type EditorOptions, type EditorProps } from './pages/editor.tsx';
import { alertLines } from '../review-times/history.ts';
import { ArticleListPage, HistoryPage, ImportPage, QueuePage, RevisionsPage, TrashPage } from './pages/lists.tsx';
import { ReviewPage } from './pages/review.tsx';
import { makePreviewToken, PREVIEW_HOURS } from './preview.ts';
import { myItems, myQueue } from './queue.ts';
import { createArticle, editProblems, mayReadArticle, publicationProblems, restoreRevision, updateArticle, type SaveResult } from './save-article.ts';
import { articleStatus, articleStatuses, historyStatuses, siteRoleNamer, statusItemOfRow } from './status.ts';
import { getArticle, getRevision, listArticles, listRevisions, listWorkflowEvents } from './store.ts';
import { moveToTrash, purgeArticle, restoreFromTrash } from './trash.ts';
import { chainOfItem, itemOfRow, loadStaffing, siteCalendar, workflowActor } from './workflow-context.ts';
import { sectionKind } from '../../core/entries/index.ts';
import { entryFormValues } from '../entries/form.ts';
import { entryFieldOptions, idsInForm } from '../entries/options.ts';
import { entryFieldViews, loadEntryNames, NO_NAMES } from '../entries/display.ts';

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
      // Only those who record provision see its fieldset (an empty list hides it).
      board: mayRecordProvision(request.auth!.grants) ? (await boardMembersOf(db, siteId)).map((m) => ({ value: String(m.id), label: m.name })) : [],
      recordsProvision: mayRecordProvision(request.auth!.grants),
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

  /** The status line and the actions this person could take, each with what still stands in the way. */
  async function workflowPanel(request: FastifyRequest, row: ArticleRow): Promise<WorkflowPanelData> {
    const now = clock.now();
    const chain = await chainOfItem(db, row, now);
    const actor = await workflowActor(db, request.site.id, request.auth!.user.id, request.auth!.grants);
    const item = itemOfRow(row);
    const staffing = await loadStaffing(db, request.site, vietnamDate(now));
    let offers = offeredActions(item, actor, chain, { now, calendar: siteCalendar(request.site), staffing });
    // What the article itself lacks (source, descriptions…) is said beside each action that needs it complete.
    if (offers.some((o) => needsCompleteArticle(o.type, row))) {
      const missing = await publicationProblems(db, row);
      offers = offers.map((o) => (needsCompleteArticle(o.type, row) ? { ...o, problems: [...o.problems, ...missing] } : o));
    }
    const reassignable = offers.some((o) => o.type === 'reassign' && o.problems.length === 0);
    return {
      articleId: row.id,
      status: await articleStatus(db, request.site, row, request.lang, now),
      chain,
      stepIndex: row.step_index,
      reviewState: row.review_state,
      offers,
      approvalLeadsTo: approvalLeadsTo(statusItemOfRow(row), chain, siteRoleNamer(request.site), request.lang),
      reassignOptions: reassignable ? await reassignOptions(request, row, chain, staffing) : [],
      publicUrl: row.live_revision_id !== null && (row.publication === 'published' || row.publication === 'taken_down') ? publicPathOf(row) : null,
    };
  }

  interface EditorState {
    form?: FormState;
    actionForm?: FormState;
    notices?: string[];
    /** The save went through but the submission was refused: the error summary says so. */
    savedNotSubmitted?: boolean;
    screening?: ScreeningMatch[];
    previewLink?: { url: string; expires: string } | null;
    status?: number;
  }

  async function editor(request: FastifyRequest, reply: FastifyReply, row: ArticleRow | null, state: EditorState = {}) {
    const grants = request.auth!.grants;
    const problems = row ? await editProblems(db, row, request.auth!.user.id, grants, clock.now()) : [];
    const screening = state.screening ?? (row ? (JSON.parse(row.screening_hits) as ScreeningMatch[]) : []);
    // A new entry of a declared section comes from /admin/entries/<kind>/new as ?entry=<kind>.
    const entryWanted = sectionKind((request.query as Record<string, string | undefined>).entry);
    const kindWanted = entryWanted ? 'entry' : (request.query as Record<string, string | undefined>).kind === 'document' ? 'document' : 'news';
    const unitId = row ? null : await ownUnit(request);
    const defaults: FormValues = { kind: kindWanted, language: 'vi', ...(unitId ? { unitId: String(unitId) } : {}), ...(kindWanted === 'document' ? { docLevel: 'local', docRelationCount: String(SPARE_RELATION_ROWS) } : {}), ...(entryWanted ? { entryKind: entryWanted.key, ...entryFormValues(entryWanted, {}) } : {}) };
    const form = state.form ?? emptyForm(row ? { ...formValuesOf(contentOfRow(row)), ...provisionFormValues(row) } : defaults);
    const workflow = row ? await workflowPanel(request, row) : null;
    return sendHtml(
      reply,
      <ArticleEditorPage
        ctx={await pageContext(deps, request, reply)}
        form={form}
        articleId={row?.id ?? null}
        lockVersion={row?.lock_version ?? 0}
        options={await options(request)}
        workflow={workflow}
        actionForm={state.actionForm ?? emptyForm()}
        screening={screening}
        highlightedBody={row && screening.length > 0 ? highlightMatches(row.body_html, screening) : null}
        notices={state.notices ?? []}
        savedNotSubmitted={state.savedNotSubmitted ?? false}
        previewLink={state.previewLink ?? null}
        canEdit={row ? problems.length === 0 : can(grants, 'content.create')}
        editProblem={problems[0]?.[request.lang] ?? null}
        saveAndSubmit={row ? problems.length === 0 && Boolean(workflow?.offers.some((o) => o.type === 'submit')) : can(grants, 'content.create')}
        documentPanel={await documentPanel(request, row, form)}
        entryPanel={await entryPanel(request, form)}
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

  /** The fields of an entry's kind, and what they choose from; null for every other kind. */
  async function entryPanel(request: FastifyRequest, form: FormState): Promise<EditorProps['entryPanel']> {
    const kind = form.values.kind === 'entry' ? sectionKind(String(form.values.entryKind ?? '')) : undefined;
    return kind ? { kind, options: await entryFieldOptions(db, request.site.id, kind, idsInForm(form.values)) } : null;
  }

  /** Two versions of an article side by side, field by field, as people read them; an entry's declared fields too. */
  async function compareContent(request: FastifyRequest, older: ArticleContent, newer: ArticleContent) {
    const t = articleText(request.lang);
    const fields = (s: ArticleContent) => ({ title: s.title, summary: s.summary, body: htmlToText(s.bodyHtml), source: s.source ?? '', author: s.authorName ?? '', tags: s.tags.join(', ') });
    const labels: Record<string, string> = { title: t.field_title, summary: t.field_summary, body: t.field_body, source: t.field_source, author: t.field_author, tags: t.field_tags };
    const kind = sectionKind(newer.entry?.kind ?? older.entry?.kind);
    if (!kind) return diffFields(fields(older), fields(newer)).map((f) => ({ label: labels[f.field] ?? f.field, changed: f.changed, parts: f.parts }));
    const names = await loadEntryNames(db, request.site.id, kind, [older.entry?.values ?? {}, newer.entry?.values ?? {}]);
    const entryFields = (s: ArticleContent) => {
      const out: Record<string, string> = {};
      for (const v of entryFieldViews(kind, s.entry?.values ?? {}, names, request.lang)) out[`entry.${v.key}`] = v.field.type === 'richtext' ? htmlToText(v.text) : v.text;
      return out;
    };
    for (const f of kind.fields) labels[`entry.${f.key}`] = request.lang === 'en' ? f.label.en : f.label.vi;
    return diffFields({ ...fields(older), ...entryFields(older) }, { ...fields(newer), ...entryFields(newer) }).map((f) => ({ label: labels[f.field] ?? f.field, changed: f.changed, parts: f.parts }));
  }

  /** The review page: the content as readers will see it, or a correction's changes, beside the decision buttons. */
  async function review(request: FastifyRequest, reply: FastifyReply, row: ArticleRow, state: EditorState = {}) {
    const content = contentOfRow(row);
    const cover = content.coverMediaId ? ((await mediaByIds(db, request.site.id, [content.coverMediaId]))[0] ?? null) : null;
    const live = row.live_revision_id !== null && row.has_pending_changes === 1 ? await db.selectFrom('article_revisions').select('snapshot').where('site_id', '=', request.site.id).where('id', '=', row.live_revision_id).executeTakeFirst() : undefined;
    return sendHtml(
      reply,
      <ReviewPage
        ctx={await pageContext(deps, request, reply)}
        w={await workflowPanel(request, row)}
        form={state.actionForm ?? emptyForm()}
        content={{
          title: content.title,
          summary: content.summary,
          bodyHtml: content.bodyHtml,
          cover: cover ? { url: cover.url, alt: content.coverAlt ?? '', caption: content.coverCaption, width: cover.width, height: cover.height } : null,
          authorName: content.authorName,
          source: content.source,
          entry: await reviewEntry(request, content),
        }}
        changes={live ? await compareContent(request, parseSnapshot(live.snapshot), content) : null}
        screening={(JSON.parse(row.screening_hits) as ScreeningMatch[]).length > 0}
      />,
      state.status ?? 200,
    );
  }

  /** An entry's declared fields for the review page, with the names of what they point at. */
  async function reviewEntry(request: FastifyRequest, content: ArticleContent) {
    const kind = sectionKind(content.entry?.kind);
    if (!kind || !content.entry) return null;
    const names = kind.fields.length ? await loadEntryNames(db, request.site.id, kind, [content.entry.values]) : NO_NAMES;
    return { kind, values: content.entry.values, names };
  }

  const noticesOf = (request: FastifyRequest, result: SaveResult) => result.notices.map((n) => n[request.lang]);

  /** The unit the person belongs to: a new article is provided by it unless they choose another. */
  async function ownUnit(request: FastifyRequest): Promise<number | null> {
    return (await getMembership(db, request.site.id, request.auth!.user.id))?.unit_id ?? null;
  }

  const wantsSubmit = (request: FastifyRequest) => (request.body as Record<string, unknown> | undefined)?.then === 'submit';
  /** "Lưu nháp và tải tệp lên": saved, then the library, which links back here, so nothing typed is lost. */
  const wantsUpload = (request: FastifyRequest) => (request.body as Record<string, unknown> | undefined)?.then === 'upload';
  const toLibrary = (reply: FastifyReply, id: number, request: FastifyRequest) =>
    redirectWithFlash(reply, `/admin/media?back=${id}`, { kind: 'success', text: articleText(request.lang).savedForUpload });

  /**
   * "Lưu và gửi duyệt": the save has committed; now the submission. Refused,
   * the editor comes back with what was typed, the reasons at the top and a
   * note that the save itself went through.
   */
  async function submitAfterSave(request: FastifyRequest, reply: FastifyReply, saved: SaveResult, form: FormReader) {
    const t = articleText(request.lang);
    try {
      const acted = await actOnArticle(actCtx(request), actorOf(request), request.auth!.grants, request.site, saved.row.id, { type: 'submit' });
      const status = await articleStatus(db, request.site, acted.row, request.lang, clock.now());
      return redirectWithFlash(reply, `/admin/articles/${saved.row.id}`, { kind: 'success', text: [t.savedAndSubmitted, `${t.status}: ${status.text}.`, ...noticesOf(request, saved)].join(' ') });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      addProblems(form, error.problems, request.lang);
      const row = (await getArticle(db, request.site.id, saved.row.id)) ?? saved.row;
      return editor(request, reply, row, { form, notices: noticesOf(request, saved), savedNotSubmitted: true, status: error.status });
    }
  }

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
        statuses={await articleStatuses(db, request.site, rows, request.lang, clock.now())}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        filter={filter}
        query={query}
        sections={(await options(request)).sections}
        canCreate={can(grants, 'content.create')}
      />,
    );
  });

  app.get('/admin/articles/new', { config: need('content.create') }, async (request, reply) => editor(request, reply, null));

  app.post('/admin/articles', { config: need('content.create') }, async (request, reply) => {
    const { form, input, lookups, provision: typed, addRowsTo } = readArticleForm(request);
    // "Thêm dòng" of an entry's table: the form again with more blank rows, nothing saved.
    if (addRowsTo) return editor(request, reply, null, { form: { values: form.values, errors: {} } });
    // Authors do not record provision: what they send of it is ignored (the domain refuses it too).
    const provision = typed && mayRecordProvision(request.auth!.grants) ? typed : undefined;
    await resolveRelationLookups(db, request.site.id, form, input, lookups, request.lang);
    if (input && form.ok) {
      try {
        const result = await createArticle(db, actorOf(request), request.auth!.grants, input, provision ? { provision } : {}, clock);
        if (wantsSubmit(request)) return submitAfterSave(request, reply, result, form);
        if (wantsUpload(request)) return toLibrary(reply, result.row.id, request);
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
        const result = await importWordArticle(db, deps.files, actorOf(request), request.auth!.grants, { data: upload.file.data, filename: upload.file.filename, sectionId, unitId: await ownUnit(request) }, clock);
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
    const { form, input, lockVersion, lookups, provision: typed, addRowsTo } = readArticleForm(request);
    if (addRowsTo) return editor(request, reply, row, { form: { values: form.values, errors: {} } });
    const provision = typed && mayRecordProvision(request.auth!.grants) ? typed : undefined;
    await resolveRelationLookups(db, request.site.id, form, input, lookups, request.lang);
    if (input && form.ok) {
      try {
        const result = await updateArticle(db, actorOf(request), request.auth!.grants, row.id, input, lockVersion, provision ? { provision } : {}, clock);
        if (wantsSubmit(request)) return submitAfterSave(request, reply, result, form);
        if (wantsUpload(request)) return toLibrary(reply, row.id, request);
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

  app.get('/admin/articles/:id/review', { config: need('content.view') }, async (request, reply) => {
    const row = await viewable(request, reply);
    return row ? review(request, reply, row) : reply;
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
    // The answer comes back to the page the action was taken from.
    const origin: ActionOrigin = (request.body as Record<string, unknown>).from === 'review' ? 'review' : 'editor';
    const back = (state: EditorState) => (origin === 'review' ? review(request, reply, row, state) : editor(request, reply, row, state));
    if (form.ok && action) {
      try {
        const acted = await actOnArticle(actCtx(request), actorOf(request), request.auth!.grants, request.site, row.id, action);
        const status = await articleStatus(db, request.site, acted.row, request.lang, clock.now());
        return redirectWithFlash(reply, origin === 'review' ? `/admin/articles/${row.id}/review` : `/admin/articles/${row.id}`, { kind: 'success', text: format(t.actionDone, { action: t[`action_${action.type}`], status: status.text }) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        // Field names of the engine's problems are those of its action, which the form prefixes; the
        // others (a picture's description, the source) are the editor's, and the summary links there.
        for (const p of error.problems) form.fail(p.field ? (form.values[`${type}-${p.field}`] !== undefined ? `${type}-${p.field}` : p.field) : '_form', p[request.lang]);
        return back({ actionForm: form, status: error.status });
      }
    }
    return back({ actionForm: form, status: 400 });
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
    const after = historyStatuses(events, await chainOfItem(db, row, clock.now()), siteRoleNamer(request.site), request.lang);
    const entries = events.map((e, i) => ({
      action: t[`action_${e.action as ActionType}`] ?? e.action,
      actor: e.actor_name ?? null,
      onBehalfOf: e.on_behalf_of_name ?? null,
      at: e.created_at,
      statusAfter: after[i]!.text,
      note: e.note,
    }));
    const status = await articleStatus(db, request.site, row, request.lang, clock.now());
    const alerts = await alertLines(db, request.site, row.id, request.lang);
    return sendHtml(reply, <HistoryPage ctx={await pageContext(deps, request, reply)} articleId={row.id} title={row.title} status={status} entries={entries} alerts={alerts} />);
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
      if (ra && rb) compare = { a, b, fields: await compareContent(request, parseSnapshot(ra.snapshot), parseSnapshot(rb.snapshot)) };
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
    const queue = await myQueue(db, request.site.id, auth.user.id, auth.grants, now);
    const ownRows = await myItems(db, request.site.id, auth.user.id);
    const statuses = await articleStatuses(db, request.site, [...queue.map((e) => e.row), ...ownRows], request.lang, now);
    const waiting = queue.map((e) => ({
      id: e.row.id,
      title: e.row.title,
      task: request.lang === 'en' ? e.reason.stepNameEn : e.reason.stepName,
      status: statuses.get(e.row.id)!,
      dueAt: e.reason.dueAt,
      overdue: e.overdue,
      onBehalfOfName: e.reason.onBehalfOfUserId ? (names.get(e.reason.onBehalfOfUserId) ?? null) : null,
    }));
    const own = ownRows.map((r) => ({ id: r.id, title: r.title, status: statuses.get(r.id)! }));
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
    try {
      await purgeArticle(db, actorOf(request), request.auth!.grants, id, clock);
    } catch (error) {
      // Kept for a reason the person can read (an item the royalty ledger names): back to the trash with it.
      if (!(error instanceof DomainError) || error.status !== 409) throw error;
      return redirectWithFlash(reply, '/admin/trash', { kind: 'error', text: error.messageIn(request.lang) });
    }
    return redirectWithFlash(reply, '/admin/trash', { kind: 'success', text: articleText(request.lang).purged });
  });

}
