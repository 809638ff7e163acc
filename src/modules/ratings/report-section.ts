// Citizens' ratings ("Was this useful?") in the board's reports (003 Đ17.3:
// the monthly summary of use and feedback): per section of the site and the
// most rated items, over the months of the report's period.
import { monthsOf, type ReportColumn, type SectionFigures } from '../../core/reports/section.ts';
import type { ReportSection } from '../reports/context.ts';
import { loadMonthlyRatings } from './report.ts';
import { groupLabel, itemTitle } from './report-page.tsx';

const TALLY: ReportColumn[] = [
  { key: 'ratings', label: { vi: 'Lượt đánh giá', en: 'Ratings' }, kind: 'int' },
  { key: 'useful', label: { vi: 'Hữu ích', en: 'Useful' }, kind: 'int' },
  { key: 'notUseful', label: { vi: 'Chưa hữu ích', en: 'Not useful' }, kind: 'int' },
  { key: 'usefulShare', label: { vi: 'Tỉ lệ hữu ích', en: 'Useful share' }, kind: 'percent' },
];

interface Acc {
  label: string;
  items: Set<string>;
  useful: number;
  notUseful: number;
}

const tally = (a: Pick<Acc, 'useful' | 'notUseful'>) => {
  const ratings = a.useful + a.notUseful;
  return { ratings, useful: a.useful, notUseful: a.notUseful, usefulShare: ratings === 0 ? null : Math.round((a.useful / ratings) * 1000) / 1000 };
};

export const ratingsSection: ReportSection = {
  key: 'ratings',
  title: { vi: 'Đánh giá của người dân về thông tin', en: "Citizens' ratings of the information" },
  order: 70,
  reports: ['monthly', 'half_yearly', 'yearly'],
  async compute(ctx, period): Promise<SectionFigures> {
    const groups = new Map<string, Acc>();
    const items = new Map<string, Acc>();
    for (const month of monthsOf(period)) {
      const m = await loadMonthlyRatings(ctx.db, ctx.site.id, month);
      for (const item of m.items) {
        const key = `${item.itemType}:${item.itemId}`;
        const label = groupLabel(item.group, 'vi');
        const g = groups.get(label) ?? { label, items: new Set(), useful: 0, notUseful: 0 };
        g.items.add(key);
        g.useful += item.useful;
        g.notUseful += item.notUseful;
        groups.set(label, g);
        const i = items.get(key) ?? { label: itemTitle(item), items: new Set([key]), useful: 0, notUseful: 0 };
        i.useful += item.useful;
        i.notUseful += item.notUseful;
        items.set(key, i);
      }
    }
    const byRatings = (a: Acc, b: Acc) => b.useful + b.notUseful - (a.useful + a.notUseful) || a.label.localeCompare(b.label, 'vi');
    const all = { useful: 0, notUseful: 0 };
    for (const g of groups.values()) {
      all.useful += g.useful;
      all.notUseful += g.notUseful;
    }
    const total = tally(all);
    const share = total.usefulShare === null ? '—' : `${String(Math.round(total.usefulShare * 1000) / 10).replace('.', ',')} %`;
    return {
      summary: [
        {
          vi: `${total.ratings} lượt đánh giá trên ${items.size} nội dung; tỉ lệ hữu ích ${share}.`,
          en: `${total.ratings} ratings of ${items.size} items; ${share.replace(',', '.')} found useful.`,
        },
      ],
      tables: [
        {
          key: 'by_section',
          title: { vi: 'Theo chuyên mục', en: 'By section' },
          columns: [{ key: 'section', label: { vi: 'Chuyên mục', en: 'Section' }, kind: 'text' }, { key: 'items', label: { vi: 'Số nội dung được đánh giá', en: 'Items rated' }, kind: 'int' }, ...TALLY],
          rows: [...groups.values()].sort(byRatings).map((g) => ({ section: g.label, items: g.items.size, ...tally(g) })),
          totals: { section: 'Tổng cộng', items: items.size, ...total },
        },
        {
          key: 'top_items',
          title: { vi: 'Nội dung được đánh giá nhiều nhất', en: 'Most rated items' },
          columns: [{ key: 'item', label: { vi: 'Nội dung', en: 'Item' }, kind: 'text' }, ...TALLY],
          rows: [...items.values()].sort(byRatings).slice(0, 10).map((i) => ({ item: i.label, ...tally(i) })),
        },
      ],
      charts: [{ key: 'ratings_by_section', title: { vi: 'Lượt đánh giá theo chuyên mục', en: 'Ratings by section' }, kind: 'bar', table: 'by_section', labelColumn: 'section', valueColumns: ['useful', 'notUseful'] }],
    };
  },
};
