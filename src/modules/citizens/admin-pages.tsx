// Back-office pages of citizens' cases: the register (tabs, filters, due
// times) and one case with its requester, files, history and the actions the
// person may take now. Plain forms: everything works without JavaScript.
import type { PropsWithChildren } from '@kitajs/html';
import { CASE_KINDS, CASE_STATUS_NAMES, isClosed, splitAtFindings, type CaseStatus, type Finding } from '../../core/citizens/index.ts';
import { formatDateTime } from '../../core/time.ts';
import type { ReviewChain } from '../../core/workflow/index.ts';
import type { CitizenCaseFileRow, CitizenCaseRow } from '../../platform/db/schema.ts';
import { ActionButton, Checkbox, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState, type Option } from '../../ui/components/form.tsx';
import { Pagination } from '../../ui/components/pagination.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { caseEventLabel, caseText } from './admin-messages.ts';
import { ANSWER_PART, MAX_ANSWER_FILE_BYTES, MAX_ANSWER_FILES } from './answer-files.ts';
import { isPublic, isPublishable, kindName } from './answer-workflow.ts';
import { formatMegabytes } from '../../platform/files/file-store.ts';
import { refusalCodesFor, upheldOf } from './manage-cases.ts';
import type { FieldFindings, PublicTexts } from './publication-check.ts';
import { CASE_TABS, isOverdue, type CaseEventItem, type CaseFilters, type CaseListItem, type CaseTab, type CaseViewer } from './store.ts';
import { detailLines } from './case-details.ts';
import type { CaseKind } from '../../core/citizens/index.ts';

type T = ReturnType<typeof caseText>;

function statusName(status: string, lang: Lang): string {
  return CASE_STATUS_NAMES[status as CaseStatus]?.[lang] ?? status;
}

/** What is due next for a case, as a person reads it in a list. */
function dueLine(t: T, row: CitizenCaseRow, forwardDue: string | null): { label: string; at: string } | null {
  if (isClosed(row.status)) return null;
  if (row.status === 'received' && forwardDue) return { label: t.forwardDue, at: forwardDue };
  if (row.status === 'assigned' && row.receipt_due_at) return { label: t.receiptDue, at: row.receipt_due_at };
  if (row.complexity === 'complex' && row.notice_sent_at === null && row.notice_due_at) return { label: t.noticeDue, at: row.notice_due_at };
  return row.due_at ? { label: t.answerDue, at: row.due_at } : null;
}

function DueCell(props: { t: T; row: CitizenCaseRow; forwardDue: string | null; now: Date }): JSX.Element {
  const due = dueLine(props.t, props.row, props.forwardDue);
  const late = isOverdue(props.row, props.now, props.forwardDue ? new Date(props.forwardDue) : null);
  return (
    <>
      {late ? <strong class="overdue" safe>{`${props.t.overdue} — `}</strong> : ''}
      {due ? <span safe>{`${due.label} ${formatDateTime(due.at)}`}</span> : '—'}
    </>
  );
}

export interface CaseListProps {
  ctx: PageContext;
  viewer: CaseViewer;
  rows: CaseListItem[];
  forwardDue: Record<number, string>;
  counts: Record<CaseTab, number>;
  total: number;
  page: number;
  pages: number;
  filters: CaseFilters;
  fields: string[];
  units: Option[];
  now: Date;
}

