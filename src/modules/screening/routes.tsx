// The site's screening list (requirements §3, prohibited content): terms and
// link patterns that flag an article for its reviewer. It never blocks.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isoNow } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { defineMessages } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { ActionButton, CsrfField, ErrorSummary, SelectField, TextField, emptyForm, type FormState } from '../../ui/components/form.tsx';
import { appendAudit } from '../audit/store.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';

const text = defineMessages({
  vi: {
    title: 'Danh sách rà soát nội dung',
    lead: 'Từ ngữ và liên kết cần rà soát (nội dung cấm theo quy chế: chống phá Nhà nước, bí mật nhà nước, xuyên tạc, quảng cáo hàng cấm, liên kết tới trang vi phạm…). Tin bài có chỗ khớp được đánh dấu cho người duyệt; hệ thống không tự chặn.',
    kind: 'Loại',
    term: 'Từ ngữ',
    link: 'Liên kết',
    pattern: 'Mẫu',
    patternHint: 'Từ ngữ: so khớp không phân biệt dấu (ví dụ “đánh bạc”). Liên kết: tên miền (ví dụ casino.example, *.casino.example) hoặc tên miền kèm đường dẫn.',
    note: 'Ghi chú',
    add: 'Thêm vào danh sách',
    added: 'Đã thêm.',
    remove: 'Bỏ',
    removed: 'Đã bỏ khỏi danh sách.',
    none: 'Danh sách trống.',
  },
  en: {
    title: 'Screening list',
    lead: 'Words and links to screen (prohibited content under the regulation: anti-state, state secrets, slander, banned goods advertising, links to violating sites…). Matching articles are flagged for the reviewer; nothing is blocked automatically.',
    kind: 'Kind',
    term: 'Term',
    link: 'Link',
    pattern: 'Pattern',
    patternHint: 'Terms match without diacritics (e.g. “đánh bạc”). Links: a domain (casino.example, *.casino.example) or a domain with a path.',
    note: 'Note',
    add: 'Add to the list',
    added: 'Added.',
    remove: 'Remove',
    removed: 'Removed from the list.',
    none: 'The list is empty.',
  },
});

export function registerScreeningRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'screening.manage' as const } };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const t = text(request.lang);
    const rules = await db.selectFrom('screening_rules').selectAll().where('site_id', '=', request.site.id).orderBy('kind').orderBy('pattern').execute();
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        {rules.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.pattern}</th>
                  <th scope="col">{t.note}</th>
                  <th scope="col">{common(request.lang).actions}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <tr>
                    <td>{r.kind === 'link' ? t.link : t.term}</td>
                    <td>
                      <code safe>{r.pattern}</code>
                    </td>
                    <td safe>{r.note ?? ''}</td>
                    <td>
                      <ActionButton action={`/admin/screening/${r.id}/remove`} label={t.remove} csrfToken={ctx.csrfToken} variant="secondary" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>{t.add}</h2>
        <ErrorSummary form={form} title={common(request.lang).formErrors} />
        <form method="post" action="/admin/screening" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <SelectField name="kind" label={t.kind} form={form} required options={[{ value: 'term', label: t.term }, { value: 'link', label: t.link }]} />
          <TextField name="pattern" label={t.pattern} hint={t.patternHint} form={form} required maxlength={200} />
          <TextField name="note" label={t.note} form={form} maxlength={300} />
          <button type="submit">{t.add}</button>
        </form>
      </AdminLayout>,
      status,
    );
  }

  app.get('/admin/screening', { config: access }, async (request, reply) => page(request, reply, emptyForm({ kind: 'term' })));

  app.post('/admin/screening', { config: access }, async (request, reply) => {
    const t = text(request.lang);
    const form = new FormReader(request.body, request.lang);
    const kind = form.choice('kind', ['term', 'link'] as const, { label: t.kind, required: true });
    const pattern = form.text('pattern', { label: t.pattern, required: true, max: 200, min: 2 });
    const note = form.text('note', { label: t.note, max: 300 });
    if (kind === 'link' && pattern && !/^(\*\.)?[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/i.test(pattern)) form.fail('pattern', `${t.pattern}: casino.example, *.casino.example, casino.example/duong-dan`);
    if (!form.ok || !kind || !pattern) return page(request, reply, form, 400);
    await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('screening_rules')
        .values({ site_id: request.site.id, kind, pattern: kind === 'link' ? pattern.toLowerCase() : normalizeInput(pattern), note, created_by_user_id: request.auth!.user.id, created_at: isoNow(deps.clock) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actorOf(request), { action: 'screening.add', targetType: 'screening_rule', targetId: id, details: { kind, pattern } }, deps.clock);
    });
    return redirectWithFlash(reply, '/admin/screening', { kind: 'success', text: t.added });
  });

  app.post('/admin/screening/:id/remove', { config: access }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const rule = id ? await db.selectFrom('screening_rules').selectAll().where('site_id', '=', request.site.id).where('id', '=', id).executeTakeFirst() : undefined;
    if (!rule) return notFound(request, reply);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('screening_rules').where('id', '=', rule.id).execute();
      await appendAudit(trx, actorOf(request), { action: 'screening.remove', targetType: 'screening_rule', targetId: rule.id, details: { kind: rule.kind, pattern: rule.pattern } }, deps.clock);
    });
    return redirectWithFlash(reply, '/admin/screening', { kind: 'success', text: text(request.lang).removed });
  });
}
