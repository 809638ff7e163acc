// The article list, the queue, the trash, the Word import form, an article's
// history and its revisions with a side-by-side comparison.
import { escapeHtml } from '@kitajs/html';
import type { DiffPart } from '../../../core/content/index.ts';
import { formatDateTime } from '../../../core/time.ts';
import { PUBLICATION_STATE_NAMES, REVIEW_STATE_NAMES, type ItemStatus, type PublicationState, type ReviewState } from '../../../core/workflow/index.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import { AdminLayout } from '../../../ui/layout.tsx';
import { common } from '../../../ui/messages.ts';
import type { PageContext } from '../../../ui/page-context.ts';
import { ActionButton, Checkbox, CsrfField, ErrorSummary, SelectField, TextField, type FormState, type Option } from '../../../ui/components/form.tsx';
import { Pagination } from '../../../ui/components/pagination.tsx';
import { ARTICLE_KIND_LABELS, isArticleKind } from '../article.ts';
import { articleText } from '../messages.ts';
import type { ArticleListRow } from '../store.ts';
import { StatusLine } from './actions.tsx';

export function reviewLabel(lang: Lang, state: string): string {
  return REVIEW_STATE_NAMES[state as ReviewState]?.[lang] ?? state;
}
export function publicationLabel(lang: Lang, state: string): string {
  return PUBLICATION_STATE_NAMES[state as PublicationState]?.[lang] ?? state;
}
function kindLabel(lang: Lang, kind: string): string {
  return isArticleKind(kind) ? ARTICLE_KIND_LABELS[kind][lang] : kind;
}

function ArticleNav({ ctx, canCreate }: { ctx: PageContext; canCreate: boolean }): JSX.Element {
  const t = articleText(ctx.lang);
  return (
    <p class="actions-row">
      {canCreate ? (
        <>
          <a class="button" href="/admin/articles/new">
            {t.newArticle}
          </a>
          <a class="button button-secondary" href="/admin/articles/import">
            {t.importWord}
          </a>
        </>
      ) : (
        ''
      )}
      <a href="/admin/queue">{t.queue}</a>
      <a href="/admin/trash">{t.trash}</a>
    </p>
  );
}

export function ArticleListPage(props: { ctx: PageContext; rows: ArticleListRow[]; statuses: Map<number, ItemStatus>; total: number; page: number; pages: number; filter: FormState; query: Record<string, string>; sections: Option[]; canCreate: boolean }): JSX.Element {
  const { ctx } = props;
  const t = articleText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.articles}>
      <h1>{t.articles}</h1>
      <p class="lead">{t.listLead}</p>
      <ArticleNav ctx={ctx} canCreate={props.canCreate} />
      <form method="get" action="/admin/articles" class="filters" role="search">
        <TextField name="q" type="search" label={t.search} form={props.filter} />
        <SelectField name="review" label={t.reviewState} form={props.filter} options={Object.keys(REVIEW_STATE_NAMES).map((k) => ({ value: k, label: reviewLabel(ctx.lang, k) }))} emptyLabel={t.anyState} />
        <SelectField name="publication" label={t.publication} form={props.filter} options={Object.keys(PUBLICATION_STATE_NAMES).map((k) => ({ value: k, label: publicationLabel(ctx.lang, k) }))} emptyLabel={t.anyPublication} />
        <SelectField name="section" label={t.section} form={props.filter} options={props.sections} emptyLabel={t.anySection} />
        <Checkbox name="mine" label={t.onlyMine} form={props.filter} />
        <button type="submit" class="button button-secondary">
          {c.filter}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption safe>{format(t.count, { count: props.total })}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.title}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.author}</th>
                <th scope="col">{t.updated}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>{r.id}</td>
                  <td>
                    <a href={`/admin/articles/${r.id}`} safe>
                      {r.title}
                    </a>
                    <br />
                    <span class="muted" safe>
                      {[kindLabel(ctx.lang, r.kind), r.section_name ?? ''].filter(Boolean).join(' · ')}
                    </span>
                  </td>
                  <td>{props.statuses.get(r.id) ? <StatusLine ctx={ctx} status={props.statuses.get(r.id)!} /> : ''}</td>
                  <td safe>{r.author_name}</td>
                  <td safe>{formatDateTime(r.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination lang={ctx.lang} page={props.page} pages={props.pages} baseUrl="/admin/articles" query={props.query} />
    </AdminLayout>
  );
}

export interface QueueView {
  id: number;
  title: string;
  task: string;
  status: ItemStatus;
  dueAt: string | null;
  overdue: boolean;
  onBehalfOfName: string | null;
}