export function CaseListPage(props: CaseListProps): JSX.Element {
  const { ctx, filters: f } = props;
  const t = caseText(ctx.lang);
  const tabs = props.viewer.moderator ? CASE_TABS : CASE_TABS.filter((tab) => tab !== 'intake');
  const query: Record<string, string> = Object.fromEntries(
    Object.entries({ tab: f.tab, kind: f.kind ?? '', field: f.field ?? '', unit: f.unitId ? String(f.unitId) : '', overdue: f.overdueOnly ? 'on' : '' }).filter(([, v]) => v),
  );
  const tabHref = (tab: CaseTab) => `/admin/cases?${new URLSearchParams({ ...query, tab }).toString()}`;
  const form: FormState = { values: { tab: f.tab, kind: f.kind ?? '', field: f.field ?? '', unit: f.unitId ? String(f.unitId) : '', overdue: f.overdueOnly ? 'on' : '' }, errors: {} };
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{props.viewer.moderator ? t.lead : t.leadUnit}</p>
      {props.viewer.readOnly ? <p class="site-notice">{t.readOnly}</p> : ''}
      <nav aria-label={t.tabs}>
        <ul class="actions-row">
          {tabs.map((tab) => (
            <li>
              <a href={tabHref(tab)} aria-current={tab === f.tab ? 'page' : undefined} safe>
                {`${t[`tab_${tab}`]} (${props.counts[tab]})`}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/admin/cases" class="filters" role="search" aria-label={t.filter}>
        <input type="hidden" name="tab" value={f.tab} />
        <SelectField name="kind" label={t.kind} form={form} options={CASE_KINDS.map((k) => ({ value: k, label: kindName(k, ctx.lang) }))} emptyLabel={t.allKinds} />
        <SelectField name="field" label={t.field} form={form} options={props.fields.map((x) => ({ value: x, label: x }))} emptyLabel={t.allFields} />
        {props.viewer.moderator ? <SelectField name="unit" label={t.unit} form={form} options={props.units} emptyLabel={t.allUnits} /> : ''}
        <Checkbox name="overdue" label={t.overdueOnly} form={form} />
        <button type="submit">{t.filter}</button>
      </form>
      <p safe>{format(t.count, { n: props.total })}</p>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">
              {t[`tab_${f.tab}`]}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.code}</th>
                <th scope="col">{t.caseTitle}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.field}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.received}</th>
                <th scope="col">{t.due}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/admin/cases/${r.id}`} safe>
                      {r.tracking_code}
                    </a>
                  </td>
                  <th scope="row" safe>
                    {r.title}
                  </th>
                  <td safe>{kindName(r.kind, ctx.lang)}</td>
                  <td safe>{r.field ?? '—'}</td>
                  <td safe>{r.unit_name ?? '—'}</td>
                  <td>
                    <span safe>{statusName(r.status, ctx.lang)}</span>
                    {r.status === 'assigned' ? <strong safe>{` · ${t.receiptToday}`}</strong> : ''}
                  </td>
                  <td safe>{formatDateTime(r.created_at)}</td>
                  <td>
                    <DueCell t={t} row={r} forwardDue={props.forwardDue[r.id] ?? null} now={props.now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination lang={ctx.lang} page={props.page} pages={props.pages} baseUrl="/admin/cases" query={query} />
    </AdminLayout>
  );
}

export interface CaseDetailProps {
  ctx: PageContext;
  viewer: CaseViewer;
  row: CitizenCaseRow;
  unitName: string | null;
  files: CitizenCaseFileRow[];
  events: CaseEventItem[];
  fields: string[];
  units: Option[];
  forwardDue: string | null;
  chain: ReviewChain | null;
  mayReview: boolean;
  isAnswerAuthor: boolean;
  approverNames: string[];
  mergedIntoCode: string | null;
  article: { id: number; title: string; slug: string } | null;
  /** What the publication form starts from (personal data masked) and how much was masked. */
  publicDefaults: { texts: PublicTexts; masked: number };
  /** Personal data found in what was just submitted for publication. */
  personalData: FieldFindings[] | null;
  /** The site that received the case and handed it over when it stopped operating. */
  receivedFrom: string | null;
  form: FormState;
  now: Date;
}

/** Paragraphs of plain text typed by a person: blank lines separate them, single line breaks stay. */
export function Paragraphs({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => (
          <p class="pre-line" safe>
            {p.trim()}
          </p>
        ))}
    </>
  );
}

interface FormButton {
  label: string;
  name?: string;
  value?: string;
  variant?: 'danger' | 'secondary';
}

/** A small form with the case's lock version, its fields and its button(s). */
function CaseForm(props: PropsWithChildren<{ ctx: PageContext; row: CitizenCaseRow; action: string; button: string | FormButton[]; variant?: 'danger' | 'secondary' }>): JSX.Element {
  const buttons: FormButton[] = typeof props.button === 'string' ? [{ label: props.button, ...(props.variant ? { variant: props.variant } : {}) }] : props.button;
  return (
    <form method="post" action={`/admin/cases/${props.row.id}/${props.action}`} novalidate>
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="lockVersion" value={String(props.row.lock_version)} />
      {props.children}
      <div class="actions-row">
        {buttons.map((b) => (
          <button type="submit" name={b.name} value={b.value} class={b.variant ? `button button-${b.variant}` : 'button'} safe>
            {b.label}
          </button>
        ))}
      </div>
    </form>
  );
}

/** The form's state with a default for one field when the person has not typed it. */
function withDefault(form: FormState, name: string, fallback: string): FormState {
  return { values: { ...form.values, [name]: form.values[name] ?? fallback }, errors: form.errors };
}

/** The public title, text and answer of a published question or petition, prefilled with personal data masked. */
function PublicFields({ t, props }: { t: T; props: CaseDetailProps }): JSX.Element {
  const { form, publicDefaults: defaults } = props;
  return (
    <>
      <p class="hint">{t.publicHint}</p>
      {defaults.masked > 0 && !props.personalData ? <p class="hint" safe>{format(t.maskedHint, { n: defaults.masked })}</p> : ''}
      {props.personalData ? <PersonalDataFound t={t} check={props.personalData} /> : ''}
      <TextField name="publicTitle" label={t.publicTitle} form={withDefault(form, 'publicTitle', defaults.texts.publicTitle)} maxlength={300} />
      <TextArea name="publicBody" label={t.publicBody} form={withDefault(form, 'publicBody', defaults.texts.publicBody)} rows={8} maxlength={20000} />
      <TextArea name="publicAnswer" label={t.publicAnswer} hint={t.publicAnswerHint} form={withDefault(form, 'publicAnswer', defaults.texts.publicAnswer)} rows={8} maxlength={20000} />
      {props.personalData ? (
        <>
          <Checkbox name="confirmPersonalData" label={t.confirmPersonalData} form={form} />
          <TextArea name="personalDataReason" label={t.personalDataReason} form={form} rows={2} maxlength={2000} />
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** What the check found in each text as submitted, marked where it stands, then listed. */
function PersonalDataFound({ t, check }: { t: T; check: FieldFindings[] }): JSX.Element {
  const kind = (f: Finding) => `${t[`kind_${f.kind}`]}${f.own ? t.ofRequester : ''}`;
  return (
    <div class="personal-data" role="group" aria-labelledby="personal-data-h">
      <h3 id="personal-data-h">{t.personalDataTitle}</h3>
      <p>{t.personalDataLead}</p>
      {check.map((c) => (
        <>
          <h4>{t[c.field]}</h4>
          <p class="pre-line">
            {splitAtFindings(c.text, c.findings).map((part) =>
              part.finding ? (
                <mark title={kind(part.finding)} safe>
                  {part.text}
                </mark>
              ) : (
                <span safe>{part.text}</span>
              ),
            )}
          </p>
          <ul>
            {c.findings.map((f) => (
              <li safe>{`${kind(f)}: ${f.text}`}</li>
            ))}
          </ul>
        </>
      ))}
    </div>
  );
}

export function CaseDetailPage(given: CaseDetailProps): JSX.Element {
  // On a site that no longer operates a case is read, never acted on: no form is offered.
  const readOnly = given.viewer.readOnly;
  const props = readOnly ? { ...given, viewer: { ...given.viewer, moderator: false, answerer: false }, mayReview: false, isAnswerAuthor: false } : given;
  const { ctx, row, viewer, form } = props;
  const t = caseText(ctx.lang);
  const lang = ctx.lang;
  const heading = format(t.caseOf, { kind: kindName(row.kind, lang), code: row.tracking_code });
  const routable = ['received', 'assigned', 'in_progress'].includes(row.status);
  const handles = viewer.answerer && row.unit_id !== null && viewer.unitIds.includes(row.unit_id);
  const requestFiles = props.files.filter((f) => f.part !== ANSWER_PART);
  const handler = viewer.moderator || handles;
  // The form's fields in its order, by their names (never the stored keys).
  const details = detailLines(row.kind as CaseKind, row.details, lang);
  const upheld = upheldOf(row);
  const late = isOverdue(row, props.now, props.forwardDue ? new Date(props.forwardDue) : null);
  const step = row.step_index !== null ? props.chain?.steps[row.step_index] : undefined;
  return (
    <AdminLayout ctx={ctx} title={heading}>
      <p>
        <a href="/admin/cases">{t.back}</a>
      </p>
      <h1 safe>{heading}</h1>
      {readOnly ? <p class="site-notice">{t.readOnly}</p> : ''}
      <ErrorSummary form={form} title={common(lang).formErrors} />
      <dl class="meta">
        {props.receivedFrom ? (
          <>
            <dt>{t.handedOverFrom}</dt>
            <dd safe>{props.receivedFrom}</dd>
          </>
        ) : (
          ''
        )}
        <dt>{t.status}</dt>
        <dd>
          <span safe>{statusName(row.status, lang)}</span>
          {late ? <strong class="overdue" safe>{` — ${t.overdue}`}</strong> : ''}
        </dd>
        <dt>{t.received}</dt>
        <dd safe>{`${formatDateTime(row.created_at)} (${row.channel})`}</dd>
        <dt>{t.field}</dt>
        <dd safe>{row.field ?? '—'}</dd>
        <dt>{t.unit}</dt>
        <dd safe>{props.unitName ?? '—'}</dd>
        {props.forwardDue && row.status === 'received' ? (
          <>
            <dt>{t.forwardDue}</dt>
            <dd safe>{formatDateTime(props.forwardDue)}</dd>
          </>
        ) : (
          ''
        )}
        {row.receipt_due_at ? (
          <>
            <dt>{t.receiptDue}</dt>
            <dd safe>
              {`${formatDateTime(row.receipt_due_at)}${row.receipt_recorded_at ? ` — ${format(t.receiptRecorded, { at: formatDateTime(row.receipt_recorded_at), late: Date.parse(row.receipt_recorded_at) > Date.parse(row.receipt_due_at) ? t.lateMark : '' })}` : ''}`}
            </dd>
          </>
        ) : (
          ''
        )}
        {row.notice_due_at ? (
          <>
            <dt>{t.noticeDue}</dt>
            <dd safe>{`${formatDateTime(row.notice_due_at)}${row.notice_sent_at ? ` — ${format(t.noticeSent, { at: formatDateTime(row.notice_sent_at) })}` : ''}`}</dd>
          </>
        ) : (
          ''
        )}
        {row.due_at ? (
          <>
            <dt>{t.answerDue}</dt>
            <dd safe>{`${formatDateTime(row.due_at)}${row.extended_at ? ` — ${format(t.extended, { at: formatDateTime(row.extended_at), reason: row.extension_reason ?? '' })}` : ''}`}</dd>
          </>
        ) : (
          ''
        )}
        {row.outcome_reason || row.forwarded_to || props.mergedIntoCode ? (
          <>
            <dt>{t.outcome}</dt>
            <dd>
              {row.forwarded_to ? <p safe>{format(t.forwardedTo, { to: row.forwarded_to })}</p> : ''}
              {props.mergedIntoCode && row.merged_into_id ? (
                <p>
                  <span safe>{`${t.mergedInto} `}</span>
                  <a href={`/admin/cases/${row.merged_into_id}`} safe>
                    {props.mergedIntoCode}
                  </a>
                </p>
              ) : (
                ''
              )}
              {row.outcome_reason ? <p safe>{row.outcome_reason}</p> : ''}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>

      <h2>{t.content}</h2>
      <h3 safe>{row.title}</h3>
      <Paragraphs text={row.body} />
      {details.length > 0 ? (
        <>
          <h3>{t.details}</h3>
          <dl class="meta">
            {details.map((d) => (
              <>
                <dt safe>{d.label}</dt>
                <dd safe>{d.value}</dd>
              </>
            ))}
          </dl>
        </>
      ) : (
        ''
      )}

      <h2>{t.requester}</h2>
      {row.personal_data_erased_at ? (
        <p>{t.erased}</p>
      ) : (
        <dl class="meta">
          <dt>{t.name}</dt>
          <dd safe>{row.requester_name ?? '—'}</dd>
          <dt>{t.email}</dt>
          <dd safe>{row.requester_email ?? '—'}</dd>
          <dt>{t.phone}</dt>
          <dd safe>{row.requester_phone ?? '—'}</dd>
          <dt>{t.address}</dt>
          <dd safe>{row.requester_address ?? '—'}</dd>
          {row.requester_id_number ? (
            <>
              <dt>{t.idNumber}</dt>
              <dd safe>{row.requester_id_number}</dd>
            </>
          ) : (
            ''
          )}
          {row.requester_organisation ? (
            <>
              <dt>{t.organisation}</dt>
              <dd safe>{row.requester_organisation}</dd>
            </>
          ) : (
            ''
          )}
          {row.kind === 'question' ? (
            <>
              <dt>{t.consent}</dt>
              <dd>{row.consent_publish === 1 ? t.yes : t.no}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
      )}
      {!row.requester_email ? <p class="hint">{t.noEmail}</p> : ''}

      {requestFiles.length > 0 ? (
        <>
          <h2>{t.files}</h2>
          <ul>
            {requestFiles.map((f) => (
              <li>
                <a href={`/admin/cases/${row.id}/files/${f.id}`} safe>
                  {`${f.original_name} (${Math.max(1, Math.round(f.size / 1024))} KB)`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}

      {viewer.moderator && routable ? (
        <section aria-labelledby="routing-h">
          <h2 id="routing-h">{t.routing}</h2>
          <CaseForm ctx={ctx} row={row} action="assign" button={row.status === 'received' ? t.assign : t.reassign}>
            <SelectField name="field" label={t.field} form={withDefault(form, 'field', row.field ?? '')} options={props.fields.map((x) => ({ value: x, label: x }))} emptyLabel={t.chooseField} required />
            <SelectField name="unitId" label={t.unit} form={withDefault(form, 'unitId', row.unit_id ? String(row.unit_id) : '')} options={props.units} emptyLabel={t.chooseUnit} required />
            <TextArea name="assignNote" label={t.note} form={form} rows={2} maxlength={2000} />
          </CaseForm>
        </section>
      ) : (
        ''
      )}

      {handler && row.status === 'assigned' ? (
        <section aria-labelledby="receipt-h">
          <h2 id="receipt-h">{t.receipt}</h2>
          <CaseForm ctx={ctx} row={row} action="receipt" button={t.receipt}>
            <p>{row.receipt_due_at ? `${t.receiptDue} ${formatDateTime(row.receipt_due_at)}` : ''}</p>
          </CaseForm>
        </section>
      ) : (
        ''
      )}

      {row.kind === 'info_request' && handler && !isClosed(row.status) ? (
        <section aria-labelledby="info-h">
          <h2 id="info-h">{t.infoRequest}</h2>
          {row.notice_sent_at === null && row.extended_at === null ? (
            <CaseForm ctx={ctx} row={row} action="complexity" button={t.setComplexity} variant="secondary">
              <SelectField
                name="complexity"
                label={t.complexity}
                form={withDefault(form, 'complexity', row.complexity ?? '')}
                options={[
                  { value: 'simple', label: t.simple },
                  { value: 'complex', label: t.complex },
                ]}
                emptyLabel=""
              />
            </CaseForm>
          ) : (
            <p safe>{`${t.complexity}: ${row.complexity === 'complex' ? t.complex : t.simple}`}</p>
          )}
          {row.complexity === 'complex' && row.notice_sent_at === null ? (
            <CaseForm ctx={ctx} row={row} action="notice" button={t.sendNotice} variant="secondary">
              <p>{row.notice_due_at ? `${t.noticeDue} ${formatDateTime(row.notice_due_at)}` : ''}</p>
            </CaseForm>
          ) : (
            ''
          )}
          {row.complexity === 'complex' && row.extended_at === null ? (
            <CaseForm ctx={ctx} row={row} action="extend" button={t.extend} variant="secondary">
              <TextArea name="extendReason" label={t.reason} form={form} rows={2} maxlength={2000} required />
            </CaseForm>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}

      {row.kind === 'correction_claim' && viewer.moderator && routable ? (
        <section aria-labelledby="claim-h">
          <h2 id="claim-h">{t.claim}</h2>
          {props.article ? (
            <p>
              <span safe>{`${t.articleConcerned}: #${props.article.id} ${props.article.title} `}</span>
              <a href={`/admin/articles/${props.article.id}`}>{t.openArticle}</a>
            </p>
          ) : (
            ''
          )}
          {upheld === null ? (
            <CaseForm ctx={ctx} row={row} action="article" button={t.setArticle} variant="secondary">
              <TextField name="articleId" label={t.articleId} form={withDefault(form, 'articleId', row.article_id ? String(row.article_id) : '')} inputmode="numeric" maxlength={12} />
            </CaseForm>
          ) : (
            ''
          )}
          {upheld === null && row.article_id !== null ? (
            <CaseForm ctx={ctx} row={row} action="uphold" button={t.uphold}>
              <TextArea name="upholdNote" label={t.conclusion} form={form} rows={3} maxlength={4000} required />
            </CaseForm>
          ) : (
            ''
          )}
          {upheld ? (
            <>
              <p safe>{format(t.upheld, { at: formatDateTime(upheld.at), note: upheld.note })}</p>
              <p class="hint">{t.correctHint}</p>
              <CaseForm ctx={ctx} row={row} action="close-with-correction" button={t.closeWithCorrection}>
                {''}
              </CaseForm>
            </>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}

      {row.kind !== 'correction_claim' ? <AnswerSection {...props} t={t} handles={handles} step={step ? (lang === 'en' ? step.nameEn : step.name) : null} /> : row.answer ? <Paragraphs text={row.answer} /> : ''}

      {viewer.moderator && routable ? (
        <section aria-labelledby="outcome-h">
          <h2 id="outcome-h">{t.outcome}</h2>
          <details>
            <summary>{t.forward}</summary>
            <CaseForm ctx={ctx} row={row} action="forward" button={t.forward} variant="secondary">
              <TextField name="to" label={t.forwardTo} form={form} maxlength={300} required />
              <TextArea name="forwardReason" label={t.reason} form={form} rows={2} maxlength={2000} required />
            </CaseForm>
          </details>
          <details>
            <summary>{t.merge}</summary>
            <CaseForm ctx={ctx} row={row} action="merge" button={t.merge} variant="secondary">
              <TextField name="target" label={t.mergeTarget} form={form} maxlength={20} required spellcheck={false} />
              <TextArea name="mergeNote" label={t.note} form={form} rows={2} maxlength={2000} />
            </CaseForm>
          </details>
          <details>
            <summary>{t.refuse}</summary>
            <CaseForm ctx={ctx} row={row} action="refuse" button={t.refuse} variant="danger">
              <SelectField name="code" label={t.refusalCode} form={form} options={refusalCodesFor(row.kind).map((c) => ({ value: c, label: t[`code_${c}`] }))} emptyLabel="" required />
              <TextArea name="refuseReason" label={t.reason} form={form} rows={3} maxlength={4000} required />
            </CaseForm>
          </details>
        </section>
      ) : (
        ''
      )}

      <h2>{t.history}</h2>
      {props.events.length === 0 ? (
        <p>{t.noHistory}</p>
      ) : (
        <ol class="history">
          {props.events.map((e) => (
            <li>
              <span safe>{`${formatDateTime(e.created_at)} — ${caseEventLabel(ctx.lang, e.action)}${e.actor_name ? ` — ${e.actor_name}` : ''}${e.note ? `: ${e.note}` : ''}`}</span>
            </li>
          ))}
        </ol>
      )}
    </AdminLayout>
  );
}

