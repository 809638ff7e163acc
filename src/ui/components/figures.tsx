// A report section's figures (core/reports/section.ts) as a page: the summary
// lines, then each table with its chart drawn as server-side SVG above it. The
// chart is decoration for sighted readers (aria-hidden is not used: it carries
// a title and says the table below holds its data); the table is what screen
// readers and spreadsheets read. Also the figures as spreadsheet rows.
import { rowLink, type ReportCell, type ReportChart, type ReportColumn, type ReportTable, type SectionFigures } from '../../core/reports/section.ts';
import type { Lang } from '../i18n.ts';

const numberFormat = { vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }) };

export function cellText(value: ReportCell, column: ReportColumn, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    if (column.kind === 'percent') return `${numberFormat[lang].format(value * 100)} %`;
    return numberFormat[lang].format(value);
  }
  if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return lang === 'vi' ? value.split('-').reverse().join('/') : value;
  return value;
}

const isNumeric = (c: ReportColumn) => c.kind !== 'text' && c.kind !== 'date' && c.kind !== 'datetime';

const CHART_W = 720;
const CHART_H = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

/** A line or bar chart of one table, as SVG. */
export function ChartSvg(props: { chart: ReportChart; table: ReportTable; lang: Lang; id: string }): JSX.Element {
  const { chart, table, lang } = props;
  const values = table.rows.map((r) => Number(r[chart.valueColumns[0]!] ?? 0));
  const labels = table.rows.map((r) => String(r[chart.labelColumn] ?? ''));
  const max = Math.max(1, ...values);
  const w = CHART_W - PAD.left - PAD.right;
  const h = CHART_H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (values.length <= 1 ? w / 2 : (i * w) / (values.length - 1));
  const y = (v: number) => PAD.top + h - (v / max) * h;
  const titleId = `${props.id}-title`;
  const bandW = w / Math.max(1, values.length);
  const first = labels[0] ?? '';
  const last = labels[labels.length - 1] ?? '';
  const column = table.columns.find((c) => c.key === chart.labelColumn);
  return (
    <svg class="figure-chart" viewBox={`0 0 ${CHART_W} ${CHART_H}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
      <title id={titleId} safe>
        {chart.title[lang]}
      </title>
      <line x1={String(PAD.left)} y1={String(PAD.top + h)} x2={String(PAD.left + w)} y2={String(PAD.top + h)} stroke="#555" />
      <line x1={String(PAD.left)} y1={String(PAD.top)} x2={String(PAD.left)} y2={String(PAD.top + h)} stroke="#555" />
      <text x={String(PAD.left - 6)} y={String(PAD.top + 10)} text-anchor="end" font-size="12" safe>
        {numberFormat[lang].format(max)}
      </text>
      <text x={String(PAD.left - 6)} y={String(PAD.top + h)} text-anchor="end" font-size="12">
        0
      </text>
      {chart.kind === 'line' ? (
        <polyline fill="none" stroke="#0b5cad" stroke-width="2" points={values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')} />
      ) : (
        values.map((v, i) => <rect x={(PAD.left + i * bandW + bandW * 0.15).toFixed(1)} y={y(v).toFixed(1)} width={(bandW * 0.7).toFixed(1)} height={(PAD.top + h - y(v)).toFixed(1)} fill="#0b5cad" />)
      )}
      {chart.kind === 'line' ? (
        <>
          <text x={String(PAD.left)} y={String(CHART_H - 8)} font-size="12" safe>
            {column ? cellText(first, column, lang) : first}
          </text>
          <text x={String(PAD.left + w)} y={String(CHART_H - 8)} text-anchor="end" font-size="12" safe>
            {column ? cellText(last, column, lang) : last}
          </text>
        </>
      ) : (
        ''
      )}
    </svg>
  );
}

export function FigureTable(props: { table: ReportTable; lang: Lang; id: string; chart?: ReportChart | undefined; empty: string }): JSX.Element {
  const { table, lang } = props;
  const headingId = `${props.id}-h`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} safe>
        {table.title[lang]}
      </h2>
      {table.rows.length === 0 ? (
        <p safe>{props.empty}</p>
      ) : (
        <>
          {props.chart ? <ChartSvg chart={props.chart} table={table} lang={lang} id={`${props.id}-chart`} /> : ''}
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  {table.columns.map((c) => (
                    <th scope="col" class={isNumeric(c) ? 'num' : undefined} safe>
                      {c.label[lang]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, index) => (
                  <tr>
                    {table.columns.map((c, i) => {
                      const text = cellText(row[c.key] ?? null, c, lang);
                      const link = i === 0 ? rowLink(table, index) : undefined;
                      return i === 0 ? (
                        <th scope="row">
                          {link ? (
                            <a href={link} safe>
                              {text}
                            </a>
                          ) : (
                            <span safe>{text}</span>
                          )}
                        </th>
                      ) : (
                        <td class={isNumeric(c) ? 'num' : undefined} safe>
                          {text}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              {table.totals ? (
                <tfoot>
                  <tr>
                    {table.columns.map((c, i) =>
                      i === 0 ? (
                        <th scope="row" safe>
                          {cellText(table.totals![c.key] ?? null, c, lang)}
                        </th>
                      ) : (
                        <td class={isNumeric(c) ? 'num' : undefined} safe>
                          {cellText(table.totals![c.key] ?? null, c, lang)}
                        </td>
                      ),
                    )}
                  </tr>
                </tfoot>
              ) : (
                ''
              )}
            </table>
          </div>
          {table.note ? <p class="hint" safe>{table.note[lang]}</p> : ''}
        </>
      )}
    </section>
  );
}

/** Every table of a section's figures, each with its chart. */
export function FiguresView(props: { figures: SectionFigures; lang: Lang; idPrefix: string; empty: string; skip?: string[] }): JSX.Element {
  const { figures, lang } = props;
  return (
    <>
      {figures.summary.length > 0 ? (
        <ul class="figure-summary">
          {figures.summary.map((s) => (
            <li safe>{s[lang]}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {figures.tables
        .filter((t) => !props.skip?.includes(t.key))
        .map((table) => (
          <FigureTable table={table} lang={lang} id={`${props.idPrefix}-${table.key}`} chart={figures.charts.find((c) => c.table === table.key)} empty={props.empty} />
        ))}
    </>
  );
}

/**
 * The figures as spreadsheet rows, one value a row (table, row, column, value):
 * every table fits the same four columns and reads back without guessing.
 */
export function figureRows(figures: SectionFigures, lang: Lang): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const table of figures.tables) {
    const [labelColumn, ...valueColumns] = table.columns;
    if (!labelColumn) continue;
    const emit = (row: Record<string, ReportCell>) => {
      const label = cellText(row[labelColumn.key] ?? null, labelColumn, lang);
      for (const c of valueColumns) {
        const v = row[c.key] ?? null;
        rows.push([table.title[lang], label, c.label[lang], typeof v === 'number' || v === null ? v : cellText(v, c, lang)]);
      }
    };
    table.rows.forEach(emit);
    if (table.totals) emit(table.totals);
  }
  return rows;
}
