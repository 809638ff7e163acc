// Usage as a section of the monthly, 6-monthly and yearly reports (003 Đ17.3:
// the monthly usage and feedback summary; Decree 224/2026 Art. 12): plain
// figures from loadUsageReport, in both languages, so they can be frozen.
import { format } from '../../ui/i18n.ts';
import type { Localized, ReportTable, SectionFigures } from '../../core/reports/section.ts';
import type { ReportSection } from '../reports/context.ts';
import { usageText } from './messages.ts';
import { loadUsageReport, type UsageGroup, type UsageReport } from './report.ts';

const both = (f: (t: ReturnType<typeof usageText>) => string): Localized => ({ vi: f(usageText('vi')), en: f(usageText('en')) });

function groupLabel(group: UsageGroup, lang: 'vi' | 'en'): string {
  const t = usageText(lang);
  if ('sectionId' in group) return group.name ?? t.deletedSection;
  const key = `area_${group.area}` as keyof typeof t;
  return key in t ? t[key] : group.area;
}

function kindLabel(itemType: string, lang: 'vi' | 'en'): string {
  const t = usageText(lang);
  const key = `kind_${itemType}` as keyof typeof t;
  return key in t ? t[key] : itemType;
}

/** The report's figures: the tables the page, the spreadsheet and the reports show. */
export function usageFigures(report: UsageReport, lang: 'vi' | 'en'): SectionFigures {
  const col = (key: string, label: (t: ReturnType<typeof usageText>) => string, kind: 'int' | 'text' | 'date') => ({ key, label: both(label), kind });
  const tables: ReportTable[] = [
    {
      key: 'summary',
      title: both((t) => t.summary),
      columns: [col('measure', (t) => t.table, 'text'), col('value', (t) => t.value, 'int')],
      rows: [
        { measure: usageText(lang).totalViews, value: report.totalViews },
        { measure: usageText(lang).searches, value: report.searches },
        { measure: usageText(lang).zeroSearches, value: report.zeroSearches },
        { measure: usageText(lang).downloads, value: report.downloads },
        { measure: usageText(lang).ratingsUseful, value: report.ratings.useful },
        { measure: usageText(lang).ratingsNotUseful, value: report.ratings.notUseful },
      ],
      note: both((t) => t.noteCounting),
    },
    {
      key: 'per_month',
      title: both((t) => t.perMonth),
      columns: [col('month', (t) => t.monthCol, 'text'), col('views', (t) => t.views, 'int'), col('searches', (t) => t.searches, 'int'), col('downloads', (t) => t.downloads, 'int')],
      rows: report.perMonth.map((m) => ({ month: m.month, views: m.views, searches: m.searches, downloads: m.downloads })),
    },
    {
      key: 'per_day',
      title: both((t) => t.perDay),
      columns: [col('day', (t) => t.day, 'date'), col('views', (t) => t.views, 'int')],
      rows: report.perDay.map((d) => ({ day: d.day, views: d.views })),
      totals: { day: usageText(lang).totalViews, views: report.totalViews },
    },
    {
      key: 'by_section',
      title: both((t) => t.bySection),
      columns: [col('section', (t) => t.section, 'text'), col('items', (t) => t.items, 'int'), col('views', (t) => t.views, 'int')],
      rows: report.groups.map((g) => ({ section: groupLabel(g.group, lang), items: g.items, views: g.views })),
      totals: { section: usageText(lang).totalViews, items: null, views: report.totalViews },
    },
    {
      key: 'top_items',
      title: both((t) => t.topItems),
      columns: [col('item', (t) => t.item, 'text'), col('kind', (t) => t.kind, 'text'), col('views', (t) => t.views, 'int')],
      rows: report.topItems.map((i) => ({ item: i.title ?? `${i.itemType} #${i.itemId}`, kind: kindLabel(i.itemType, lang), views: i.views })),
      links: Object.fromEntries(report.topItems.flatMap((i, index) => (i.url ? [[index, i.url]] : []))),
    },
    {
      key: 'top_queries',
      title: both((t) => t.topQueries),
      columns: [col('query', (t) => t.query, 'text'), col('searches', (t) => t.searches, 'int'), col('zero', (t) => t.zero, 'int')],
      rows: report.topQueries.map((q) => ({ query: q.query, searches: q.searches, zero: q.zero })),
    },
    {
      key: 'zero_queries',
      title: both((t) => t.zeroQueries),
      columns: [col('query', (t) => t.query, 'text'), col('zero', (t) => t.zero, 'int'), col('searches', (t) => t.searches, 'int')],
      rows: report.zeroQueries.map((q) => ({ query: q.query, zero: q.zero, searches: q.searches })),
    },
    {
      key: 'downloads',
      title: both((t) => t.topDownloads),
      columns: [col('file', (t) => t.file, 'text'), col('downloads', (t) => t.downloads, 'int')],
      rows: report.topDownloads.map((f) => ({
        file: f.fileKind === 'case_file' ? format(usageText(lang).answerFile, { id: f.fileId }) : (f.name ?? format(usageText(lang).fileMissing, { id: f.fileId })),
        downloads: f.downloads,
      })),
      totals: { file: usageText(lang).downloads, downloads: report.downloads },
    },
  ];
  return {
    summary: [
      both((t) => format(t.summaryLine, { views: report.totalViews, searches: report.searches, zero: report.zeroSearches, downloads: report.downloads })),
      both((t) => format(t.ratingsLine, { useful: report.ratings.useful, notUseful: report.ratings.notUseful })),
    ],
    tables,
    charts: [
      { key: 'views_per_day', title: both((t) => t.perDayChart), kind: 'line', table: 'per_day', labelColumn: 'day', valueColumns: ['views'] },
      { key: 'views_by_section', title: both((t) => t.bySection), kind: 'bar', table: 'by_section', labelColumn: 'section', valueColumns: ['views'] },
    ],
  };
}

/**
 * Usage in the monthly, 6-monthly and yearly reports. Table cells that are
 * words (section names, kinds) are in Vietnamese, the language of the report;
 * titles and column labels carry both languages.
 */
export const usageReportSection: ReportSection = {
  key: 'usage',
  title: { vi: 'Lượt truy cập và sử dụng', en: 'Usage' },
  order: 60,
  reports: ['monthly', 'half_yearly', 'yearly'],
  async compute(ctx, period) {
    return usageFigures(await loadUsageReport(ctx.db, ctx.site.id, { from: period.from, to: period.to }), 'vi');
  },
};
