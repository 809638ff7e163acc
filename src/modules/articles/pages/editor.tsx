// The article editor: the form of the working copy, and beside it the review
// workflow: the item's status line and the actions this person could take
// (pages/actions.tsx).
import type { ScreeningMatch } from '../../../core/content/index.ts';
import { formatDateTime } from '../../../core/time.ts';
import { asset } from '../../../ui/assets.ts';
import { format } from '../../../ui/i18n.ts';
import { AdminLayout } from '../../../ui/layout.tsx';
import { common } from '../../../ui/messages.ts';
import type { PageContext } from '../../../ui/page-context.ts';
import { Checkbox, CheckboxGroup, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../../ui/components/form.tsx';
import { ActionArea, fieldAnchor, StatusLine, type WorkflowPanelData } from './actions.tsx';
import { ARTICLE_KINDS, ARTICLE_KIND_LABELS } from '../article.ts';
import { articleText } from '../messages.ts';
import { DocumentFieldset, type DocumentFieldsetProps } from '../../documents/admin-pages.tsx';
import type { PictureRow } from '../body-pictures.ts';
import { PicturesFieldset } from './pictures.tsx';
import { ProvisionFieldset } from '../../provision/fieldset.tsx';
import type { SectionKind } from '../../../core/entries/index.ts';
import { EntryFields, type EntryFieldOptions } from '../../entries/fields.tsx';

export interface EditorOptions {
  sections: Option[];
  units: Option[];
  images: Option[];
  files: Option[];
  /** Board members who may vouch for an item (provision record). */
  board: Option[];
  /** Whether this person records provision (mayRecordProvision): the fieldset is theirs only. */
  recordsProvision: boolean;
}

export interface EditorProps {
  ctx: PageContext;
  form: FormState;
  articleId: number | null;
  lockVersion: number;
  options: EditorOptions;
  workflow: WorkflowPanelData | null;
  actionForm: FormState;
  screening: ScreeningMatch[];
  highlightedBody: string | null;
  notices: string[];
  /** Saved as a draft but not submitted: the error summary's heading says both. */
  savedNotSubmitted?: boolean;
  previewLink: { url: string; expires: string } | null;
  canEdit: boolean;
  editProblem: string | null;
  /** The pictures of the body, for "Ảnh trong nội dung". */
  pictures: PictureRow[];
  /** Offer "Lưu và gửi duyệt": the person could submit this item (or a new one of their own). */
  saveAndSubmit: boolean;
  /** The document fieldset's data; shown when the form's kind is 'document'. */
  documentPanel: Omit<DocumentFieldsetProps, 'lang' | 'form'> | null;
  /** An entry of a declared section: its kind, and what its fields choose from; null for every other kind. */
  entryPanel?: { kind: SectionKind; options: EntryFieldOptions } | null;
}

function WorkflowPanel({ ctx, w, form }: { ctx: PageContext; w: WorkflowPanelData; form: FormState }): JSX.Element {
  const t = articleText(ctx.lang);
  return (
    <section class="workflow-panel" aria-labelledby="workflow-h">
      <h2 id="workflow-h">{t.workflow}</h2>
      <StatusLine ctx={ctx} status={w.status} />
      {w.chain.steps.length > 0 ? (
        <>
          <h3>{t.steps}</h3>
          <ol class="steps">
            {w.chain.steps.map((s, i) => (
              <li class={w.reviewState === 'in_review' && w.stepIndex === i ? 'current' : undefined} aria-current={w.reviewState === 'in_review' && w.stepIndex === i ? 'step' : undefined}>
                <span safe>{ctx.lang === 'en' ? s.nameEn : s.name}</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        ''
      )}
      <ActionArea ctx={ctx} w={w} form={form} origin="editor" fieldHref={(field) => `#${fieldAnchor(field)}`} />
      <p class="actions-row">
        <a href={`/admin/articles/${w.articleId}/review`}>{t.reviewPage}</a>
        <a href={`/admin/articles/${w.articleId}/history`}>{t.history}</a>
        <a href={`/admin/articles/${w.articleId}/revisions`}>{t.revisions}</a>
        {w.publicUrl ? <a href={w.publicUrl}>{t.viewPublic}</a> : ''}
      </p>
    </section>
  );
}


/** The body field: the rich editor (client/editor.ts) over a plain textarea, as articles have it. */
function EntryBodyField({ form, lang }: { form: FormState; lang: EditorProps['ctx']['lang'] }): JSX.Element {
  const t = articleText(lang);
  return (
    <div class="field">
      <label for="bodyHtml" id="bodyHtml-label">
        {t.body}
      </label>
      {form.errors.bodyHtml ? (
        <p class="error-message" id="bodyHtml-error" safe>
          {form.errors.bodyHtml}
        </p>
      ) : (
        ''
      )}
      <textarea id="bodyHtml" name="bodyHtml" rows="12" data-rich-editor aria-describedby={form.errors.bodyHtml ? 'bodyHtml-error' : undefined} safe>
        {String(form.values.bodyHtml ?? '')}
      </textarea>
    </div>
  );
}

/**
 * An entry of a declared section: its title (under the kind's name for it),
 * summary, body and attachments when the kind has them, the declared fields
 * and the providing unit. News-only fields (section, tags, cover, source,
 * author, reader contribution, translation) are not offered.
 */
function EntryContent(props: EditorProps & { entry: NonNullable<EditorProps['entryPanel']> }): JSX.Element {
  const { ctx, form, entry } = props;
  const t = articleText(ctx.lang);
  const kind = entry.kind;
  const titleLabel = kind.titleLabel ? (kind.titleLabel.en && kind.titleLabel.en !== kind.titleLabel.vi ? `${kind.titleLabel.vi} (${kind.titleLabel.en})` : kind.titleLabel.vi) : t.title;
  return (
    <>
      <input type="hidden" name="kind" value="entry" />
      <input type="hidden" name="entryKind" value={kind.key} />
      <h2>{t.content}</h2>
      {form.errors.entryKind ? (
        <p class="error-message" id="entryKind" safe>
          {form.errors.entryKind}
        </p>
      ) : (
        ''
      )}
      <TextField name="title" label={titleLabel} form={form} required maxlength={300} />
      {kind.summary ? <TextArea name="summary" label={t.summary} hint={t.summaryHint} form={form} rows={3} maxlength={1000} /> : ''}
      {kind.body ? <EntryBodyField form={form} lang={ctx.lang} /> : ''}
      {kind.body ? <PicturesFieldset lang={ctx.lang} values={form.values} errors={{ ...props.actionForm.errors, ...form.errors }} pictures={props.pictures} /> : ''}
      {/* A refused submission names the fields it lacks: their messages show beside them too. */}
      <EntryFields kind={kind} form={{ values: form.values, errors: { ...props.actionForm.errors, ...form.errors } }} options={entry.options} lang={ctx.lang} />
      <h2>{t.classification}</h2>
      <SelectField name="unitId" label={t.unit} form={form} options={props.options.units} emptyLabel={t.noUnit} />
      {/* Not marked required: it has no empty choice, so it always holds one. */}
      <SelectField name="language" label={t.language} form={form} options={[{ value: 'vi', label: t.vietnamese }, { value: 'en', label: t.english }]} />
      {kind.attachments && props.options.files.length > 0 ? <CheckboxGroup name="attachmentIds" label={t.attachments} hint={t.attachmentsHint} form={form} options={props.options.files} /> : ''}
      {props.articleId ? <TextField name="slug" label={t.slug} hint={t.slugHint} form={form} maxlength={120} spellcheck={false} /> : ''}
    </>
  );
}

export function ArticleEditorPage(props: EditorProps): JSX.Element {
  const { ctx, form } = props;
  const t = articleText(ctx.lang);
  const c = common(ctx.lang);
  const entry = form.values.kind === 'entry' ? (props.entryPanel ?? null) : null;
  const title = entry ? `${props.articleId ? t.editEntryTitle : t.newEntryTitle}: ${ctx.lang === 'en' ? entry.kind.label.en : entry.kind.label.vi}` : props.articleId ? t.editTitle : t.newTitle;
  const action = props.articleId ? `/admin/articles/${props.articleId}` : '/admin/articles';
  const disabled = !props.canEdit;
  return (
    <AdminLayout ctx={ctx} title={title} scripts={[asset('js/editor.js')]}>
      <p>
        {entry ? (
          <a href={`/admin/entries/${entry.kind.key}`} safe>
            {ctx.lang === 'en' ? entry.kind.plural.en : entry.kind.plural.vi}
          </a>
        ) : (
          <a href="/admin/articles">{t.articles}</a>
        )}
      </p>
      <h1 safe>{title}</h1>
      {props.notices.length > 0 ? (
        <div class="flash flash-info" role="status">
          <p>{t.notices}</p>
          <ul>
            {props.notices.map((n) => (
              <li safe>{n}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {props.editProblem ? (
        <div class="flash flash-info" role="note">
          <p safe>{props.editProblem}</p>
        </div>
      ) : (
        ''
      )}
      <div class="editor-layout">
        <div class="editor-main">
          <ErrorSummary form={form} title={props.savedNotSubmitted ? t.savedNotSubmitted : c.formErrors} />
          <form method="post" action={action} novalidate data-autosave={props.articleId && props.canEdit ? `/admin/articles/${props.articleId}/autosave` : undefined}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="lockVersion" value={String(props.lockVersion)} />
            <fieldset disabled={disabled}>
              <legend class="visually-hidden">{t.content}</legend>
              {entry ? <EntryContent {...props} entry={entry} /> : <>
              <h2>{t.content}</h2>
              <TextField name="title" label={t.title} form={form} required maxlength={300} />
              <TextArea name="summary" label={t.summary} hint={t.summaryHint} form={form} rows={3} maxlength={1000} />
              <div class="field">
                <label for="bodyHtml" id="bodyHtml-label">
                  {t.body}
                </label>
                <p class="hint" id="bodyHtml-hint">
                  {t.bodyHint}
                </p>
                {form.errors.bodyHtml ? (
                  <p class="error-message" id="bodyHtml-error" safe>
                    {form.errors.bodyHtml}
                  </p>
                ) : (
                  ''
                )}
                <textarea id="bodyHtml" name="bodyHtml" rows="16" data-rich-editor aria-describedby="bodyHtml-hint" safe>
                  {String(form.values.bodyHtml ?? '')}
                </textarea>
              </div>
              {/* A refused submission links to these fields, so its errors show here too. */}
              <PicturesFieldset lang={ctx.lang} values={form.values} errors={{ ...props.actionForm.errors, ...form.errors }} pictures={props.pictures} />
              {props.documentPanel && form.values.kind === 'document' ? <DocumentFieldset lang={ctx.lang} form={form} {...props.documentPanel} /> : ''}
              <h2>{t.classification}</h2>
              <SelectField name="kind" label={t.kind} form={form} required options={ARTICLE_KINDS.filter((k) => k !== 'entry').map((k) => ({ value: k, label: ARTICLE_KIND_LABELS[k][ctx.lang] }))} />
              <SelectField name="sectionId" label={t.section} form={form} options={props.options.sections} emptyLabel={t.noSection} />
              <TextField name="tags" label={t.tags} hint={t.tagsHint} form={form} maxlength={1000} />
              <SelectField name="language" label={t.language} form={form} required options={[{ value: 'vi', label: t.vietnamese }, { value: 'en', label: t.english }]} />
              <TextField name="translationOfId" label={t.translationOf} hint={t.translationHint} form={form} inputmode="numeric" maxlength={12} />
              <Checkbox name="isReference" label={t.isReference} form={form} />
              <h2>{t.sourceAuthor}</h2>
              <TextField name="source" label={t.source} hint={t.sourceHint} form={form} maxlength={500} />
              <TextField name="authorName" label={t.authorName} form={form} maxlength={200} />
              <Checkbox name="readerContribution" label={t.readerContribution} form={form} />
              <SelectField name="unitId" label={t.unit} form={form} options={props.options.units} emptyLabel={t.noUnit} />
              <TextField name="eventDate" type="date" label={t.eventDate} form={form} />
              <TextField name="eventTime" type="time" label={t.eventTime} form={form} />
              {props.options.recordsProvision ? <ProvisionFieldset lang={ctx.lang} form={form} board={props.options.board} boardLabel={ctx.site.boardLabel} /> : ''}
              <h2>{t.media}</h2>
              <p>
                <a href="/admin/media">{t.library}</a>
              </p>
              <SelectField name="coverMediaId" label={t.cover} form={form} options={props.options.images} emptyLabel={t.noCover} />
              <TextField name="coverAlt" label={t.coverAlt} hint={t.coverAltHint} form={form} maxlength={300} />
              <TextField name="coverCaption" label={t.coverCaption} form={form} maxlength={500} />
              {props.options.files.length > 0 ? <CheckboxGroup name="attachmentIds" label={t.attachments} hint={t.attachmentsHint} form={form} options={props.options.files} /> : ''}
              <TextField name="relatedIds" label={t.related} hint={t.relatedHint} form={form} maxlength={200} />
              {props.articleId ? <TextField name="slug" label={t.slug} hint={t.slugHint} form={form} maxlength={120} spellcheck={false} /> : ''}
              </>}
              <p class="muted" data-autosave-status role="status">
                {props.articleId && props.canEdit ? t.autosaveIdle : ''}
              </p>
              <p class="actions-row">
                <button type="submit">{t.save}</button>
                {props.saveAndSubmit ? (
                  <button type="submit" name="then" value="submit" class="button button-secondary" id="save-and-submit">
                    {t.saveAndSubmit}
                  </button>
                ) : (
                  ''
                )}
              </p>
            </fieldset>
          </form>
          {props.screening.length > 0 ? (
            <section class="screening" aria-labelledby="screening-h">
              <h2 id="screening-h">{t.screening}</h2>
              <p>{t.screeningLead}</p>
              <ul>
                {props.screening.map((m) => (
                  <li>
                    <mark safe>{m.matched}</mark> — <span safe>{`“${m.excerpt}”`}</span>
                  </li>
                ))}
              </ul>
              {props.highlightedBody ? (
                <details>
                  <summary>{t.screeningHighlighted}</summary>
                  <div class="article-body">{props.highlightedBody as 'safe'}</div>
                </details>
              ) : (
                ''
              )}
            </section>
          ) : (
            ''
          )}
        </div>
        <aside class="editor-side">
          {props.workflow ? <WorkflowPanel ctx={ctx} w={props.workflow} form={props.actionForm} /> : ''}
          {props.articleId ? (
            <section aria-labelledby="preview-h">
              <h2 id="preview-h">{t.preview}</h2>
              <p>{t.previewLead}</p>
              {props.previewLink ? (
                <p>
                  <span safe>{format(t.previewLink, { time: formatDateTime(props.previewLink.expires) })}</span>
                  <br />
                  <code class="secret" safe>
                    {props.previewLink.url}
                  </code>
                </p>
              ) : (
                ''
              )}
              <form method="post" action={`/admin/articles/${props.articleId}/preview-link`}>
                <CsrfField token={ctx.csrfToken} />
                <SelectField
                  name="hours"
                  label={t.previewHours}
                  form={{ values: { hours: '72' }, errors: {} }}
                  options={[
                    { value: '24', label: t.hours24 },
                    { value: '72', label: t.hours72 },
                    { value: '168', label: t.hours168 },
                  ]}
                />
                <button type="submit" class="button button-secondary">
                  {t.makePreview}
                </button>
              </form>
              <form method="post" action={`/admin/articles/${props.articleId}/trash`} class="trash-form">
                <CsrfField token={ctx.csrfToken} />
                <button type="submit" class="button button-danger">
                  {t.moveToTrash}
                </button>
              </form>
            </section>
          ) : (
            ''
          )}
        </aside>
      </div>
    </AdminLayout>
  );
}
