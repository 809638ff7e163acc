// The usage section of the reports sent to the owning agency names every area and kind of item in
// words: a raw key ("entry") once reached the monthly report's PDF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { usageFigures } from './report-section.ts';
import type { UsageReport } from './report.ts';

/** Every item type a public page counts its views under (the marks of serve-page and the routes). */
const COUNTED = ['home', 'section', 'search', 'contact', 'other', 'article', 'document', 'procedure', 'question', 'petition', 'consultation', 'entry', 'album', 'forum_topic'];
const ITEMS = COUNTED.filter((type) => !['home', 'section', 'search', 'contact', 'other'].includes(type));

const report = {
  range: { from: '2026-11-01', to: '2026-11-30' },
  totalViews: 0,
  perDay: [],
  perMonth: [],
  groups: COUNTED.map((area) => ({ group: { area }, views: 1, items: 1 })),
  topItems: ITEMS.map((itemType, i) => ({ itemType, itemId: i + 1, title: `Mục ${i}`, url: null, views: 1 })),
  searches: 0,
  zeroSearches: 0,
  topQueries: [],
  zeroQueries: [],
  downloads: 0,
  topDownloads: [],
  ratings: { useful: 0, notUseful: 0 },
} as UsageReport;

for (const lang of ['vi', 'en'] as const) {
  test(`every area and kind of item has a name in the report (${lang})`, () => {
    const tables = usageFigures(report, lang).tables;
    const areas = tables.find((t) => t.key === 'by_section')!.rows.map((r) => String(r.section));
    const kinds = tables.find((t) => t.key === 'top_items')!.rows.map((r) => String(r.kind));
    for (const key of COUNTED) assert.ok(!areas.includes(key), `area "${key}" is shown as its key`);
    for (const key of ITEMS) assert.ok(!kinds.includes(key), `kind "${key}" is shown as its key`);
    assert.equal(new Set(areas).size, areas.length, 'each area its own name');
  });
}
