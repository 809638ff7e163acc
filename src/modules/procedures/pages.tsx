// Back-office pages of procedures: the register with filters, the form with
// its repeatable rows, the version history and the import page.
import { ImportReport } from '../../ui/components/import-report.tsx';
import { formatDateTime } from '../../core/time.ts';
import { LEVEL_LABELS, METHOD_LABELS, ONLINE_LABELS, ONLINE_LEVELS, PROCEDURE_LEVELS, SUBMISSION_METHODS } from '../../core/procedures/index.ts';
import type { ProcedureRow } from '../../platform/db/schema.ts';
import { ActionButton, Checkbox, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { Pagination } from '../../ui/components/pagination.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { EXTRA_ROWS, filledRows, type Group, type Values } from './form.ts';
import { procedureText } from './messages.ts';
import type { ImportRowError } from './manage-procedures.ts';
import { HEADER_HELP, HEADER_LIST } from '../../core/procedures/index.ts';

export function statusLabel(lang: Lang, row: Pick<ProcedureRow, 'status' | 'deleted_at'>): string {
  const t = procedureText(lang);
  return row.deleted_at ? t.inTrash : row.status === 'published' ? t.published : t.draft;
}

export function levelOptions(lang: Lang): Option[] {
  return PROCEDURE_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l][lang] }));
}

export interface ListProps {
  ctx: PageContext;
  rows: ProcedureRow[];
  total: number;
  page: number;
  pages: number;
  fields: string[];
  filters: { field: string; level: string; status: string; q: string };
  can: { create: boolean; edit: boolean; purge: boolean };
}

export function ProcedureListPage(props: ListProps): JSX.Element {
  const { ctx } = props;
  const t = procedureText(ctx.lang);
  const f = props.filters;
  const trash = f.status === 'trash';
  const query = Object.fromEntries(Object.entries({ 'linh-vuc': f.field, cap: f.level, 'trang-thai': f.status, q: f.q }).filter(([, v]) => v));
  const form: FormState = { values: { 'linh-vuc': f.field, cap: f.level, 'trang-thai': f.status, q: f.q }, errors: {} };
  return (
    <AdminLayout ctx={ctx} title={trash ? `${t.title} — ${t.trash}` : t.title}>
      <h1>{trash ? `${t.title} — ${t.trash}` : t.title}</h1>
      <p class="lead">{t.lead}</p>
      <div class="actions-row">
        {props.can.create ? (
          <>
            <a class="button" href="/admin/procedures/new">
              {t.add}
            </a>
            <a class="button secondary" href="/admin/procedures/import">
              {t.import}
            </a>
          </>
        ) : (
          ''
        )}
        <a href={trash ? '/admin/procedures' : '/admin/procedures?trang-thai=trash'}>{trash ? t.back : t.trash}</a>
        <a href="/thu-tuc-hanh-chinh/du-lieu.csv" safe>{`${t.openData} (CSV)`}</a>
      </div>
      <form method="get" action="/admin/procedures" class="filters" role="search" aria-label={t.filter}>
        <SelectField name="linh-vuc" label={t.field} form={form} options={props.fields.map((x) => ({ value: x, label: x }))} emptyLabel={t.allFields} />
        <SelectField name="cap" label={t.level} form={form} options={levelOptions(ctx.lang)} emptyLabel={t.allLevels} />
        <SelectField
          name="trang-thai"
          label={t.status}
          form={form}
          options={[
            { value: 'draft', label: t.draft },
            { value: 'published', label: t.published },
            { value: 'trash', label: t.inTrash },
          ]}
          emptyLabel={t.allStatuses}
        />
        <TextField name="q" type="search" label={t.search} form={form} maxlength={200} />
        <button type="submit">{t.filter}</button>
      </form>
      <p safe>{format(t.count, { n: props.total })}</p>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.level}</th>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.updated}</th>
                {trash ? <th scope="col">{common(ctx.lang).edit}</th> : ''}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td safe>{r.code}</td>
                  <th scope="row">
                    {trash ? (
                      <span safe>{r.name}</span>
                    ) : (
                      <a href={`/admin/procedures/${r.id}`} safe>
                        {r.name}
                      </a>
                    )}
                  </th>
                  <td safe>{LEVEL_LABELS[r.level as 'province']?.[ctx.lang] ?? r.level}</td>
                  <td safe>{r.field}</td>
                  <td safe>{statusLabel(ctx.lang, r)}</td>
                  <td safe>{formatDateTime(r.updated_at)}</td>
                  {trash ? (
                    <td>
                      {props.can.edit ? <ActionButton action={`/admin/procedures/${r.id}/restore`} label={t.restore} csrfToken={ctx.csrfToken} variant="secondary" /> : ''}
                      {props.can.purge ? <ActionButton action={`/admin/procedures/${r.id}/purge`} label={t.purge} csrfToken={ctx.csrfToken} variant="danger" /> : ''}
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination lang={ctx.lang} page={props.page} pages={props.pages} baseUrl="/admin/procedures" query={query} />
    </AdminLayout>
  );
}

