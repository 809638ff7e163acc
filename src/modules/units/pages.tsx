// Pages of a site's units.
import type { UnitRow } from '../../platform/db/schema.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { ActionButton, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { UNIT_FUNCTIONS_MAX } from './manage-units.ts';
import { unitText } from './messages.ts';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind, type UnitNode } from './unit.ts';

function UnitItems({ nodes, ctx, canManage, heads }: { nodes: UnitNode[]; ctx: PageContext; canManage: boolean; heads: Map<number, string> }): JSX.Element {
  const t = unitText(ctx.lang);
  return (
    <>
      {nodes.map((n) => {
        const u = n.unit;
        const head = u.head_user_id ? heads.get(u.head_user_id) : u.head_name;
        const kind = UNIT_KIND_LABELS[u.kind as UnitKind]?.[ctx.lang] ?? u.kind;
        return (
          <li>
            <strong safe>{u.name}</strong> <span class="muted" safe>{`(${kind})`}</span>
            {head || u.phone || u.email || u.site_url ? (
              <div class="muted" safe>
                {[head ? `${u.head_title ? `${u.head_title}: ` : ''}${head}` : '', u.phone ?? '', u.email ?? '', u.site_url ?? ''].filter(Boolean).join(' · ')}
              </div>
            ) : (
              ''
            )}
            {canManage ? (
              <div class="actions-row">
                <a href={`/admin/units/${u.id}`}>{common(ctx.lang).edit}</a>
                <ActionButton action={`/admin/units/${u.id}/remove`} label={t.remove} csrfToken={ctx.csrfToken} variant="secondary" />
              </div>
            ) : (
              ''
            )}
            {n.children.length > 0 ? (
              <ul>
                <UnitItems nodes={n.children} ctx={ctx} canManage={canManage} heads={heads} />
              </ul>
            ) : (
              ''
            )}
          </li>
        );
      })}
    </>
  );
}

export function UnitListPage(props: { ctx: PageContext; tree: UnitNode[]; archived: UnitRow[]; canManage: boolean; heads: Map<number, string> }): JSX.Element {
  const { ctx } = props;
  const t = unitText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      {props.canManage ? (
        <p>
          <a class="button" href="/admin/units/new">
            {t.add}
          </a>
        </p>
      ) : (
        ''
      )}
      {props.tree.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul class="tree">
          <UnitItems nodes={props.tree} ctx={ctx} canManage={props.canManage} heads={props.heads} />
        </ul>
      )}
      {props.archived.length > 0 ? (
        <section aria-labelledby="archived-h">
          <h2 id="archived-h">{t.archivedTitle}</h2>
          <ul>
            {props.archived.map((u) => (
              <li>
                <span safe>{u.name}</span>{' '}
                {props.canManage ? <ActionButton action={`/admin/units/${u.id}/restore`} label={t.restore} csrfToken={ctx.csrfToken} variant="secondary" /> : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export function UnitFormPage(props: { ctx: PageContext; form: FormState; unitId: number | null; parentOptions: Option[]; headOptions: Option[] }): JSX.Element {
  const { ctx, form } = props;
  const t = unitText(ctx.lang);
  const c = common(ctx.lang);
  const title = props.unitId ? t.editTitle : t.addTitle;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href="/admin/units">{t.back}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action={props.unitId ? `/admin/units/${props.unitId}` : '/admin/units'} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="name" label={t.name} form={form} required maxlength={200} />
        <TextField name="nameEn" label={t.nameEn} form={form} maxlength={200} />
        <SelectField name="kind" label={t.kind} form={form} required options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k][ctx.lang] }))} />
        <SelectField name="parentId" label={t.parent} form={form} options={props.parentOptions} emptyLabel={t.noParent} />
        <SelectField name="headUserId" label={t.head} form={form} options={props.headOptions} emptyLabel={t.noHead} />
        <TextField name="headName" label={t.headName} hint={t.headNameHint} form={form} maxlength={120} />
        <TextField name="headTitle" label={t.headTitle} form={form} maxlength={120} />
        <TextField name="phone" type="tel" label={t.phone} form={form} />
        <TextField name="email" type="email" label={t.email} form={form} />
        <TextField name="address" label={t.address} form={form} maxlength={300} />
        <TextField name="siteUrl" type="url" label={t.siteUrl} hint={t.siteUrlHint} form={form} maxlength={300} />
        <TextArea name="functions" label={t.functions} hint={t.functionsHint} form={form} rows={6} maxlength={UNIT_FUNCTIONS_MAX} />
        <TextField name="sortOrder" type="number" label={t.sortOrder} form={form} inputmode="numeric" />
        <div class="actions-row">
          <button type="submit">{c.save}</button>
          <a href="/admin/units">{c.cancel}</a>
        </div>
      </form>
    </AdminLayout>
  );
}
