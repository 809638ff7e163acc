// Reports over HTTP (/admin/reports): the list, a period's report (live
// preview, drafts, approved versions), its XLSX and PDF, preparation by the
// secretariat, approval by the head, and the roll-up of member sites. Every
// route declares its permission; lookups name the request's site, so another
// site's report is not found.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/permissions.ts';
import { DomainError } from '../../core/errors.ts';
import type { ReportKind, ReportPeriod } from '../../core/reports/section.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { writeXlsx, XLSX_MIME } from '../../platform/spreadsheet.ts';
import { format } from '../../ui/i18n.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { appendAudit } from '../audit/store.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { previousMonth } from '../citizens/figures.ts';
import { listSites } from '../sites/store.ts';
import { vietnamDate } from '../../core/time.ts';
import { computeReport, isReportKind, periodOf, reportHeading } from './compute.ts';
import { documentOf, fileNameOf, previewDocument, type ReportDocument } from './document.ts';
import { approveReport, prepareReport } from './manage-reports.ts';
import { reportText } from './messages.ts';
import { ReportPage, reportPath, ReportsListPage, RollupPage } from './pages.tsx';
import { reportPdf } from './pdf.ts';
import { REPORT_SECTIONS } from './registry.ts';
import { computeRollup, membersOf } from './rollup.ts';
import { listReports, reportById, reportVersions, type ReportListing } from './store.ts';
import { reportXlsx } from './xlsx.ts';
import { placeOfSite } from './place.ts';

const view = { access: { kind: 'permission' as const, permission: 'reports.view' as const } };
const prepare = { access: { kind: 'permission' as const, permission: 'reports.prepare' as const } };
const approve = { access: { kind: 'permission' as const, permission: 'reports.approve' as const } };

interface Target {
  kind: ReportKind;
  period: ReportPeriod;
}

function targetOf(request: FastifyRequest): Target | null {
  const { kind, period } = request.params as { kind?: string; period?: string };
  if (!isReportKind(kind) || typeof period !== 'string') return null;
  const p = periodOf(kind, period);
  return p ? { kind, period: p } : null;
}

/** "?phien-ban=2": a version number, null when absent, undefined when malformed. */
function versionAsked(request: FastifyRequest): number | null | undefined {
  const raw = (request.query as { 'phien-ban'?: string })['phien-ban'];
  if (raw === undefined || raw === '') return null;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
}

