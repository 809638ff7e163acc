// The back office of documents: the list of the site's documents (every
// state) with their publication deadlines, the bulk import from CSV/XLSX and
// its template; and the push API for a document-management system. Writing a
// document happens in the article editor (kind 'document').
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { documentCatalogue, type DocumentDetails } from '../../core/documents/index.ts';
import { DomainError } from '../../core/errors.ts';
import { can, type Permission } from '../../core/permissions.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Access, AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { readUploadForm } from '../../platform/http/multipart.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { format } from '../../ui/i18n.ts';
import { articleStatuses } from '../articles/status.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { documentAdminText } from './admin-messages.ts';
import { DocumentImportPage, DocumentListPage, type DocumentListRow, type ImportProblemRow } from './admin-pages.tsx';
import { documentDeadlines } from './deadline.ts';
import { IMPORT_COLUMNS, importDocuments, importTemplateCsv, ImportRefused, problemMessage } from './import-documents.ts';
import { registerDocumentPushApi } from './push-api.ts';

const PAGE_SIZE = 30;
/** With "only late", this many of the newest documents are checked (deadlines are computed, not stored). */
const LATE_SCAN = 2_000;
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const need = (permission: Permission): { access: Access } => ({ access: { kind: 'permission', permission } });

function detailsOf(text: string | null): Partial<DocumentDetails> {
  try {
    return text ? (JSON.parse(text) as Partial<DocumentDetails>) : {};
  } catch {
    return {};
  }
}

export function registerDocumentAdmin(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;

  app.get('/admin/documents', { config: need('content.view') }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const search = (q.q ?? '').trim().slice(0, 100);
    const onlyLate = q.late === 'on';
    const grants = request.auth!.grants;
    // As for articles: reviewers and publishers see every document, others their own.
    const seeAll = can(grants, 'content.review') || can(grants, 'content.publish') || can(grants, 'content.takedown');
    let query = db
      .selectFrom('articles')
      .select(['id', 'title', 'details', 'first_published_at', 'kind', 'chain', 'review_state', 'publication', 'step_index', 'step_due_at', 'publish_at', 'live_revision_id', 'has_pending_changes', 'urgent_pending_approval', 'assignee_user_id'])
      .where('site_id', '=', request.site.id)
      .where('kind', '=', 'document')
      .where('deleted_at', 'is', null);
    if (!seeAll) query = query.where('author_user_id', '=', request.auth!.user.id);
    if (search) {
      const folded = `%${fold(search).replace(/[%_\\]/g, '')}%`;
      query = query.where((eb) => eb.or([eb('title_folded', 'like', folded), eb('document_key', 'like', folded)]));
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(onlyLate ? LATE_SCAN : PAGE_SIZE + 1)
      .offset(onlyLate ? 0 : (page - 1) * PAGE_SIZE)
      .execute();
    const deadlines = await documentDeadlines(db, request.site, rows.map((r) => ({ id: r.id, issuer: detailsOf(r.details).issuer ?? null, issuedOn: detailsOf(r.details).issuedOn ?? null, firstPublishedAt: r.first_published_at })), clock.now());
    const statuses = await articleStatuses(db, request.site, rows, request.lang, clock.now());
    let list: DocumentListRow[] = rows.map((r) => {
      const d = detailsOf(r.details);
      return {
        id: r.id,
        title: r.title,
        number: d.number ?? '',
        typeKey: d.docType ?? '',
        issuer: d.issuer ?? '',
        issuedOn: d.issuedOn ?? null,
        stateLabel: statuses.get(r.id)?.text ?? '',
        deadline: deadlines.get(r.id) ?? null,
      };
    });
    let pages: number;
    if (onlyLate) {
      list = list.filter((r) => r.deadline?.late);
      pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
      list = list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    } else {
      // One more row than a page tells whether there is a next page, without counting.
      pages = list.length > PAGE_SIZE ? page + 1 : page;
      list = list.slice(0, PAGE_SIZE);
    }
    const filter: FormState = emptyForm({ q: search, late: onlyLate ? 'on' : '' });
    const queryValues = Object.fromEntries(Object.entries(filter.values).filter(([, v]) => v !== '')) as Record<string, string>;
    return sendHtml(
      reply,
      <DocumentListPage
        ctx={await pageContext(deps, request, reply)}
        rows={list}
        catalogue={documentCatalogue(request.site.settings as unknown as Record<string, unknown>)}
        canCreate={can(grants, 'content.create')}
        filter={filter}
        total={list.length}
        page={page}
        pages={pages}
        query={queryValues}
      />,
    );
  });

  const importPage = async (request: FastifyRequest, reply: Parameters<typeof sendHtml>[0], form: FormState, problems: ImportProblemRow[], status = 200) =>
    sendHtml(
      reply,
      <DocumentImportPage ctx={await pageContext(deps, request, reply)} form={form} problems={problems} columns={IMPORT_COLUMNS.map((c) => ({ name: c.name, required: c.required, note: c.note[request.lang] }))} />,
      status,
    );

  app.get('/admin/documents/import', { config: need('content.create') }, async (request, reply) => importPage(request, reply, emptyForm(), []));

  app.get('/admin/documents/import/template.csv', { config: need('content.create') }, async (_request, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mau-nhap-van-ban.csv"').send(importTemplateCsv()),
  );

  app.post('/admin/documents/import', { config: { ...need('content.create'), multipart: true } }, async (request, reply) => {
    const t = documentAdminText(request.lang);
    const form = emptyForm();
    try {
      const upload = await readUploadForm(request, IMPORT_MAX_BYTES);
      if (!upload.file) {
        form.errors.file = t.chooseFile;
        return importPage(request, reply, form, [], 400);
      }
      const { ids, warnings } = await importDocuments(db, actorOf(request), request.auth!.grants, upload.file, clock);
      const noted = warnings.map((w) => `${format(t.rowLine, { line: w.line })}: ${problemMessage(w, request.lang)}`).join(' ');
      return redirectWithFlash(reply, '/admin/documents', { kind: 'success', text: [format(t.imported, { count: ids.length }), noted ? format(t.importWarnings, { warnings: noted }) : ''].filter(Boolean).join(' ') });
    } catch (error) {
      if (error instanceof ImportRefused) {
        return importPage(request, reply, form, error.rows.map((p) => ({ line: p.line, column: p.column, message: problemMessage(p, request.lang) })), 422);
      }
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      form.errors.file = error.problems.map((p) => p[request.lang]).join(' ') || t.unreadable;
      return importPage(request, reply, form, [], 400);
    }
  });

  registerDocumentPushApi(app, deps);
}