export interface OwnView {
  id: number;
  title: string;
  status: ItemStatus;
}

export function QueuePage({ ctx, waiting, own, canCreate }: { ctx: PageContext; waiting: QueueView[]; own: OwnView[]; canCreate: boolean }): JSX.Element {
  const t = articleText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.queueTitle}>
      <h1>{t.queueTitle}</h1>
      <ArticleNav ctx={ctx} canCreate={canCreate} />
      <section aria-labelledby="waiting-h">
        <h2 id="waiting-h">{t.waitingForMe}</h2>
        <p>{t.waitingLead}</p>
        {waiting.length === 0 ? (
          <p>{t.nothingWaiting}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.title}</th>
                  <th scope="col">{t.task}</th>
                  <th scope="col">{t.due}</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((w) => (
                  <tr class={w.overdue ? 'row-overdue' : undefined}>
                    <td>
                      <a href={`/admin/articles/${w.id}/review`} safe>
                        {w.title}
                      </a>
                      <StatusLine ctx={ctx} status={w.status} />
                    </td>
                    <td>
                      <span safe>{w.task}</span>
                      {w.onBehalfOfName ? (
                        <>
                          <br />
                          <em safe>{format(t.byDelegation, { name: w.onBehalfOfName })}</em>
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>
                      {w.dueAt ? <span safe>{formatDateTime(w.dueAt)}</span> : '—'}
                      {w.overdue ? (
                        <>
                          {' '}
                          <span class="tag tag-bad">{t.overdue}</span>
                        </>
                      ) : (
                        ''
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="own-h">
        <h2 id="own-h">{t.myItems}</h2>
        <p>{t.myItemsLead}</p>
        {own.length === 0 ? (
          <p>{t.noItems}</p>
        ) : (
          <ul class="timeline">
            {own.map((o) => (
              <li>
                <a href={`/admin/articles/${o.id}`} safe>
                  {o.title}
                </a>
                <StatusLine ctx={ctx} status={o.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}

export function TrashPage({ ctx, rows, canPurge }: { ctx: PageContext; rows: ArticleListRow[]; canPurge: boolean }): JSX.Element {
  const t = articleText(ctx.lang);
  const c = common(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.trashTitle}>
      <h1>{t.trashTitle}</h1>
      <p class="lead">{t.trashLead}</p>
      {rows.length === 0 ? (
        <p>{t.trashEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.title}</th>
                <th scope="col">{t.author}</th>
                <th scope="col">{t.deletedAt}</th>
                <th scope="col">{c.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td safe>{r.title}</td>
                  <td safe>{r.author_name}</td>
                  <td>{escapeHtml(r.deleted_at ? formatDateTime(r.deleted_at) : '')}</td>
                  <td>
                    <div class="actions-row">
                      <ActionButton action={`/admin/trash/${r.id}/restore`} label={t.restoreFromTrash} csrfToken={ctx.csrfToken} variant="secondary" />
                      {canPurge ? <ActionButton action={`/admin/trash/${r.id}/purge`} label={t.purge} csrfToken={ctx.csrfToken} variant="danger" /> : ''}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

export function ImportPage({ ctx, form, sections }: { ctx: PageContext; form: FormState; sections: Option[] }): JSX.Element {
  const t = articleText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.importTitle}>
      <p>
        <a href="/admin/articles">{t.articles}</a>
      </p>
      <h1>{t.importTitle}</h1>
      <p>{t.importLead}</p>
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      <form method="post" action={`/admin/articles/import?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" novalidate>
        <div class={form.errors.file ? 'field field-error' : 'field'}>
          <label for="file">{t.docxFile}</label>
          <p class="hint" id="file-hint">
            {t.docxHint}
          </p>
          {form.errors.file ? (
            <p class="error-message" id="file-error" safe>
              {form.errors.file}
            </p>
          ) : (
            ''
          )}
          <input type="file" id="file" name="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="file-hint" required />
        </div>
        <SelectField name="sectionId" label={t.section} form={form} options={sections} emptyLabel={t.noSection} />
        <button type="submit">{t.import}</button>
      </form>
    </AdminLayout>
  );
}

export interface HistoryEntry {
  action: string;
  actor: string | null;
  onBehalfOf: string | null;
  at: string;
  /** The status line the item had after this action. */
  statusAfter: string;
  note: string | null;
}

export function HistoryPage({ ctx, articleId, title, status, entries, alerts = [] }: { ctx: PageContext; articleId: number; title: string; status: ItemStatus; entries: HistoryEntry[]; alerts?: string[] }): JSX.Element {
  const t = articleText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={format(t.historyTitle, { title })}>
      <p>
        <a href={`/admin/articles/${articleId}`}>{t.backToArticle}</a>
      </p>
      <h1 safe>{format(t.historyTitle, { title })}</h1>
      <StatusLine ctx={ctx} status={status} />
      <ol class="timeline">
        {entries.map((e) => (
          <li>
            <strong safe>{e.action}</strong> — <span safe>{formatDateTime(e.at)}</span>
            <br />
            <span safe>{e.actor ?? '—'}</span>
            {e.onBehalfOf ? (
              <>
                {' '}
                <em safe>{format(t.onBehalfOf, { name: e.onBehalfOf })}</em>
              </>
            ) : (
              ''
            )}
            <br />
            <span class="muted" safe>{format(t.statusAfter, { status: e.statusAfter })}</span>
            {e.note ? <p safe>{e.note}</p> : ''}
          </li>
        ))}
      </ol>
      {alerts.length > 0 ? (
        <section aria-labelledby="alerts-h">
          <h2 id="alerts-h">{ctx.lang === 'vi' ? 'Nhắc hạn và báo cáo cấp trên' : 'Reminders and escalations'}</h2>
          <ul>
            {alerts.map((line) => (
              <li safe>{line}</li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export interface RevisionView {
  number: number;
  kind: string;
  author: string | null;
  at: string;
  live: boolean;
  note: string | null;
}

export function DiffColumn({ parts, side }: { parts: DiffPart[]; side: 'old' | 'new' }): JSX.Element {
  return (
    <div class="column">
      {parts.map((p) =>
        p.kind === 'same' ? escapeHtml(p.text) : p.kind === 'removed' ? (side === 'old' ? <del safe>{p.text}</del> : '') : side === 'new' ? <ins safe>{p.text}</ins> : '',
      )}
    </div>
  );
}

export function RevisionsPage(props: {
  ctx: PageContext;
  articleId: number;
  title: string;
  revisions: RevisionView[];
  canRestore: boolean;
  lockVersion: number;
  compare: { a: number; b: number; fields: { label: string; changed: boolean; parts: DiffPart[] }[] } | null;
}): JSX.Element {
  const { ctx } = props;
  const t = articleText(ctx.lang);
  const options = props.revisions.map((r) => ({ value: String(r.number), label: `${r.number} — ${formatDateTime(r.at)}` }));
  const latest = props.revisions[0]?.number ?? 1;
  return (
    <AdminLayout ctx={ctx} title={format(t.revisionsTitle, { title: props.title })}>
      <p>
        <a href={`/admin/articles/${props.articleId}`}>{t.backToArticle}</a>
      </p>
      <h1 safe>{format(t.revisionsTitle, { title: props.title })}</h1>
      <form method="get" action={`/admin/articles/${props.articleId}/revisions`} class="filters">
        <SelectField name="a" label={t.compareA} form={{ values: { a: String(props.compare?.a ?? Math.max(1, latest - 1)) }, errors: {} }} options={options} />
        <SelectField name="b" label={t.compareB} form={{ values: { b: String(props.compare?.b ?? latest) }, errors: {} }} options={options} />
        <button type="submit" class="button button-secondary">
          {t.compare}
        </button>
      </form>
      {props.compare ? (
        <section aria-labelledby="diff-h">
          <h2 id="diff-h" safe>{`${t.compareTwo}: ${props.compare.a} ↔ ${props.compare.b}`}</h2>
          {props.compare.fields.map((f) => (
            <>
              <h3 safe>{f.label}</h3>
              {f.changed ? (
                <div class="diff">
                  <DiffColumn parts={f.parts} side="old" />
                  <DiffColumn parts={f.parts} side="new" />
                </div>
              ) : (
                <p class="muted">{t.unchanged}</p>
              )}
            </>
          ))}
        </section>
      ) : (
        ''
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.revision}</th>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.by}</th>
              <th scope="col">{common(ctx.lang).actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r) => (
              <tr>
                <td>
                  {r.number} <span class="muted" safe>{t[`revisionKind_${r.kind as 'save'}`] ?? r.kind}</span>
                  {r.live ? <span class="tag tag-ok">{t.live}</span> : ''}
                  {r.note ? <div class="muted" safe>{r.note}</div> : ''}
                </td>
                <td safe>{formatDateTime(r.at)}</td>
                <td safe>{r.author ?? '—'}</td>
                <td>
                  {props.canRestore && r.number !== latest ? (
                    <ActionButton action={`/admin/articles/${props.articleId}/revisions/${r.number}/restore`} label={t.restore} csrfToken={ctx.csrfToken} variant="secondary" fields={{ lockVersion: String(props.lockVersion) }} />
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
