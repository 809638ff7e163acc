// The reports pages: the list (/admin/reports), a period's report with its
// versions, preparation and approval (/admin/reports/:kind/:period), and the
// roll-up of member sites. Tables have captions, header cells with scope and
// right-aligned figures; each chart is an SVG image beside the table it is
// drawn from.
import { escapeHtml } from '@kitajs/html';
import { rowLink, type ReportKind, type ReportTable } from '../../core/reports/section.ts';
import { formatDateTime } from '../../core/time.ts';
import type { ReportListing } from './store.ts';
import { CsrfField, ErrorSummary, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { common } from '../../ui/messages.ts';
import type { PageContext } from '../../ui/page-context.ts';
import { renderChartSvg } from './chart-svg.ts';
import { KIND_NAMES, REPORT_KINDS, reportHeading, type ComputedSection } from './compute.ts';
import { placeAndDate, type ReportDocument } from './document.ts';
import { formatCell, isNumeric } from './format.ts';
import { reportText } from './messages.ts';
import type { Rollup } from './rollup.ts';

type Text = ReturnType<typeof reportText>;

export const reportPath = (kind: string, period: string) => `/admin/reports/${kind}/${period}`;

function stateLabel(state: string, t: Text): string {
  return state === 'approved' ? t.approved : state === 'draft' ? t.draft : t.preview;
}

export function DataTable(props: { table: ReportTable; lang: Lang }): JSX.Element {
  const { table, lang } = props;
  const firstIsLabel = table.columns[0]?.kind === 'text';
  const cells = (row: Record<string, string | number | null>, index: number | null) =>
    table.columns.map((c, i) => {
      const text = formatCell(c.kind, row[c.key] ?? null, lang);
      const link = i === 0 ? rowLink(table, index) : undefined;
      const content = link ? (
        <a href={link} safe>
          {text}
        </a>
      ) : (
        <span safe>{text}</span>
      );
      return i === 0 && firstIsLabel ? (
        <th scope="row">{content}</th>
      ) : (
        <td class={isNumeric(c.kind) ? 'num' : undefined}>{content}</td>
      );
    });
  return (
    // A wide table scrolls within itself; keyboard users reach it (WCAG 2.1.1).
    <div class="table-wrap" tabindex="0" role="region" aria-label={table.title[lang]}>
      <table class="data-table">
        <caption safe>{table.title[lang]}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th scope="col" class={isNumeric(c.kind) ? 'num' : undefined} safe>
                {c.label[lang]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr>{cells(row, i)}</tr>
          ))}
        </tbody>
        {table.totals ? (
          <tfoot>
            <tr>{cells(table.totals, null)}</tr>
          </tfoot>
        ) : (
          ''
        )}
      </table>
      {table.note ? (
        <p class="hint" safe>
          {table.note[lang]}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

function SectionView(props: { section: ComputedSection; index: number; lang: Lang; t: Text }): JSX.Element {
  const { section, index, lang } = props;
  const id = `phan-${index + 1}`;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} safe>
        {`${index + 1}. ${section.title[lang]}`}
      </h2>
      {section.figures.summary.length > 0 ? (
        <ul>
          {section.figures.summary.map((s) => (
            <li safe>{s[lang]}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {section.figures.tables.map((table) => {
        // A chart of nothing says less than the empty table beside it.
        const charts = table.rows.length === 0 ? [] : section.figures.charts.filter((c) => c.table === table.key);
        if (charts.length === 0) return <DataTable table={table} lang={lang} />;
        return (
          <div class="report-chart-pair">
            <div>
              {charts.map((chart) => (renderChartSvg(chart, table, lang, `${id}-${chart.key}`) as 'safe'))}
            </div>
            <DataTable table={table} lang={lang} />
          </div>
        );
      })}
    </section>
  );
}

/** The report itself: the administrative header, the sections, the assessment and the signature. */
export function ReportView(props: { doc: ReportDocument; lang: Lang }): JSX.Element {
  const { doc, lang } = props;
  const t = reportText(lang);
  const n = doc.figures.sections.length;
  return (
    <article class={doc.state === 'approved' ? 'state-approved' : 'state-draft'}>
      <div class="report-head">
        <div>
          <p class="upper" safe>
            {doc.agency}
          </p>
          <p class="upper">
            <strong safe>{doc.issuer}</strong>
          </p>
          <p safe>{`Số: ${doc.number || '……'}`}</p>
        </div>
        <div>
          <p>
            <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          </p>
          <p>
            <strong>Độc lập - Tự do - Hạnh phúc</strong>
          </p>
          <p>
            <em safe>{placeAndDate(doc.place || '……', doc.date)}</em>
          </p>
        </div>
      </div>
      <div class="report-title">
        <p>
          <strong>BÁO CÁO</strong>
        </p>
        <p>
          <strong safe>{doc.subject}</strong>
        </p>
      </div>
      {n === 0 ? <p>{t.noSections}</p> : ''}
      {doc.figures.sections.map((section, i) => (
        <SectionView section={section} index={i} lang={lang} t={t} />
      ))}
      {doc.assessment ? (
        <section aria-labelledby="danh-gia-h">
          <h2 id="danh-gia-h" safe>{`${n + 1}. ${t.assessment}`}</h2>
          <p class="pre-line" safe>
            {doc.assessment}
          </p>
        </section>
      ) : (
        ''
      )}
      {doc.proposals ? (
        <section aria-labelledby="de-xuat-h">
          <h2 id="de-xuat-h" safe>{`${n + (doc.assessment ? 2 : 1)}. ${t.proposals}`}</h2>
          <p class="pre-line" safe>
            {doc.proposals}
          </p>
        </section>
      ) : (
        ''
      )}
      <div class="report-sign">
        <div>
          <p>
            <strong>{t.recipients}:</strong>
          </p>
          <ul>
            {[...doc.recipients, 'Lưu: VT'].map((r) => (
              <li safe>{r}</li>
            ))}
          </ul>
        </div>
        <div class="signer">
          <p class="upper">
            <strong safe>{doc.signerTitle}</strong>
          </p>
          <p>
            <strong safe>{doc.signerName ?? '……'}</strong>
          </p>
        </div>
      </div>
    </article>
  );
}

function PeriodForm(props: { t: Text; lang: Lang; kind: string; period: string; error: string | null }): JSX.Element {
  const { t } = props;
  return (
    <form method="get" action="/admin/reports/open" class="filters">
      <div class="field">
        <label for="loai">{t.kind}</label>
        <select id="loai" name="loai">
          {REPORT_KINDS.map((k) => (
            <option value={k} selected={k === props.kind} safe>
              {KIND_NAMES[k][props.lang]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="ky">{t.period}</label>
        <p class="hint" id="ky-hint">
          {t.periodHint}
        </p>
        {props.error ? (
          <p class="error-message" id="ky-error" safe>
            {props.error}
          </p>
        ) : (
          ''
        )}
        <input type="text" id="ky" name="ky" value={props.period} aria-describedby={props.error ? 'ky-hint ky-error' : 'ky-hint'} />
      </div>
      <button type="submit" class="button button-secondary">
        {t.show}
      </button>
    </form>
  );
}

function VersionsTable(props: { rows: ReportListing[]; t: Text; lang: Lang; current?: number | null; withPeriod?: boolean }): JSX.Element {
  const { t, lang } = props;
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption>{props.withPeriod ? t.stored : t.versions}</caption>
        <thead>
          <tr>
            {props.withPeriod ? (
              <>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.period}</th>
              </>
            ) : (
              ''
            )}
            <th scope="col" class="num">
              {t.version}
            </th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.number}</th>
            <th scope="col">{t.subject}</th>
            <th scope="col">{t.approvedAt}</th>
            <th scope="col">{t.download}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => {
            const base = reportPath(r.kind, r.period_key);
            return (
              <tr>
                {props.withPeriod ? (
                  <>
                    <td safe>{KIND_NAMES[r.kind as ReportKind]?.[lang] ?? r.kind}</td>
                    <td safe>{r.period_key}</td>
                  </>
                ) : (
                  ''
                )}
                <td class="num">
                  <a href={`${base}?phien-ban=${r.version}`} aria-current={props.current === r.version ? 'page' : undefined} safe>
                    {`${t.view} ${r.version}`}
                  </a>
                </td>
                <td safe>{stateLabel(r.state, t)}</td>
                <td safe>{r.number}</td>
                <td safe>{r.subject}</td>
                <td>{escapeHtml(r.approved_at ? formatDateTime(r.approved_at) : '—')}</td>
                <td>
                  <a href={`${base}/xlsx?phien-ban=${r.version}`}>XLSX</a> · <a href={`${base}/pdf?phien-ban=${r.version}`}>PDF</a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ReportsListPage(props: { ctx: PageContext; rows: ReportListing[]; kind: string; period: string; error: string | null; hasMembers: boolean }): JSX.Element {
  const { ctx } = props;
  const t = reportText(ctx.lang);
  return (
    <AdminLayout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <h2>{t.open}</h2>
      <PeriodForm t={t} lang={ctx.lang} kind={props.kind} period={props.period} error={props.error} />
      {props.hasMembers ? (
        <p>
          <a href={`/admin/reports/rollup?loai=${encodeURIComponent(props.kind)}&ky=${encodeURIComponent(props.period)}`}>{t.rollup}</a>
        </p>
      ) : (
        ''
      )}
      <h2>{t.stored}</h2>
      {props.rows.length === 0 ? <p>{t.none}</p> : <VersionsTable rows={props.rows} t={t} lang={ctx.lang} withPeriod />}
    </AdminLayout>
  );
}

export interface ReportPageProps {
  ctx: PageContext;
  doc: ReportDocument;
  versions: ReportListing[];
  canPrepare: boolean;
  canApprove: boolean;
  /** The draft waiting for approval (the latest version, when a draft). */
  openDraft: ReportListing | null;
  form: FormState;
  /** Whether a new version needs a reason (some version is approved). */
  needsReason: boolean;
}

export function ReportPage(props: ReportPageProps): JSX.Element {
  const { ctx, doc } = props;
  const lang = ctx.lang;
  const t = reportText(lang);
  const c = common(lang);
  const period = doc.figures.period;
  const base = reportPath(doc.kind, period.key);
  const heading = reportHeading(doc.kind, period, lang);
  const versionQuery = doc.version ? `?phien-ban=${doc.version}` : '';
  return (
    <AdminLayout ctx={ctx} title={heading}>
      <p>
        <a href="/admin/reports">{t.backToList}</a>
      </p>
      <h1 safe>{heading}</h1>
      <p>
        <strong safe>{`${t.state}: ${stateLabel(doc.state, t)}${doc.version ? ` · ${t.version} ${doc.version}` : ''}`}</strong>
      </p>
      <p>{escapeHtml(doc.state === 'approved' ? format(t.approvedNote, { at: formatDateTime(doc.figures.computedAt) }) : doc.state === 'draft' ? t.draftNote : t.previewNote)}</p>
      {doc.reissueReason ? <p safe>{format(t.reissued, { reason: doc.reissueReason })}</p> : ''}
      <p>
        {t.download} <a href={`${base}/xlsx${versionQuery}`}>XLSX</a> · <a href={`${base}/pdf${versionQuery}`}>PDF</a>
      </p>
      {props.versions.length > 0 ? <VersionsTable rows={props.versions} t={t} lang={lang} current={doc.version} /> : ''}
      <ReportView doc={doc} lang={lang} />
      {/* Approval is offered on the draft itself, so the head approves the text they are reading. */}
      {props.canApprove && props.openDraft && doc.version === props.openDraft.version ? (
        <section aria-labelledby="phe-duyet-h">
          <h2 id="phe-duyet-h">{t.approveTitle}</h2>
          <p>{t.approveLead}</p>
          <form method="post" action={`${base}/approve`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={String(props.openDraft.version)} />
            <button type="submit">{t.approve}</button>
          </form>
        </section>
      ) : (
        ''
      )}
      {props.canPrepare ? (
        <section aria-labelledby="chuan-bi-h">
          <h2 id="chuan-bi-h">{props.openDraft ? t.prepareTitle : t.prepareNew}</h2>
          <ErrorSummary form={props.form} title={c.formErrors} />
          <form method="post" action={`${base}/prepare`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextField name="number" label={t.number} hint={t.numberHint} form={props.form} required maxlength={60} />
            <TextField name="subject" label={t.subject} form={props.form} required maxlength={300} />
            <TextField name="place" label={t.place} hint={t.placeHint} form={props.form} required maxlength={80} />
            <TextField name="signerTitle" label={t.signerTitle} form={props.form} required maxlength={120} />
            <TextArea name="recipients" label={t.recipients} hint={t.recipientsHint} form={props.form} required rows={4} maxlength={2000} />
            <TextArea name="assessment" label={t.assessment} hint={t.assessmentHint} form={props.form} rows={6} maxlength={20000} />
            <TextArea name="proposals" label={t.proposals} form={props.form} rows={4} maxlength={20000} />
            {props.needsReason ? <TextArea name="reason" label={t.reason} hint={t.reasonHint} form={props.form} required rows={2} maxlength={1000} /> : ''}
            <button type="submit">{t.prepareSave}</button>
          </form>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export function RollupPage(props: { ctx: PageContext; kind: ReportKind; periodKey: string; periodText: string; rollup: Rollup }): JSX.Element {
  const { ctx, rollup } = props;
  const lang = ctx.lang;
  const t = reportText(lang);
  const heading = `${t.rollup}: ${props.periodText}`;
  return (
    <AdminLayout ctx={ctx} title={heading}>
      <p>
        <a href="/admin/reports">{t.backToList}</a>
      </p>
      <h1 safe>{heading}</h1>
      <p class="lead">{t.rollupLead}</p>
      {rollup.rows.length > 0 ? (
        <p>
          {t.download} <a href={`/admin/reports/rollup/xlsx?loai=${encodeURIComponent(props.kind)}&ky=${encodeURIComponent(props.periodKey)}`}>XLSX</a>
        </p>
      ) : (
        ''
      )}
      {rollup.rows.length === 0 ? (
        <p>{t.rollupNone}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
            <caption safe>{heading}</caption>
            <thead>
              <tr>
                <th scope="col">{t.site}</th>
                <th scope="col">{t.source}</th>
                {rollup.columns.map((c) => (
                  <th scope="col" class="num" safe>
                    {`${c.section[lang]}: ${c.label[lang]}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rollup.rows.map((r) => (
                <tr>
                  <th scope="row" safe>
                    {r.site.name}
                  </th>
                  <td>{escapeHtml(r.approvedVersion ? format(t.sourceApproved, { v: r.approvedVersion }) : t.sourceLive)}</td>
                  {rollup.columns.map((c) => (
                    <td class="num" safe>
                      {formatCell(c.kind, r.values[c.key] ?? null, lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t.total}</th>
                <td></td>
                {rollup.columns.map((c) => (
                  <td class="num">
                    {escapeHtml(c.kind === 'int' ? formatCell(c.kind, rollup.totals[c.key] ?? null, lang) : '')}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {rollup.tables.map(({ section, table }) => (
        <section>
          <h2 safe>{section[lang]}</h2>
          <DataTable table={table} lang={lang} />
        </section>
      ))}
    </AdminLayout>
  );
}

