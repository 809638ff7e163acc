// Delegations of a site: everyone sees and makes their own; administrators all.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can, isRole, ROLES, type Role } from '../../core/permissions.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listMembers } from '../members/store.ts';
import { roleLabel } from '../sites/site.ts';
import { createDelegation, revokeDelegation } from './manage-delegations.ts';
import { delegationText } from './messages.ts';
import { DelegationsPage, type DelegationRowView } from './pages.tsx';
import { listDelegations } from './store.ts';

export function registerDelegationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const signedIn = { access: { kind: 'signed-in' as const } };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const t = delegationText(request.lang);
    const auth = request.auth!;
    const manager = can(auth.grants, 'delegations.manage');
    const today = vietnamDate(clock.now());
    const label = (r: Role) => roleLabel(request.site, r, request.lang);
    const members = await listMembers(db, request.site.id, { status: 'active' });
    const rows = await listDelegations(db, request.site.id, manager ? {} : { involvingUserId: auth.user.id });
    const views: DelegationRowView[] = rows.map((d) => {
      const state = d.revoked_at !== null ? 'revoked' : d.ends_on < today ? 'expired' : d.starts_on > today ? 'upcoming' : 'in_force';
      return {
        d,
        state,
        rolesText: d.all_roles === 1 ? t.allRoles : (JSON.parse(d.roles) as string[]).filter(isRole).map(label).join(', '),
        canRevoke: (state === 'in_force' || state === 'upcoming') && (manager || d.from_user_id === auth.user.id || d.to_user_id === auth.user.id),
      };
    });
    const me = members.find((m) => m.userId === auth.user.id);
    const fromMembers = manager ? members : members.filter((m) => m.userId === auth.user.id);
    const roleSource = manager ? ROLES : (me?.roles ?? []);
    if (!form.values.fromUserId) form.values.fromUserId = String(auth.user.id);
    return sendHtml(
      reply,
      <DelegationsPage
        ctx={await pageContext(deps, request, reply)}
        form={form}
        fromOptions={fromMembers.map((m) => ({ value: String(m.userId), label: m.name }))}
        toOptions={members.map((m) => ({ value: String(m.userId), label: `${m.name}${m.unitName ? ` — ${m.unitName}` : ''}` }))}
        roleOptions={roleSource.map((r) => ({ value: r, label: label(r) }))}
        current={views.filter((v) => v.state === 'in_force' || v.state === 'upcoming')}
        past={views.filter((v) => v.state === 'expired' || v.state === 'revoked')}
        canCreate={manager || (me?.roles.length ?? 0) > 0}
      />,
      status,
    );
  }

  app.get('/admin/delegations', { config: signedIn }, async (request, reply) => page(request, reply, emptyForm()));

  app.post('/admin/delegations', { config: signedIn }, async (request, reply) => {
    const t = delegationText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const fromUserId = form.id('fromUserId', { label: t.from, required: true });
    const toUserId = form.id('toUserId', { label: t.to, required: true });
    const picked = form.choices('roles', ['all', ...ROLES] as const, { label: t.roles, required: true });
    const startsOn = form.date('startsOn', { label: t.startsOn, required: true });
    const endsOn = form.date('endsOn', { label: t.endsOn, required: true });
    const reason = form.text('reason', { label: t.reason, required: true, max: 500 });
    if (form.ok && fromUserId && toUserId && startsOn && endsOn && reason) {
      const roles: Role[] | 'all' = picked.includes('all') ? 'all' : picked.filter(isRole);
      try {
        await createDelegation(db, actorOf(request), { fromUserId, toUserId, roles, startsOn, endsOn, reason }, { mayManageOthers: can(request.auth!.grants, 'delegations.manage') }, clock);
        return redirectWithFlash(reply, '/admin/delegations', { kind: 'success', text: t.created });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 422) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, form, 400);
  });

  app.post('/admin/delegations/:id/revoke', { config: signedIn }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    const form = new FormReader(request.body, request.lang);
    const reason = form.text('reason', { label: delegationText(request.lang).revokeReason, max: 300 });
    await revokeDelegation(db, actorOf(request), id, reason, { mayManageOthers: can(request.auth!.grants, 'delegations.manage') }, clock);
    return redirectWithFlash(reply, '/admin/delegations', { kind: 'success', text: delegationText(request.lang).revoked });
  });
}
