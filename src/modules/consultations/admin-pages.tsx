// Back-office pages of consultations: the list with comment counts, the form
// of a draft (fields, files, actions), and the moderation page (comments,
// responses, results summary, conclusion, export).
import { formatDate, formatDateTime } from '../../core/time.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../../platform/db/schema.ts';
import { ActionButton, CheckboxGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { asset } from '../../ui/assets.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { consultationText } from './messages.ts';
import { PHASES, type Phase } from './model.ts';
import type { AdminListRow } from './store.ts';

export function phaseLabel(lang: Lang, phase: Phase): string {
  return consultationText(lang)[`phase_${phase}`];
}

const period = (row: Pick<ConsultationRow, 'opens_on' | 'closes_on'>) => `${formatDate(row.opens_on)} – ${formatDate(row.closes_on)}`;

export function ConsultationListPage(props: { ctx: PageContext; rows: AdminListRow[]; phase: Phase | null }): JSX.Element {
  const { ctx } = props;
  const t = consultationText(ctx.lang);
  const form: FormState = { values: { 'trang-thai': props.phase ?? '' }, errors: {} };
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <div class="actions-row">
        <a class="button" href="/admin/consultations/new">
          {t.add}
        </a>
      </div>
      <form method="get" action="/admin/consultations" class="filters" role="search" aria-label={t.filter}>
        <SelectField name="trang-thai" label={t.phase} form={form} options={PHASES.map((p) => ({ value: p, label: phaseLabel(ctx.lang, p) }))} emptyLabel={t.allPhases} />
        <button type="submit">{t.filter}</button>
      </form>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.draftTitle}</th>
                <th scope="col">{t.draftingAgency}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.phase}</th>
                <th scope="col">{t.comments}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/consultations/${r.row.id}`} safe>
                      {r.row.title}
                    </a>
                  </th>
                  <td safe>{r.row.drafting_agency}</td>
                  <td safe>{period(r.row)}</td>
                  <td safe>{phaseLabel(ctx.lang, r.phase)}</td>
                  <td>
                    <a href={`/admin/consultations/${r.row.id}/comments`} safe>
                      {format(t.commentCounts, { total: r.total, approved: r.approved, pending: r.pending })}
                    </a>
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

/** A textarea the back office's editor script turns into rich text (plain HTML without JavaScript). */
function RichTextField(props: { name: string; label: string; hint: string; form: FormState; rows: number }): JSX.Element {
  const error = props.form.errors[props.name];
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={props.name} safe>
        {props.label}
      </label>
      <p class="hint" id={`${props.name}-hint`} safe>
        {props.hint}
      </p>
      {error ? (
        <p class="error-message" id={`${props.name}-error`} safe>
          {error}
        </p>
      ) : (
        ''
      )}
      <textarea id={props.name} name={props.name} rows={String(props.rows)} data-rich-editor aria-describedby={error ? `${props.name}-hint ${props.name}-error` : `${props.name}-hint`} safe>
        {String(props.form.values[props.name] ?? '')}
      </textarea>
    </div>
  );
}

export interface FormProps {
  ctx: PageContext;
  form: FormState;
  row: ConsultationRow | null;
  phase: Phase | null;
  lockVersion: number;
  docTypes: Option[];
  /** Files attached now (ticked), and the site's PDF and Word files that may be added. */
  attached: Option[];
  library: Option[];
  minimum: { amount: number; unit: string };
  publicUrl: string | null;
}

export function ConsultationFormPage(props: FormProps): JSX.Element {
  const { ctx, form, row } = props;
  const t = consultationText(ctx.lang);
  const c = common(ctx.lang);
  const title = row ? t.editTitle : t.newTitle;
  return (
    <AdminLayout ctx={ctx} title={title} scripts={[asset('js/editor.js')]}>
      <p>
        <a href="/admin/consultations">{t.back}</a>
      </p>
      <h1>{title}</h1>
      {row && props.phase ? (
        <div class="panel">
          <p>
            <strong>{t.phase}:</strong> <span safe>{phaseLabel(ctx.lang, props.phase)}</span>
            {props.publicUrl ? (
              <>
                {' · '}
                <a href={props.publicUrl}>{t.viewPublic}</a>
              </>
            ) : (
              ''
            )}
            {' · '}
            <a href={`/admin/consultations/${row.id}/comments`}>{t.moderate}</a>
          </p>
          <div class="actions-row">
            {row.status === 'draft' ? <ActionButton action={`/admin/consultations/${row.id}/publish`} label={t.publish} csrfToken={ctx.csrfToken} /> : <ActionButton action={`/admin/consultations/${row.id}/unpublish`} label={t.unpublish} csrfToken={ctx.csrfToken} variant="secondary" />}
            <ActionButton action={`/admin/consultations/${row.id}/delete`} label={t.delete} csrfToken={ctx.csrfToken} variant="danger" />
          </div>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action={row ? `/admin/consultations/${row.id}` : '/admin/consultations'} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="lockVersion" value={String(props.lockVersion)} />
        <TextField name="title" label={t.draftTitle} form={form} required maxlength={500} />
        <SelectField name="docType" label={t.docType} form={form} required options={props.docTypes} emptyLabel="" />
        <TextField name="draftingAgency" label={t.draftingAgency} form={form} required maxlength={300} />
        <TextArea name="summary" label={t.summary} form={form} required rows={4} maxlength={3000} />
        <RichTextField name="body" label={t.body} hint={t.bodyHint} form={form} rows={16} />
        <TextArea name="parts" label={t.parts} hint={t.partsHint} form={form} rows={5} />
        <TextArea name="contact" label={t.contact} hint={t.contactHint} form={form} required rows={3} maxlength={1000} />
        <TextField name="opensOn" type="date" label={t.opensOn} form={form} required />
        <TextField name="closesOn" type="date" label={t.closesOn} hint={format(t.minimumHint, props.minimum)} form={form} required />
        {props.attached.length > 0 ? <CheckboxGroup name="attachments" label={t.files} hint={t.filesHint} form={form} options={props.attached} /> : ''}
        <SelectField name="addMedia" label={t.addMedia} form={form} options={props.library} emptyLabel={t.noMedia} />
        {form.errors.attachments && props.attached.length === 0 ? (
          <p class="error-message" id="attachments" safe>
            {form.errors.attachments}
          </p>
        ) : (
          ''
        )}
        <div class="actions-row">
          <button type="submit">{c.save}</button>
          <a href="/admin/consultations">{c.cancel}</a>
        </div>
      </form>
      {row ? (
        <section aria-labelledby="upload-h">
          <h2 id="upload-h">{t.upload}</h2>
          <p class="hint">{t.uploadHint}</p>
          <form method="post" action={`/admin/consultations/${row.id}/files?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
            <input type="hidden" name="lockVersion" value={String(props.lockVersion)} />
            <div class="field">
              <label for="file">{t.uploadFile}</label>
              <input id="file" name="file" type="file" accept=".pdf,.doc,.docx,.odt,application/pdf" required />
            </div>
            <button type="submit">{t.doUpload}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export interface CommentsProps {
  ctx: PageContext;
  row: ConsultationRow;
  phase: Phase;
  comments: (ConsultationCommentRow & { moderator: string | null })[];
  summaryForm: FormState;
  /** Problems of a response form, by comment id. */
  responseErrors: Record<string, string>;
  publicUrl: string | null;
}

