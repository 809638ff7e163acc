// Back-office pages of documents: the "Thông tin văn bản" fieldset of the
// article editor, the list of the site's documents with their publication
// deadlines, and the import page.
import { ImportReport } from '../../ui/components/import-report.tsx';
import { escapeHtml } from '@kitajs/html';
import { DOCUMENT_LEVELS, DOCUMENT_LEVEL_LABELS, DOCUMENT_RELATIONS, EFFECT_STATUSES, EFFECT_STATUS_LABELS, numberWarnings, RELATION_LABELS, typeLabel, type DocumentCatalogue, type PublicationDeadline } from '../../core/documents/index.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { Pagination } from '../../ui/components/pagination.tsx';
import { CheckboxGroup, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import type { Lang } from '../../ui/i18n.ts';
import { documentAdminText } from './admin-messages.ts';

export interface RelationTarget {
  number: string;
  title: string;
}

export interface DocumentFieldsetProps {
  lang: Lang;
  form: FormState;
  catalogue: DocumentCatalogue;
  /** The documents the relation rows point at, by id, to show their number and title. */
  targets: Map<number, RelationTarget>;
  deadline: PublicationDeadline | null;
}

/** One line about the deadline: due, late, or met. */
export function DeadlineNote({ lang, deadline }: { lang: Lang; deadline: PublicationDeadline | null }): JSX.Element {
  const t = documentAdminText(lang);
  if (deadline?.otherIssuer) return <span class="muted">{t.otherIssuer}</span>;
  if (!deadline?.dueAt) return <span class="muted">{t.noRule}</span>;
  const due = formatDateTime(deadline.dueAt);
  if (deadline.late) return <strong class="overdue">{escapeHtml(deadline.publishedAt ? format(t.lateLong, { time: due }) : `${t.late} — ${format(t.deadlineDue, { time: due })}`)}</strong>;
  return <span safe>{deadline.publishedAt ? `${t.onTime} (${due})` : format(t.deadlineDue, { time: due })}</span>;
}

/** Shown in the article editor when the kind is 'document'; works without JavaScript. */
export function DocumentFieldset(props: DocumentFieldsetProps): JSX.Element {
  const t = documentAdminText(props.lang);
  const { form } = props;
  const rows = Math.max(2, Number(form.values.docRelationCount) || 2);
  const fieldOptions = [...new Set([...props.catalogue.fields, ...(Array.isArray(form.values.docFields) ? form.values.docFields : [])])];
  return (
    <fieldset class="document-details" aria-describedby="doc-details-lead">
      <legend>
        <h2 class="legend-heading">{t.details}</h2>
      </legend>
      <p id="doc-details-lead" class="hint">
        {t.detailsLead}
      </p>
      <p>
        <span>{t.deadline}: </span>
        <DeadlineNote lang={props.lang} deadline={props.deadline} />
      </p>
      <TextField name="docNumber" label={t.number} hint={t.numberHint} form={form} required maxlength={80} spellcheck={false} />
      {numberWarnings(typeof form.values.docNumber === 'string' ? form.values.docNumber : '').map((w) => (
        <p class="field-warning" role="status" safe>
          {w[props.lang]}
        </p>
      ))}
      <SelectField name="docType" label={t.type} form={form} required emptyLabel="" options={props.catalogue.types.map((ty) => ({ value: ty.key, label: ty[props.lang] }))} />
      <TextField name="docIssuer" label={t.issuer} form={form} required maxlength={300} />
      <SelectField name="docLevel" label={t.level} form={form} required emptyLabel="" options={DOCUMENT_LEVELS.map((l) => ({ value: l, label: DOCUMENT_LEVEL_LABELS[l][props.lang] }))} />
      <TextField name="docSigner" label={t.signer} form={form} maxlength={200} />
      <TextField name="docIssuedOn" type="date" label={t.issuedOn} form={form} required />
      <TextField name="docEffectiveOn" type="date" label={t.effectiveOn} form={form} />
      <TextField name="docExpiresOn" type="date" label={t.expiresOn} form={form} />
      <CheckboxGroup name="docFields" label={t.fields} form={form} options={fieldOptions.map((f) => ({ value: f, label: f }))} />
      <SelectField name="docStatusOverride" label={t.statusOverride} form={form} emptyLabel={t.statusAuto} options={EFFECT_STATUSES.map((s) => ({ value: s, label: EFFECT_STATUS_LABELS[s][props.lang] }))} />
      <TextArea name="docStatusNote" label={t.statusNote} form={form} rows={2} maxlength={500} />
      <fieldset class={form.errors.docRelations ? 'field field-error' : 'field'} aria-describedby="docRelations-hint">
        <legend>{t.relations}</legend>
        <p class="hint" id="docRelations-hint">
          {t.relationsHint}
        </p>
        {form.errors.docRelations ? (
          <p class="error-message" id="docRelations" safe>
            {form.errors.docRelations}
          </p>
        ) : (
          ''
        )}
        <input type="hidden" name="docRelationCount" value={String(rows)} />
        {Array.from({ length: rows }, (_, i) => {
          const id = Number(form.values[`docRelTarget-${i}`]);
          const target = Number.isInteger(id) && id > 0 ? props.targets.get(id) : undefined;
          return (
            <div class="relation-row">
              <SelectField name={`docRelation-${i}`} label={`${t.relation} ${i + 1}`} form={form} emptyLabel={t.noRelation} options={DOCUMENT_RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r].forward[props.lang] }))} />
              <TextField name={`docRelTarget-${i}`} label={`${t.target} ${i + 1}`} form={form} maxlength={80} spellcheck={false} />
              {target ? <p class="muted" safe>{format(t.targetIs, { number: target.number, title: target.title })}</p> : id > 0 ? <p class="overdue">{t.targetMissing}</p> : ''}
            </div>
          );
        })}
      </fieldset>
    </fieldset>
  );
}

