// The SVG charts: an image with its title and description, bars as tall as
// their values, series told apart without colour, nothing a CSP would block.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReportChart, ReportTable } from '../../core/reports/section.ts';
import { chartDescription, niceTicks, renderChartSvg } from './chart-svg.ts';

const table: ReportTable = {
  key: 'units',
  title: { vi: 'Theo đơn vị', en: 'By unit' },
  columns: [
    { key: 'unit', label: { vi: 'Đơn vị', en: 'Unit' }, kind: 'text' },
    { key: 'items', label: { vi: 'Số tin bài', en: 'Items' }, kind: 'int' },
    { key: 'late', label: { vi: 'Trễ hạn', en: 'Late' }, kind: 'int' },
  ],
  rows: [
    { unit: 'Phòng Nội vụ', items: 40, late: 2 },
    { unit: 'Phòng Tư pháp & <Hộ tịch>', items: 10, late: 0 },
    { unit: 'Văn phòng', items: 1234, late: 5 },
  ],
};
const bar: ReportChart = { key: 'c1', title: { vi: 'Tin bài theo đơn vị', en: 'Items by unit' }, kind: 'bar', table: 'units', labelColumn: 'unit', valueColumns: ['items'] };

describe('SVG charts', () => {
  test('a bar chart is an image with a title and a description naming its extremes', () => {
    const svg = renderChartSvg(bar, table, 'vi', 'chart-1');
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="chart-1-title chart-1-desc"/);
    assert.match(svg, /<title id="chart-1-title">Tin bài theo đơn vị<\/title>/);
    assert.match(svg, /<desc id="chart-1-desc">Biểu đồ cột: Tin bài theo đơn vị\. Số tin bài: cao nhất Văn phòng \(1\.234\), thấp nhất Phòng Tư pháp &amp; &lt;Hộ tịch&gt; \(10\)\./);
    assert.equal((svg.match(/<rect [^>]*><title>/g) ?? []).length, 3, 'one bar per row');
    assert.match(svg, />1\.234<\/text>/, 'the value is written on the bar');
  });

  test('bars are as tall as their values, on a round scale', () => {
    assert.deepEqual(niceTicks(1234), [0, 500, 1000, 1500]);
    assert.deepEqual(niceTicks(4), [0, 1, 2, 3, 4]);
    assert.deepEqual(niceTicks(0), [0, 1]);
    const svg = renderChartSvg(bar, table, 'vi', 'c');
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"/g)].map((m) => Number(m[1]));
    // Plot height 320 - 16 - 72 = 232 for a top of 1500.
    assert.deepEqual(heights, [Math.round((40 / 1500) * 232 * 10) / 10, Math.round((10 / 1500) * 232 * 10) / 10, Math.round((1234 / 1500) * 232 * 10) / 10]);
  });

  test('two series differ by hatching and are named in a legend; a line chart by dash and marker shape', () => {
    const svg = renderChartSvg({ ...bar, valueColumns: ['items', 'late'] }, table, 'vi', 'two');
    assert.match(svg, /<pattern id="two-p1"/);
    assert.match(svg, /fill="url\(#two-p1\)"/);
    assert.match(svg, /<g class="legend">.*Số tin bài.*Trễ hạn/);
    const line = renderChartSvg({ ...bar, kind: 'line', valueColumns: ['items', 'late'] }, table, 'en', 'l');
    assert.equal((line.match(/<polyline /g) ?? []).length, 2);
    assert.match(line, /stroke-dasharray="6 4"/);
    assert.match(line, /<circle [^>]*><title>Văn phòng, Items: 1,234<\/title>/);
    assert.match(line, /<rect x="[^"]+" y="[^"]+" width="8" height="8"[^>]*><title>Văn phòng, Late: 5<\/title>/);
    assert.match(chartDescription({ ...bar, kind: 'line' }, table, 'en'), /^Line chart: Items by unit\. Items: highest Văn phòng \(1,234\)/);
  });

  test('nothing a content security policy would block, and no figures is said in words', () => {
    const svg = renderChartSvg(bar, table, 'vi', 'x');
    assert.doesNotMatch(svg, /style=|<script|on[a-z]+=/i);
    const empty = renderChartSvg(bar, { ...table, rows: [] }, 'vi', 'e');
    assert.match(empty, /Không có số liệu để vẽ\./);
  });
});
