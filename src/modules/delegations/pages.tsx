// The delegations page: the form to delegate, and the register of delegations.
import { formatDate, formatDateTime } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { CheckboxGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import type { DelegationView } from './store.ts';
import { delegationText } from './messages.ts';

export interface DelegationRowView {
  d: DelegationView;
  rolesText: string;
  state: 'in_force' | 'upcoming' | 'expired' | 'revoked';
  canRevoke: boolean;
}

function DelegationTable({ ctx, rows }: { ctx: PageContext; rows: DelegationRowView[] }): JSX.Element {
  const t = delegationText(ctx.lang);
  if (rows.length === 0) return <p>{t.none}</p>;
  const stateLabel = { in_force: t.inForce, upcoming: t.upcoming, expired: t.expired, revoked: '' };
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t.from}</th>
            <th scope="col">{t.to}</th>
            <th scope="col">{t.roles}</th>
            <th scope="col">{t.period}</th>
            <th scope="col">{t.reason}</th>
            <th scope="col">{t.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ d, rolesText, state, canRevoke }) => (
            <tr>
              <td safe>{d.from_name}</td>
              <td safe>{d.to_name}</td>
              <td safe>{rolesText}</td>
              <td safe>{`${formatDate(d.starts_on)} – ${formatDate(d.ends_on)}`}</td>
              <td safe>{d.reason}</td>
              <td>
                {state === 'revoked' ? (
                  <span safe>{format(t.revokedOn, { time: formatDateTime(d.revoked_at!) })}</span>
                ) : (
                  <span class={state === 'expired' ? 'tag' : 'tag tag-ok'}>{stateLabel[state]}</span>
                )}
                {canRevoke ? (
                  <form method="post" action={`/admin/delegations/${d.id}/revoke`}>
                    <CsrfField token={ctx.csrfToken} />
                    <label for={`revoke-reason-${d.id}`}>{t.revokeReason}</label>
                    <input type="text" id={`revoke-reason-${d.id}`} name="reason" maxlength="300" />
                    <button type="submit" class="button button-danger">
                      {t.revoke}
                    </button>
                  </form>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DelegationsPage(props: {
  ctx: PageContext;
  form: FormState;
  fromOptions: Option[];
  toOptions: Option[];
  roleOptions: Option[];
  current: DelegationRowView[];
  past: DelegationRowView[];
  canCreate: boolean;
}): JSX.Element {
  const { ctx, form } = props;
  const t = delegationText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <section aria-labelledby="current-h">
        <h2 id="current-h">{t.current}</h2>
        <DelegationTable ctx={ctx} rows={props.current} />
      </section>
      {props.canCreate ? (
        <section aria-labelledby="new-h">
          <h2 id="new-h">{t.newTitle}</h2>
          <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
          <form method="post" action="/admin/delegations" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectField name="fromUserId" label={t.from} form={form} options={props.fromOptions} required />
            <SelectField name="toUserId" label={t.to} form={form} options={props.toOptions} emptyLabel={t.chooseMember} required />
            <CheckboxGroup name="roles" label={t.roles} hint={t.rolesHint} form={form} options={[{ value: 'all', label: t.allRoles }, ...props.roleOptions]} required />
            <TextField name="startsOn" type="date" label={t.startsOn} hint={t.dateHint} form={form} required />
            <TextField name="endsOn" type="date" label={t.endsOn} hint={t.dateHint} form={form} required />
            <TextArea name="reason" label={t.reason} hint={format(t.reasonHint, { head: props.roleOptions.find((o) => o.value === 'editor_in_chief')?.label ?? '' })} form={form} required rows={2} maxlength={500} />
            <button type="submit">{t.create}</button>
          </form>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="past-h">
        <h2 id="past-h">{t.past}</h2>
        <DelegationTable ctx={ctx} rows={props.past} />
      </section>
    </AdminLayout>
  );
}
