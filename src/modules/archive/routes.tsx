// The site administrator's archive export page (/admin/archive): start an
// export, watch it (the page refreshes itself while one runs),
// download the .zip. While one runs the page asks to be reloaded (a Refresh header). Every address is looked up under the requesting site only:
// another site's export answers 404.
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { formatDateTime, isoNow } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { CsrfField } from '../../ui/components/form.tsx';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { EXPIRE_DAYS, exportsSettled, exportZipPath, getExport, KEEP_READY, listExports, pruneExports, removeExport, startExport, type ExportJob } from './jobs.ts';
import { appendAudit } from '../audit/store.ts';
import { archiveText } from './messages.ts';
import { sizeText } from './render-fields.ts';


export function ArchivePage({ ctx, jobs }: { ctx: PageContext; jobs: ExportJob[] }): JSX.Element {
  const t = archiveText(ctx.lang);
  const busy = jobs.some((j) => j.state === 'running');
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form method="post" action="/admin/archive">
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" disabled={busy}>
          {t.start}
        </button>
      </form>
      <h2>{t.list}</h2>
      {jobs.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.started}</th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.items}</th>
              <th scope="col">{t.download}</th>
              <th scope="col">{t.remove}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr>
                <td safe>{formatDateTime(j.startedAt)}</td>
                <td safe>{j.state === 'running' ? format(t.running, { done: j.done, total: j.total || '…' }) : j.state === 'ready' ? t.ready : `${t.failed}${j.error ? ` (${j.error === 'interrupted' ? t.interrupted : j.error})` : ''}`}</td>
                <td>{j.summary ? j.summary.items : ''}</td>
                <td>
                  {j.state === 'ready' ? (
                    <a href={`/admin/archive/${j.id}/download`} safe>
                      {`${j.name}.zip (${sizeText(j.zipBytes, ctx.lang)})`}
                    </a>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {j.state === 'running' ? (
                    ''
                  ) : (
                    <form method="post" action={`/admin/archive/${j.id}/delete`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit">{t.remove}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint" safe>
        {format(t.keep, { keep: KEEP_READY, days: EXPIRE_DAYS })}
      </p>
      <p class="hint">{t.cli}</p>
    </AdminLayout>
  );
}

export function registerArchiveRoutes(app: FastifyInstance, deps: AppDeps): void {
  // The site's system administration: on an archived or merged site too (exporting it is the point).
  const access = { access: { kind: 'permission' as const, permission: 'site.settings' as const } };
  const dataDir = deps.config.dataDir;
  app.addHook('onClose', async () => exportsSettled());

  app.get('/admin/archive', { config: access }, async (request, reply) => {
    pruneExports(dataDir, request.site.id, Date.parse(isoNow(deps.clock)));
    const jobs = listExports(dataDir, request.site.id);
    if (jobs.some((j) => j.state === 'running')) reply.header('refresh', '5');
    return sendHtml(reply, <ArchivePage ctx={await pageContext(deps, request, reply)} jobs={jobs} />);
  });

  // Each export copies every public file of the site: a few an hour at most.
  app.post('/admin/archive', { config: { ...access, rateLimit: { max: 5, timeWindow: '1 hour' } } }, async (request, reply) => {
    try {
      await startExport({ db: deps.database.db, files: deps.files, dataDir, clock: deps.clock }, request.site, deps.addresses.originOf(request.site), actorOf(request));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithFlash(reply, '/admin/archive', { kind: 'error', text: error.messageIn(request.lang) });
    }
    return redirectWithFlash(reply, '/admin/archive', { kind: 'success', text: archiveText(request.lang).startedFlash });
  });

  app.post('/admin/archive/:job/delete', { config: access }, async (request, reply) => {
    const id = (request.params as { job: string }).job;
    const job = getExport(dataDir, request.site.id, id);
    if (!job) return notFound(request, reply);
    const t = archiveText(request.lang);
    if (!removeExport(dataDir, request.site.id, id)) return redirectWithFlash(reply, '/admin/archive', { kind: 'error', text: t.notRemoved });
    await appendAudit(deps.database.db, actorOf(request), { action: 'site.archive_export_delete', targetType: 'site', targetId: request.site.id, details: { job: id, name: job.name } }, deps.clock);
    return redirectWithFlash(reply, '/admin/archive', { kind: 'success', text: t.removed });
  });

  app.get('/admin/archive/:job/download', { config: access }, async (request, reply) => {
    const job = getExport(dataDir, request.site.id, (request.params as { job: string }).job);
    if (!job || job.state !== 'ready') return notFound(request, reply);
    reply.header('content-disposition', `attachment; filename="${job.name}.zip"`);
    reply.header('cache-control', 'no-store');
    return reply.type('application/zip').send(createReadStream(exportZipPath(dataDir, job)));
  });
}
