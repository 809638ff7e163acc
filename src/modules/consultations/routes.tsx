// Drafts open for comment over HTTP: the back office at /admin/consultations
// (interaction.moderate: drafts, files, publication, moderation, responses,
// results, export) here; the public pages and the comment form in public.tsx.
// Each handler reads input, calls one use case, renders.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentCatalogue } from '../../core/documents/details.ts';
import { DomainError } from '../../core/errors.ts';
import { startOfVietnamDate, vietnamDate } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { ConsultationRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import type { FormValues } from '../../platform/http/form.ts';
import { readUploadForm } from '../../platform/http/multipart.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { writeCsv, writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { UPLOAD_LIMITS } from '../../platform/uploads/index.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listMedia, mediaByIds } from '../media/media.ts';
import { paths } from '../public/site-view.ts';
import { CommentsPage, ConsultationFormPage, ConsultationListPage } from './admin-pages.tsx';
import { concludeConsultation, EXPORT_HEADERS, exportComments, moderateComment, respondToComment, saveResultsSummary } from './comments.ts';
import { attachFile, createConsultation, deleteConsultation, MINIMUM_RULE, UNIT_WORDS, publishConsultation, StaleConsultationError, unpublishConsultation, updateConsultation } from './manage-consultations.ts';
import { consultationText } from './messages.ts';
import { DRAFT_FILE_EXTS, inputOfRow, isPublicOn, parseParts, phaseOf, PHASES, type ConsultationInput, type Phase, type ResponseKind } from './model.ts';
import { registerPublicConsultations } from './public.tsx';
import { getConsultation, listComments, listForAdmin } from './store.ts';
import { citizenDeadline } from '../citizens/rules.ts';

const moderate = { access: { kind: 'permission' as const, permission: 'interaction.moderate' as const } };

/** The form's fields as typed (NFC), and the use case's input from them. */
function readForm(body: unknown): { values: FormValues; input: ConsultationInput } {
  const raw = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (k: string) => {
    const v = Array.isArray(raw[k]) ? (raw[k] as unknown[])[0] : raw[k];
    return typeof v === 'string' ? normalizeInput(v.replace(/\r\n/g, '\n')) : '';
  };
  const list = (k: string) => (Array.isArray(raw[k]) ? (raw[k] as unknown[]) : raw[k] === undefined ? [] : [raw[k]]).filter((v): v is string => typeof v === 'string');
  const ids = [...list('attachments'), str('addMedia')].map((v) => idParam(v)).filter((n): n is number => n !== null);
  const values: FormValues = {};
  for (const k of ['title', 'docType', 'draftingAgency', 'summary', 'body', 'parts', 'contact', 'opensOn', 'closesOn', 'lockVersion']) values[k] = str(k);
  values.attachments = ids.map(String);
  const input: ConsultationInput = {
    title: values.title as string,
    docType: values.docType as string,
    draftingAgency: values.draftingAgency as string,
    summary: values.summary as string,
    bodyHtml: values.body as string,
    parts: parseParts(values.parts as string),
    attachmentIds: ids,
    contact: values.contact as string,
    opensOn: values.opensOn as string,
    closesOn: values.closesOn as string,
  };
  return { values, input };
}

function valuesOf(input: ConsultationInput): FormValues {
  return {
    title: input.title,
    docType: input.docType,
    draftingAgency: input.draftingAgency,
    summary: input.summary,
    body: input.bodyHtml,
    parts: input.parts.join('\n'),
    contact: input.contact,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    attachments: input.attachmentIds.map(String),
  };
}

function errorsOf(error: DomainError, lang: Lang): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of error.problems) errors[p.field ?? '_form'] ??= p[lang];
  return errors;
}

