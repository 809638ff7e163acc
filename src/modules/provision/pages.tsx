// The provision pages: the period's figures (the report sections' own tables,
// each row opening the items behind it) and the list of those items.
import { rowLink, type ReportCell, type ReportColumn, type ReportTable, type SectionFigures } from '../../core/reports/section.ts';
import { formatDateTime } from '../../core/time.ts';
import type { Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { CATEGORY_DEFINITIONS, isProvisionCategory } from '../../core/provision/index.ts';
import { provisionText } from './messages.ts';
import { kindName } from './sections.ts';
import type { ProvidedItem } from './store.ts';

/** A cell as text: numbers with a Vietnamese decimal comma, shares in per cent, instants in Vietnam time. */
export function cellText(value: ReportCell, kind: ReportColumn['kind'], lang: Lang): string {
  if (value === null || value === '') return '—';
  const num = (n: number) => (lang === 'vi' ? String(n).replace('.', ',') : String(n));
  switch (kind) {
    case 'percent':
      return `${num(Math.round(Number(value) * 1000) / 10)} %`;
    case 'datetime':
      return formatDateTime(String(value));
    case 'int':
    case 'decimal':
    case 'working_hours':
    case 'working_days':
      return typeof value === 'number' ? num(value) : String(value);
    default:
      return String(value);
  }
}

const isNumeric = (kind: ReportColumn['kind']) => ['int', 'decimal', 'percent', 'working_hours', 'working_days'].includes(kind);

export function FigureTable({ table, lang, id }: { table: ReportTable; lang: Lang; id: string }): JSX.Element {
  const [first, ...rest] = table.columns;
  return (
    <section aria-labelledby={id}>
      <h3 id={id} safe>
        {table.title[lang]}
      </h3>
      {table.rows.length === 0 ? (
        <p>{provisionText(lang).none}</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table">
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
              {table.rows.map((row, i) => {
                const link = rowLink(table, i);
                const label = cellText(row[first!.key] ?? null, first!.kind, lang);
                return (
                  <tr>
                    <th scope="row">
                      {link ? (
                        <a href={link} safe>
                          {label}
                        </a>
                      ) : (
                        <span safe>{label}</span>
                      )}
                    </th>
                    {rest.map((c) => (
                      <td class={isNumeric(c.kind) ? 'num' : undefined} safe>
                        {cellText(row[c.key] ?? null, c.kind, lang)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
            {table.totals ? (
              <tfoot>
                <tr>
                  <th scope="row">{provisionText(lang).total}</th>
                  {rest.map((c) => (
                    <td class={isNumeric(c.kind) ? 'num' : undefined} safe>
                      {cellText(table.totals![c.key] ?? null, c.kind, lang)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            ) : (
              ''
            )}
          </table>
        </div>
      )}
      {table.note ? <p class="hint" safe>{table.note[lang]}</p> : ''}
    </section>
  );
}

export interface FigureBlock {
  key: string;
  title: { vi: string; en: string };
  figures: SectionFigures;
}

function PeriodForm(props: { action: string; value: string; error: boolean; lang: Lang }): JSX.Element {
  const t = provisionText(props.lang);
  return (
    <form method="get" action={props.action} class="filters">
      <div class="field">
        <label for="ky">
          {t.period}
        </label>
        <input type="text" id="ky" name="ky" value={props.value} inputmode="numeric" aria-describedby={props.error ? 'ky-error' : undefined} />
        {props.error ? (
          <p class="error" id="ky-error">
            {t.badPeriod}
          </p>
        ) : (
          ''
        )}
      </div>
      <button type="submit" class="button button-secondary">
        {t.show}
      </button>
    </form>
  );
}

export function ProvisionPage(props: { ctx: PageContext; base: string; periodKey: string; blocks: FigureBlock[] | null; unitName: string | null; exportLink: string | null }): JSX.Element {
  const { ctx } = props;
  const lang = ctx.lang;
  const t = provisionText(lang);
  const title = props.unitName ? `${t.unitTitle}: ${props.unitName}` : t.title;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1 safe>{title}</h1>
      <p class="lead">{t.lead}</p>
      <PeriodForm action={props.base} value={props.periodKey} error={props.blocks === null} lang={lang} />
      {props.exportLink ? (
        <p>
          {t.download} <a href={props.exportLink}>XLSX</a>
        </p>
      ) : (
        ''
      )}
      {(props.blocks ?? []).map((b) => (
        <section aria-labelledby={`${b.key}-h`}>
          <h2 id={`${b.key}-h`} safe>
            {b.title[lang]}
          </h2>
          <ul>
            {b.figures.summary.map((s) => (
              <li safe>{s[lang]}</li>
            ))}
          </ul>
          {b.figures.tables.map((table) => (
            <FigureTable table={table} lang={lang} id={`${b.key}-${table.key}-h`} />
          ))}
        </section>
      ))}
    </AdminLayout>
  );
}

export function ItemsPage(props: { ctx: PageContext; back: string; heading: string; items: ProvidedItem[]; late: Map<number, string> | null }): JSX.Element {
  const { ctx, items } = props;
  const lang = ctx.lang;
  const t = provisionText(lang);
  return (
    <AdminLayout ctx={ctx} title={t.items}>
      <h1>{t.items}</h1>
      <p class="lead" safe>
        {props.heading}
      </p>
      <p>
        <a href={props.back}>{t.back}</a>
      </p>
      {items.length === 0 ? <p>{t.none}</p> : ''}
      {items.length >= 500 ? <p>{t.limited}</p> : ''}
      {items.length > 0 ? (
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t.item}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.author}</th>
                <th scope="col">{t.vouched}</th>
                <th scope="col">{t.section}</th>
                <th scope="col">{t.eventAt}</th>
                <th scope="col">{t.receivedAt}</th>
                <th scope="col">{t.publishedAt}</th>
                <th scope="col">{t.category}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/articles/${i.id}`} safe>
                      {i.title}
                    </a>
                  </th>
                  <td safe>{kindName(i.kind)[lang]}</td>
                  <td safe>{i.unitName ?? '—'}</td>
                  <td safe>{[i.authorUserName, i.authorName].filter(Boolean).join(' / ') || '—'}</td>
                  <td safe>{i.vouchedByName ?? '—'}</td>
                  <td safe>{i.sectionName ?? '—'}</td>
                  <td>{i.eventAt ? formatDateTime(i.eventAt) : '—'}</td>
                  <td>{i.receivedAt ? formatDateTime(i.receivedAt) : '—'}</td>
                  <td safe>{formatDateTime(i.firstPublishedAt)}</td>
                  <td safe>{[i.category && isProvisionCategory(i.category) ? CATEGORY_DEFINITIONS[i.category][lang] : '—', props.late?.get(i.id)].filter(Boolean).join(' — ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}