export interface DocumentListRow {
  id: number;
  title: string;
  number: string;
  typeKey: string;
  issuer: string;
  issuedOn: string | null;
  stateLabel: string;
  deadline: PublicationDeadline | null;
}

export function DocumentListPage(props: { ctx: PageContext; rows: DocumentListRow[]; catalogue: DocumentCatalogue; canCreate: boolean; filter: FormState; total: number; page: number; pages: number; query: Record<string, string> }): JSX.Element {
  const { ctx } = props;
  const t = documentAdminText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.listTitle}>
      <h1>{t.listTitle}</h1>
      <p>{t.listLead}</p>
      {props.canCreate ? (
        <p class="actions-row">
          <a class="button" href="/admin/articles/new?kind=document">
            {t.newDocument}
          </a>
          <a href="/admin/documents/import">{t.importDocuments}</a>
        </p>
      ) : (
        ''
      )}
      <form method="get" action="/admin/documents" class="filters">
        <TextField name="q" type="search" label={t.search} form={props.filter} maxlength={100} />
        <div class="field checkbox">
          <input type="checkbox" id="late" name="late" value="on" checked={props.filter.values.late === 'on'} />
          <label for="late">{t.onlyLate}</label>
        </div>
        <button type="submit" class="button button-secondary">
          {t.filter}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table class="data-table">
          <caption class="visually-hidden">{t.listTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.number}</th>
              <th scope="col">{t.type}</th>
              <th scope="col">{t.issuer}</th>
              <th scope="col">{t.issuedShort}</th>
              <th scope="col">{t.state}</th>
              <th scope="col">{t.deadline}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/admin/articles/${r.id}`} safe>
                    {r.number || '—'}
                  </a>
                  <br />
                  <span class="muted" safe>
                    {r.title}
                  </span>
                </td>
                <td safe>{typeLabel(props.catalogue, r.typeKey)[ctx.lang]}</td>
                <td safe>{r.issuer}</td>
                <td>{r.issuedOn ? formatDate(r.issuedOn) : ''}</td>
                <td safe>{r.stateLabel}</td>
                <td>
                  <DeadlineNote lang={ctx.lang} deadline={r.deadline} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination lang={ctx.lang} page={props.page} pages={props.pages} baseUrl="/admin/documents" query={props.query} />
    </AdminLayout>
  );
}

export interface ImportProblemRow {
  line: number;
  column: string;
  message: string;
}

export function DocumentImportPage(props: { ctx: PageContext; form: FormState; columns: { name: string; required: boolean; note: string }[]; problems: ImportProblemRow[] }): JSX.Element {
  const { ctx } = props;
  const t = documentAdminText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.importTitle}>
      <p>
        <a href="/admin/documents">{t.documents}</a>
      </p>
      <h1>{t.importTitle}</h1>
      <p>{t.importLead}</p>
      <p>{t.importColumns}</p>
      <ul>
        {props.columns.map((col) => (
          <li>
            <strong safe>{`${col.name}${col.required ? ' *' : ''}`}</strong>
            {col.note ? <span safe>{` — ${col.note}`}</span> : ''}
          </li>
        ))}
      </ul>
      <p>{t.importDates}</p>
      <p>
        <a href="/admin/documents/import/template.csv" download="mau-nhap-van-ban.csv">
          {t.template}
        </a>
      </p>
      <ImportReport lang={ctx.lang} title={format(t.errorsTitle, { count: props.problems.length })} rows={props.problems.map((p) => ({ line: p.line, column: p.column, message: p.message }))} />
      <form method="post" action={`/admin/documents/import?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data" novalidate>
        <div class={props.form.errors.file ? 'field field-error' : 'field'}>
          <label for="file">{t.file}</label>
          <p class="hint" id="file-hint">
            {t.fileHint}
          </p>
          {props.form.errors.file ? (
            <p class="error-message" id="file-error" safe>
              {props.form.errors.file}
            </p>
          ) : (
            ''
          )}
          <input type="file" id="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={props.form.errors.file ? 'file-hint file-error' : 'file-hint'} />
        </div>
        <button type="submit">{t.import}</button>
      </form>
    </AdminLayout>
  );
}