export function registerConsultations(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const today = () => vietnamDate(clock.now());
  const publicUrl = (row: ConsultationRow) => (isPublicOn(row, today()) ? paths.consultation(row.slug) : null);

  const loadRow = async (request: FastifyRequest): Promise<ConsultationRow | null> => {
    const id = idParam((request.params as { id: string }).id);
    return (id ? await getConsultation(db, request.site.id, id) : undefined) ?? null;
  };

  // ---- List ---------------------------------------------------------------------------------
  app.get('/admin/consultations', { config: moderate }, async (request, reply) => {
    const wanted = (request.query as Record<string, string | undefined>)['trang-thai'] ?? '';
    const phase = (PHASES as readonly string[]).includes(wanted) ? (wanted as Phase) : null;
    const rows = await listForAdmin(db, request.site.id, today(), phase);
    return sendHtml(reply, <ConsultationListPage ctx={await pageContext(deps, request, reply)} rows={rows} phase={phase} />);
  });

  // ---- Form ---------------------------------------------------------------------------------
  async function formPage(request: FastifyRequest, reply: FastifyReply, row: ConsultationRow | null, values: FormValues, errors: Record<string, string>, status = 200) {
    const lang = request.lang;
    const catalogue = documentCatalogue(request.site.settings as unknown as Record<string, unknown>);
    const attachedIds = (Array.isArray(values.attachments) ? values.attachments : []).map(Number);
    const [library, attached] = await Promise.all([listMedia(db, request.site.id, { kind: 'file', limit: 300 }), mediaByIds(db, request.site.id, attachedIds)]);
    const opensOn = typeof values.opensOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values.opensOn) ? values.opensOn : today();
    const rule = await citizenDeadline(db, request.site.id, MINIMUM_RULE, startOfVietnamDate(opensOn));
    const label = (m: { originalName: string; id: number; ext: string }) => `${m.originalName} (${m.ext.toUpperCase()}, #${m.id})`;
    return sendHtml(
      reply,
      <ConsultationFormPage
        ctx={await pageContext(deps, request, reply)}
        form={{ values: { ...values, addMedia: '' }, errors }}
        row={row}
        phase={row ? phaseOf(row, today()) : null}
        lockVersion={row?.lock_version ?? 0}
        docTypes={catalogue.types.map((x) => ({ value: x.key, label: x[lang] }))}
        attached={attachedIds.map((id) => attached.find((m) => m.id === id)).map((m, i) => ({ value: String(attachedIds[i]), label: m ? label(m) : `#${attachedIds[i]}` }))}
        library={library.items.filter((m) => DRAFT_FILE_EXTS.includes(m.ext) && !attachedIds.includes(m.id)).map((m) => ({ value: String(m.id), label: label(m) }))}
        minimum={{ amount: rule.amount, unit: UNIT_WORDS[rule.unit][lang] }}
        publicUrl={row ? publicUrl(row) : null}
      />,
      status,
    );
  }

  app.get('/admin/consultations/new', { config: moderate }, async (request, reply) => {
    const contact = request.site.contact;
    const blank: FormValues = { opensOn: today(), contact: [request.site.agencyName, contact.address, contact.phone, contact.email].filter(Boolean).join('\n'), attachments: [] };
    return formPage(request, reply, null, blank, {});
  });

  app.post('/admin/consultations', { config: moderate }, async (request, reply) => {
    const { values, input } = readForm(request.body);
    try {
      const row = await createConsultation(db, actorOf(request), request.auth!.grants, request.site, input, clock);
      return redirectWithFlash(reply, `/admin/consultations/${row.id}`, { kind: 'success', text: consultationText(request.lang).created });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403) throw error;
      return formPage(request, reply, null, values, errorsOf(error, request.lang), 400);
    }
  });

  app.get('/admin/consultations/:id', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    return formPage(request, reply, row, valuesOf(inputOfRow(row)), {});
  });

  app.post('/admin/consultations/:id', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const { values, input } = readForm(request.body);
    const lockVersion = Number.parseInt(String(values.lockVersion ?? ''), 10);
    try {
      await updateConsultation(db, actorOf(request), request.auth!.grants, request.site, row.id, input, Number.isInteger(lockVersion) ? lockVersion : -1, clock);
      return redirectWithFlash(reply, `/admin/consultations/${row.id}`, { kind: 'success', text: consultationText(request.lang).saved });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      if (error instanceof StaleConsultationError) {
        // Nothing typed is lost: the form keeps it, now against the saved version.
        return formPage(request, reply, error.current, values, { _form: `${error.messageIn(request.lang)} ${format(consultationText(request.lang).staleSaved, { version: error.current.lock_version })}` }, 409);
      }
      return formPage(request, reply, row, values, errorsOf(error, request.lang), 400);
    }
  });

  app.post('/admin/consultations/:id/files', { config: { ...moderate, multipart: true } }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const t = consultationText(request.lang);
    const back = `/admin/consultations/${row.id}`;
    try {
      const uploaded = await readUploadForm(request, UPLOAD_LIMITS.attachment);
      if (!uploaded.file) throw new DomainError({ code: 'file_required', field: 'file', vi: t.chooseFile, en: t.chooseFile });
      const lockVersion = Number.parseInt(uploaded.fields.lockVersion ?? '', 10);
      const media = await attachFile(db, deps.files, actorOf(request), request.auth!.grants, request.site, row.id, { data: uploaded.file.data, originalName: uploaded.file.filename }, Number.isInteger(lockVersion) ? lockVersion : -1, clock);
      return redirectWithFlash(reply, back, { kind: 'success', text: format(t.uploaded, { name: media.originalName }) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      return redirectWithFlash(reply, back, { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  // ---- Actions ------------------------------------------------------------------------------
  /** A POST on one consultation (and maybe one comment) that ends in a redirect with a flash. */
  const action = (path: string, run: (request: FastifyRequest, row: ConsultationRow, commentId: number | null) => Promise<string>, back: (row: ConsultationRow) => string) =>
    app.post(`/admin/consultations/:id/${path}`, { config: moderate }, async (request, reply) => {
      const row = await loadRow(request);
      if (!row) return notFound(request, reply);
      let commentId: number | null = null;
      if (path.includes(':comment')) {
        commentId = idParam((request.params as { comment?: string }).comment);
        if (!commentId) return notFound(request, reply);
      }
      try {
        const text = await run(request, row, commentId);
        return redirectWithFlash(reply, back(row), { kind: 'success', text });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        return redirectWithFlash(reply, back(row), { kind: 'error', text: error.messageIn(request.lang) });
      }
    });
  const toForm = (row: ConsultationRow) => `/admin/consultations/${row.id}`;
  const toComments = (row: ConsultationRow) => `/admin/consultations/${row.id}/comments`;
  const note = (request: FastifyRequest) => {
    const v = (request.body as Record<string, unknown> | undefined)?.note;
    return typeof v === 'string' ? v : null;
  };

  action('publish', async (request, row) => {
    await publishConsultation(db, actorOf(request), request.auth!.grants, row.id, clock);
    return consultationText(request.lang).publishedFlash;
  }, toForm);
  action('unpublish', async (request, row) => {
    await unpublishConsultation(db, actorOf(request), request.auth!.grants, row.id, clock);
    return consultationText(request.lang).unpublishedFlash;
  }, toForm);
  action('delete', async (request, row) => {
    await deleteConsultation(db, actorOf(request), request.auth!.grants, row.id, clock);
    return consultationText(request.lang).deletedFlash;
  }, () => '/admin/consultations');
  action('comments/:comment/approve', async (request, row, commentId) => {
    await moderateComment(db, actorOf(request), request.auth!.grants, row.id, commentId!, 'approve', note(request), clock);
    return consultationText(request.lang).approvedFlash;
  }, toComments);
  action('comments/:comment/reject', async (request, row, commentId) => {
    await moderateComment(db, actorOf(request), request.auth!.grants, row.id, commentId!, 'reject', note(request), clock);
    return consultationText(request.lang).rejectedFlash;
  }, toComments);
  action('conclude', async (request, row) => {
    await concludeConsultation(db, actorOf(request), request.auth!.grants, row.id, clock);
    return consultationText(request.lang).concludedFlash;
  }, toComments);

  // ---- Moderation page ----------------------------------------------------------------------
  async function commentsPage(request: FastifyRequest, reply: FastifyReply, row: ConsultationRow, opts: { summary?: string; errors?: Record<string, string>; status?: number } = {}) {
    const comments = await listComments(db, request.site.id, row.id);
    const moderatorIds = [...new Set(comments.map((c) => c.moderated_by_user_id).filter((id): id is number => id !== null))];
    const names = new Map((moderatorIds.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', moderatorIds).execute() : []).map((u) => [u.id, u.name]));
    const errors = opts.errors ?? {};
    return sendHtml(
      reply,
      <CommentsPage
        ctx={await pageContext(deps, request, reply)}
        row={row}
        phase={phaseOf(row, today())}
        comments={comments.map((c) => ({ ...c, moderator: c.moderated_by_user_id ? (names.get(c.moderated_by_user_id) ?? null) : null }))}
        summaryForm={{ values: { resultsSummary: opts.summary ?? row.results_summary ?? '' }, errors: errors.resultsSummary ? { resultsSummary: errors.resultsSummary } : {} }}
        responseErrors={errors}
        publicUrl={publicUrl(row)}
      />,
      opts.status ?? 200,
    );
  }

  app.get('/admin/consultations/:id/comments', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    return commentsPage(request, reply, row);
  });

  app.post('/admin/consultations/:id/comments/:comment/respond', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    const commentId = idParam((request.params as { comment: string }).comment);
    if (!row || !commentId) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const kind = body.kind === 'accepted' || body.kind === 'explained' ? (body.kind as ResponseKind) : null;
    try {
      await respondToComment(db, actorOf(request), request.auth!.grants, row.id, commentId, kind, typeof body.response === 'string' ? body.response : '', clock);
      return redirectWithFlash(reply, `${toComments(row)}#y-kien-${commentId}`, { kind: 'success', text: consultationText(request.lang).respondedFlash });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      if (error.status === 409) return redirectWithFlash(reply, toComments(row), { kind: 'error', text: error.messageIn(request.lang) });
      return commentsPage(request, reply, row, { errors: errorsOf(error, request.lang), status: 400 });
    }
  });

  app.post('/admin/consultations/:id/summary', { config: moderate }, async (request, reply) => {
    const row = await loadRow(request);
    if (!row) return notFound(request, reply);
    const v = (request.body as Record<string, unknown> | undefined)?.resultsSummary;
    const html = typeof v === 'string' ? v : '';
    try {
      await saveResultsSummary(db, actorOf(request), request.auth!.grants, row.id, html, clock);
      return redirectWithFlash(reply, `${toComments(row)}#h-results`, { kind: 'success', text: consultationText(request.lang).summarySaved });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      if (error.status === 409) return redirectWithFlash(reply, toComments(row), { kind: 'error', text: error.messageIn(request.lang) });
      return commentsPage(request, reply, row, { summary: html, errors: errorsOf(error, request.lang), status: 400 });
    }
  });

  // ---- Export -------------------------------------------------------------------------------
  for (const kind of ['csv', 'xlsx'] as const) {
    app.get(`/admin/consultations/:id/comments.${kind}`, { config: moderate }, async (request, reply) => {
      const row = await loadRow(request);
      if (!row) return notFound(request, reply);
      // Unmoderated comments only when asked (?chua-kiem-duyet=1): citizens' raw text, marked in the file and its name.
      const includePending = (request.query as Record<string, unknown>)['chua-kiem-duyet'] === '1';
      const { rows } = await exportComments(db, actorOf(request), request.auth!.grants, row.id, kind, clock, { includePending });
      const name = `y-kien-${row.slug}${includePending ? '-gom-chua-kiem-duyet' : ''}.${kind}`;
      const data = kind === 'csv' ? writeCsv(EXPORT_HEADERS, rows) : await writeXlsx('Ý kiến góp ý', EXPORT_HEADERS, rows);
      return reply
        .type(kind === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(data);
    });
  }

  registerPublicConsultations(app, deps);
}
