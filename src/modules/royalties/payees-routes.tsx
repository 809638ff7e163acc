// Payees over HTTP (/admin/royalties/payees): the list (royalties.view), the
// form to add one and to change one (royalties.manage). Pen names are shown
// only here and on the other royalty pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/permissions.ts';
import { DomainError } from '../../core/errors.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { addProblems, FormReader } from '../../platform/http/form.ts';
import { actorOf, idParam } from '../../platform/http/request-info.ts';
import { defineMessages, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import { Checkbox, CsrfField, emptyForm, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { RoyaltyNav } from './nav.tsx';
import { createPayee, findPayee, listPayees, penNamesOf, updatePayee, type Payee, type PayeeInput } from './payees.ts';
import type { Db } from '../../platform/db/database.ts';

export const PAYEES_PAGE = '/admin/royalties/payees';

export const payeeText = defineMessages({
  vi: {
    title: 'Người nhận nhuận bút, thù lao',
    lead: 'Tác giả, cộng tác viên và thành viên Ban biên tập được trả nhuận bút, thù lao. Bút danh dùng để nhận ra người viết từ dòng tác giả của tin bài; bút danh là thông tin riêng, chỉ hiện trên các trang nhuận bút.',
    caption: 'Danh sách người nhận',
    fullName: 'Họ và tên',
    penNames: 'Bút danh',
    penNamesHint: 'Mỗi dòng một bút danh. Không hiện ra trang công khai.',
    member: 'Tài khoản thành viên',
    memberHint: 'Để trống nếu là cộng tác viên bên ngoài.',
    noMember: '— Cộng tác viên bên ngoài —',
    unit: 'Đơn vị',
    noUnit: '— Không thuộc đơn vị nào —',
    position: 'Chức vụ',
    active: 'Đang nhận nhuận bút (còn hoạt động)',
    status: 'Trạng thái',
    activeYes: 'Đang hoạt động',
    activeNo: 'Ngừng',
    outside: 'Cộng tác viên bên ngoài',
    none: 'Chưa có người nhận nào.',
    add: 'Thêm người nhận',
    save: 'Lưu thay đổi',
    edit: 'Sửa',
    editTitle: 'Sửa thông tin người nhận',
    created: 'Đã thêm người nhận.',
    updated: 'Đã lưu thông tin người nhận.',
    back: 'Về danh sách người nhận',
  },
  en: {
    title: 'Payees of royalties and remuneration',
    lead: 'Authors, collaborators and board members paid royalties or remuneration. Pen names match an item’s byline to the real person; they are private and shown only on the royalty pages.',
    caption: 'Payees',
    fullName: 'Full name',
    penNames: 'Pen names',
    penNamesHint: 'One pen name per line. Never shown on the public site.',
    member: 'Member account',
    memberHint: 'Leave empty for an outside collaborator.',
    noMember: '— Outside collaborator —',
    unit: 'Unit',
    noUnit: '— No unit —',
    position: 'Position',
    active: 'Active (still paid)',
    status: 'Status',
    activeYes: 'Active',
    activeNo: 'Inactive',
    outside: 'Outside collaborator',
    none: 'No payee yet.',
    add: 'Add payee',
    save: 'Save changes',
    edit: 'Edit',
    editTitle: 'Edit payee',
    created: 'Payee added.',
    updated: 'Payee saved.',
    back: 'Back to payees',
  },
});

async function choices(db: Db, siteId: number) {
  const members = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('memberships.site_id', '=', siteId)
    .orderBy('users.name')
    .execute();
  const units = await db.selectFrom('units').select(['id', 'name']).where('site_id', '=', siteId).orderBy('name').execute();
  return {
    members: members.map((m) => ({ value: String(m.id), label: `${m.name} <${m.email}>` })),
    units: units.map((u) => ({ value: String(u.id), label: u.name })),
  };
}

function formOf(p: Payee): FormState {
  return emptyForm({ fullName: p.fullName, penNames: p.penNames.join('\n'), userId: p.userId ? String(p.userId) : '', unitId: p.unitId ? String(p.unitId) : '', position: p.position ?? '', active: p.active ? 'on' : '' });
}

function readPayee(request: FastifyRequest): { form: FormReader; input: PayeeInput | null } {
  const t = payeeText(request.lang);
  const form = new FormReader(request.body, request.lang);
  const fullName = form.text('fullName', { label: t.fullName, required: true, max: 200 });
  const penNames = form.text('penNames', { label: t.penNames, max: 2000 });
  const userId = form.id('userId', { label: t.member });
  const unitId = form.id('unitId', { label: t.unit });
  const position = form.text('position', { label: t.position, max: 200 });
  const active = form.checkbox('active');
  if (!form.ok || fullName === null) return { form, input: null };
  return { form, input: { fullName, penNames: penNamesOf(penNames ?? ''), userId, unitId, position, active } };
}

function PayeeFields({ form, opts, lang }: { form: FormState; opts: Awaited<ReturnType<typeof choices>>; lang: Lang }): JSX.Element {
  const t = payeeText(lang);
  return (
    <>
      <TextField name="fullName" label={t.fullName} form={form} required maxlength={200} autocomplete="off" />
      <TextArea name="penNames" label={t.penNames} hint={t.penNamesHint} form={form} rows={3} maxlength={2000} />
      <SelectField name="userId" label={t.member} hint={t.memberHint} form={form} options={opts.members} emptyLabel={t.noMember} />
      <SelectField name="unitId" label={t.unit} form={form} options={opts.units} emptyLabel={t.noUnit} />
      <TextField name="position" label={t.position} form={form} maxlength={200} />
      <Checkbox name="active" label={t.active} form={form} />
    </>
  );
}

export function registerPayeeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };
  const manage = { access: { kind: 'permission' as const, permission: 'royalties.manage' as const } };

  async function listPage(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const t = payeeText(request.lang);
    const c = common(request.lang);
    const ctx = await pageContext(deps, request, reply);
    const grants = request.auth!.grants;
    const payees = await listPayees(db, request.site.id);
    const canManage = can(grants, 'royalties.manage');
    const opts = canManage ? await choices(db, request.site.id) : null;
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <RoyaltyNav grants={grants} lang={request.lang} current={PAYEES_PAGE} />
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        {payees.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.fullName}</th>
                  <th scope="col">{t.penNames}</th>
                  <th scope="col">{t.member}</th>
                  <th scope="col">{t.unit}</th>
                  <th scope="col">{t.position}</th>
                  <th scope="col">{t.status}</th>
                  {canManage ? <th scope="col">{t.edit}</th> : ''}
                </tr>
              </thead>
              <tbody>
                {payees.map((p) => (
                  <tr>
                    <th scope="row" safe>{p.fullName}</th>
                    <td safe>{p.penNames.join(', ')}</td>
                    <td safe>{p.userName ?? t.outside}</td>
                    <td safe>{p.unitName ?? ''}</td>
                    <td safe>{p.position ?? ''}</td>
                    <td>{p.active ? t.activeYes : t.activeNo}</td>
                    {canManage ? (
                      <td>
                        <a href={`${PAYEES_PAGE}/${p.id}`}>
                          {t.edit}
                          <span class="visually-hidden" safe>{` ${p.fullName}`}</span>
                        </a>
                      </td>
                    ) : (
                      ''
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {opts ? (
          <>
            <h2 id="add">{t.add}</h2>
            <ErrorSummary form={form} title={c.formErrors} />
            <form method="post" action={PAYEES_PAGE} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <PayeeFields form={form} opts={opts} lang={request.lang} />
              <button type="submit">{t.add}</button>
            </form>
          </>
        ) : (
          ''
        )}
      </AdminLayout>,
      status,
    );
  }

  async function editPage(request: FastifyRequest, reply: FastifyReply, payee: Payee, form: FormState, status = 200) {
    const t = payeeText(request.lang);
    const c = common(request.lang);
    const ctx = await pageContext(deps, request, reply);
    const opts = await choices(db, request.site.id);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.editTitle}>
        <RoyaltyNav grants={request.auth!.grants} lang={request.lang} current={PAYEES_PAGE} />
        <h1>
          {t.editTitle}: <span safe>{payee.fullName}</span>
        </h1>
        <p>
          <a href={PAYEES_PAGE}>{t.back}</a>
        </p>
        <ErrorSummary form={form} title={c.formErrors} />
        <form method="post" action={`${PAYEES_PAGE}/${payee.id}`} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <PayeeFields form={form} opts={opts} lang={request.lang} />
          <button type="submit">{t.save}</button>
        </form>
      </AdminLayout>,
      status,
    );
  }

  app.get(PAYEES_PAGE, { config: view }, async (request, reply) => {
    return listPage(request, reply, emptyForm({ active: 'on' }));
  });

  app.post(PAYEES_PAGE, { config: manage }, async (request, reply) => {
    const t = payeeText(request.lang);
    const { form, input } = readPayee(request);
    if (input) {
      try {
        await createPayee(db, actorOf(request), input, deps.clock);
        return redirectWithFlash(reply, PAYEES_PAGE, { kind: 'success', text: t.created });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return listPage(request, reply, form, 400);
  });

  app.get(`${PAYEES_PAGE}/:id`, { config: manage }, async (request, reply) => {
    const id = idParam((request.params as { id: string }).id);
    const payee = id ? await findPayee(db, request.site.id, id) : null;
    if (!payee) return notFound(request, reply);
    return editPage(request, reply, payee, formOf(payee));
  });

  app.post(`${PAYEES_PAGE}/:id`, { config: manage }, async (request, reply) => {
    const t = payeeText(request.lang);
    const id = idParam((request.params as { id: string }).id);
    const payee = id ? await findPayee(db, request.site.id, id) : null;
    if (!payee) return notFound(request, reply);
    const { form, input } = readPayee(request);
    if (input) {
      try {
        await updatePayee(db, actorOf(request), payee.id, input, deps.clock);
        return redirectWithFlash(reply, PAYEES_PAGE, { kind: 'success', text: t.updated });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        addProblems(form, error.problems, request.lang);
      }
    }
    return editPage(request, reply, payee, form, 400);
  });
}
