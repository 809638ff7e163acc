// Pages of the users (members) of a site.
import { escapeHtml } from '@kitajs/html';
import { ROLES, type Role } from '../../core/permissions.ts';
import { formatDateTime } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { ActionButton, CheckboxGroup, CsrfField, ErrorSummary, SelectField, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import type { MemberSummary } from './store.ts';
import { memberText } from './messages.ts';

export interface MemberPageContext {
  ctx: PageContext;
  roleLabel: (role: Role) => string;
  unitOptions: Option[];
}

function roleOptions(p: MemberPageContext): Option[] {
  return ROLES.map((r) => ({ value: r, label: p.roleLabel(r) }));
}

export function MemberListPage(props: MemberPageContext & { members: MemberSummary[]; filter: FormState; canManage: boolean }): JSX.Element {
  const { ctx } = props;
  const t = memberText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead" safe>
        {format(t.lead, { board: ctx.site.boardLabel })}
      </p>
      {props.canManage ? (
        <p>
          <a class="button" href="/admin/users/new">
            {t.add}
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="get" action="/admin/users" class="filters" role="search">
        <TextField name="q" type="search" label={t.search} form={props.filter} />
        <SelectField name="role" label={t.role} form={props.filter} options={roleOptions(props)} emptyLabel={t.anyRole} />
        <SelectField name="unit" label={t.unit} form={props.filter} options={props.unitOptions} emptyLabel={t.anyUnit} />
        <SelectField
          name="status"
          label={t.status}
          form={props.filter}
          options={[
            { value: 'active', label: t.active },
            { value: 'disabled', label: t.disabled },
          ]}
          emptyLabel={t.anyStatus}
        />
        <button type="submit" class="button button-secondary">
          {c.filter}
        </button>
      </form>
      {props.members.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption safe>{format(t.count, { count: props.members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.roles}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.lastLogin}</th>
              </tr>
            </thead>
            <tbody>
              {props.members.map((m) => (
                <tr>
                  <td>
                    <a href={`/admin/users/${m.userId}`} safe>
                      {m.name}
                    </a>
                    <br />
                    <span class="muted" safe>
                      {m.email}
                    </span>
                  </td>
                  <td>
                    <span safe>{m.unitName ?? ''}</span>
                    {m.position ? (
                      <>
                        <br />
                        <span class="muted" safe>
                          {m.position}
                        </span>
                      </>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{m.roles.map(props.roleLabel).join(', ')}</td>
                  <td>
                    {m.membershipStatus === 'active' && m.userStatus === 'active' ? (
                      <span class="tag tag-ok">{t.active}</span>
                    ) : (
                      <span class="tag tag-bad">{t.disabled}</span>
                    )}
                    {m.twoFactor ? <span class="tag">{t.twoFactor}</span> : ''}
                  </td>
                  <td>{escapeHtml(m.lastLoginAt ? formatDateTime(m.lastLoginAt) : t.never)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

export function NewMemberPage(props: MemberPageContext & { form: FormState }): JSX.Element {
  const { ctx, form } = props;
  const t = memberText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.addTitle}>
      <h1>{t.addTitle}</h1>
      <p>{t.addLead}</p>
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action="/admin/users" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="email" type="email" label={t.email} form={form} required autocomplete="off" spellcheck={false} />
        <TextField name="name" label={t.name} form={form} required maxlength={120} />
        <TextField name="phone" type="tel" label={t.phone} form={form} />
        <SelectField name="unitId" label={t.unit} form={form} options={props.unitOptions} emptyLabel={t.noUnit} />
        <TextField name="position" label={t.position} form={form} maxlength={120} />
        <CheckboxGroup name="roles" label={t.roles} hint={t.rolesHint} form={form} options={roleOptions(props)} required />
        <div class="actions-row">
          <button type="submit">{t.add}</button>
          <a href="/admin/users">{c.cancel}</a>
        </div>
      </form>
    </AdminLayout>
  );
}

export function MemberDetailPage(
  props: MemberPageContext & {
    member: MemberSummary;
    membershipForm: FormState;
    profileForm: FormState;
    canManage: boolean;
    canManageAccount: boolean;
  },
): JSX.Element {
  const { ctx, member } = props;
  const t = memberText(ctx.lang);
  const c = common(ctx.lang);
  const base = `/admin/users/${member.userId}`;
  return (
    <AdminLayout ctx={ctx} title={member.name}>
      <p>
        <a href="/admin/users">{t.backToList}</a>
      </p>
      <h1 safe>{member.name}</h1>
      <dl class="meta">
        <dt>{t.email}</dt>
        <dd safe>{member.email}</dd>
        <dt>{t.phone}</dt>
        <dd safe>{member.phone ?? '—'}</dd>
        <dt>{t.unit}</dt>
        <dd safe>{member.unitName ?? '—'}</dd>
        <dt>{t.roles}</dt>
        <dd safe>{member.roles.map(props.roleLabel).join(', ') || '—'}</dd>
        <dt>{t.status}</dt>
        <dd>{member.membershipStatus === 'active' ? t.active : t.disabled}</dd>
        <dt>{t.twoFactor}</dt>
        <dd>{member.twoFactor ? c.yes : c.no}</dd>
        <dt>{t.lastLogin}</dt>
        <dd>{escapeHtml(member.lastLoginAt ? formatDateTime(member.lastLoginAt) : t.never)}</dd>
      </dl>
      {props.canManage ? (
        <>
          <section aria-labelledby="membership-h">
            <h2 id="membership-h">{t.membership}</h2>
            <ErrorSummary form={props.membershipForm} title={c.formErrors} />
            <form method="post" action={`${base}/membership`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <SelectField name="unitId" label={t.unit} form={props.membershipForm} options={props.unitOptions} emptyLabel={t.noUnit} />
              <TextField name="position" label={t.position} form={props.membershipForm} maxlength={120} />
              <CheckboxGroup name="roles" label={t.roles} hint={t.rolesHint} form={props.membershipForm} options={roleOptions(props)} />
              <SelectField
                name="status"
                label={t.status}
                form={props.membershipForm}
                options={[
                  { value: 'active', label: t.active },
                  { value: 'disabled', label: t.disabled },
                ]}
                required
              />
              <button type="submit">{t.saveMembership}</button>
            </form>
          </section>
          <section aria-labelledby="account-h">
            <h2 id="account-h">{t.account}</h2>
            {props.canManageAccount ? (
              <>
                <ErrorSummary form={props.profileForm} title={c.formErrors} />
                <form method="post" action={`${base}/profile`} novalidate>
                  <CsrfField token={ctx.csrfToken} />
                  <TextField name="name" label={t.name} form={props.profileForm} required maxlength={120} />
                  <TextField name="phone" type="tel" label={t.phone} form={props.profileForm} />
                  <button type="submit">{t.saveProfile}</button>
                </form>
                <h3>{t.passwordLink}</h3>
                <p>{t.passwordLinkLead}</p>
                <ActionButton action={`${base}/password-link`} label={t.passwordLink} csrfToken={ctx.csrfToken} variant="secondary" />
                {member.twoFactor ? (
                  <>
                    <h3>{t.resetTwoFactor}</h3>
                    <p>{t.resetTwoFactorLead}</p>
                    <ActionButton action={`${base}/reset-2fa`} label={t.resetTwoFactor} csrfToken={ctx.csrfToken} variant="danger" />
                  </>
                ) : (
                  ''
                )}
              </>
            ) : (
              <p>{t.sharedAccount}</p>
            )}
          </section>
        </>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export function PasswordLinkPage(props: { ctx: PageContext; name: string; email: string; link: string; mailed: boolean; userId: number; title?: string }): JSX.Element {
  const { ctx } = props;
  const t = memberText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={props.title ?? t.linkTitle}>
      <h1 safe>{props.title ?? t.linkTitle}</h1>
      <p safe>{format(t.linkLead, { name: props.name })}</p>
      <p class="secret">
        <code safe>{props.link}</code>
      </p>
      {props.mailed ? <p safe>{format(t.linkMailed, { email: props.email })}</p> : ''}
      <p>
        <a href={`/admin/users/${props.userId}`}>{t.backToUser}</a>
      </p>
    </AdminLayout>
  );
}
