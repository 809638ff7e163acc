// /admin/royalties/policy: the site's royalty table (view: royalties.view) and
// a new version from a date (royalties.manage).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/permissions.ts';
import { DomainError } from '../../core/errors.ts';
import { POLICY_RULE } from '../../core/royalties/policy.ts';
import { inForceOn } from '../../core/rules.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { FormReader } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { addError, policyToForm, PROBLEM_FIELD, readPolicyForm } from './policy-form.ts';
import { addSitePolicyVersion } from './policy-manage.ts';
import { policyText } from './policy-messages.ts';
import { POLICY_PAGE, PolicyPage, type PolicyPageData, type PolicyVersionRow } from './policy-pages.tsx';
import { policyContext, policyOn, siteChain } from './policy-store.ts';

async function pageData(db: Db, siteId: number, today: string): Promise<Omit<PolicyPageData, 'canManage' | 'grants'>> {
  const chain = await siteChain(db, siteId);
  const inForce = await policyOn(db, siteId, today);
  const sites = await db.selectFrom('sites').select(['id', 'name']).where('id', 'in', chain).execute();
  const nameOf = (id: number | null) => (id === null ? null : (sites.find((s) => s.id === id)?.name ?? String(id)));
  const rows = await db
    .selectFrom('rules')
    .selectAll()
    .where('key', '=', POLICY_RULE)
    .where((eb) => eb.or([eb('site_id', 'in', chain), eb('site_id', 'is', null)]))
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  // Own first, then each ancestor in order, then national.
  const rank = (id: number | null) => (id === null ? chain.length : chain.indexOf(id));
  const versions: PolicyVersionRow[] = rows
    .sort((a, b) => rank(a.site_id) - rank(b.site_id))
    .map((r) => ({
      owner: nameOf(r.site_id),
      own: r.site_id === siteId,
      from: r.effective_from,
      to: r.effective_to,
      citation: r.citation,
      note: r.note,
      current: inForce?.ruleId === r.id && inForceOn({ effectiveFrom: r.effective_from, effectiveTo: r.effective_to }, today),
    }));
  return {
    today,
    inForce: inForce
      ? {
          policy: inForce.policy,
          whose: inForce.ownerSiteId === null ? 'national' : inForce.ownerSiteId === siteId ? 'own' : 'inherited',
          ownerName: nameOf(inForce.ownerSiteId),
          from: inForce.effectiveFrom,
          to: inForce.effectiveTo,
          citation: inForce.citation,
        }
      : null,
    context: await policyContext(db, siteId, today),
    versions,
  };
}

export function registerRoyaltyPolicy(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };
  const manage = { access: { kind: 'permission' as const, permission: 'royalties.manage' as const } };

  async function render(request: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) {
    const today = vietnamDate(deps.clock.now());
    const data = await pageData(db, request.site.id, today);
    const grants = request.auth!.grants;
    const state = form ?? emptyForm({ ...policyToForm(data.inForce?.policy ?? null), effectiveFrom: today });
    return sendHtml(reply, <PolicyPage ctx={await pageContext(deps, request, reply)} data={{ ...data, grants, canManage: can(grants, 'royalties.manage') }} form={state} />, status);
  }

  app.get(POLICY_PAGE, { config: view }, async (request, reply) => render(request, reply, null));

  app.post(POLICY_PAGE, { config: manage }, async (request, reply) => {
    const t = policyText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const effectiveFrom = form.date('effectiveFrom', { label: t.effectiveFrom, required: true });
    // A date input shows only yyyy-mm-dd: a date typed as dd/mm/yyyy is shown back as read.
    if (effectiveFrom) form.values.effectiveFrom = effectiveFrom;
    const citation = form.text('citation', { label: t.citationField, max: 300 });
    const reason = form.text('reason', { label: t.reason, max: 1000 });
    const policy = readPolicyForm(form, request.body, request.lang);
    if (form.ok && policy && effectiveFrom) {
      try {
        await addSitePolicyVersion(db, actorOf(request), request.site.id, { policy, effectiveFrom, citation, reason }, deps.clock);
        return redirectWithFlash(reply, POLICY_PAGE, { kind: 'success', text: t.saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        for (const p of error.problems) addError(form, PROBLEM_FIELD[p.field ?? ''] ?? '_form', p[request.lang]);
      }
    }
    return render(request, reply, form, 400);
  });
}