function CommentCard(props: { ctx: PageContext; row: ConsultationRow; comment: CommentsProps['comments'][number]; n: number; errors: Record<string, string> }): JSX.Element {
  const { ctx, comment: cm } = props;
  const t = consultationText(ctx.lang);
  const base = `/admin/consultations/${props.row.id}/comments/${cm.id}`;
  const kindError = props.errors[`kind_${cm.id}`];
  const textError = props.errors[`response_${cm.id}`];
  return (
    <li class="panel" id={`y-kien-${cm.id}`}>
      <h3 safe>{`#${props.n} · ${t[`status_${cm.status as 'pending'}`] ?? cm.status}`}</h3>
      <dl class="meta">
        <dt>{t.sender}</dt>
        <dd safe>{[cm.name ?? '—', cm.email ?? '', cm.organisation ?? ''].filter(Boolean).join(' · ')}</dd>
        <dt>{t.sentAt}</dt>
        <dd safe>{formatDateTime(cm.created_at)}</dd>
        <dt>{t.part}</dt>
        <dd safe>{cm.part ?? t.wholeDraft}</dd>
        {cm.moderated_at ? (
          <>
            <dt>{t.by}</dt>
            <dd safe>{`${cm.moderator ?? '—'}, ${formatDateTime(cm.moderated_at)}${cm.moderation_note ? ` — ${cm.moderation_note}` : ''}`}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <p class="pre-line" safe>
        {cm.body}
      </p>
      <div class="actions-row">
        {cm.status !== 'approved' ? <ActionButton action={`${base}/approve`} label={t.approve} csrfToken={ctx.csrfToken} /> : ''}
        {cm.status !== 'rejected' ? (
          <form method="post" action={`${base}/reject`} class="inline">
            <CsrfField token={ctx.csrfToken} />
            <label for={`note-${cm.id}`}>{t.note}</label> <input id={`note-${cm.id}`} name="note" type="text" maxlength="1000" />{' '}
            <button type="submit" class="button button-danger">
              {t.reject}
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
      {cm.status === 'approved' ? (
        <form method="post" action={`${base}/respond`}>
          <CsrfField token={ctx.csrfToken} />
          <fieldset class={kindError || textError ? 'field field-error' : 'field'}>
            <legend>{t.response}</legend>
            {kindError ? (
              <p class="error-message" id={`kind_${cm.id}`} safe>
                {kindError}
              </p>
            ) : (
              ''
            )}
            {(['accepted', 'explained'] as const).map((k) => (
              <div class="checkbox">
                <input type="radio" id={`kind-${cm.id}-${k}`} name="kind" value={k} checked={cm.response_kind === k} />
                <label for={`kind-${cm.id}-${k}`}>{t[k]}</label>
              </div>
            ))}
            <label for={`response_${cm.id}`}>{t.responseText}</label>
            {textError ? (
              <p class="error-message" id={`response_${cm.id}-error`} safe>
                {textError}
              </p>
            ) : (
              ''
            )}
            <textarea id={`response_${cm.id}`} name="response" rows="3" maxlength="10000" aria-invalid={textError ? 'true' : undefined} aria-describedby={textError ? `response_${cm.id}-error` : undefined} safe>
              {cm.response ?? ''}
            </textarea>
          </fieldset>
          <button type="submit">{t.saveResponse}</button>
        </form>
      ) : (
        ''
      )}
    </li>
  );
}

export function CommentsPage(props: CommentsProps): JSX.Element {
  const { ctx, row } = props;
  const t = consultationText(ctx.lang);
  const title = format(t.moderateTitle, { title: row.title });
  const by = (s: string) => props.comments.filter((c) => c.status === s);
  const counts = { total: props.comments.length, approved: by('approved').length, pending: by('pending').length };
  const afterClosing = props.phase === 'closed' || props.phase === 'concluded';
  return (
    <AdminLayout ctx={ctx} title={title} scripts={[asset('js/editor.js')]}>
      <p>
        <a href={`/admin/consultations/${row.id}`} safe>{`← ${row.title}`}</a>
      </p>
      <h1 safe>{title}</h1>
      <div class="panel">
        <p>
          <strong>{t.phase}:</strong> <span safe>{`${phaseLabel(ctx.lang, props.phase)} (${period(row)})`}</span>
          {props.publicUrl ? (
            <>
              {' · '}
              <a href={props.publicUrl}>{t.viewPublic}</a>
            </>
          ) : (
            ''
          )}
        </p>
        <p safe>{format(t.commentCounts, counts)}</p>
        <p>
          <a href={`/admin/consultations/${row.id}/comments.csv`} safe>{`${t.export} (CSV)`}</a>
          {' · '}
          <a href={`/admin/consultations/${row.id}/comments.xlsx`} safe>{`${t.export} (XLSX)`}</a>
        </p>
        {by('pending').length > 0 ? (
          <p>
            <span>{t.exportWithPending} </span>
            <a href={`/admin/consultations/${row.id}/comments.csv?chua-kiem-duyet=1`}>CSV</a>
            {' · '}
            <a href={`/admin/consultations/${row.id}/comments.xlsx?chua-kiem-duyet=1`}>XLSX</a>
          </p>
        ) : (
          ''
        )}
        <p class="hint" safe>
          {format(t.exportHint, { board: ctx.site.boardLabel })}
        </p>
      </div>
      {(['pending', 'approved', 'rejected'] as const).map((s) => (
        <section aria-labelledby={`h-${s}`}>
          <h2 id={`h-${s}`} safe>{`${t[`status_${s}`]} (${by(s).length})`}</h2>
          {by(s).length === 0 ? (
            <p>{t.noComments}</p>
          ) : (
            <ol class="items">
              {by(s).map((cm) => (
                <CommentCard ctx={ctx} row={row} comment={cm} n={props.comments.indexOf(cm) + 1} errors={props.responseErrors} />
              ))}
            </ol>
          )}
        </section>
      ))}
      <section aria-labelledby="h-results">
        <h2 id="h-results">{t.results}</h2>
        {afterClosing ? (
          <>
            <ErrorSummary form={props.summaryForm} title={common(ctx.lang).formErrors} />
            <form method="post" action={`/admin/consultations/${row.id}/summary`}>
              <CsrfField token={ctx.csrfToken} />
              <RichTextField name="resultsSummary" label={t.results} hint={t.resultsHint} form={props.summaryForm} rows={10} />
              <button type="submit">{t.saveSummary}</button>
            </form>
            {props.phase === 'closed' ? <ActionButton action={`/admin/consultations/${row.id}/conclude`} label={t.conclude} csrfToken={ctx.csrfToken} /> : ''}
          </>
        ) : (
          <p>{t.resultsNotYet}</p>
        )}
      </section>
    </AdminLayout>
  );
}
