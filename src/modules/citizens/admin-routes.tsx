// The back office of citizens' cases over HTTP: the register (/admin/cases),
// one case (/admin/cases/:id) with its attachments, and one POST route per
// action. A case another unit handles does not exist for a unit's staff (404).
// Each action reads its form, calls one use case, and redirects with a
// message — or shows the case again with the problems and what was typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCaseKind } from '../../core/citizens/index.ts';
import { DomainError } from '../../core/errors.ts';
import type { Permission } from '../../core/permissions.ts';
import { vietnamDate } from '../../core/time.ts';
import { canActOnStep } from '../../core/workflow/index.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import { format } from '../../ui/i18n.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { FormReader } from '../../platform/http/form.ts';
import { readUploadForm } from '../../platform/http/multipart.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { loadStaffing, workflowActor } from '../articles/workflow-context.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listUnits } from '../units/manage-units.ts';
import { caseText } from './admin-messages.ts';
import { sendCaseFile } from './file-download.ts';
import { addAnswerFile, MAX_ANSWER_FILE_BYTES, removeAnswerFile } from './answer-files.ts';
import { CaseDetailPage, CaseListPage } from './admin-pages.tsx';
import { actOnAnswer, chainOfCase, itemOfCase, MAX_ANSWER, saveAnswer, sendAnswer, setPublication, unpublishCase, type PublicationInput, type ReviewDecision } from './answer-workflow.ts';
import { PersonalDataError, publicDefaults, type FieldFindings } from './publication-check.ts';
import {
  assignCase,
  closeWithCorrection,
  extendDeadline,
  forwardCase,
  mergeCase,
  recordReceipt,
  REFUSAL_CODES,
  refuseCase,
  sendNotice,
  setClaimArticle,
  setComplexity,
  StaleCaseError,
  upholdClaim,
  type CaseContext,
} from './manage-cases.ts';
import { forwardDueResolver } from './rules.ts';
import { articleRef, CASE_TABS, caseEvents, caseFields, caseFile, caseFiles, caseViewer, countByTab, getCase, listCases, mayOpenCase, type CaseFilters, type CaseTab, type CaseViewer } from './store.ts';

const PAGE_SIZE = 30;
const need = (permission: Permission) => ({ access: { kind: 'permission' as const, permission } });

