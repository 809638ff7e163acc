// The back-office home: who I am here, my roles and delegations, my other sites.
import { countAwaitingAssessment } from '../royalties/queue.ts';
import type { FastifyInstance } from 'fastify';
import { can, isRole, type Role } from '../../core/permissions.ts';
import { myQueue } from '../articles/queue.ts';
import { caseViewer } from '../citizens/store.ts';
import { CaseWorkloadPanel } from '../citizens/workload-panel.tsx';
import { caseWorkload } from '../citizens/workload.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { originOf } from '../../platform/http/request-info.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { listDelegations } from '../delegations/store.ts';
import { sitesOfUser } from '../members/store.ts';
import { roleLabel } from '../sites/site.ts';
import { homeText } from './messages.ts';
import { pageContext, sendHtml } from './render.ts';

export function registerBackofficeHome(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  app.get('/admin', { config: { access: { kind: 'signed-in' } } }, async (request, reply) => {
    const ctx = await pageContext(deps, request, reply);
    const t = homeText(request.lang);
    const auth = request.auth!;
    const site = request.site;
    const today = vietnamDate(deps.clock.now());
    const mySites = await sitesOfUser(db, auth.user.id);
    const siteRows = await Promise.all(mySites.map(async (m) => ({ ...m, site: await deps.sites.byIdOrNull(m.siteId) })));
    const delegations = (await listDelegations(db, site.id, { involvingUserId: auth.user.id })).filter((d) => d.revoked_at === null && d.ends_on >= today);
    const label = (role: Role) => roleLabel(site, role, request.lang);
    const waiting = can(auth.grants, 'content.view') ? (await myQueue(db, site.id, auth.user.id, auth.grants, deps.clock.now())).length : 0;
    const toAssess = can(auth.grants, 'royalties.assess') ? await countAwaitingAssessment(db, site.id) : 0;
    const cases = can(auth.grants, 'interaction.view') ? await caseWorkload(db, site, await caseViewer(db, site.id, auth.grants), deps.clock.now()) : null;
    const rolesText = (d: (typeof delegations)[number]) =>
      d.all_roles === 1 ? t.allRoles : (JSON.parse(d.roles) as string[]).filter(isRole).map(label).join(', ');

    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <p class="lead" safe>
          {format(t.welcome, { name: auth.user.name })}
        </p>
        {waiting > 0 ? (
          <div class="flash flash-info" role="status">
            <p>
              <a href="/admin/queue" safe>
                {format(t.waiting, { count: waiting })}
              </a>
            </p>
          </div>
        ) : (
          ''
        )}
        {toAssess > 0 ? (
          <div class="flash flash-info" role="status">
            <p>
              <a href="/admin/royalties" safe>
                {format(t.toAssess, { count: toAssess })}
              </a>
            </p>
          </div>
        ) : (
          ''
        )}
        {can(auth.grants, 'content.create') ? (
          // Officials write in Word: the first thing they come to do is one click away.
          <p class="actions-row">
            <a class="button" href="/admin/articles/import">
              {t.importWord}
            </a>
            <a class="button button-secondary" href="/admin/articles/new">
              {t.newArticle}
            </a>
          </p>
        ) : (
          ''
        )}
        {cases ? <CaseWorkloadPanel workload={cases} lang={request.lang} /> : ''}
        <section aria-labelledby="roles-h">
          <h2 id="roles-h">{t.yourRoles}</h2>
          {auth.grants.platformAdmin ? <p>{t.platformAdmin}</p> : ''}
          {auth.grants.ownRoles.length > 0 ? (
            <ul>
              {auth.grants.ownRoles.map((r) => (
                <li safe>{label(r)}</li>
              ))}
            </ul>
          ) : (
            <p>{t.noRoles}</p>
          )}
          {auth.grants.delegated.length > 0 ? (
            <>
              <h3>{t.delegatedRoles}</h3>
              <ul>
                {auth.grants.delegated.map((d) => {
                  const del = delegations.find((x) => x.id === d.delegationId);
                  return <li safe>{format(t.delegatedFrom, { role: label(d.role), name: del?.from_name ?? '', until: del ? formatDate(del.ends_on) : '' })}</li>;
                })}
              </ul>
            </>
          ) : (
            ''
          )}
        </section>
        <section aria-labelledby="deleg-h">
          <h2 id="deleg-h">{t.delegations}</h2>
          {delegations.length === 0 ? (
            <p>{t.noDelegations}</p>
          ) : (
            <ul>
              {delegations.map((d) => (
                <li safe>
                  {format(d.from_user_id === auth.user.id ? t.given : t.received, {
                    name: d.from_user_id === auth.user.id ? d.to_name : d.from_name,
                    roles: rolesText(d),
                    from: formatDate(d.starts_on),
                    to: formatDate(d.ends_on),
                  })}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/admin/delegations">{t.manageDelegations}</a>
          </p>
        </section>
        <section aria-labelledby="sites-h">
          <h2 id="sites-h">{t.yourSites}</h2>
          <ul class="cards">
            {siteRows
              .filter((r) => r.site)
              .map((r) => (
                <li class="card">
                  <h3 safe>{r.site!.name}</h3>
                  <p>
                    {t.siteRoles}:{' '}
                    <span safe>{r.roles.map((role) => roleLabel(r.site!, role, request.lang)).join(', ') || '—'}</span>
                    {r.status !== 'active' ? <span class="tag tag-bad">{t.membershipDisabled}</span> : ''}
                  </p>
                  {r.site!.primaryHost ? (
                    <p>
                      <a href={`${originOf(request, r.site!.primaryHost)}/admin`}>{t.open}</a>
                    </p>
                  ) : (
                    ''
                  )}
                </li>
              ))}
          </ul>
        </section>
      </AdminLayout>,
    );
  });
}
