// Administrative procedures over HTTP: the back-office register, form, history
// and import (here), the public list and detail pages (public.tsx), open data
// and the JSON API (api.ts). Each handler reads input, calls one use case, renders.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can } from '../../core/permissions.ts';
import { normalizeProcedure, procedureToCells, HEADER_LIST, blankDetails, type ProcedureInput } from '../../core/procedures/index.ts';
import type { ProcedureRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { readUploadForm } from '../../platform/http/multipart.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { readTable, writeCsv, writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { UPLOAD_LIMITS } from '../../platform/uploads/index.ts';
import { format } from '../../ui/i18n.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listMedia, uploadMedia } from '../media/media.ts';
import { registerProcedureApi } from './api.ts';
import { inputFromValues, valuesFromBody, valuesFromInput, type Values } from './form.ts';
import { createProcedure, importProcedures, purgeProcedure, restoreProcedure, restoreRevision, setPublished, StaleProcedureError, trashProcedure, updateProcedure } from './manage-procedures.ts';
import { procedureText } from './messages.ts';
import { HistoryPage, ImportPage, ProcedureFormPage, ProcedureListPage } from './pages.tsx';
import { registerPublicProcedures } from './public.tsx';
import { getProcedure, inputOfRow, linkableDocuments, listProcedures, listRevisions, procedureFields } from './store.ts';

const PAGE_SIZE = 30;
const IMPORT_LIMIT = 10 * 1024 * 1024;

const need = (permission: 'content.view' | 'content.create' | 'content.edit' | 'content.publish' | 'content.purge') => ({ access: { kind: 'permission' as const, permission } });

export function registerProcedureRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;

  // ---- Register ---------------------------------------------------------------------------
  app.get('/admin/procedures', { config: need('content.view') }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const fields = procedureFields(request.site);
    const filters = {
      field: fields.includes(q['linh-vuc'] ?? '') ? q['linh-vuc']! : '',
      level: ['province', 'commune', 'district'].includes(q.cap ?? '') ? q.cap! : '',
      status: ['draft', 'published', 'trash'].includes(q['trang-thai'] ?? '') ? q['trang-thai']! : '',
      q: (q.q ?? '').normalize('NFC').trim().slice(0, 200),
    };
    const page = Math.max(1, Math.min(10_000, Number.parseInt(q.page ?? '1', 10) || 1));
    const { rows, total } = await listProcedures(db, request.site.id, { field: filters.field || null, level: filters.level || null, status: (filters.status || null) as 'draft' | null, text: filters.q }, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const g = request.auth!.grants;
    return sendHtml(
      reply,
      <ProcedureListPage
        ctx={await pageContext(deps, request, reply)}
        rows={rows}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        fields={fields}
        filters={filters}
        can={{ create: can(g, 'content.create'), edit: can(g, 'content.edit'), purge: can(g, 'content.purge') }}
      />,
    );
  });

  // ---- Form -------------------------------------------------------------------------------
  async function formPage(request: FastifyRequest, reply: FastifyReply, row: ProcedureRow | null, values: Values, errors: Record<string, string>, status = 200) {
    const g = request.auth!.grants;
    const [documents, media] = await Promise.all([linkableDocuments(db, request.site.id), listMedia(db, request.site.id, { kind: 'file', limit: 300 })]);
    // A file already attached stays choosable even when it is older than the newest 300.
    const mediaOptions = media.items.map((m) => ({ value: String(m.id), label: `${m.originalName} (#${m.id})` }));
    for (const [k, v] of Object.entries(values)) {
      if (/^formMedia_\d+$/.test(k) && v && !mediaOptions.some((o) => o.value === v)) mediaOptions.push({ value: v, label: `#${v}` });
    }
    return sendHtml(
      reply,
      <ProcedureFormPage
        ctx={await pageContext(deps, request, reply)}
        form={{ values, errors }}
        row={row}
        lockVersion={row?.lock_version ?? 0}
        fields={procedureFields(request.site)}
        documents={documents.map((d) => ({ value: String(d.articleId), label: `${d.number} — ${d.title.slice(0, 120)}` }))}
        media={mediaOptions}
        can={{ publish: can(g, 'content.publish'), edit: can(g, 'content.edit') }}
        publicUrl={row && row.status === 'published' && !row.deleted_at ? `/thu-tuc-hanh-chinh/${row.slug}` : null}
      />,
      status,
    );
  }

  function errorsOf(error: DomainError, lang: 'vi' | 'en'): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const p of error.problems) errors[p.field ?? '_form'] ??= p[lang];
    return errors;
  }

  const blankValues = (): Values => valuesFromInput({ code: '', name: '', level: '' as never, field: '', agency: '', details: blankDetails() });

  app.get('/admin/procedures/new', { config: need('content.create') }, async (request, reply) => formPage(request, reply, null, blankValues(), {}));

  app.post('/admin/procedures', { config: need('content.create') }, async (request, reply) => {
    const values = valuesFromBody(request.body);
    const input = inputFromValues(values);
    try {
      const row = await createProcedure(db, actorOf(request), request.auth!.grants, input, procedureFields(request.site), clock);
      return redirectWithFlash(reply, `/admin/procedures/${row.id}`, { kind: 'success', text: procedureText(request.lang).created });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      return formPage(request, reply, null, shown(values, input), errorsOf(error, request.lang), 400);
    }
  });

  /** What the form shows after a refusal: the rows as the use case numbered them, and nothing the person typed lost. */
  function shown(values: Values, input: ProcedureInput): Values {
    const compact = valuesFromInput(normalizeProcedure(input));
    const numbersTyped: Values = {};
    for (const [k, v] of Object.entries(compact)) if (v === 'NaN') numbersTyped[k] = '';
    return { ...compact, ...numbersTyped, lockVersion: values.lockVersion ?? '0' };
  }

  const loadRow = async (request: FastifyRequest, opts: { trashed?: boolean } = {}) => {
    const id = idParam((request.params as { id: string }).id);
    const row = id ? await getProcedure(db, request.site.id, id) : undefined;
    if (!row || (row.deleted_at !== null) !== Boolean(opts.trashed)) return null;
    return row;
  };

  app.get('/admin/procedures/:id', { config: need('content.view') }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    return formPage(request, reply, row, valuesFromInput(inputOfRow(row)), {});
  });

  app.post('/admin/procedures/:id', { config: need('content.edit') }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const values = valuesFromBody(request.body);
    const input = inputFromValues(values);
    const lockVersion = Number.parseInt(values.lockVersion ?? '', 10);
    try {
      await updateProcedure(db, actorOf(request), request.auth!.grants, row.id, input, Number.isInteger(lockVersion) ? lockVersion : -1, procedureFields(request.site), clock);
      return redirectWithFlash(reply, `/admin/procedures/${row.id}`, { kind: 'success', text: procedureText(request.lang).saved });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      if (error instanceof StaleProcedureError) {
        // Nothing typed is lost: the form keeps it, now against the saved version, so a second save overwrites knowingly.
        return formPage(request, reply, error.current, values, { _form: `${error.messageIn(request.lang)} ${format(procedureText(request.lang).staleSaved, { version: error.current.lock_version })}` }, 409);
      }
      return formPage(request, reply, row, shown(values, input), errorsOf(error, request.lang), 400);
    }
  });

  // ---- Actions ----------------------------------------------------------------------------
  const action = (path: string, permission: Parameters<typeof need>[0], run: (request: FastifyRequest, row: ProcedureRow) => Promise<string>, opts: { trashed?: boolean; back?: (row: ProcedureRow) => string } = {}) =>
    app.post(`/admin/procedures/:id/${path}`, { config: need(permission) }, async (request, reply) => {
      const row = await loadRow(request, opts);
      if (!row) return notFound(request, reply);
      const back = opts.back?.(row) ?? `/admin/procedures/${row.id}`;
      try {
        const text = await run(request, row);
        return redirectWithFlash(reply, back, { kind: 'success', text });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        return redirectWithFlash(reply, back, { kind: 'error', text: error.messageIn(request.lang) });
      }
    });

  action('publish', 'content.publish', async (request, row) => {
    await setPublished(db, actorOf(request), request.auth!.grants, row.id, true, clock);
    return procedureText(request.lang).publishedFlash;
  });
  action('unpublish', 'content.publish', async (request, row) => {
    await setPublished(db, actorOf(request), request.auth!.grants, row.id, false, clock);
    return procedureText(request.lang).unpublishedFlash;
  });
  action(
    'trash',
    'content.edit',
    async (request, row) => {
      await trashProcedure(db, actorOf(request), request.auth!.grants, row.id, clock);
      return procedureText(request.lang).trashed;
    },
    { back: () => '/admin/procedures' },
  );
  action(
    'restore',
    'content.edit',
    async (request, row) => {
      await restoreProcedure(db, actorOf(request), request.auth!.grants, row.id, clock);
      return procedureText(request.lang).restored;
    },
    { trashed: true },
  );
  action(
    'purge',
    'content.purge',
    async (request, row) => {
      await purgeProcedure(db, actorOf(request), request.auth!.grants, row.id, clock);
      return procedureText(request.lang).purged;
    },
    { trashed: true, back: () => '/admin/procedures?trang-thai=trash' },
  );

  // ---- History ----------------------------------------------------------------------------
  app.get('/admin/procedures/:id/history', { config: need('content.view') }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const revisions = (await listRevisions(db, request.site.id, row.id)).map((r) => {
      const s = JSON.parse(r.snapshot) as { name?: string; code?: string };
      return { id: r.id, number: r.number, note: r.note, created_at: r.created_at, author: r.author, name: s.name ?? '', code: s.code ?? '' };
    });
    return sendHtml(reply, <HistoryPage ctx={await pageContext(deps, request, reply)} row={row} revisions={revisions} canRestore={can(request.auth!.grants, 'content.edit')} />);
  });

  app.post('/admin/procedures/:id/revisions/:revision/restore', { config: need('content.edit') }, async (request, reply) => {
    const row = await loadRow(request);
    const revisionId = idParam((request.params as { revision: string }).revision);
    if (!row || !revisionId) return notFound(request, reply);
    try {
      const number = (await db.selectFrom('procedure_revisions').select('number').where('site_id', '=', request.site.id).where('procedure_id', '=', row.id).where('id', '=', revisionId).executeTakeFirst())?.number;
      await restoreRevision(db, actorOf(request), request.auth!.grants, row.id, revisionId, procedureFields(request.site), clock);
      return redirectWithFlash(reply, `/admin/procedures/${row.id}`, { kind: 'success', text: format(procedureText(request.lang).revisionRestored, { n: number ?? '' }) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      return redirectWithFlash(reply, `/admin/procedures/${row.id}/history`, { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  // ---- Form files -------------------------------------------------------------------------
  app.post('/admin/procedures/:id/forms', { config: { ...need('content.edit'), multipart: true } }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const t = procedureText(request.lang);
    const back = `/admin/procedures/${row.id}`;
    try {
      // Uploading adds to the media library, which needs content.create as on the library page.
      if (!can(request.auth!.grants, 'content.create')) throw new DomainError({ code: 'forbidden', vi: 'Bạn không có quyền tải tệp lên thư viện.', en: 'You may not upload files to the library.' }, 422);
      const uploaded = await readUploadForm(request, UPLOAD_LIMITS.attachment);
      const name = (uploaded.fields.name ?? '').normalize('NFC').trim();
      if (!uploaded.file) throw new DomainError({ code: 'file_required', field: 'file', vi: t.chooseFile, en: t.chooseFile });
      const lockVersion = Number.parseInt(uploaded.fields.lockVersion ?? '', 10);
      if (lockVersion !== row.lock_version) throw new StaleProcedureError(row);
      const media = await uploadMedia(db, deps.files, actorOf(request), { data: uploaded.file.data, originalName: uploaded.file.filename, purpose: 'attachment' }, clock);
      const input = inputOfRow(row);
      input.details.forms.push({ name: name || media.originalName, purpose: (uploaded.fields.purpose ?? '').normalize('NFC').trim() || null, mediaId: media.id });
      await updateProcedure(db, actorOf(request), request.auth!.grants, row.id, input, row.lock_version, procedureFields(request.site), clock, `Tải lên mẫu ${media.originalName}`);
      return redirectWithFlash(reply, back, { kind: 'success', text: format(t.uploaded, { name: name || media.originalName }) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      return redirectWithFlash(reply, back, { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  // ---- Import -----------------------------------------------------------------------------
  const importPage = async (request: FastifyRequest, reply: FastifyReply, errors: Parameters<typeof ImportPage>[0]['errors'], fileError: string | null, status = 200) =>
    sendHtml(reply, <ImportPage ctx={await pageContext(deps, request, reply)} canPublish={can(request.auth!.grants, 'content.publish')} errors={errors} fileError={fileError} />, status);

  app.get('/admin/procedures/import', { config: need('content.create') }, async (request, reply) => importPage(request, reply, null, null));

  app.post('/admin/procedures/import', { config: { ...need('content.create'), multipart: true } }, async (request, reply) => {
    try {
      const uploaded = await readUploadForm(request, IMPORT_LIMIT);
      if (!uploaded.file) return importPage(request, reply, null, procedureText(request.lang).chooseFile, 400);
      const table = await readTable(uploaded.file.data);
      const outcome = await importProcedures(db, actorOf(request), request.auth!.grants, table, procedureFields(request.site), { publish: uploaded.fields.publish === 'on', fileName: uploaded.file.filename.slice(0, 200) }, clock);
      if (!outcome.ok) return importPage(request, reply, outcome.errors, null, 422);
      return redirectWithFlash(reply, '/admin/procedures', { kind: 'success', text: format(procedureText(request.lang).imported, { created: outcome.created, updated: outcome.updated }) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      return importPage(request, reply, null, error.messageIn(request.lang), 400);
    }
  });

  const example: ProcedureInput = {
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    level: 'commune',
    field: 'Tư pháp',
    agency: 'Ủy ban nhân dân cấp xã',
    details: {
      ...blankDetails(),
      steps: ['Người yêu cầu nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả của UBND xã', 'Công chức tư pháp - hộ tịch kiểm tra hồ sơ', 'Trả kết quả'],
      methods: [{ method: 'direct', note: 'Tại Bộ phận một cửa, giờ hành chính' }, { method: 'online', note: null }],
      dossier: [{ name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1, copies: 0, note: null }, { name: 'Giấy chứng sinh', originals: 1, copies: 0, note: null }],
      timeLimit: { text: 'Ngay trong ngày làm việc', workingDays: null },
      subjects: ['Công dân Việt Nam'],
      result: 'Giấy khai sinh',
      fees: [{ name: 'Lệ phí', amount: 'Miễn' }],
      legalBasis: [{ text: 'Luật Hộ tịch số 60/2014/QH13', documentArticleId: null }],
      online: { level: 'full', url: 'https://dichvucong.gov.vn/' },
      handler: { name: 'Nguyễn Văn A', phone: '0260 3862 123', email: 'tuphap@xa.gov.vn' },
    },
  };
  app.get('/admin/procedures/import/mau.csv', { config: need('content.create') }, async (_request, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mau-thu-tuc-hanh-chinh.csv"').send(writeCsv(HEADER_LIST, [procedureToCells(example)])),
  );
  app.get('/admin/procedures/import/mau.xlsx', { config: need('content.create') }, async (_request, reply) =>
    reply.type(XLSX_MIME).header('content-disposition', 'attachment; filename="mau-thu-tuc-hanh-chinh.xlsx"').send(await writeXlsx('Thủ tục hành chính', HEADER_LIST, [procedureToCells(example)])),
  );

  registerPublicProcedures(app, deps);
  registerProcedureApi(app, deps);
}