/** The files that go with the answer: listed for everyone who sees the case, added and removed while the unit drafts. */
function AnswerFiles(props: CaseDetailProps & { t: T; drafting: boolean }): JSX.Element {
  const { ctx, row, t } = props;
  const files = props.files.filter((f) => f.part === ANSWER_PART);
  if (!props.drafting && files.length === 0) return '';
  return (
    <>
      <h3 id="answer-files-h">{t.answerFiles}</h3>
      {files.length > 0 ? (
        <ul aria-labelledby="answer-files-h">
          {files.map((f) => (
            <li>
              <a href={`/admin/cases/${row.id}/files/${f.id}`} safe>
                {`${f.original_name} (${Math.max(1, Math.round(f.size / 1024))} KB)`}
              </a>{' '}
              {props.drafting ? <ActionButton action={`/admin/cases/${row.id}/answer-files/${f.id}/delete`} label={format(t.removeAnswerFile, { name: f.original_name })} csrfToken={ctx.csrfToken} fields={{ lockVersion: String(row.lock_version) }} variant="secondary" /> : ''}
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {props.drafting && files.length < MAX_ANSWER_FILES ? (
        <form method="post" action={`/admin/cases/${row.id}/answer-files?_csrf=${encodeURIComponent(ctx.csrfToken)}`} enctype="multipart/form-data">
          <input type="hidden" name="lockVersion" value={String(row.lock_version)} />
          <div class="field">
            <label for="answer-file">{t.answerFile}</label>
            <p class="hint" id="answer-file-hint" safe>
              {format(t.answerFilesHint, { max: MAX_ANSWER_FILES, size: formatMegabytes(MAX_ANSWER_FILE_BYTES, ctx.lang) })}
            </p>
            <input id="answer-file" name="file" type="file" aria-describedby="answer-file-hint" accept=".pdf,.doc,.docx,.odt,.xls,.xlsx,.ods,.csv,.jpg,.jpeg,.png" required />
          </div>
          <button type="submit" class="button button-secondary">
            {t.uploadAnswerFile}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

function AnswerSection(props: CaseDetailProps & { t: T; handles: boolean; step: string | null }): JSX.Element {
  const { ctx, row, viewer, form, t } = props;
  const drafting = props.handles && row.status === 'in_progress';
  const publishable = isPublishable(row);
  return (
    <section aria-labelledby="answer-h">
      <h2 id="answer-h">{t.answer}</h2>
      {drafting ? (
        <CaseForm
          ctx={ctx}
          row={row}
          action="answer"
          button={[
            { label: t.saveAnswer, name: 'intent', value: 'save', variant: 'secondary' },
            { label: t.submitAnswer, name: 'intent', value: 'submit' },
          ]}
        >
          <TextArea name="answer" label={t.answer} hint={t.answerHint} form={withDefault(form, 'answer', row.answer ?? '')} rows={12} maxlength={20000} required />
        </CaseForm>
      ) : row.answer ? (
        <Paragraphs text={row.answer} />
      ) : (
        <p>—</p>
      )}
      <AnswerFiles {...props} drafting={drafting} />
      {row.status === 'in_review' ? (
        <>
          <p safe>{`${format(t.atStep, { step: props.step ?? '' })}${row.step_due_at ? ` (${format(t.stepDue, { due: formatDateTime(row.step_due_at) })})` : ''}`}</p>
          {props.approverNames.length > 0 ? <p safe>{format(t.approvals, { list: props.approverNames.join(', ') })}</p> : ''}
          {props.mayReview ? (
            <CaseForm
              ctx={ctx}
              row={row}
              action="review"
              button={[
                { label: t.approve, name: 'decision', value: 'approve' },
                { label: t.returnIt, name: 'decision', value: 'return', variant: 'secondary' },
                { label: t.reject, name: 'decision', value: 'reject', variant: 'danger' },
              ]}
            >
              <TextArea name="reviewReason" label={t.reviewReason} form={form} rows={2} maxlength={2000} />
            </CaseForm>
          ) : (
            ''
          )}
          {props.isAnswerAuthor && JSON.parse(row.approvals).length === 0 ? <ActionButton action={`/admin/cases/${row.id}/review`} label={t.withdraw} csrfToken={ctx.csrfToken} fields={{ decision: 'withdraw', lockVersion: String(row.lock_version) }} variant="secondary" /> : ''}
        </>
      ) : (
        ''
      )}
      {viewer.moderator && row.status === 'approved' ? (
        <CaseForm ctx={ctx} row={row} action="send" button={publishable ? t.send : t.sendOnly}>
          {publishable ? (
            <>
              <Checkbox name="publish" label={t.publish} form={withDefault(form, 'publish', 'on')} />
              <PublicFields t={t} props={props} />
            </>
          ) : (
            ''
          )}
        </CaseForm>
      ) : (
        ''
      )}
      {row.status === 'answered' && publishable && row.correction_id === null ? (
        <>
          <h3>{t.publication}</h3>
          <p safe>{isPublic(row) ? format(t.publishedAt, { at: formatDateTime(row.published_at!) }) : row.unpublished_at ? format(t.unpublishedAt, { at: formatDateTime(row.unpublished_at) }) : t.notPublic}</p>
          {viewer.moderator ? (
            <>
              <CaseForm ctx={ctx} row={row} action="publication" button={isPublic(row) ? t.savePublication : t.republish} variant="secondary">
                <PublicFields t={t} props={props} />
              </CaseForm>
              {isPublic(row) ? (
                <CaseForm ctx={ctx} row={row} action="unpublish" button={t.unpublish} variant="danger">
                  <TextArea name="unpublishReason" label={t.reason} form={form} rows={2} maxlength={2000} required />
                </CaseForm>
              ) : (
                ''
              )}
            </>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </section>
  );
}
