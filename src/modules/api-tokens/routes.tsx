// API tokens page: my tokens on this site; all tokens for administrators.
import { escapeHtml } from '@kitajs/html';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { can, isTokenScope, TOKEN_SCOPES } from '../../core/permissions.ts';
import { formatDateTime } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { defineMessages } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { ActionButton, CheckboxGroup, CsrfField, ErrorSummary, TextField, emptyForm, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.ts';

const text = defineMessages({
  vi: {
    title: 'Khóa truy cập API',
    lead: 'Khóa cho phần mềm khác (phần mềm quản lý văn bản, cổng tỉnh) làm việc với trang này thay mặt bạn, qua tiêu đề "Authorization: Bearer <khóa>". Khóa không bao giờ có quyền hơn tài khoản của bạn.',
    docs: 'Tài liệu API (OpenAPI)',
    mine: 'Khóa của tôi trên trang này',
    all: 'Mọi khóa trên trang (quản trị)',
    name: 'Tên khóa',
    nameHint: 'Dùng cho phần mềm nào, ví dụ: VNPT-iOffice.',
    scopes: 'Phạm vi',
    scope_read: 'read — chỉ đọc',
    scope_write: 'write — tạo, sửa, trình, duyệt, xuất bản nội dung',
    scope_admin: 'admin — quản trị trang',
    expires: 'Hiệu lực (số ngày)',
    expiresHint: 'Để trống: đến khi thu hồi. Tối đa 730 ngày.',
    create: 'Tạo khóa',
    createdTitle: 'Khóa mới đã được tạo',
    createdLead: 'Sao chép khóa dưới đây và cất giữ an toàn. Khóa chỉ hiển thị một lần này; hệ thống chỉ lưu bản băm.',
    owner: 'Người dùng',
    prefix: 'Đầu khóa',
    created: 'Tạo lúc',
    lastUsed: 'Dùng gần nhất',
    expiry: 'Hết hạn',
    never: '—',
    revoked: 'Đã thu hồi',
    revoke: 'Thu hồi',
    revokedDone: 'Đã thu hồi khóa.',
    none: 'Chưa có khóa nào.',
    back: 'Quay lại danh sách khóa',
  },
  en: {
    title: 'API tokens',
    lead: 'Tokens let other software (a document-management system, the provincial portal) work with this site on your behalf, with the header "Authorization: Bearer <token>". A token never has more rights than your account.',
    docs: 'API documentation (OpenAPI)',
    mine: 'My tokens on this site',
    all: 'All tokens on this site (administrators)',
    name: 'Token name',
    nameHint: 'Which software uses it, e.g. VNPT-iOffice.',
    scopes: 'Scopes',
    scope_read: 'read — read only',
    scope_write: 'write — create, edit, submit, review, publish content',
    scope_admin: 'admin — site administration',
    expires: 'Valid for (days)',
    expiresHint: 'Empty: until revoked. At most 730 days.',
    create: 'Create token',
    createdTitle: 'New token created',
    createdLead: 'Copy the token below and keep it safe. It is shown only this once; the system stores only its hash.',
    owner: 'User',
    prefix: 'Prefix',
    created: 'Created',
    lastUsed: 'Last used',
    expiry: 'Expires',
    never: '—',
    revoked: 'Revoked',
    revoke: 'Revoke',
    revokedDone: 'Token revoked.',
    none: 'No token yet.',
    back: 'Back to tokens',
  },
});

type TokenListRow = Awaited<ReturnType<typeof listApiTokens>>[number];

export function registerTokenRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const signedIn = { access: { kind: 'signed-in' as const } };

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState, created: string | null = null, status = 200) {
    const t = text(request.lang);
    const c = common(request.lang);
    const auth = request.auth!;
    const ctx = await pageContext(deps, request, reply);
    const mine = await listApiTokens(db, request.site.id, auth.user.id);
    const manager = can(auth.grants, 'tokens.manage');
    const all = manager ? await listApiTokens(db, request.site.id) : [];
    const table = (rows: TokenListRow[], showOwner: boolean) =>
      rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                {showOwner ? <th scope="col">{t.owner}</th> : ''}
                <th scope="col">{t.prefix}</th>
                <th scope="col">{t.scopes}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.lastUsed}</th>
                <th scope="col">{t.expiry}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td safe>{r.name}</td>
                  {showOwner ? <td safe>{r.user_name}</td> : ''}
                  <td>
                    <code safe>{`${r.token_prefix}…`}</code>
                  </td>
                  <td safe>{(JSON.parse(r.scopes) as string[]).join(', ')}</td>
                  <td safe>{formatDateTime(r.created_at)}</td>
                  <td>{escapeHtml(r.last_used_at ? formatDateTime(r.last_used_at) : t.never)}</td>
                  <td>{escapeHtml(r.expires_at ? formatDateTime(r.expires_at) : t.never)}</td>
                  <td>
                    {r.revoked_at ? (
                      <span class="tag tag-bad">{t.revoked}</span>
                    ) : (
                      <ActionButton action={`/admin/tokens/${r.id}/revoke`} label={t.revoke} csrfToken={ctx.csrfToken} variant="danger" />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={created ? t.createdTitle : t.title}>
        {created ? (
          <>
            <h1>{t.createdTitle}</h1>
            <p>{t.createdLead}</p>
            <p class="secret">
              <code safe>{created}</code>
            </p>
            <p>
              <a href="/admin/tokens">{t.back}</a>
            </p>
          </>
        ) : (
          <>
            <h1>{t.title}</h1>
            <p class="lead">{t.lead}</p>
            <p>
              <a href="/api/openapi.json">{t.docs}</a>
            </p>
            <h2>{t.mine}</h2>
            {table(mine, false)}
            <h2 id="new-token">{t.create}</h2>
            <ErrorSummary form={form} title={c.formErrors} />
            <form method="post" action="/admin/tokens" novalidate>
              <CsrfField token={ctx.csrfToken} />
              <TextField name="name" label={t.name} hint={t.nameHint} form={form} required maxlength={100} />
              <CheckboxGroup name="scopes" label={t.scopes} form={form} required options={TOKEN_SCOPES.map((s) => ({ value: s, label: t[`scope_${s}`] }))} />
              <TextField name="expiresInDays" type="number" label={t.expires} hint={t.expiresHint} form={form} inputmode="numeric" />
              <button type="submit">{t.create}</button>
            </form>
            {manager ? (
              <>
                <h2>{t.all}</h2>
                {table(all, true)}
              </>
            ) : (
              ''
            )}
          </>
        )}
      </AdminLayout>,
      status,
    );
  }

  app.get('/admin/tokens', { config: signedIn }, async (request, reply) => page(request, reply, emptyForm({ scopes: ['read'], expiresInDays: '365' })));

  app.post('/admin/tokens', { config: signedIn }, async (request, reply) => {
    const t = text(request.lang);
    const form = new FormReader(request.body, request.lang);
    const name = form.text('name', { label: t.name, required: true, max: 100 });
    const scopes = form.choices('scopes', TOKEN_SCOPES, { label: t.scopes, required: true }).filter(isTokenScope);
    const days = form.integer('expiresInDays', { label: t.expires, minValue: 1, maxValue: 730 });
    if (form.ok && name) {
      try {
        const { token } = await createApiToken(db, actorOf(request), { siteId: request.site.id, userId: request.auth!.user.id, name, scopes, expiresInDays: days }, deps.clock);
        return page(request, reply, emptyForm(), token, 201);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return page(request, reply, form, null, 400);
  });

  app.post('/admin/tokens/:id/revoke', { config: signedIn }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    if (!id) return notFound(request, reply);
    const ownerOnly = !can(request.auth!.grants, 'tokens.manage');
    await revokeApiToken(db, actorOf(request), id, ownerOnly, deps.clock);
    return redirectWithFlash(reply, '/admin/tokens', { kind: 'success', text: text(request.lang).revokedDone });
  });
}
