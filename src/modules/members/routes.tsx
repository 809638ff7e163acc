// The users page of a site: list, add, change roles and unit, account actions.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can, ROLES, type Role } from '../../core/permissions.ts';
import { format } from '../../ui/i18n.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { absoluteUrl } from '../accounts/routes.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { roleLabel } from '../sites/site.ts';
import { listUnits } from '../units/manage-units.ts';
import { buildUnitTree, flattenTree } from '../units/unit.ts';
import { addMember, canManageAccount, issuePasswordLink, resetTwoFactor, updateAccountProfile, updateMembership } from './manage-members.ts';
import { memberText } from './messages.ts';
import { MemberDetailPage, MemberListPage, NewMemberPage, PasswordLinkPage, type MemberPageContext } from './pages.tsx';
import { getMember, listMembers } from './store.ts';

export function registerMemberRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const view = { access: { kind: 'permission' as const, permission: 'members.view' as const } };
  const manage = { access: { kind: 'permission' as const, permission: 'users.manage' as const } };

  async function memberContext(request: FastifyRequest, reply: FastifyReply): Promise<MemberPageContext> {
    const units = flattenTree(buildUnitTree(await listUnits(db, request.site.id)));
    return {
      ctx: await pageContext(deps, request, reply),
      roleLabel: (role: Role) => roleLabel(request.site, role, request.lang),
      unitOptions: units.map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${n.unit.name}` })),
    };
  }

  function readMemberForm(request: FastifyRequest, opts: { rolesRequired: boolean }) {
    const t = memberText(request.lang);
    const form = new FormReader(request.body, request.lang);
    return {
      form,
      unitId: form.id('unitId', { label: t.unit }),
      position: form.text('position', { label: t.position, max: 120 }),
      roles: form.choices('roles', ROLES, { label: t.roles, required: opts.rolesRequired }),
    };
  }

  app.get('/admin/users', { config: view }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const filter: FormState = { values: { q: q.q ?? '', role: q.role ?? '', unit: q.unit ?? '', status: q.status ?? '' }, errors: {} };
    const members = await listMembers(db, request.site.id, {
      ...(q.q ? { search: q.q.slice(0, 100) } : {}),
      ...(q.role && (ROLES as readonly string[]).includes(q.role) ? { role: q.role as Role } : {}),
      ...(idParam(q.unit) ? { unitId: idParam(q.unit)! } : {}),
      ...(q.status === 'active' || q.status === 'disabled' ? { status: q.status } : {}),
    });
    const canManage = can(request.auth!.grants, 'users.manage');
    return sendHtml(reply, <MemberListPage {...await memberContext(request, reply)} members={members} filter={filter} canManage={canManage} />);
  });

  app.get('/admin/users/new', { config: manage }, async (request, reply) =>
    sendHtml(reply, <NewMemberPage {...await memberContext(request, reply)} form={emptyForm()} />),
  );

  app.post('/admin/users', { config: manage }, async (request, reply) => {
    const t = memberText(request.lang);
    const { form, unitId, position, roles } = readMemberForm(request, { rolesRequired: true });
    const email = form.email('email', { label: t.email, required: true });
    const name = form.text('name', { label: t.name, required: true, max: 120 });
    const phone = form.phone('phone', { label: t.phone });
    if (form.ok && email && name) {
      try {
        const result = await addMember(db, actorOf(request), { email, name, phone, unitId, position, roles }, clock);
        if (!result.setupToken) {
          return redirectWithFlash(reply, `/admin/users/${result.userId}`, { kind: 'success', text: result.createdAccount ? format(t.created, { name }) : format(t.addedExisting, { email }) });
        }
        const link = absoluteUrl(request, `/admin/password/reset/${result.setupToken}`);
        const site = request.site.name;
        const mailed = await deps.mailer
          .send({ to: email, subject: format(t.inviteSubject, { site }), text: format(t.inviteBody, { name, site, link, login: absoluteUrl(request, '/admin/login') }) })
          .then(() => true)
          .catch((err: Error) => {
            request.log.error({ err: { message: err.message } }, 'invitation mail failed');
            return false;
          });
        const ctx = await pageContext(deps, request, reply);
        ctx.flash = { kind: 'success', text: format(t.created, { name }) };
        return sendHtml(reply, <PasswordLinkPage ctx={ctx} name={name} email={email} link={link} mailed={mailed} userId={result.userId} />, 201);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return sendHtml(reply, <NewMemberPage {...await memberContext(request, reply)} form={form} />, 400);
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, forms: { membership?: FormState; profile?: FormState } = {}, status = 200) {
    const userId = idParam((request.params as { id: string }).id);
    const member = userId ? await getMember(db, request.site.id, userId) : undefined;
    if (!member) return notFound(request, reply);
    const grants = request.auth!.grants;
    const membershipForm = forms.membership ?? emptyForm({ unitId: member.unitId ? String(member.unitId) : '', position: member.position ?? '', roles: member.roles, status: member.membershipStatus });
    const profileForm = forms.profile ?? emptyForm({ name: member.name, phone: member.phone ?? '' });
    return sendHtml(
      reply,
      <MemberDetailPage
        {...await memberContext(request, reply)}
        member={member}
        membershipForm={membershipForm}
        profileForm={profileForm}
        canManage={can(grants, 'users.manage')}
        canManageAccount={await canManageAccount(db, request.site.id, member.userId, grants.platformAdmin)}
      />,
      status,
    );
  }

  app.get('/admin/users/:id', { config: view }, async (request, reply) => detail(request, reply));

  const targetId = (request: FastifyRequest) => idParam((request.params as { id: string }).id);

  app.post('/admin/users/:id/membership', { config: manage }, async (request, reply) => {
    const t = memberText(request.lang);
    const userId = targetId(request);
    if (!userId) return notFound(request, reply);
    // A member may be left without roles (kept on the site, no access) — the last administrator rule still applies.
    const { form, unitId, position, roles } = readMemberForm(request, { rolesRequired: false });
    const status = form.choice('status', ['active', 'disabled'] as const, { label: t.status, required: true });
    if (form.ok && status) {
      try {
        await updateMembership(db, actorOf(request), userId, { unitId, position, roles, status }, { actorIsPlatformAdmin: request.auth!.grants.platformAdmin }, clock);
        return redirectWithFlash(reply, `/admin/users/${userId}`, { kind: 'success', text: t.saved });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return detail(request, reply, { membership: form }, 400);
  });

  app.post('/admin/users/:id/profile', { config: manage }, async (request, reply) => {
    const t = memberText(request.lang);
    const userId = targetId(request);
    if (!userId) return notFound(request, reply);
    const form = new FormReader(request.body, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 120 });
    const phone = form.phone('phone', { label: t.phone });
    if (form.ok && name) {
      try {
        await updateAccountProfile(db, actorOf(request), userId, { name, phone }, { actorIsPlatformAdmin: request.auth!.grants.platformAdmin }, clock);
        return redirectWithFlash(reply, `/admin/users/${userId}`, { kind: 'success', text: t.saved });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 422) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return detail(request, reply, { profile: form }, 400);
  });

  app.post('/admin/users/:id/password-link', { config: manage }, async (request, reply) => {
    const t = memberText(request.lang);
    const userId = targetId(request);
    const member = userId ? await getMember(db, request.site.id, userId) : undefined;
    if (!userId || !member) return notFound(request, reply);
    const token = await issuePasswordLink(db, actorOf(request), userId, { actorIsPlatformAdmin: request.auth!.grants.platformAdmin }, clock);
    const link = absoluteUrl(request, `/admin/password/reset/${token}`);
    const site = request.site.name;
    const mailed = await deps.mailer
      .send({ to: member.email, subject: format(t.resetSubject, { site }), text: format(t.resetBody, { name: member.name, site, link }) })
      .then(() => true)
      .catch(() => false);
    return sendHtml(reply, <PasswordLinkPage ctx={await pageContext(deps, request, reply)} name={member.name} email={member.email} link={link} mailed={mailed} userId={userId} />);
  });

  app.post('/admin/users/:id/reset-2fa', { config: manage }, async (request, reply) => {
    const t = memberText(request.lang);
    const userId = targetId(request);
    if (!userId) return notFound(request, reply);
    await resetTwoFactor(db, actorOf(request), userId, { actorIsPlatformAdmin: request.auth!.grants.platformAdmin }, clock);
    return redirectWithFlash(reply, `/admin/users/${userId}`, { kind: 'success', text: t.twoFactorReset });
  });
}
