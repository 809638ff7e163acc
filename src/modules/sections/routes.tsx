// Sections (chuyên mục) of a site: the tree, with Vietnamese and English names,
// and the reference section for unverified information.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import type { SectionRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { defineMessages } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { ActionButton, Checkbox, CsrfField, ErrorSummary, SelectField, TextField, emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { buildTree, flattenTree } from '../../core/tree.ts';
import { createSection, getSection, listSections, setSectionArchived, updateSection, type SectionInput } from './manage-sections.ts';

const text = defineMessages({
  vi: {
    title: 'Chuyên mục',
    lead: 'Cây chuyên mục của trang. Mục “Tin tham khảo” là nơi đăng thông tin chưa kiểm chứng, có ghi rõ trên trang công khai.',
    add: 'Thêm chuyên mục',
    edit: 'Sửa chuyên mục',
    name: 'Tên chuyên mục',
    nameEn: 'Tên tiếng Anh',
    slug: 'Đường dẫn',
    slugHint: 'Để trống để tạo từ tên (không dấu), ví dụ: tin-tuc-su-kien.',
    parent: 'Thuộc chuyên mục',
    noParent: '(Cấp cao nhất)',
    description: 'Mô tả',
    isReference: 'Đây là mục Tin tham khảo',
    sortOrder: 'Thứ tự',
    saved: 'Đã lưu chuyên mục.',
    archive: 'Lưu trữ',
    restore: 'Khôi phục',
    archivedList: 'Chuyên mục đã lưu trữ',
    reference: 'tin tham khảo',
    none: 'Chưa có chuyên mục.',
    back: 'Quay lại danh sách chuyên mục',
  },
  en: {
    title: 'Sections',
    lead: 'The section tree of the site. The “Reference” section holds unverified information, clearly labelled on the public site.',
    add: 'Add a section',
    edit: 'Edit section',
    name: 'Section name',
    nameEn: 'English name',
    slug: 'Address',
    slugHint: 'Leave empty to make it from the name, e.g. tin-tuc-su-kien.',
    parent: 'Part of',
    noParent: '(Top level)',
    description: 'Description',
    isReference: 'This is the Reference section',
    sortOrder: 'Order',
    saved: 'Section saved.',
    archive: 'Archive',
    restore: 'Restore',
    archivedList: 'Archived sections',
    reference: 'reference',
    none: 'No section yet.',
    back: 'Back to sections',
  },
});

function asTree(sections: SectionRow[]) {
  return flattenTree(buildTree(sections));
}

