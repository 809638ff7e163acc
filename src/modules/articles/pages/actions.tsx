// The workflow actions of one article, shared by the editor and the review
// page: every action the person could take (from the engine, so the buttons
// and the rules cannot disagree), each enabled, or disabled with the reasons
// listed below it, each reason a link to the field that fixes it.
import { escapeHtml } from '@kitajs/html';
import type { Problem } from '../../../core/errors.ts';
import type { ActionOffer, ActionType, ItemStatus, ReviewChain } from '../../../core/workflow/index.ts';
import { format } from '../../../ui/i18n.ts';
import { common } from '../../../ui/messages.ts';
import type { PageContext } from '../../../ui/page-context.ts';
import { Checkbox, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../../ui/components/form.tsx';
import { TAKE_DOWN_REASONS } from '../../../core/workflow/index.ts';
import { articleText } from '../messages.ts';

export interface WorkflowPanelData {
  articleId: number;
  status: ItemStatus;
  chain: ReviewChain;
  stepIndex: number | null;
  reviewState: string;
  offers: ActionOffer[];
  /** Where an approval sends the item, as a clause ("Phó Trưởng Ban biên tập xử lý bước 3/4"). */
  approvalLeadsTo: string | null;
  reassignOptions: Option[];
  publicUrl: string | null;
}

/** Which page the action was taken from: the answer comes back there. */
export type ActionOrigin = 'editor' | 'review';

/** Where a reason's field is: on the editor page, or the editor from elsewhere. The rich editor hides the body's textarea, so its label is the target. */
export function fieldAnchor(field: string): string {
  return field === 'bodyHtml' ? 'bodyHtml-label' : field;
}

function Reasons({ id, problems, lang, fieldHref }: { id: string; problems: Problem[]; lang: 'vi' | 'en'; fieldHref: (field: string) => string }): JSX.Element {
  return (
    <ul id={id} class="reasons">
      {problems.map((p) =>
        p.field ? (
          <li>
            <a href={fieldHref(p.field)} safe>
              {p[lang]}
            </a>
          </li>
        ) : (
          <li safe>{p[lang]}</li>
        ),
      )}
    </ul>
  );
}

export function StatusLine({ ctx, status }: { ctx: PageContext; status: ItemStatus }): JSX.Element {
  const t = articleText(ctx.lang);
  return (
    <p class={`status-line status-${status.kind}`}>
      <span safe>{status.text}</span>
      {status.overdue ? (
        <>
          {' '}
          <span class="tag tag-bad">{t.overdue}</span>
        </>
      ) : (
        ''
      )}
    </p>
  );
}

export function ActionArea({ ctx, w, form, origin, fieldHref }: { ctx: PageContext; w: WorkflowPanelData; form: FormState; origin: ActionOrigin; fieldHref: (field: string) => string }): JSX.Element {
  const t = articleText(ctx.lang);
  const action = (type: ActionType, fields: JSX.Element | string, variant = '') => (
    <form method="post" action={`/admin/articles/${w.articleId}/actions`} class="action-form" novalidate>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="action" value={type} />
      <input type="hidden" name="from" value={origin} />
      {fields}
      <button type="submit" class={variant ? `button ${variant}` : 'button'}>
        {t[`action_${type}`]}
      </button>
    </form>
  );
  const id = (type: string, name: string) => `${type}-${name}`;
  const scoped = (type: string): FormState => (form.values.action === type ? form : { values: {}, errors: {} });
  const forms: Record<ActionType, () => JSX.Element> = {
    submit: () => action('submit', ''),
    withdraw: () => action('withdraw', '', 'button-secondary'),
    // One click: the note is optional and the button comes first.
    approve: () =>
      action(
        'approve',
        <>
          {w.approvalLeadsTo ? <p class="hint" safe>{format(t.approvalLeadsTo, { next: w.approvalLeadsTo })}</p> : ''}
          <TextArea name={id('approve', 'note')} label={t.note} form={scoped('approve')} rows={2} maxlength={1000} />
        </>,
      ),
    return: () =>
      action(
        'return',
        <>
          <SelectField name={id('return', 'to')} label={t.returnTo} form={scoped('return')} required options={[{ value: 'author', label: t.returnToAuthor }, { value: 'previous', label: t.returnToPrevious }]} />
          <TextArea name={id('return', 'reason')} label={t.returnReason} form={scoped('return')} required rows={2} maxlength={1000} />
        </>,
        'button-secondary',
      ),
    reject: () => action('reject', <TextArea name={id('reject', 'reason')} label={t.rejectReason} form={scoped('reject')} required rows={2} maxlength={1000} />, 'button-danger'),
    reassign: () => action('reassign', <SelectField name={id('reassign', 'toUserId')} label={t.reassignTo} form={scoped('reassign')} required options={w.reassignOptions} />, 'button-secondary'),
    publish: () => action('publish', ''),
    schedule: () =>
      action(
        'schedule',
        <>
          <TextField name={id('schedule', 'publishAt')} type="datetime-local" label={t.publishAt} form={scoped('schedule')} />
          <TextField name={id('schedule', 'unpublishAt')} type="datetime-local" label={t.unpublishAt} form={scoped('schedule')} />
        </>,
        'button-secondary',
      ),
    unpublish: () => action('unpublish', <TextArea name={id('unpublish', 'reason')} label={t.reason} form={scoped('unpublish')} required rows={2} maxlength={1000} />, 'button-secondary'),
    take_down: () =>
      action(
        'take_down',
        <>
          <SelectField name={id('take_down', 'reasonCode')} label={t.reasonCode} form={scoped('take_down')} required options={TAKE_DOWN_REASONS.map((r) => ({ value: r, label: t[`reason_${r}`] }))} />
          <TextArea name={id('take_down', 'reason')} label={t.reason} form={scoped('take_down')} required rows={2} maxlength={1000} />
          <Checkbox name={id('take_down', 'publicNotice')} label={t.publicNotice} form={scoped('take_down')} />
        </>,
        'button-danger',
      ),
    correct: () => action('correct', <TextArea name={id('correct', 'note')} label={t.correctionNote} hint={t.correctionHint} form={scoped('correct')} required rows={3} maxlength={2000} />),
    urgent_publish: () => action('urgent_publish', <TextArea name={id('urgent_publish', 'reason')} label={t.urgentReason} form={scoped('urgent_publish')} required rows={2} maxlength={1000} />, 'button-danger'),
    confirm_urgent: () => action('confirm_urgent', <TextArea name={id('confirm_urgent', 'note')} label={t.note} form={scoped('confirm_urgent')} rows={2} maxlength={1000} />),
    run_schedule: () => '',
  };
  const disabled = (offer: ActionOffer) => {
    const why = `why-${offer.type}`;
    return (
      <div class="action-form action-disabled">
        <button type="button" class="button" disabled aria-describedby={`${why}-lead ${why}`}>
          {t[`action_${offer.type}`]}
        </button>
        <p class="hint" id={`${why}-lead`}>
          {t.notYet}
        </p>
        <Reasons id={why} problems={offer.problems} lang={ctx.lang} fieldHref={fieldHref} />
        {offer.type === 'submit' && origin === 'editor' ? (
          <p class="hint">
            <a href="#save-and-submit">{t.fixThenSaveAndSubmit}</a>
          </p>
        ) : (
          ''
        )}
      </div>
    );
  };
  // Giving the item to someone else needs someone to give it to.
  const offers = w.offers.filter((o) => o.type !== 'reassign' || w.reassignOptions.length > 0);
  return (
    <div class="action-area" id="actions">
      <ErrorSummary form={form} title={common(ctx.lang).formErrors} />
      {offers.length === 0 ? <p>{escapeHtml(w.status.next ? format(t.nextIsOthers, { next: w.status.next }) : t.nothingToDo)}</p> : ''}
      {offers.map((o) => (o.problems.length === 0 ? forms[o.type]() : disabled(o)))}
    </div>
  );
}
