// Bar and line charts of a report section as SVG drawn on the server: no
// script, no style attribute (the site's CSP allows neither inline), only
// presentation attributes. Each chart is an image with a title and a
// description that names its highest and lowest values; series differ by
// hatching, dash and marker shape as well as by colour, and the data table
// the chart is drawn from stands beside it for screen readers. Pure.
import type { ReportChart, ReportTable } from '../../core/reports/section.ts';
import type { Lang } from '../../ui/i18n.ts';
import { columnOf, formatCell, numericValue } from './format.ts';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
const MARGIN = { top: 16, right: 16, bottom: 72, left: 72 };
/** Dark enough against white for graphics (WCAG 1.4.11, ≥ 3:1). */
const COLOURS = ['#1f4e8c', '#a34f00', '#2e6b30', '#6a1b9a'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3'];

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Up to `count` round steps from 0 to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

interface Series {
  key: string;
  label: string;
  values: (number | null)[];
}

const TEXT = {
  vi: { bar: 'Biểu đồ cột', line: 'Biểu đồ đường', highest: 'cao nhất', lowest: 'thấp nhất', empty: 'Không có số liệu để vẽ.', table: 'Số liệu chi tiết ở bảng bên cạnh.' },
  en: { bar: 'Bar chart', line: 'Line chart', highest: 'highest', lowest: 'lowest', empty: 'No figures to draw.', table: 'The figures are in the table beside it.' },
};

/** The words a screen reader hears for the chart: what it shows and its extremes. */
export function chartDescription(chart: ReportChart, table: ReportTable, lang: Lang): string {
  const t = TEXT[lang];
  const labelKey = chart.labelColumn;
  const parts = [`${t[chart.kind]}: ${chart.title[lang]}.`];
  for (const key of chart.valueColumns) {
    const column = columnOf(table, key);
    if (!column) continue;
    const points = table.rows.map((r) => ({ label: String(r[labelKey] ?? ''), value: numericValue(r[key] ?? null) })).filter((p): p is { label: string; value: number } => p.value !== null);
    if (points.length === 0) continue;
    const hi = points.reduce((a, b) => (b.value > a.value ? b : a));
    const lo = points.reduce((a, b) => (b.value < a.value ? b : a));
    parts.push(`${column.label[lang]}: ${t.highest} ${hi.label} (${formatCell(column.kind, hi.value, lang)}), ${t.lowest} ${lo.label} (${formatCell(column.kind, lo.value, lang)}).`);
  }
  parts.push(t.table);
  return parts.join(' ');
}

/** The chart as an SVG element; `id` makes its title and description ids unique on the page. */
export function renderChartSvg(chart: ReportChart, table: ReportTable, lang: Lang, id: string): string {
  const labels = table.rows.map((r) => String(r[chart.labelColumn] ?? '—'));
  const series: Series[] = chart.valueColumns
    .map((key) => ({ key, column: columnOf(table, key) }))
    .filter((s) => s.column)
    .map(({ key, column }) => ({ key, label: column!.label[lang], values: table.rows.map((r) => numericValue(r[key] ?? null)) }));
  const kind = columnOf(table, chart.valueColumns[0] ?? '')?.kind ?? 'int';
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" aria-labelledby="${esc(titleId)} ${esc(descId)}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" font-family="sans-serif" font-size="12"><title id="${esc(titleId)}">${esc(chart.title[lang])}</title><desc id="${esc(descId)}">${esc(chartDescription(chart, table, lang))}</desc>`;
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (labels.length === 0 || all.length === 0) {
    return `${head}<text x="${CHART_WIDTH / 2}" y="${CHART_HEIGHT / 2}" text-anchor="middle" fill="#222">${esc(TEXT[lang].empty)}</text></svg>`;
  }
  const ticks = niceTicks(Math.max(...all, 0));
  const top = ticks[ticks.length - 1]!;
  const plotW = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const plotH = CHART_HEIGHT - MARGIN.top - MARGIN.bottom - (series.length > 1 ? 20 : 0);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const band = plotW / labels.length;
  const out: string[] = [head];
  // Hatching, so a second and third series differ without colour.
  out.push('<defs>');
  series.forEach((_, i) => {
    if (i === 0) return;
    const angle = i === 1 ? 45 : i === 2 ? -45 : 0;
    out.push(`<pattern id="${esc(id)}-p${i}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(${angle})"><rect width="6" height="6" fill="${COLOURS[i % COLOURS.length]}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/></pattern>`);
  });
  out.push('</defs>');
  // Axis and grid with their figures.
  for (const tick of ticks) {
    const ty = round(y(tick));
    out.push(`<line x1="${MARGIN.left}" y1="${ty}" x2="${CHART_WIDTH - MARGIN.right}" y2="${ty}" stroke="#ccc" stroke-width="1"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${ty}" text-anchor="end" dominant-baseline="middle" fill="#222">${esc(formatCell(kind, tick, lang))}</text>`);
  }
  out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${CHART_WIDTH - MARGIN.right}" y2="${MARGIN.top + plotH}" stroke="#222" stroke-width="1"/>`);
  const tilt = labels.length > 6;
  labels.forEach((label, i) => {
    const lx = round(MARGIN.left + band * (i + 0.5));
    const ly = MARGIN.top + plotH + 14;
    out.push(
      tilt
        ? `<text x="${lx}" y="${ly}" text-anchor="end" transform="rotate(-35 ${lx} ${ly})" fill="#222">${esc(shorten(label, 16))}</text>`
        : `<text x="${lx}" y="${ly}" text-anchor="middle" fill="#222">${esc(shorten(label, Math.max(6, Math.floor(band / 7))))}</text>`,
    );
  });
  const showValues = labels.length * series.length <= 24;
  if (chart.kind === 'bar') {
    const inner = (band * 0.8) / series.length;
    series.forEach((s, si) => {
      s.values.forEach((v, i) => {
        if (v === null) return;
        const bx = MARGIN.left + band * i + band * 0.1 + inner * si;
        const by = y(Math.max(v, 0));
        const fill = si === 0 ? COLOURS[0] : `url(#${esc(id)}-p${si})`;
        out.push(`<rect x="${round(bx)}" y="${round(by)}" width="${round(Math.max(inner - 2, 1))}" height="${round(MARGIN.top + plotH - by)}" fill="${fill}" stroke="${COLOURS[si % COLOURS.length]}"><title>${esc(`${labels[i]}, ${s.label}: ${formatCell(kind, v, lang)}`)}</title></rect>`);
        if (showValues) out.push(`<text x="${round(bx + inner / 2 - 1)}" y="${round(by - 4)}" text-anchor="middle" fill="#222">${esc(formatCell(kind, v, lang).replace(/ (giờ|ngày) làm việc| working (hours?|days?)/, ''))}</text>`);
      });
    });
  } else {
    series.forEach((s, si) => {
      const colour = COLOURS[si % COLOURS.length]!;
      const points = s.values.map((v, i) => (v === null ? null : ([MARGIN.left + band * (i + 0.5), y(v)] as const)));
      const path = points.filter((p) => p !== null).map((p) => `${round(p![0])},${round(p![1])}`).join(' ');
      const dash = DASHES[si % DASHES.length];
      out.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
      points.forEach((p, i) => {
        if (!p) return;
        out.push(marker(si, p[0], p[1], colour, `${labels[i]}, ${s.label}: ${formatCell(kind, s.values[i]!, lang)}`));
        if (showValues) out.push(`<text x="${round(p[0])}" y="${round(p[1] - 8)}" text-anchor="middle" fill="#222">${esc(formatCell(kind, s.values[i]!, lang).replace(/ (giờ|ngày) làm việc| working (hours?|days?)/, ''))}</text>`);
      });
    });
  }
  if (series.length > 1) out.push(legend(series, chart.kind, id));
  out.push('</svg>');
  return out.join('');
}

function marker(si: number, x: number, y: number, colour: string, label: string): string {
  const t = `<title>${esc(label)}</title>`;
  switch (si % 3) {
    case 0:
      return `<circle cx="${round(x)}" cy="${round(y)}" r="4" fill="${colour}">${t}</circle>`;
    case 1:
      return `<rect x="${round(x - 4)}" y="${round(y - 4)}" width="8" height="8" fill="${colour}">${t}</rect>`;
    default:
      return `<polygon points="${round(x)},${round(y - 5)} ${round(x + 5)},${round(y + 4)} ${round(x - 5)},${round(y + 4)}" fill="${colour}">${t}</polygon>`;
  }
}

function legend(series: Series[], kind: 'bar' | 'line', id: string): string {
  const out: string[] = [];
  let x = MARGIN.left;
  const y = CHART_HEIGHT - 14;
  series.forEach((s, si) => {
    const colour = COLOURS[si % COLOURS.length]!;
    if (kind === 'bar') out.push(`<rect x="${x}" y="${y - 10}" width="14" height="12" fill="${si === 0 ? colour : `url(#${esc(id)}-p${si})`}" stroke="${colour}"/>`);
    else {
      const dash = DASHES[si % DASHES.length];
      out.push(`<line x1="${x}" y1="${y - 4}" x2="${x + 20}" y2="${y - 4}" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    }
    out.push(`<text x="${x + 24}" y="${y}" fill="#222">${esc(s.label)}</text>`);
    x += 24 + Math.min(200, [...s.label].length * 7 + 16);
  });
  return `<g class="legend">${out.join('')}</g>`;
}
