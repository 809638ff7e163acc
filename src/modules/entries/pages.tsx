// Back-office pages of declared sections: the site's kinds with their counts,
// one kind's entries, and the site administrator's choice of kinds and names.
import type { ItemStatus } from '../../core/workflow/index.ts';
import type { SiteKind } from '../../core/entries/index.ts';
import { formatDateTime } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { Checkbox, CsrfField, ErrorSummary, SelectField, TextField, type FormState } from '../../ui/components/form.tsx';
import { Pagination } from '../../ui/components/pagination.tsx';
import { StatusLine } from '../articles/pages/actions.tsx';
import { ENTRY_STATES, type EntryCounts, type EntryState } from './admin-store.ts';
import { entryText } from './messages.ts';

const plural = (k: SiteKind, lang: PageContext['lang']) => (lang === 'en' ? k.plural.en : k.plural.vi);

function stateLabel(t: ReturnType<typeof entryText>, s: EntryState): string {
  return s === 'draft' ? t.drafts : s === 'review' ? t.inReview : t.published;
}

export function EntriesOverviewPage({ ctx, kinds, counts, canCreate, canManageKinds }: { ctx: PageContext; kinds: SiteKind[]; counts: Map<string, EntryCounts>; canCreate: boolean; canManageKinds: boolean }): JSX.Element {
  const t = entryText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.entries}>
      <h1>{t.entries}</h1>
      <p class="lead">{t.entriesLead}</p>
      {canManageKinds ? (
        <p>
          <a href="/admin/entry-kinds">{t.manageKinds}</a>
        </p>
      ) : (
        ''
      )}
      {kinds.length === 0 ? (
        <p>{t.noKinds}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.kind}</th>
                {ENTRY_STATES.map((s) => (
                  <th scope="col" safe>{stateLabel(t, s)}</th>
                ))}
                {canCreate ? <th scope="col">{common(ctx.lang).actions}</th> : ''}
              </tr>
            </thead>
            <tbody>
              {kinds.map((k) => {
                const c = counts.get(k.kind.key) ?? { draft: 0, review: 0, published: 0 };
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/admin/entries/${k.kind.key}`} safe>
                        {plural(k, ctx.lang)}
                      </a>
                      <br />
                      <span class="muted" safe>
                        {ctx.lang === 'en' ? k.kind.description.en : k.kind.description.vi}
                      </span>
                    </th>
                    {ENTRY_STATES.map((s) => (
                      <td>
                        <a href={`/admin/entries/${k.kind.key}?state=${s}`} aria-label={`${plural(k, ctx.lang)}: ${stateLabel(t, s)} ${c[s]}`} safe>
                          {String(c[s])}
                        </a>
                      </td>
                    ))}
                    {canCreate ? (
                      <td>
                        <a class="button" href={`/admin/entries/${k.kind.key}/new`} aria-label={format(t.addTo, { kind: ctx.lang === 'en' ? k.kind.label.en : k.kind.label.vi })}>
                          {t.add}
                        </a>
                      </td>
                    ) : (
                      ''
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

export interface EntryListItem {
  id: number;
  title: string;
  status: ItemStatus;
  author: string;
  updatedAt: string;
  /** For kinds with a validity period: its end has passed, or its start is still to come (beside "Đã đăng"). */
  validity?: 'ended' | 'upcoming' | null;
  /** The `list: true` fields, formatted. */
  cells: string[];
}

export function EntryListPage(props: {
  ctx: PageContext;
  kind: SiteKind;
  columns: string[];
  items: EntryListItem[];
  total: number;
  page: number;
  pages: number;
  filter: FormState;
  query: Record<string, string>;
  canCreate: boolean;
  seesAll: boolean;
}): JSX.Element {
  const { ctx, kind } = props;
  const t = entryText(ctx.lang);
  const title = plural(kind, ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href="/admin/entries">{t.allKinds}</a>
      </p>
      <h1 safe>{title}</h1>
      <p class="lead" safe>
        {ctx.lang === 'en' ? kind.kind.description.en : kind.kind.description.vi}
      </p>
      <p class="actions-row">
        {props.canCreate ? (
          <a class="button" href={`/admin/entries/${kind.kind.key}/new`} safe>
            {format(t.addTo, { kind: ctx.lang === 'en' ? kind.kind.label.en : kind.kind.label.vi })}
          </a>
        ) : (
          ''
        )}
        <a href={`/${kind.kind.path}`}>{t.publicList}</a>
      </p>
      <form method="get" action={`/admin/entries/${kind.kind.key}`} class="filters" role="search">
        <SelectField name="state" label={t.statusFilter} form={props.filter} options={ENTRY_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))} emptyLabel={t.anyStatus} />
        {props.seesAll ? <Checkbox name="mine" label={t.onlyMine} form={props.filter} /> : ''}
        <button type="submit" class="button button-secondary">
          {t.filter}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption safe>{format(t.count, { count: props.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{kind.kind.titleLabel ? (ctx.lang === 'en' ? kind.kind.titleLabel.en : kind.kind.titleLabel.vi) : t.title}</th>
                {props.columns.map((c) => (
                  <th scope="col" safe>
                    {c}
                  </th>
                ))}
                <th scope="col">{t.status}</th>
                <th scope="col">{t.author}</th>
                <th scope="col">{t.updated}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((e) => (
                <tr>
                  <td>
                    <a href={`/admin/articles/${e.id}`} safe>
                      {e.title}
                    </a>
                  </td>
                  {e.cells.map((c) => (
                    <td class="pre-line" safe>
                      {c}
                    </td>
                  ))}
                  <td>
                    <StatusLine ctx={ctx} status={e.status} />
                    {e.validity ? (
                      <p class="hint">
                        {e.validity === 'ended' ? t.validityEnded : t.validityUpcoming}
                      </p>
                    ) : (
                      ''
                    )}
                  </td>
                  <td safe>{e.author}</td>
                  <td safe>{formatDateTime(e.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination lang={ctx.lang} page={props.page} pages={props.pages} baseUrl={`/admin/entries/${kind.kind.key}`} query={props.query} />
    </AdminLayout>
  );
}

export interface KindRow {
  kind: SiteKind;
  /** Whether the kind has its own review chain on this site. */
  ownChain: boolean;
}

export function EntryKindsPage({ ctx, rows, form }: { ctx: PageContext; rows: KindRow[]; form: FormState }): JSX.Element {
  const t = entryText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.kindsTitle}>
      <p>
        <a href="/admin/entries">{t.entries}</a>
      </p>
      <h1>{t.kindsTitle}</h1>
      <p class="lead">{t.kindsLead}</p>
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action="/admin/entry-kinds" novalidate>
        <CsrfField token={ctx.csrfToken} />
        {rows.map(({ kind: k, ownChain }) => (
          <fieldset class="field" id={`k.${k.kind.key}`}>
            <legend>
              <span safe>{k.kind.plural.vi}</span> <span lang="en" class="muted" safe>{`(${k.kind.plural.en})`}</span>
            </legend>
            <p class="hint" safe>
              {[ctx.lang === 'en' ? k.kind.description.en : k.kind.description.vi, format(t.address, { path: k.kind.path }), k.kind.sources?.length ? format(t.sources, { sources: k.kind.sources.join(', ') }) : ''].filter(Boolean).join(' ')}
            </p>
            <Checkbox name={`k.${k.kind.key}.enabled`} label={t.enabled} form={form} />
            <TextField name={`k.${k.kind.key}.vi`} label={t.ownName} hint={format(t.ownNameHint, { name: k.kind.plural.vi })} form={form} maxlength={120} />
            <TextField name={`k.${k.kind.key}.en`} label={t.ownNameEn} hint={format(t.ownNameHint, { name: k.kind.plural.en })} form={form} maxlength={120} />
            <p>
              <a href={`/admin/workflow?for=entry:${k.kind.key}`}>{ownChain ? t.ownChain : t.articleChain}</a>
            </p>
          </fieldset>
        ))}
        <button type="submit">{t.save}</button>
      </form>
    </AdminLayout>
  );
}