export function registerReports(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const live = (request: FastifyRequest, target: Target) =>
    computeReport(db, request.site, target.kind, target.period, deps.clock.now(), REPORT_SECTIONS, null, (section, error) => request.log.error({ err: error, section }, 'report section failed'));

  /** The report shown for a request: the version asked for, else the latest version, else a preview. */
  async function documentFor(request: FastifyRequest, target: Target): Promise<{ doc: ReportDocument; versions: ReportListing[] } | null> {
    const versions = await reportVersions(db, request.site.id, target.kind, target.period.key);
    const asked = versionAsked(request);
    if (asked === undefined) return null;
    const listed = asked === null ? versions[0] : versions.find((v) => v.version === asked);
    if (asked !== null && !listed) return null;
    if (!listed) return { doc: previewDocument(request.site, await live(request, target)), versions };
    const row = (await reportById(db, request.site.id, listed.id))!;
    return { doc: documentOf(request.site, row, row.state === 'approved' ? null : await live(request, target)), versions };
  }

  function draftForm(doc: ReportDocument, latest: ReportListing | undefined, place: string | null): FormState {
    // A new version starts from the last one's words; a first report from the board's place.
    return emptyForm({
      number: latest?.number ?? '',
      subject: latest?.subject ?? doc.subject,
      place: latest?.place ?? place ?? '',
      signerTitle: latest?.signer_title ?? doc.signerTitle,
      recipients: latest?.recipients ?? '',
      assessment: latest?.assessment ?? '',
      proposals: latest?.proposals ?? '',
      reason: latest?.state === 'draft' ? (latest.reissue_reason ?? '') : '',
    });
  }

  async function periodPage(request: FastifyRequest, reply: FastifyReply, target: Target, form: FormState | null, status = 200) {
    const found = await documentFor(request, target);
    if (!found) return notFound(request, reply);
    const grants = request.auth!.grants;
    const latest = found.versions[0];
    return sendHtml(
      reply,
      <ReportPage
        ctx={await pageContext(deps, request, reply)}
        doc={found.doc}
        versions={found.versions}
        canPrepare={can(grants, 'reports.prepare')}
        canApprove={can(grants, 'reports.approve')}
        openDraft={latest?.state === 'draft' ? latest : null}
        form={form ?? draftForm(found.doc, latest, await placeOfSite(db, request.site))}
        needsReason={found.versions.some((v) => v.state === 'approved')}
      />,
      status,
    );
  }

  app.get('/admin/reports', { config: view }, async (request, reply) => {
    const rows = await listReports(db, request.site.id);
    const members = membersOf(request.site.id, await listSites(db));
    return sendHtml(reply, <ReportsListPage ctx={await pageContext(deps, request, reply)} rows={rows} kind="monthly" period={previousMonth(vietnamDate(deps.clock.now()))} error={null} hasMembers={members.length > 0 || request.auth!.grants.platformAdmin} />);
  });

  // The period form (GET, works without JavaScript) leads to the period's address.
  app.get('/admin/reports/open', { config: view }, async (request, reply) => {
    const { loai, ky } = request.query as { loai?: string; ky?: string };
    const kind = isReportKind(loai) ? loai : 'monthly';
    const key = (ky ?? '').trim().toUpperCase();
    if (periodOf(kind, key)) return reply.redirect(reportPath(kind, key), 303);
    const rows = await listReports(db, request.site.id);
    return sendHtml(reply, <ReportsListPage ctx={await pageContext(deps, request, reply)} rows={rows} kind={kind} period={ky ?? ''} error={reportText(request.lang).badPeriod} hasMembers={false} />, 400);
  });

  async function rollupOf(request: FastifyRequest) {
    const { loai, ky } = request.query as { loai?: string; ky?: string };
    const kind = isReportKind(loai) ? loai : 'monthly';
    // Without a period: last month.
    const period = ky ? periodOf(kind, ky) : kind === 'monthly' ? periodOf('monthly', previousMonth(vietnamDate(deps.clock.now()))) : null;
    if (!period) return null;
    return { kind, period, rollup: await computeRollup(db, request.site, kind, period, deps.clock.now(), REPORT_SECTIONS) };
  }

  app.get('/admin/reports/rollup', { config: view }, async (request, reply) => {
    const found = await rollupOf(request);
    if (!found) return notFound(request, reply);
    return sendHtml(reply, <RollupPage ctx={await pageContext(deps, request, reply)} kind={found.kind} periodKey={found.period.key} periodText={reportHeading(found.kind, found.period, request.lang)} rollup={found.rollup} />);
  });

  app.get('/admin/reports/rollup/xlsx', { config: view }, async (request, reply) => {
    const found = await rollupOf(request);
    if (!found) return notFound(request, reply);
    const { rows, columns, totals } = found.rollup;
    const t = reportText(request.lang);
    const headers = [t.site, t.source, ...columns.map((c) => `${c.section[request.lang]}: ${c.label[request.lang]}`)];
    const cells = (values: Record<string, string | number | null>) => columns.map((c) => values[c.key] ?? null);
    const table = [...rows.map((r) => [r.site.name, r.approvedVersion ? format(t.sourceApproved, { v: r.approvedVersion }) : t.sourceLive, ...cells(r.values)]), [t.total, '', ...cells(totals)]];
    reply.header('content-disposition', `attachment; filename="tong-hop-${found.kind}-${found.period.key}.xlsx"`).header('cache-control', 'no-store');
    return reply.type(XLSX_MIME).send(await writeXlsx(t.rollup, headers, table));
  });

  app.get('/admin/reports/:kind/:period', { config: view }, async (request, reply) => {
    const target = targetOf(request);
    if (!target) return notFound(request, reply);
    return periodPage(request, reply, target, null);
  });

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(`/admin/reports/:kind/:period/${format}`, { config: view }, async (request, reply) => {
      const target = targetOf(request);
      if (!target) return notFound(request, reply);
      const found = await documentFor(request, target);
      if (!found) return notFound(request, reply);
      const { doc } = found;
      await appendAudit(db, actorOf(request), { action: 'report.export', targetType: 'report', ...(doc.id ? { targetId: doc.id } : {}), details: { kind: doc.kind, period: doc.figures.period.key, version: doc.version, format, state: doc.state } }, deps.clock);
      reply.header('content-disposition', `attachment; filename="${fileNameOf(doc)}.${format}"`).header('cache-control', 'no-store');
      return format === 'xlsx' ? reply.type(XLSX_MIME).send(await reportXlsx(doc)) : reply.type('application/pdf').send(await reportPdf(doc));
    });
  }

  app.post('/admin/reports/:kind/:period/prepare', { config: prepare }, async (request, reply) => {
    const target = targetOf(request);
    if (!target) return notFound(request, reply);
    const t = reportText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const input = {
      number: form.text('number', { label: t.number, required: true, max: 60 }) ?? '',
      subject: form.text('subject', { label: t.subject, required: true, max: 300 }) ?? '',
      place: form.text('place', { label: t.place, required: true, max: 80 }) ?? '',
      signerTitle: form.text('signerTitle', { label: t.signerTitle, required: true, max: 120 }) ?? '',
      recipients: form.text('recipients', { label: t.recipients, required: true, max: 2000 }) ?? '',
      assessment: form.text('assessment', { label: t.assessment, max: 20000 }) ?? '',
      proposals: form.text('proposals', { label: t.proposals, max: 20000 }) ?? '',
      reason: form.text('reason', { label: t.reason, max: 1000 }),
    };
    if (form.ok) {
      try {
        await prepareReport(db, actorOf(request), target.kind, target.period.key, input, deps.clock);
        return redirectWithFlash(reply, reportPath(target.kind, target.period.key), { kind: 'success', text: t.prepared });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return periodPage(request, reply, target, { values: form.values, errors: form.errors }, 400);
  });

  app.post('/admin/reports/:kind/:period/approve', { config: approve }, async (request, reply) => {
    const target = targetOf(request);
    if (!target) return notFound(request, reply);
    const t = reportText(request.lang);
    const version = Number((request.body as { version?: unknown } | undefined)?.version);
    const latest = (await reportVersions(db, request.site.id, target.kind, target.period.key))[0];
    if (!latest || latest.state !== 'draft' || latest.version !== version) {
      return redirectWithFlash(reply, reportPath(target.kind, target.period.key), { kind: 'error', text: t.notDraft });
    }
    const user = request.auth!.user;
    try {
      const figures = await live(request, target);
      await approveReport(db, actorOf(request), latest.id, { id: user.id, name: user.name }, figures, deps.clock);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithFlash(reply, reportPath(target.kind, target.period.key), { kind: 'error', text: error.messageIn(request.lang) });
    }
    return redirectWithFlash(reply, `${reportPath(target.kind, target.period.key)}?phien-ban=${latest.version}`, { kind: 'success', text: t.approvedFlash });
  });
}
