// Builds the PageContext of a back-office page from the request, and sends HTML.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../../core/permissions.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { takeFlash } from '../../platform/http/flash.ts';
import { common } from '../../ui/messages.ts';
import type { NavLink, PageContext } from '../../ui/page-context.ts';
import { roleLabel } from '../sites/site.ts';
import { countUnread } from '../notifications/notify.ts';
import { siteNotices } from '../maintenance/notice.ts';
import { maintenanceText } from '../maintenance/messages.ts';
import { healthText } from '../health/page.tsx';
import { forumText } from '../forum/messages.ts';
import { archiveText } from '../archive/messages.ts';

function navFor(request: FastifyRequest, unread: number): NavLink[] {
  const auth = request.auth;
  if (!auth || auth.stage !== 'active') return [];
  const t = common(request.lang);
  const links: { href: string; label: string; permission?: Permission; unless?: Permission; platform?: boolean }[] = [
    { href: '/admin', label: t.home },
    { href: '/admin/queue', label: t.queue, permission: 'content.view' },
    { href: '/admin/articles', label: t.articles, permission: 'content.view' },
    { href: '/admin/documents', label: t.documents, permission: 'content.view' },
    { href: '/admin/entries', label: t.entries, permission: 'content.view' },
    { href: '/admin/procedures', label: t.procedures, permission: 'content.view' },
    { href: '/admin/media', label: t.media, permission: 'content.view' },
    { href: '/admin/notifications', label: unread > 0 ? `${t.notifications} (${unread})` : t.notifications },
    { href: '/admin/cases', label: t.cases, permission: 'interaction.view' },
    { href: '/admin/consultations', label: t.consultations, permission: 'interaction.moderate' },
    { href: '/admin/forum', label: forumText(request.lang).admin, permission: 'interaction.moderate' },
    { href: '/admin/disclosure', label: t.disclosure, permission: 'interaction.moderate' },
    { href: '/admin/contact', label: t.contact, permission: 'interaction.moderate' },
    { href: '/admin/ratings', label: t.ratings, permission: 'reports.view' },
    { href: '/admin/polls', label: t.polls, permission: 'engagement.manage' },
    { href: '/admin/usage', label: t.usage, permission: 'reports.view' },
    { href: '/admin/completeness', label: t.completeness, permission: 'reports.view' },
    { href: '/admin/provision', label: t.provision, permission: 'reports.view' },
    // A unit head's own unit, unless they also see the whole board's page.
    { href: '/admin/provision/unit', label: t.provision, permission: 'reports.own_unit', unless: 'reports.view' },
    { href: '/admin/reports', label: t.reports, permission: 'reports.view' },
    { href: '/admin/review-times', label: t.reviewTimes, permission: 'reports.view' },
    { href: '/admin/royalties', label: t.royalties, permission: 'royalties.view' },
    { href: '/admin/sections', label: t.sections, permission: 'sections.manage' },
    { href: '/admin/workflow', label: t.workflow, permission: 'rules.manage' },
    { href: '/admin/screening', label: t.screening, permission: 'screening.manage' },
    { href: '/admin/users', label: t.users, permission: 'members.view' },
    { href: '/admin/units', label: t.units, permission: 'members.view' },
    { href: '/admin/delegations', label: t.delegations },
    { href: '/admin/audit', label: t.audit, permission: 'audit.read' },
    { href: '/admin/site', label: t.siteSettings, permission: 'site.settings' },
    { href: '/admin/archive', label: archiveText(request.lang).title, permission: 'site.settings' },
    { href: '/admin/rules', label: t.rules, permission: 'rules.manage' },
    { href: '/admin/sites', label: t.sites, platform: true },
    { href: '/admin/maintenance', label: maintenanceText(request.lang).title, platform: true },
    { href: '/admin/backups', label: request.lang === 'en' ? 'Backups' : 'Sao lưu', platform: true },
    { href: '/admin/healthz', label: healthText(request.lang).title, platform: true },
    { href: '/admin/account', label: t.account },
  ];
  return links
    .filter((l) => (l.platform ? auth.grants.platformAdmin : l.permission ? can(auth.grants, l.permission) : true))
    .filter((l) => !l.unless || !can(auth.grants, l.unless))
    .map(({ href, label }) => ({ href, label }));
}

export async function pageContext(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  const site = request.site;
  const mergedInto = site.mergedIntoSiteId ? await deps.sites.byIdOrNull(site.mergedIntoSiteId) : null;
  const user = request.auth?.user;
  return {
    lang: request.lang,
    path: request.url,
    csrfToken: reply.generateCsrf(),
    site: {
      name: request.lang === 'en' && site.nameEn ? site.nameEn : site.name,
      agencyName: request.lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName,
      boardLabel: roleLabel(site, 'board', request.lang),
      status: site.status,
      notice: site.statusNotice,
      mergedIntoName: mergedInto?.name ?? null,
    },
    user: user ? { id: user.id, name: user.name, email: user.email } : null,
    nav: navFor(request, user && request.auth?.stage === 'active' ? await countUnread(deps.database.db, site.id, user.id) : 0),
    flash: takeFlash(request, reply),
    maintenance: await siteNotices(deps.database.db, site.id, deps.clock.now(), request.lang),
  };
}

export async function sendHtml(reply: FastifyReply, html: JSX.Element, status = 200): Promise<FastifyReply> {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(await html);
}
