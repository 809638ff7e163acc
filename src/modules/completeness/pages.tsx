// The board's completeness page and the form choosing the sections of each group.
import { formatDate } from '../../core/time.ts';
import type { SectionRow } from '../../platform/db/schema.ts';
import { format } from '../../ui/i18n.ts';
import { CsrfField, ErrorSummary, TextField, type FormState } from '../../ui/components/form.tsx';
import { COMPLETENESS_GROUPS } from '../../core/completeness/catalogue.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import type { CompletenessState, GroupState } from './compute.ts';
import { completenessText } from './messages.ts';
import { statusOf } from './report-section.ts';

function WhereCell({ g, ctx }: { g: GroupState; ctx: PageContext }): JSX.Element {
  const t = completenessText(ctx.lang);
  const sources = g.group.sources.filter((s) => s !== 'sections').map((s) => t[`src_${s}`] as string);
  return (
    <td>
      {sources.length > 0 ? <span safe>{sources.join('; ')}</span> : ''}
      {g.sections.length > 0 ? (
        <>
          {sources.length > 0 ? '; ' : ''}
          {g.sections.map((s, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`/chuyen-muc/${s.slug}`} safe>
                {s.name}
              </a>
            </>
          ))}{' '}
          <span class="hint">
            ({g.mapping === 'site' ? t.chosen : t.auto})
          </span>
        </>
      ) : (
        ''
      )}
    </td>
  );
}

export function IntervalsPage(props: { ctx: PageContext; form: FormState }): JSX.Element {
  const { ctx, form } = props;
  const t = completenessText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.intervalsTitle}>
      <h1>{t.intervalsTitle}</h1>
      <p class="lead">{t.intervalsLead}</p>
      <p>
        <a href="/admin/completeness">{t.back}</a>
      </p>
      <ErrorSummary form={form} title={t.errors} />
      <form method="post" action="/admin/completeness/intervals">
        <CsrfField token={ctx.csrfToken} />
        {COMPLETENESS_GROUPS.filter((g) => g.reviewDays !== null).map((g) => (
          <TextField name={`days_${g.key}`} type="number" inputmode="numeric" label={`${g[ctx.lang]} — ${t.days}`} hint={format(t.baseline, { days: g.reviewDays ?? 0 })} form={form} />
        ))}
        <TextField name="effectiveFrom" type="date" label={t.effectiveFrom} form={form} required />
        <TextField name="citation" label={t.citation} form={form} maxlength={300} />
        <TextField name="reason" label={t.reason} form={form} maxlength={1000} />
        <button type="submit" class="button">
          {t.save}
        </button>
      </form>
    </AdminLayout>
  );
}

export function CompletenessPage(props: { ctx: PageContext; state: CompletenessState; canMap: boolean; canSetIntervals?: boolean }): JSX.Element {
  const { ctx, state } = props;
  const t = completenessText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <p safe>{format(t.asOf, { date: formatDate(state.asOf) })}</p>
      {props.canMap || props.canSetIntervals ? (
        <p>
          {props.canMap ? <a href="/admin/completeness/sections">{t.mappingLink}</a> : ''}
          {props.canMap && props.canSetIntervals ? ' · ' : ''}
          {props.canSetIntervals ? <a href="/admin/completeness/intervals">{t.intervalsLink}</a> : ''}
        </p>
      ) : (
        ''
      )}
      {!state.judged ? (
        <p>{t.notJudged}</p>
      ) : (
        <>
          <p safe>{format(t.summary, { present: state.present, total: state.groups.length, missing: state.missing, stale: state.stale })}</p>
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t.group}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col" class="num">
                    {t.count}
                  </th>
                  <th scope="col">{t.lastUpdated}</th>
                  <th scope="col" class="num">
                    {t.reviewDays}
                  </th>
                  <th scope="col">{t.where}</th>
                  <th scope="col">{t.basis}</th>
                </tr>
              </thead>
              <tbody>
                {state.groups.map((g) => (
                  <tr data-group={g.group.key}>
                    <th scope="row" safe>
                      {g.group[ctx.lang]}
                    </th>
                    <td>
                      <strong class={!g.has || g.stale ? 'status-warning' : 'status-ok'} safe>
                        {statusOf(g, ctx.lang)}
                      </strong>
                    </td>
                    <td class="num" safe>
                      {String(g.count)}
                    </td>
                    <td>{g.lastUpdated ? formatDate(g.lastUpdated) : t.never}</td>
                    <td class="num" safe>
                      {g.reviewDays === null ? t.notJudgedDays : String(g.reviewDays)}
                    </td>
                    <WhereCell g={g} ctx={ctx} />
                    <td safe>{g.group.basis}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">{t.rulesHint}</p>
        </>
      )}
    </AdminLayout>
  );
}

export function MappingPage(props: { ctx: PageContext; groups: GroupState[]; sections: SectionRow[]; form: FormState }): JSX.Element {
  const { ctx, form } = props;
  const t = completenessText(ctx.lang);
  const values = (name: string) => {
    const v = form.values[name];
    return new Set(Array.isArray(v) ? v : v ? [v] : []);
  };
  return (
    <AdminLayout ctx={ctx} title={t.mappingTitle}>
      <h1>{t.mappingTitle}</h1>
      <p class="lead">{t.mappingLead}</p>
      <p>
        <a href="/admin/completeness">{t.back}</a>
      </p>
      <ErrorSummary form={form} title={t.errors} />
      <form method="post" action="/admin/completeness/sections">
        <CsrfField token={ctx.csrfToken} />
        {props.groups
          .filter((g) => g.group.sources.includes('sections'))
          .map((g) => {
            const key = g.group.key;
            const mode = String(form.values[`mode_${key}`] ?? g.mapping);
            const chosen = values(`s_${key}`);
            return (
              <fieldset class="field" id={`mode_${key}`}>
                <legend safe>{g.group[ctx.lang]}</legend>
                <input type="hidden" name="groups" value={key} />
                <div class="field radio">
                  <input type="radio" id={`mode_${key}_auto`} name={`mode_${key}`} value="auto" checked={mode !== 'site'} />
                  <label for={`mode_${key}_auto`}>{t.modeAuto}</label>
                </div>
                <div class="field radio">
                  <input type="radio" id={`mode_${key}_site`} name={`mode_${key}`} value="site" checked={mode === 'site'} />
                  <label for={`mode_${key}_site`}>{t.modeChosen}</label>
                </div>
                <fieldset class="checkbox-group" id={`s_${key}`}>
                  <legend class="visually-hidden" safe>{`${t.sectionsLegend}: ${g.group[ctx.lang]}`}</legend>
                  {props.sections.map((s) => (
                    <div class="field checkbox">
                      <input type="checkbox" id={`s_${key}_${s.id}`} name={`s_${key}`} value={String(s.id)} checked={chosen.has(String(s.id))} />
                      <label for={`s_${key}_${s.id}`} safe>
                        {s.name}
                      </label>
                    </div>
                  ))}
                </fieldset>
              </fieldset>
            );
          })}
        <button type="submit" class="button">
          {t.save}
        </button>
      </form>
    </AdminLayout>
  );
}
