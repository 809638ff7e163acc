// Completeness as a section of the monthly, 6-monthly and yearly reports
// (Decree 224/2026 Art. 12): the state of each required information group at
// the end of the period, as plain figures.
import type { Localized, SectionFigures } from '../../core/reports/section.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import type { ReportSection } from '../reports/context.ts';
import { computeCompleteness, type CompletenessState, type GroupState } from './compute.ts';
import { completenessText } from './messages.ts';

const both = (f: (t: ReturnType<typeof completenessText>) => string): Localized => ({ vi: f(completenessText('vi')), en: f(completenessText('en')) });

export function statusOf(g: GroupState, lang: Lang): string {
  const t = completenessText(lang);
  return !g.has ? t.missing : g.stale ? t.staleMark : t.has;
}

/** Where the group is found, in words: its sections, then the registers and settings. */
export function whereOf(g: GroupState, lang: Lang): string {
  const t = completenessText(lang);
  const parts: string[] = g.group.sources.filter((s) => s !== 'sections').map((s) => t[`src_${s}`]);
  if (g.sections.length > 0) parts.push(`${g.sections.map((s) => s.name).join(', ')} (${g.mapping === 'site' ? t.chosen : t.auto})`);
  return parts.join('; ');
}

export function completenessFigures(state: CompletenessState, lang: Lang): SectionFigures {
  const t = completenessText(lang);
  if (!state.judged) return { summary: [both((x) => x.notJudged)], tables: [], charts: [] };
  const col = (key: string, label: (x: ReturnType<typeof completenessText>) => string, kind: 'int' | 'text' | 'date') => ({ key, label: both(label), kind });
  return {
    summary: [both((x) => format(x.summary, { present: state.present, total: state.groups.length, missing: state.missing, stale: state.stale }))],
    tables: [
      {
        key: 'groups',
        title: both((x) => x.title),
        columns: [
          col('group', (x) => x.group, 'text'),
          col('status', (x) => x.status, 'text'),
          col('count', (x) => x.count, 'int'),
          col('last_updated', (x) => x.lastUpdated, 'date'),
          col('review_days', (x) => x.reviewDays, 'int'),
          col('stale', (x) => x.stale, 'text'),
          col('where', (x) => x.where, 'text'),
        ],
        rows: state.groups.map((g) => ({
          group: g.group[lang],
          status: statusOf(g, lang),
          count: g.count,
          last_updated: g.lastUpdated,
          review_days: g.reviewDays,
          stale: g.stale ? t.yes : t.no,
          where: whereOf(g, lang),
        })),
        links: Object.fromEntries(state.groups.flatMap((g, i) => (g.sections[0] ? [[i, `/chuyen-muc/${g.sections[0].slug}`]] : []))),
        note: { vi: `${format(completenessText('vi').asOf, { date: formatDate(state.asOf) })} ${completenessText('vi').noteState}`, en: `${format(completenessText('en').asOf, { date: state.asOf })} ${completenessText('en').noteState}` },
      },
    ],
    charts: [],
  };
}

/** The end of the period, or today when the period is not over yet. */
export function stateDate(periodTo: string, now: Date): string {
  const today = vietnamDate(now);
  return periodTo < today ? periodTo : today;
}

export const completenessReportSection: ReportSection = {
  key: 'completeness',
  title: { vi: 'Mức độ đầy đủ thông tin', en: 'Completeness' },
  order: 70,
  reports: ['monthly', 'half_yearly', 'yearly'],
  async compute(ctx, period) {
    return completenessFigures(await computeCompleteness(ctx.db, ctx.site, stateDate(period.to, ctx.now)), 'vi');
  },
};