function rowsOf(values: Values, group: Group): number[] {
  return Array.from({ length: filledRows(values, group) + EXTRA_ROWS }, (_, i) => i);
}

export interface FormProps {
  ctx: PageContext;
  form: FormState & { values: Values };
  row: ProcedureRow | null;
  lockVersion: number;
  fields: string[];
  documents: Option[];
  media: Option[];
  can: { publish: boolean; edit: boolean };
  publicUrl: string | null;
}

export function ProcedureFormPage(props: FormProps): JSX.Element {
  const { ctx, form, row } = props;
  const t = procedureText(ctx.lang);
  const c = common(ctx.lang);
  const title = row ? t.editTitle : t.newTitle;
  const v = form.values;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href="/admin/procedures">{t.back}</a>
      </p>
      <h1>{title}</h1>
      {row ? (
        <div class="panel">
          <p>
            <strong>{t.status}:</strong> <span safe>{statusLabel(ctx.lang, row)}</span>
            {props.publicUrl ? (
              <>
                {' · '}
                <a href={props.publicUrl}>{t.viewPublic}</a>
              </>
            ) : (
              ''
            )}
            {' · '}
            <a href={`/admin/procedures/${row.id}/history`}>{t.history}</a>
          </p>
          <div class="actions-row">
            {props.can.publish && row.status !== 'published' ? <ActionButton action={`/admin/procedures/${row.id}/publish`} label={t.publish} csrfToken={ctx.csrfToken} /> : ''}
            {props.can.publish && row.status === 'published' ? <ActionButton action={`/admin/procedures/${row.id}/unpublish`} label={t.unpublish} csrfToken={ctx.csrfToken} variant="secondary" /> : ''}
            {props.can.edit ? <ActionButton action={`/admin/procedures/${row.id}/trash`} label={t.moveToTrash} csrfToken={ctx.csrfToken} variant="danger" /> : ''}
          </div>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary form={form} title={c.formErrors} />
      <form method="post" action={row ? `/admin/procedures/${row.id}` : '/admin/procedures'} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="lockVersion" value={String(props.lockVersion)} />
        <fieldset>
          <legend>{t.general}</legend>
          <TextField name="code" label={t.code} hint={t.codeHint} form={form} required maxlength={60} spellcheck={false} />
          <TextField name="name" label={t.name} form={form} required maxlength={500} />
          <SelectField name="level" label={t.level} hint={t.levelHint} form={form} required options={levelOptions(ctx.lang)} emptyLabel="" />
          <SelectField name="field" label={t.field} form={form} required options={props.fields.map((x) => ({ value: x, label: x }))} emptyLabel="" />
          <TextField name="agency" label={t.agency} form={form} required maxlength={300} />
        </fieldset>

        <fieldset>
          <legend>{t.steps}</legend>
          <p class="hint">{t.rowsHint}</p>
          {rowsOf(v, 'step').map((i) => (
            <TextArea name={`step_${i}`} label={format(t.step, { n: i + 1 })} form={form} rows={2} maxlength={2000} />
          ))}
        </fieldset>

        <fieldset>
          <legend>{t.methods}</legend>
          {SUBMISSION_METHODS.map((m) => (
            <>
              <Checkbox name={`method_${m}`} label={METHOD_LABELS[m][ctx.lang]} form={form} />
              <TextField name={`methodNote_${m}`} label={format(t.methodNote, { method: METHOD_LABELS[m][ctx.lang] })} form={form} maxlength={2000} />
            </>
          ))}
          {form.errors.methods ? (
            <p class="error-message" id="methods" safe>
              {form.errors.methods}
            </p>
          ) : (
            ''
          )}
          <TextField name="place" label={t.place} form={form} maxlength={2000} />
        </fieldset>

        <fieldset>
          <legend>{t.dossier}</legend>
          <p class="hint">{t.rowsHint}</p>
          {rowsOf(v, 'dossier').map((i) => (
            <fieldset class="row-group">
              <legend safe>{format(t.paper, { n: i + 1 })}</legend>
              <TextField name={`dossierName_${i}`} label={t.paperName} form={form} maxlength={2000} />
              <TextField name={`dossierOriginals_${i}`} type="number" inputmode="numeric" label={t.originals} form={form} />
              <TextField name={`dossierCopies_${i}`} type="number" inputmode="numeric" label={t.copies} form={form} />
              <TextField name={`dossierNote_${i}`} label={t.note} form={form} maxlength={2000} />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t.timeLimit}</legend>
          <TextField name="timeLimit" label={t.timeLimit} hint={t.timeLimitHint} form={form} maxlength={2000} />
          <TextField name="workingDays" type="number" inputmode="numeric" label={t.workingDays} hint={t.workingDaysHint} form={form} />
        </fieldset>

        <TextArea name="subjects" label={t.subjects} hint={t.linesHint} form={form} rows={3} />
        <TextArea name="result" label={t.result} form={form} rows={2} maxlength={2000} />

        <fieldset>
          <legend>{t.fees}</legend>
          {rowsOf(v, 'fee').map((i) => (
            <fieldset class="row-group">
              <legend safe>{format(t.fee, { n: i + 1 })}</legend>
              <TextField name={`feeName_${i}`} label={t.feeName} form={form} maxlength={300} />
              <TextField name={`feeAmount_${i}`} label={t.feeAmount} form={form} maxlength={300} />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t.legalBasis}</legend>
          {rowsOf(v, 'legal').map((i) => (
            <fieldset class="row-group">
              <legend safe>{format(t.legal, { n: i + 1 })}</legend>
              <TextField name={`legalText_${i}`} label={t.legalText} form={form} maxlength={2000} />
              <SelectField name={`legalDoc_${i}`} label={t.legalDoc} form={form} options={props.documents} emptyLabel={t.noDoc} />
            </fieldset>
          ))}
        </fieldset>

        <TextArea name="conditions" label={t.conditions} hint={t.linesHint} form={form} rows={3} />

        <fieldset>
          <legend>{t.forms}</legend>
          {rowsOf(v, 'form').map((i) => (
            <fieldset class="row-group">
              <legend safe>{format(t.form, { n: i + 1 })}</legend>
              <TextField name={`formName_${i}`} label={t.formName} form={form} maxlength={300} />
              <TextField name={`formPurpose_${i}`} label={t.formPurpose} form={form} maxlength={500} />
              <SelectField name={`formMedia_${i}`} label={t.formMedia} form={form} options={props.media} emptyLabel={t.noFile} />
            </fieldset>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t.online}</legend>
          <SelectField name="onlineLevel" label={t.onlineLevel} form={form} options={ONLINE_LEVELS.map((l) => ({ value: l, label: ONLINE_LABELS[l][ctx.lang] }))} />
          <TextField name="onlineUrl" type="url" label={t.onlineUrl} hint={t.onlineUrlHint} form={form} maxlength={1000} />
          <TextField name="onlineLaunched" label={t.onlineLaunched} hint={t.onlineLaunchedHint} form={form} maxlength={7} inputmode="numeric" />
        </fieldset>

        <fieldset>
          <legend>{t.decision}</legend>
          <p class="hint">{t.decisionHint}</p>
          <TextField name="decisionNumber" label={t.decisionNumber} form={form} maxlength={60} />
          <TextField name="decisionDate" label={t.decisionDate} form={form} maxlength={10} inputmode="numeric" />
          <SelectField name="decisionDoc" label={t.decisionDoc} form={form} options={props.documents} emptyLabel={t.noDoc} />
        </fieldset>

        <fieldset>
          <legend>{t.handler}</legend>
          <p class="hint">{t.handlerHint}</p>
          <TextField name="handlerName" label={t.handlerName} form={form} maxlength={200} />
          <TextField name="handlerPhone" type="tel" label={t.handlerPhone} form={form} />
          <TextField name="handlerEmail" type="email" label={t.handlerEmail} form={form} />
        </fieldset>

        <div class="actions-row">
          <button type="submit">{c.save}</button>
          <a href="/admin/procedures">{c.cancel}</a>
        </div>
      </form>

      {row && props.can.edit ? (
        <section aria-labelledby="upload-h">
          <h2 id="upload-h">{t.uploadForm}</h2>
          <p class="hint">{t.uploadFormHint}</p>
          <form method="post" action={`/admin/procedures/${row.id}/forms?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
            <input type="hidden" name="lockVersion" value={String(props.lockVersion)} />
            <div class="field">
              <label for="uploadName">{t.formName}</label>
              <input id="uploadName" name="name" type="text" maxlength="300" required />
            </div>
            <div class="field">
              <label for="uploadPurpose">{t.formPurpose}</label>
              <input id="uploadPurpose" name="purpose" type="text" maxlength="500" />
            </div>
            <div class="field">
              <label for="uploadFile">{t.uploadFile}</label>
              <input id="uploadFile" name="file" type="file" required />
            </div>
            <button type="submit">{t.upload}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export function HistoryPage(props: { ctx: PageContext; row: ProcedureRow; revisions: { id: number; number: number; note: string | null; created_at: string; author: string | null; name: string; code: string }[]; canRestore: boolean }): JSX.Element {
  const { ctx, row } = props;
  const t = procedureText(ctx.lang);
  const title = format(t.historyTitle, { name: row.name });
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p>
        <a href={`/admin/procedures/${row.id}`} safe>{`← ${row.name}`}</a>
      </p>
      <h1 safe>{title}</h1>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t.history}</caption>
          <thead>
            <tr>
              <th scope="col">{t.history}</th>
              <th scope="col">{t.when}</th>
              <th scope="col">{t.by}</th>
              <th scope="col">{t.note}</th>
              <th scope="col">{t.name}</th>
              <th scope="col">
                <span class="visually-hidden">{t.restore}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r, i) => (
              <tr>
                <th scope="row" safe>{`${format(t.revision, { n: r.number })}${i === 0 ? ` ${t.current}` : ''}`}</th>
                <td safe>{formatDateTime(r.created_at)}</td>
                <td safe>{r.author ?? '—'}</td>
                <td safe>{r.note ?? ''}</td>
                <td safe>{`${r.code} — ${r.name}`}</td>
                <td>{props.canRestore && i > 0 ? <ActionButton action={`/admin/procedures/${row.id}/revisions/${r.id}/restore`} label={t.restoreRevision} csrfToken={ctx.csrfToken} variant="secondary" /> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export function ImportPage(props: { ctx: PageContext; canPublish: boolean; errors: ImportRowError[] | null; fileError: string | null }): JSX.Element {
  const { ctx } = props;
  const t = procedureText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.importTitle}>
      <p>
        <a href="/admin/procedures">{t.back}</a>
      </p>
      <h1>{t.importTitle}</h1>
      {props.fileError ? (
        <div class="error-summary" role="alert" tabindex="-1">
          <h2>{t.fileProblem}</h2>
          <p safe>{props.fileError}</p>
        </div>
      ) : (
        ''
      )}
      {props.errors ? <ImportReport lang={ctx.lang} title={format(t.importFailed, { n: props.errors.length })} rows={props.errors.map((e) => ({ line: e.line, column: e.column ?? null, message: e[ctx.lang] }))} /> : ''}
      <p>{t.importLead}</p>
      <p>
        <a href="/admin/procedures/import/mau.xlsx" safe>{`${t.template} (XLSX)`}</a>
        {' · '}
        <a href="/admin/procedures/import/mau.csv" safe>{`${t.template} (CSV)`}</a>
      </p>
      <form method="post" action={`/admin/procedures/import?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
        <div class="field">
          <label for="file">{t.file}</label>
          <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </div>
        {props.canPublish ? (
          <div class="field checkbox">
            <input type="checkbox" id="publish" name="publish" value="on" />
            <label for="publish">{t.publishImported}</label>
          </div>
        ) : (
          ''
        )}
        <button type="submit">{t.doImport}</button>
      </form>
      <div class="table-wrap">
        <table>
          <caption>{t.howToWrite}</caption>
          <thead>
            <tr>
              <th scope="col">{t.column}</th>
              <th scope="col">{t.howToWrite}</th>
            </tr>
          </thead>
          <tbody>
            {HEADER_LIST.map((h) => (
              <tr>
                <th scope="row" safe>
                  {h}
                </th>
                <td safe>{HEADER_HELP[h]?.[ctx.lang] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
