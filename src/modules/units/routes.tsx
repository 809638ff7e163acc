// Units of a site: tree view for members, editing for administrators.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can } from '../../core/permissions.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listMembers } from '../members/store.ts';
import { createUnit, getUnit, listUnits, removeUnit, restoreUnit, UNIT_FUNCTIONS_MAX, updateUnit, type UnitInput } from './manage-units.ts';
import { unitText } from './messages.ts';
import { UnitFormPage, UnitListPage } from './pages.tsx';
import { buildUnitTree, flattenTree, UNIT_KINDS } from './unit.ts';

export function registerUnitRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const clock = deps.clock;
  const view = { access: { kind: 'permission' as const, permission: 'members.view' as const } };
  const manage = { access: { kind: 'permission' as const, permission: 'units.manage' as const } };

  app.get('/admin/units', { config: view }, async (request, reply) => {
    const all = await listUnits(db, request.site.id, { includeArchived: true });
    const members = await listMembers(db, request.site.id);
    return sendHtml(
      reply,
      <UnitListPage
        ctx={await pageContext(deps, request, reply)}
        tree={buildUnitTree(all.filter((u) => u.archived_at === null))}
        archived={all.filter((u) => u.archived_at !== null)}
        canManage={can(request.auth!.grants, 'units.manage')}
        heads={new Map(members.map((m) => [m.userId, m.name]))}
      />,
    );
  });

  async function formPage(request: FastifyRequest, reply: FastifyReply, form: FormState, unitId: number | null, status = 200) {
    const units = flattenTree(buildUnitTree(await listUnits(db, request.site.id))).filter((n) => n.unit.id !== unitId);
    const members = await listMembers(db, request.site.id, { status: 'active' });
    return sendHtml(
      reply,
      <UnitFormPage
        ctx={await pageContext(deps, request, reply)}
        form={form}
        unitId={unitId}
        parentOptions={units.map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${n.unit.name}` }))}
        headOptions={members.map((m) => ({ value: String(m.userId), label: `${m.name} (${m.email})` }))}
      />,
      status,
    );
  }

  function readUnitForm(request: FastifyRequest): { form: FormReader; input: UnitInput | null } {
    const t = unitText(request.lang);
    const form = new FormReader(request.body, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 200 });
    const input: UnitInput = {
      name: name ?? '',
      nameEn: form.text('nameEn', { label: t.nameEn, max: 200 }),
      kind: form.choice('kind', UNIT_KINDS, { label: t.kind, required: true }) ?? '',
      parentId: form.id('parentId', { label: t.parent }),
      headUserId: form.id('headUserId', { label: t.head }),
      headName: form.text('headName', { label: t.headName, max: 120 }),
      headTitle: form.text('headTitle', { label: t.headTitle, max: 120 }),
      phone: form.phone('phone', { label: t.phone }),
      email: form.email('email', { label: t.email }),
      address: form.text('address', { label: t.address, max: 300 }),
      functions: form.text('functions', { label: t.functions, max: UNIT_FUNCTIONS_MAX }),
      siteUrl: form.text('siteUrl', { label: t.siteUrl, max: 300 }),
      sortOrder: form.integer('sortOrder', { label: t.sortOrder, minValue: -9999, maxValue: 9999 }) ?? 0,
    };
    return { form, input: form.ok ? input : null };
  }

  app.get('/admin/units/new', { config: manage }, async (request, reply) => formPage(request, reply, emptyForm({ kind: 'phong', sortOrder: '0' }), null));

  app.post('/admin/units', { config: manage }, async (request, reply) => {
    const { form, input } = readUnitForm(request);
    if (input) {
      try {
        await createUnit(db, actorOf(request), input, clock);
        return redirectWithFlash(reply, '/admin/units', { kind: 'success', text: unitText(request.lang).created });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return formPage(request, reply, form, null, 400);
  });

  app.get('/admin/units/:id', { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const unit = id ? await getUnit(db, request.site.id, id) : undefined;
    if (!unit) return notFound(request, reply);
    const values = {
      name: unit.name,
      nameEn: unit.name_en ?? '',
      kind: unit.kind,
      parentId: unit.parent_id ? String(unit.parent_id) : '',
      headUserId: unit.head_user_id ? String(unit.head_user_id) : '',
      headName: unit.head_name ?? '',
      headTitle: unit.head_title ?? '',
      phone: unit.phone ?? '',
      email: unit.email ?? '',
      address: unit.address ?? '',
      functions: unit.functions ?? '',
      siteUrl: unit.site_url ?? '',
      sortOrder: String(unit.sort_order),
    };
    return formPage(request, reply, emptyForm(values), unit.id);
  });

  app.post('/admin/units/:id', { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id || !(await getUnit(db, request.site.id, id))) return notFound(request, reply);
    const { form, input } = readUnitForm(request);
    if (input) {
      try {
        await updateUnit(db, actorOf(request), id, input, clock);
        return redirectWithFlash(reply, '/admin/units', { kind: 'success', text: unitText(request.lang).saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return formPage(request, reply, form, id, 400);
  });

  app.post('/admin/units/:id/remove', { config: manage }, async (request, reply) => {
    const t = unitText(request.lang);
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    try {
      const outcome = await removeUnit(db, actorOf(request), id, clock);
      return redirectWithFlash(reply, '/admin/units', { kind: 'success', text: outcome === 'deleted' ? t.deleted : t.archived });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 422) throw error;
      return redirectWithFlash(reply, '/admin/units', { kind: 'error', text: error.messageIn(request.lang) });
    }
  });

  app.post('/admin/units/:id/restore', { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    await restoreUnit(db, actorOf(request), id, clock);
    return redirectWithFlash(reply, '/admin/units', { kind: 'success', text: unitText(request.lang).restored });
  });
}
