// The board's completeness page (/admin/completeness, 'reports.view') and the
// form choosing which sections carry each group ('sections.manage').
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/permissions.ts';
import { DomainError } from '../../core/errors.ts';
import { vietnamDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import type { FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listSections } from '../sections/manage-sections.ts';
import { computeCompleteness, GROUP_KEYS, type CompletenessState } from './compute.ts';
import { saveMappings, type MappingInput } from './manage.ts';
import { completenessText } from './messages.ts';
import { CompletenessPage, IntervalsPage, MappingPage } from './pages.tsx';
import { COMPLETENESS_GROUPS } from '../../core/completeness/catalogue.ts';
import { addRuleVersion, ruleOn } from '../rules/store.ts';
import { REVIEW_DAYS_RULE } from './compute.ts';

export function registerCompleteness(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'reports.view' as const } };
  const manage = { access: { kind: 'permission' as const, permission: 'sections.manage' as const } };
  const today = () => vietnamDate(deps.clock.now());

  app.get('/admin/completeness', { config: view }, async (request, reply) => {
    const state = await computeCompleteness(db, request.site, today());
    const canMap = Boolean(request.auth && can(request.auth.grants, 'sections.manage'));
    const canSetIntervals = Boolean(request.auth && can(request.auth.grants, 'rules.manage'));
    return sendHtml(reply, <CompletenessPage ctx={await pageContext(deps, request, reply)} state={state} canMap={canMap} canSetIntervals={canSetIntervals} />);
  });

  /** The form as saved: each group's mode and chosen sections. */
  function formOf(state: CompletenessState): FormState {
    const values: Record<string, string | string[]> = {};
    for (const g of state.groups) {
      values[`mode_${g.group.key}`] = g.mapping;
      values[`s_${g.group.key}`] = g.mapping === 'site' ? g.sections.map((s) => String(s.id)) : [];
    }
    return { values, errors: {} };
  }

  async function mappingPage(request: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) {
    const state = await computeCompleteness(db, { ...request.site, status: 'active' }, today());
    const sections = await listSections(db, request.site.id);
    return sendHtml(reply, <MappingPage ctx={await pageContext(deps, request, reply)} groups={state.groups} sections={sections} form={form ?? formOf(state)} />, status);
  }

  // ---- Review intervals: a new version of the dated rule completeness.review_days ----------------
  const rules = { access: { kind: 'permission' as const, permission: 'rules.manage' as const } };
  const intervalGroups = COMPLETENESS_GROUPS.filter((g) => g.reviewDays !== null);

  app.get('/admin/completeness/intervals', { config: rules }, async (request, reply) => {
    const current = await ruleOn<Record<string, unknown>>(db, request.site.id, REVIEW_DAYS_RULE, today());
    const values: Record<string, string> = { effectiveFrom: today() };
    for (const g of intervalGroups) {
      const days = current?.value?.[g.key];
      values[`days_${g.key}`] = typeof days === 'number' ? String(days) : '';
    }
    return sendHtml(reply, <IntervalsPage ctx={await pageContext(deps, request, reply)} form={{ values, errors: {} }} />);
  });

  app.post('/admin/completeness/intervals', { config: rules }, async (request, reply) => {
    const t = completenessText(request.lang);
    const form = new FormReader(request.body ?? {}, request.lang);
    const value: Record<string, number> = {};
    for (const g of intervalGroups) {
      const days = form.integer(`days_${g.key}`, { label: `${g[request.lang]} — ${t.days}`, minValue: 1, maxValue: 3650 });
      if (days !== null) value[g.key] = days;
    }
    const effectiveFrom = form.date('effectiveFrom', { label: t.effectiveFrom, required: true });
    const citation = form.text('citation', { label: t.citation, max: 300 });
    const reason = form.text('reason', { label: t.reason, max: 1000 });
    if (form.ok && effectiveFrom) {
      try {
        await addRuleVersion(db, actorOf(request), { siteId: request.site.id, key: REVIEW_DAYS_RULE, value, effectiveFrom, citation, reason }, deps.clock);
        return redirectWithFlash(reply, '/admin/completeness', { kind: 'success', text: t.intervalsSaved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return sendHtml(reply, <IntervalsPage ctx={await pageContext(deps, request, reply)} form={{ values: form.values, errors: form.errors }} />, 400);
  });

  app.get('/admin/completeness/sections', { config: manage }, async (request, reply) => mappingPage(request, reply, null));

  app.post('/admin/completeness/sections', { config: manage }, async (request, reply) => {
    const t = completenessText(request.lang);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = new FormReader(body, request.lang);
    const groups = form.choices('groups', GROUP_KEYS, { label: t.group });
    const input: MappingInput = {};
    for (const key of groups) {
      const mode = form.choice(`mode_${key}`, ['auto', 'site'] as const, { label: t.modeLegend, required: true });
      const raw = body[`s_${key}`];
      const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
      form.values[`s_${key}`] = list;
      if (list.some((v) => !/^[1-9]\d{0,11}$/.test(v))) form.fail(`s_${key}`, t.badSection);
      input[key] = mode === 'site' ? list.map(Number) : null;
    }
    if (form.ok) {
      try {
        await saveMappings(db, actorOf(request), input, deps.clock);
        return redirectWithFlash(reply, '/admin/completeness', { kind: 'success', text: t.saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return mappingPage(request, reply, { values: form.values, errors: form.errors }, 400);
  });
}
