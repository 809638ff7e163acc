// The board's pages of polls: the list with each poll's state and actions,
// the form (options locked once a ballot is counted), and the results with
// counts, percentages and the CSV/XLSX downloads.
import { formatDateTime } from '../../core/time.ts';
import { ActionButton, Checkbox, CsrfField, ErrorSummary, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { pollAdminText } from './messages.ts';
import { DESCRIPTION_MAX, MAX_OPTIONS, OPTION_MAX, pollResults, QUESTION_MAX, type PollPhase } from './poll.ts';
import { pollPaths } from './public-pages.tsx';
import type { PollOptionRow, PollRow } from './schema.ts';

export function phaseLabel(lang: Lang, phase: PollPhase): string {
  return pollAdminText(lang)[`status_${phase}`];
}

export function PollAdminList(props: { ctx: PageContext; polls: { poll: PollRow; phase: PollPhase }[] }): JSX.Element {
  const { ctx } = props;
  const t = pollAdminText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p>
        <a class="button" href="/admin/polls/new">
          {t.add}
        </a>
      </p>
      {props.polls.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.question}</th>
                <th scope="col">{t.period}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.ballots}</th>
                <th scope="col">{common(ctx.lang).actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.polls.map(({ poll, phase }) => (
                <tr>
                  <td safe>{poll.question}</td>
                  <td safe>{`${formatDateTime(poll.opens_at)} – ${formatDateTime(poll.closed_at ?? poll.closes_at)}`}</td>
                  <td safe>{phaseLabel(ctx.lang, phase)}</td>
                  <td safe>{String(poll.ballots)}</td>
                  <td>
                    <div class="actions-row">
                      <a href={`/admin/polls/${poll.id}`}>{t.edit}</a>
                      <a href={`/admin/polls/${poll.id}/results`}>{t.results}</a>
                      {poll.status === 'draft' ? <ActionButton action={`/admin/polls/${poll.id}/open`} label={t.open} csrfToken={ctx.csrfToken} /> : ''}
                      {poll.status === 'open' && phase !== 'closed' ? <ActionButton action={`/admin/polls/${poll.id}/close`} label={t.close} csrfToken={ctx.csrfToken} variant="secondary" /> : ''}
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

export function PollFormPage(props: { ctx: PageContext; form: FormState; pollId: number | null; locked: boolean }): JSX.Element {
  const { ctx, form } = props;
  const t = pollAdminText(ctx.lang);
  const c = common(ctx.lang);
  const title = props.pollId ? t.editTitle : t.addTitle;
  const slots = Array.from({ length: MAX_OPTIONS }, (_, i) => i + 1);
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href="/admin/polls">{t.back}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action={props.pollId ? `/admin/polls/${props.pollId}` : '/admin/polls'} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField name="question" label={t.question} hint={props.locked ? t.lockedHint : undefined} form={form} required maxlength={QUESTION_MAX} />
        <TextField name="questionEn" label={t.questionEn} hint={props.locked ? t.lockedHint : undefined} form={form} maxlength={QUESTION_MAX} />
        <TextArea name="description" label={t.description} form={form} rows={3} maxlength={DESCRIPTION_MAX} />
        <fieldset id="options" class={form.errors.options ? 'field field-error' : 'field'} aria-describedby="options-hint">
          <legend>{t.options}</legend>
          <p class="hint" id="options-hint">
            {props.locked ? t.optionsLocked : t.optionsHint}
          </p>
          {form.errors.options ? (
            <p class="error-message" safe>
              {form.errors.options}
            </p>
          ) : (
            ''
          )}
          {props.locked ? (
            <ol>
              {slots
                .filter((n) => form.values[`option${n}`])
                .map((n) => (
                  <li>
                    <span safe>{String(form.values[`option${n}`])}</span>
                    <input type="hidden" name={`option${n}`} value={String(form.values[`option${n}`])} />
                    <input type="hidden" name={`option${n}En`} value={String(form.values[`option${n}En`] ?? '')} />
                  </li>
                ))}
            </ol>
          ) : (
            slots.map((n) => (
              <div class="option-pair">
                <TextField name={`option${n}`} label={format(t.option, { n })} form={form} maxlength={OPTION_MAX} required={n <= 2} />
                <TextField name={`option${n}En`} label={format(t.optionEn, { n })} form={form} maxlength={OPTION_MAX} />
              </div>
            ))
          )}
        </fieldset>
        {props.locked ? (
          <>
            <input type="hidden" name="multiple" value={String(form.values.multiple ?? '')} />
            <input type="hidden" name="maxChoices" value={String(form.values.maxChoices ?? '1')} />
          </>
        ) : (
          <>
            <Checkbox name="multiple" label={t.multiple} form={form} />
            <TextField name="maxChoices" type="number" label={t.maxChoices} hint={t.maxChoicesHint} form={form} min={1} max={MAX_OPTIONS} inputmode="numeric" />
          </>
        )}
        <TextField name="opensAt" type="datetime-local" label={t.opensAt} hint={props.locked ? t.lockedHint : undefined} form={form} required />
        <TextField name="closesAt" type="datetime-local" label={t.closesAt} hint={props.locked ? t.closesLockedHint : undefined} form={form} required />
        <Checkbox name="resultsBeforeClose" label={t.resultsBeforeClose} form={form} />
        <div class="actions-row">
          <button type="submit">{c.save}</button>
          <a href="/admin/polls">{c.cancel}</a>
        </div>
      </form>
    </AdminLayout>
  );
}

/** Rows of the results for the page and the downloads. */
export function resultRows(lang: Lang, poll: PollRow, options: PollOptionRow[]): { headers: string[]; rows: (string | number)[][] } {
  const t = pollAdminText(lang);
  const results = pollResults(poll.ballots, options.map((o) => ({ id: o.id, label: o.label, votes: o.votes })), poll.multiple === 1);
  return {
    headers: [t.option_h, t.votes, t.percent],
    rows: [...results.map((r) => [r.label, r.votes, r.percent]), [t.total, poll.ballots, '']],
  };
}

export function PollResultsPage(props: { ctx: PageContext; poll: PollRow; options: PollOptionRow[]; phase: PollPhase }): JSX.Element {
  const { ctx, poll } = props;
  const t = pollAdminText(ctx.lang);
  const { headers, rows } = resultRows(ctx.lang, poll, props.options);
  return (
    <AdminLayout ctx={ctx} title={t.resultsTitle}>
      <p>
        <a href="/admin/polls">{t.back}</a>
      </p>
      <h1>{t.resultsTitle}</h1>
      <p class="lead" safe>
        {poll.question}
      </p>
      <p safe>{`${t.status}: ${phaseLabel(ctx.lang, props.phase)} · ${formatDateTime(poll.opens_at)} – ${formatDateTime(poll.closed_at ?? poll.closes_at)}`}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              {headers.map((h) => (
                <th scope="col" safe>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                {r.map((cell) => (
                  <td safe>{String(cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="actions-row">
        <a href={`/admin/polls/${poll.id}/results.csv`}>{t.csv}</a>
        <a href={`/admin/polls/${poll.id}/results.xlsx`}>{t.xlsx}</a>
        {props.phase === 'running' || props.phase === 'closed' ? <a href={pollPaths.poll(poll.id)}>{t.publicPage}</a> : ''}
      </p>
    </AdminLayout>
  );
}