export function registerCaseAdmin(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const caseCtx = (request: FastifyRequest): CaseContext => ({ db, mailer: deps.mailer, clock, linkBase: request.siteOrigin });
  const viewerOf = (request: FastifyRequest) => caseViewer(db, request.site.id, request.auth!.grants);
  const unitOptions = async (request: FastifyRequest) => (await listUnits(db, request.site.id)).map((u) => ({ value: String(u.id), label: request.lang === 'en' && u.name_en ? u.name_en : u.name }));

  // ---- The register ----
  app.get('/admin/cases', { config: need('interaction.view') }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const viewer = await viewerOf(request);
    const fields = caseFields(request.site);
    const defaultTab: CaseTab = viewer.moderator ? 'intake' : 'units';
    const tab = (CASE_TABS as readonly string[]).includes(q.tab ?? '') && (viewer.moderator || q.tab !== 'intake') ? (q.tab as CaseTab) : defaultTab;
    const unitId = viewer.moderator ? idParam(q.unit ?? '') : null;
    const filters: CaseFilters = { tab, kind: isCaseKind(q.kind) ? q.kind : null, field: fields.includes(q.field ?? '') ? q.field! : null, unitId, overdueOnly: q.overdue === 'on' };
    const page = Math.max(1, Math.min(10_000, Number.parseInt(q.page ?? '1', 10) || 1));
    const now = clock.now();
    const forwardDueOf = forwardDueResolver(db, request.site);
    const { rows, total } = await listCases(db, request.site.id, viewer, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, now, forwardDueOf);
    const forwardDue: Record<number, string> = {};
    for (const row of rows) {
      const due = await forwardDueOf(row);
      if (due) forwardDue[row.id] = due.toISOString();
    }
    return sendHtml(
      reply,
      <CaseListPage
        ctx={await pageContext(deps, request, reply)}
        viewer={viewer}
        rows={rows}
        forwardDue={forwardDue}
        counts={await countByTab(db, request.site.id, viewer)}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        filters={filters}
        fields={fields}
        units={viewer.moderator ? await unitOptions(request) : []}
        now={now}
      />,
    );
  });

  /** The case if this person may open it: the board any of the site's, a unit's staff only their unit's. */
  async function openCase(request: FastifyRequest, viewer: CaseViewer): Promise<CitizenCaseRow | null> {
    const id = idParam((request.params as { id: string }).id);
    const row = id ? await getCase(db, request.site.id, id) : undefined;
    return row && mayOpenCase(viewer, row) ? row : null;
  }

  async function detailPage(request: FastifyRequest, reply: FastifyReply, row: CitizenCaseRow, viewer: CaseViewer, form: FormState, status = 200, check: FieldFindings[] | null = null) {
    const now = clock.now();
    const grants = request.auth!.grants;
    const chain = row.status === 'in_review' ? await chainOfCase(db, row, now) : null;
    const wfActor = chain ? await workflowActor(db, request.site.id, grants.userId, grants) : null;
    const approvals = JSON.parse(row.approvals) as { userId: number }[];
    const approverNames = approvals.length > 0 ? (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', approvals.map((a) => a.userId)).execute()).map((u) => u.name) : [];
    const unit = row.unit_id ? await db.selectFrom('units').select('name').where('site_id', '=', request.site.id).where('id', '=', row.unit_id).executeTakeFirst() : undefined;
    const merged = row.merged_into_id ? await getCase(db, request.site.id, row.merged_into_id) : undefined;
    const article = row.article_id ? await articleRef(db, request.site.id, row.article_id) : undefined;
    const forwardDue = await forwardDueResolver(db, request.site)(row);
    const receivedFrom = row.received_site_id !== null && row.received_site_id !== request.site.id ? await deps.sites.byIdOrNull(row.received_site_id) : null;
    return sendHtml(
      reply,
      <CaseDetailPage
        ctx={await pageContext(deps, request, reply)}
        viewer={viewer}
        row={row}
        unitName={unit?.name ?? null}
        files={await caseFiles(db, request.site.id, row.id)}
        events={await caseEvents(db, request.site.id, row.id)}
        fields={caseFields(request.site)}
        units={await unitOptions(request)}
        forwardDue={forwardDue ? forwardDue.toISOString() : null}
        chain={chain}
        mayReview={chain && wfActor ? canActOnStep(itemOfCase(row), wfActor, chain, await loadStaffing(db, request.site, vietnamDate(now))).can : false}
        isAnswerAuthor={row.answer_author_user_id === grants.userId}
        approverNames={approverNames}
        mergedIntoCode={merged?.tracking_code ?? null}
        article={article ? { id: article.id, title: article.title, slug: article.slug } : null}
        publicDefaults={publicDefaults(row, request.site)}
        personalData={check}
        receivedFrom={receivedFrom?.name ?? null}
        form={form}
        now={now}
      />,
      status,
    );
  }

  app.get('/admin/cases/:id', { config: need('interaction.view') }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const row = await openCase(request, viewer);
    if (!row) return notFound(request, reply);
    return detailPage(request, reply, row, viewer, emptyForm());
  });

  app.get('/admin/cases/:id/files/:fileId', { config: need('interaction.view') }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const row = await openCase(request, viewer);
    const fileId = idParam((request.params as { fileId: string }).fileId);
    const file = row && fileId ? await caseFile(db, request.site.id, row.id, fileId) : undefined;
    const stream = file ? deps.files.open(file.sha256) : null;
    if (!file || !stream) return notFound(request, reply);
    return sendCaseFile(reply, file, stream);
  });

  // ---- Files sent with the answer (multipart, so outside the shared action form) ----
  const answerFileRoute = (path: string, run: (request: FastifyRequest, viewer: CaseViewer, row: CitizenCaseRow) => Promise<string>, multipart = false) =>
    app.post(`/admin/cases/:id/${path}`, { config: { ...need('interaction.answer'), ...(multipart ? { multipart: true as const } : {}) } }, async (request, reply) => {
      const viewer = await viewerOf(request);
      const row = await openCase(request, viewer);
      if (!row) return notFound(request, reply);
      const back = `/admin/cases/${row.id}`;
      try {
        return redirectWithFlash(reply, back, { kind: 'success', text: await run(request, viewer, row) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        return redirectWithFlash(reply, back, { kind: 'error', text: error.messageIn(request.lang) });
      }
    });
  const lockOf = (value: string | undefined) => {
    const n = Number.parseInt(value ?? '', 10);
    return Number.isInteger(n) ? n : -1;
  };

  answerFileRoute('answer-files', async (request, viewer, row) => {
    const t = caseText(request.lang);
    const uploaded = await readUploadForm(request, MAX_ANSWER_FILE_BYTES);
    if (!uploaded.file || uploaded.file.data.length === 0) throw new DomainError({ code: 'file_required', field: 'file', vi: caseText('vi').chooseAnswerFile, en: caseText('en').chooseAnswerFile });
    await addAnswerFile(caseCtx(request), deps.files, actorOf(request), viewer, row.id, lockOf(uploaded.fields.lockVersion), { data: uploaded.file.data, originalName: uploaded.file.filename });
    return t.answerFileAdded;
  }, true);

  answerFileRoute('answer-files/:fileId/delete', async (request, viewer, row) => {
    const fileId = idParam((request.params as { fileId: string }).fileId);
    if (!fileId) throw new DomainError({ code: 'not_found', vi: 'Không tìm thấy tệp.', en: 'File not found.' }, 404);
    const form = new FormReader(request.body, request.lang);
    await removeAnswerFile(caseCtx(request), deps.files, actorOf(request), viewer, row.id, form.integer('lockVersion', { label: 'lockVersion', minValue: 0 }) ?? -1, fileId);
    return caseText(request.lang).answerFileRemoved;
  });

  // ---- Actions ----
  interface ActionArgs {
    request: FastifyRequest;
    form: FormReader;
    viewer: CaseViewer;
    row: CitizenCaseRow;
    lockVersion: number | null;
    ctx: CaseContext;
  }

  /**
   * One POST route per action. `fields` renames the use case's problem fields
   * to this form's field names (several forms share the page, each name once).
   */
  const action = (path: string, permission: Permission, run: (a: ActionArgs) => Promise<string | void>, fields: Record<string, string> = {}) =>
    app.post(`/admin/cases/:id/${path}`, { config: need(permission) }, async (request, reply) => {
      const viewer = await viewerOf(request);
      const row = await openCase(request, viewer);
      if (!row) return notFound(request, reply);
      const form = new FormReader(request.body, request.lang);
      const lock = form.integer('lockVersion', { label: 'lockVersion', minValue: 0 });
      const t = caseText(request.lang);
      try {
        const message = await run({ request, form, viewer, row, lockVersion: lock, ctx: caseCtx(request) });
        if (!form.ok) throw new DomainError([]);
        return redirectWithFlash(reply, `/admin/cases/${row.id}`, { kind: 'success', text: message || t.done });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        for (const p of error.problems) form.fail(p.field ? (fields[p.field] ?? p.field) : '_form', p[request.lang]);
        const fresh = (await getCase(db, request.site.id, row.id)) ?? row;
        // A stale version: show the case as it is now, with what the person typed; personal data: what was found, highlighted.
        const check = error instanceof PersonalDataError ? error.check : null;
        return detailPage(request, reply, fresh, viewer, { values: form.values, errors: form.errors }, error instanceof StaleCaseError ? 409 : check ? 422 : 400, check);
      }
    });

  /** Runs the use case only when the form itself is valid, so every problem shows at once. */
  const whenValid = async (form: FormReader, run: () => Promise<unknown>) => {
    if (!form.ok) throw new DomainError([]);
    await run();
  };

  action(
    'assign',
    'interaction.moderate',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const t = caseText(request.lang);
      const field = form.text('field', { label: t.field, max: 200 });
      const unitId = form.id('unitId', { label: t.unit });
      const note = form.text('assignNote', { label: t.note, max: 2000 });
      let assigned: CitizenCaseRow | undefined;
      await whenValid(form, async () => {
        assigned = await assignCase(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, { field, unitId, note });
      });
      // Say where it went: the select's label is gone once the page reloads.
      const unit = assigned?.unit_id ? await db.selectFrom('units').select('name').where('site_id', '=', request.site.id).where('id', '=', assigned.unit_id).executeTakeFirst() : undefined;
      return unit ? format(t.assignedTo, { unit: unit.name }) : undefined;
    },
    { note: 'assignNote' },
  );

  action('receipt', 'interaction.view', async ({ request, viewer, row, lockVersion, ctx }) => {
    await recordReceipt(ctx, actorOf(request), request.site, viewer, row.id, lockVersion);
  });

  action(
    'forward',
    'interaction.moderate',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const t = caseText(request.lang);
      const to = form.text('to', { label: t.forwardTo, max: 300 });
      const reason = form.text('forwardReason', { label: t.reason, max: 2000 });
      await whenValid(form, () => forwardCase(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, { to, reason }));
    },
    { reason: 'forwardReason' },
  );

  action(
    'merge',
    'interaction.moderate',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const t = caseText(request.lang);
      const target = form.text('target', { label: t.mergeTarget, max: 20 });
      const note = form.text('mergeNote', { label: t.note, max: 2000 });
      await whenValid(form, () => mergeCase(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, { target, note }));
    },
    { note: 'mergeNote' },
  );

  action(
    'refuse',
    'interaction.moderate',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const t = caseText(request.lang);
      const code = form.choice('code', REFUSAL_CODES, { label: t.refusalCode });
      const reason = form.text('refuseReason', { label: t.reason, max: 4000 });
      await whenValid(form, () => refuseCase(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, { code, reason }));
    },
    { reason: 'refuseReason' },
  );

  action('complexity', 'interaction.view', async ({ request, form, viewer, row, lockVersion, ctx }) => {
    const complexity = form.choice('complexity', ['simple', 'complex'] as const, { label: caseText(request.lang).complexity });
    await whenValid(form, () => setComplexity(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, complexity));
  });

  action('notice', 'interaction.view', async ({ request, viewer, row, lockVersion, ctx }) => {
    await sendNotice(ctx, actorOf(request), request.site, viewer, row.id, lockVersion);
  });

  action(
    'extend',
    'interaction.view',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const reason = form.text('extendReason', { label: caseText(request.lang).reason, max: 2000 });
      await whenValid(form, () => extendDeadline(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, reason));
    },
    { reason: 'extendReason' },
  );

  action('article', 'interaction.moderate', async ({ request, form, viewer, row, lockVersion, ctx }) => {
    const articleId = form.id('articleId', { label: caseText(request.lang).articleId });
    await whenValid(form, () => setClaimArticle(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, articleId));
  });

  action(
    'uphold',
    'interaction.moderate',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const note = form.text('upholdNote', { label: caseText(request.lang).conclusion, max: 4000 });
      await whenValid(form, () => upholdClaim(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, note));
    },
    { note: 'upholdNote' },
  );

  action('close-with-correction', 'interaction.moderate', async ({ request, viewer, row, lockVersion, ctx }) => {
    await closeWithCorrection(ctx, actorOf(request), request.site, viewer, row.id, lockVersion);
  });

  action('answer', 'interaction.answer', async ({ request, form, viewer, row, lockVersion, ctx }) => {
    const t = caseText(request.lang);
    const text = form.text('answer', { label: t.answer, max: MAX_ANSWER });
    const submit = form.choice('intent', ['save', 'submit'] as const, { label: 'intent' }) === 'submit';
    if (!form.ok) throw new DomainError([]);
    const saved = await saveAnswer(ctx, actorOf(request), viewer, row.id, lockVersion, text);
    if (!submit) return t.saved;
    await actOnAnswer(ctx, actorOf(request), request.auth!.grants, request.site, viewer, row.id, saved.lock_version, 'submit', null);
  });

  action(
    'review',
    'interaction.view',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const decision = form.choice('decision', ['approve', 'return', 'reject', 'withdraw'] as const, { label: 'decision', required: true });
      const reason = form.text('reviewReason', { label: caseText(request.lang).reviewReason, max: 2000 });
      await whenValid(form, () => actOnAnswer(ctx, actorOf(request), request.auth!.grants, request.site, viewer, row.id, lockVersion, decision as ReviewDecision, reason));
    },
    { reason: 'reviewReason' },
  );

  /** The public title, text and answer of the send and publication forms, and the confirmation of personal data left in them. */
  const publicationInput = (request: FastifyRequest, form: FormReader): PublicationInput => {
    const t = caseText(request.lang);
    return {
      publicTitle: form.text('publicTitle', { label: t.publicTitle, max: 300 }),
      publicBody: form.text('publicBody', { label: t.publicBody, max: 20000 }),
      publicAnswer: form.text('publicAnswer', { label: t.publicAnswer, max: MAX_ANSWER }),
      personalData: { confirmed: form.checkbox('confirmPersonalData'), reason: form.text('personalDataReason', { label: t.personalDataReason, max: 2000 }) },
    };
  };

  action('send', 'interaction.moderate', async ({ request, form, viewer, row, lockVersion, ctx }) => {
    const publish = form.checkbox('publish');
    const input = publicationInput(request, form);
    await whenValid(form, () => sendAnswer(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, { publish, ...input }));
  });

  action('publication', 'interaction.moderate', async ({ request, form, viewer, row, lockVersion, ctx }) => {
    const input = publicationInput(request, form);
    await whenValid(form, () => setPublication(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, input));
  });

  action(
    'unpublish',
    'interaction.moderate',
    async ({ request, form, viewer, row, lockVersion, ctx }) => {
      const reason = form.text('unpublishReason', { label: caseText(request.lang).reason, max: 2000 });
      await whenValid(form, () => unpublishCase(ctx, actorOf(request), request.site, viewer, row.id, lockVersion, reason));
    },
    { reason: 'unpublishReason' },
  );
}