export function registerSectionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'sections.manage' as const } };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, editing: SectionRow | null, status = 200) {
    const t = text(request.lang);
    const all = await listSections(db, request.site.id, { includeArchived: true });
    const active = asTree(all.filter((s) => s.archived_at === null));
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={editing ? t.edit : t.title}>
        <h1>{editing ? t.edit : t.title}</h1>
        {editing ? (
          <p>
            <a href="/admin/sections">{t.back}</a>
          </p>
        ) : (
          <>
            <p class="lead">{t.lead}</p>
            {active.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <ul class="tree">
                {active.map((n) => (
                  <li>
                    <span safe>{`${'— '.repeat(n.depth)}${n.unit.name}`}</span> <code safe>{`/${n.unit.slug}`}</code>
                    {n.unit.is_reference === 1 ? <span class="tag">{t.reference}</span> : ''}{' '}
                    <a href={`/admin/sections/${n.unit.id}`}>{common(request.lang).edit}</a>{' '}
                    <ActionButton action={`/admin/sections/${n.unit.id}/archive`} label={t.archive} csrfToken={ctx.csrfToken} variant="secondary" />
                  </li>
                ))}
              </ul>
            )}
            {all.some((s) => s.archived_at) ? (
              <>
                <h2>{t.archivedList}</h2>
                <ul>
                  {all
                    .filter((s) => s.archived_at)
                    .map((s) => (
                      <li>
                        <span safe>{s.name}</span> <ActionButton action={`/admin/sections/${s.id}/restore`} label={t.restore} csrfToken={ctx.csrfToken} variant="secondary" />
                      </li>
                    ))}
                </ul>
              </>
            ) : (
              ''
            )}
            <h2 id="add">{t.add}</h2>
          </>
        )}
        <ErrorSummary form={form} title={common(request.lang).formErrors} />
        <form method="post" action={editing ? `/admin/sections/${editing.id}` : '/admin/sections'} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="name" label={t.name} form={form} required maxlength={200} />
          <TextField name="nameEn" label={t.nameEn} form={form} maxlength={200} />
          <TextField name="slug" label={t.slug} hint={t.slugHint} form={form} maxlength={60} spellcheck={false} />
          <SelectField name="parentId" label={t.parent} form={form} options={active.filter((n) => n.unit.id !== editing?.id).map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${n.unit.name}` }))} emptyLabel={t.noParent} />
          <TextField name="description" label={t.description} form={form} maxlength={500} />
          <Checkbox name="isReference" label={t.isReference} form={form} />
          <TextField name="sortOrder" type="number" label={t.sortOrder} form={form} inputmode="numeric" />
          <button type="submit">{common(request.lang).save}</button>
        </form>
      </AdminLayout>,
      status,
    );
  }

  function read(request: FastifyRequest): { form: FormReader; input: SectionInput | null } {
    const t = text(request.lang);
    const form = new FormReader(request.body, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 200 });
    const input: SectionInput = {
      name: name ?? '',
      nameEn: form.text('nameEn', { label: t.nameEn, max: 200 }),
      slug: form.text('slug', { label: t.slug, max: 60 }),
      parentId: form.id('parentId', { label: t.parent }),
      description: form.text('description', { label: t.description, max: 500 }),
      isReference: form.checkbox('isReference'),
      sortOrder: form.integer('sortOrder', { label: t.sortOrder, minValue: -9999, maxValue: 9999 }) ?? 0,
    };
    return { form, input: form.ok ? input : null };
  }

  app.get('/admin/sections', { config: access }, async (request, reply) => page(request, reply, emptyForm({ sortOrder: '0' }), null));

  app.post('/admin/sections', { config: access }, async (request, reply) => {
    const { form, input } = read(request);
    if (input) {
      try {
        await createSection(db, actorOf(request), input, deps.clock);
        return redirectWithFlash(reply, '/admin/sections', { kind: 'success', text: text(request.lang).saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, form, null, 400);
  });

  const sectionOf = async (request: FastifyRequest) => {
    const id = idParam((request.params as { id: string }).id);
    return id ? getSection(db, request.site.id, id) : undefined;
  };

  app.get('/admin/sections/:id', { config: access }, async (request, reply) => {
    const s = await sectionOf(request);
    if (!s) return notFound(request, reply);
    return page(request, reply, emptyForm({ name: s.name, nameEn: s.name_en ?? '', slug: s.slug, parentId: s.parent_id ? String(s.parent_id) : '', description: s.description ?? '', isReference: s.is_reference ? 'on' : '', sortOrder: String(s.sort_order) }), s);
  });

  app.post('/admin/sections/:id', { config: access }, async (request, reply) => {
    const s = await sectionOf(request);
    if (!s) return notFound(request, reply);
    const { form, input } = read(request);
    if (input) {
      try {
        await updateSection(db, actorOf(request), s.id, input, deps.clock);
        return redirectWithFlash(reply, '/admin/sections', { kind: 'success', text: text(request.lang).saved });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, form, s, 400);
  });

  for (const [path, archived] of [['archive', true], ['restore', false]] as const) {
    app.post(`/admin/sections/:id/${path}`, { config: access }, async (request, reply) => {
      const s = await sectionOf(request);
      if (!s) return notFound(request, reply);
      await setSectionArchived(db, actorOf(request), s.id, archived, deps.clock);
      return redirectWithFlash(reply, '/admin/sections', { kind: 'success', text: text(request.lang).saved });
    });
  }
}
