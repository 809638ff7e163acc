// The audit log viewer of a site, with filters and an integrity check.
import { mayReadDetails } from './restricted-details.ts';
import { escapeHtml } from '@kitajs/html';
import type { FastifyInstance } from 'fastify';
import { format } from '../../ui/i18n.ts';
import { formatDateTime, parseDateInput, startOfVietnamDate, addDays } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { idParam } from '../../platform/http/request-info.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { ActionButton, SelectField, TextField, type FormState } from '../../ui/components/form.tsx';
import { Pagination } from '../../ui/components/pagination.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listMembers } from '../members/store.ts';
import { anchorFilePath, readAnchors } from './anchors.ts';
import { auditKeyring } from './keys.ts';
import { auditText } from './messages.ts';
import { distinctAuditActions, findAuditEntries, verifyAuditChains } from './store.ts';

const PAGE_SIZE = 50;

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'audit.read' as const } };

  app.get('/admin/audit', { config: access }, async (request, reply) => {
    const t = auditText(request.lang);
    const c = common(request.lang);
    const q = request.query as Record<string, string | undefined>;
    const page = Math.max(1, Math.min(10_000, Number(q.page) || 1));
    const fromDate = q.from ? parseDateInput(q.from) : null;
    const toDate = q.to ? parseDateInput(q.to) : null;
    const actions = await distinctAuditActions(db, request.site.id);
    const families = [...new Set(actions.map((a) => `${a.split('.')[0]}.`))];
    const action = q.action && (actions.includes(q.action) || families.includes(q.action)) ? q.action : undefined;
    const actorId = idParam(q.actor);
    const { rows, total } = await findAuditEntries(db, {
      siteId: request.site.id,
      ...(actorId ? { actorUserId: actorId } : {}),
      ...(action ? { action } : {}),
      ...(fromDate ? { from: startOfVietnamDate(fromDate).toISOString() } : {}),
      ...(toDate ? { to: new Date(startOfVietnamDate(addDays(toDate, 1)).getTime() - 1).toISOString() } : {}),
      ...(q.target ? { targetId: q.target.slice(0, 40) } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    const members = await listMembers(db, request.site.id);
    const names = new Map(members.map((m) => [m.userId, m.name]));
    const filter: FormState = { values: { actor: q.actor ?? '', action: q.action ?? '', from: fromDate ?? '', to: toDate ?? '', target: q.target ?? '' }, errors: {} };
    const query = Object.fromEntries(Object.entries(filter.values).filter(([, v]) => v !== '')) as Record<string, string>;
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <ActionButton action="/admin/audit/verify" label={t.verify} csrfToken={ctx.csrfToken} variant="secondary" />
        <form method="get" action="/admin/audit" class="filters" role="search">
          <SelectField name="actor" label={t.actor} form={filter} options={members.map((m) => ({ value: String(m.userId), label: m.name }))} emptyLabel={t.anyActor} />
          <SelectField
            name="action"
            label={t.action}
            form={filter}
            options={[...families.map((f) => ({ value: f, label: `${f}*` })), ...actions.map((a) => ({ value: a, label: a }))]}
            emptyLabel={t.anyAction}
          />
          <TextField name="from" type="date" label={t.from} form={filter} />
          <TextField name="to" type="date" label={t.to} form={filter} />
          <TextField name="target" label={t.target} form={filter} />
          <button type="submit" class="button button-secondary">
            {c.filter}
          </button>
        </form>
        {rows.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption safe>{format(t.total, { count: total })}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t.time}</th>
                  <th scope="col">{t.actor}</th>
                  <th scope="col">{t.action}</th>
                  <th scope="col">{t.target}</th>
                  <th scope="col">{t.details}</th>
                  <th scope="col">{t.origin}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>{r.seq}</td>
                    <td safe>{formatDateTime(r.created_at)}</td>
                    <td>
                      <span safe>{r.actor_label ?? t.system}</span>
                      {r.on_behalf_of_user_id ? (
                        <>
                          <br />
                          <em safe>{format(t.onBehalfOf, { name: names.get(r.on_behalf_of_user_id) ?? `#${r.on_behalf_of_user_id}` })}</em>
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>
                      <code safe>{r.action}</code>
                    </td>
                    <td>{escapeHtml(r.target_type ? `${r.target_type} ${r.target_id ?? ''}` : '')}</td>
                    <td>
                      {mayReadDetails(request.auth!.grants, r.action) ? <code safe>{r.details === '{}' ? '' : r.details}</code> : <em>{t.detailsRestricted}</em>}
                    </td>
                    <td class="muted" safe>
                      {r.ip ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination lang={request.lang} page={page} pages={Math.max(1, Math.ceil(total / PAGE_SIZE))} baseUrl="/admin/audit" query={query} />
      </AdminLayout>,
    );
  });

  app.post('/admin/audit/verify', { config: access }, async (request, reply) => {
    const t = auditText(request.lang);
    const keyring = auditKeyring();
    const anchors = readAnchors([anchorFilePath(deps.config.dataDir)], keyring);
    const [result] = await verifyAuditChains(db, { siteId: request.site.id, anchors, keyring });
    const problems = result?.problems ?? [];
    const text = problems.length === 0 ? format(t.verifyOk, { rows: result?.rows ?? 0, hash: (result?.headHash ?? '').slice(0, 16) }) : format(t.verifyBad, { count: problems.length });
    return redirectWithFlash(reply, '/admin/audit', { kind: problems.length === 0 ? 'success' : 'error', text });
  });
}
