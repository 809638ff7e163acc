// Computing a report: every section of its kind, for one period, on one site.
// The result is plain data (ReportFigures), rendered as a page, XLSX or PDF,
// and stored as JSON when the report is approved.
import { halfPeriod, monthPeriod, yearPeriod, type Localized, type ReportKind, type ReportPeriod, type SectionFigures } from '../../core/reports/section.ts';
import type { Db } from '../../platform/db/database.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import type { Site } from '../sites/site.ts';
import type { ReportSection } from './context.ts';
import { REPORT_SECTIONS, sectionsOf } from './registry.ts';

export const REPORT_KINDS = ['monthly', 'half_yearly', 'yearly'] as const satisfies readonly ReportKind[];

export function isReportKind(value: unknown): value is ReportKind {
  return typeof value === 'string' && (REPORT_KINDS as readonly string[]).includes(value);
}

/** The period of a report kind from its key ("2026-11", "2026-H2", "2026"); null when it does not fit. */
export function periodOf(kind: ReportKind, key: string): ReportPeriod | null {
  return kind === 'monthly' ? monthPeriod(key) : kind === 'half_yearly' ? halfPeriod(key) : yearPeriod(key);
}

export interface ComputedSection {
  key: string;
  title: Localized;
  figures: SectionFigures;
  /** The section could not be computed (its error is logged); a report with such a section is not approved. */
  failed?: true;
}

export interface ReportFigures {
  kind: ReportKind;
  period: ReportPeriod;
  /** When the figures were computed (ISO). */
  computedAt: string;
  sections: ComputedSection[];
}

/** Every section of the kind, computed for the whole site at `now`. */
export async function computeReport(db: Db, site: Site, kind: ReportKind, period: ReportPeriod, now: Date, sections: readonly ReportSection[] = REPORT_SECTIONS, unitId: number | null = null, onError?: (section: string, error: unknown) => void): Promise<ReportFigures> {
  const ctx = { db, site, calendar: siteCalendar(site), now, unitId };
  const chosen = sectionsOf(kind, sections);
  const computed = await Promise.all(
    chosen.map(async (s): Promise<ComputedSection> => {
      try {
        return { key: s.key, title: s.title, figures: await s.compute(ctx, period) };
      } catch (error) {
        // One failing section does not hide the others from the board; it is said, logged, and blocks approval.
        onError?.(s.key, error);
        return { key: s.key, title: s.title, failed: true, figures: { summary: [{ vi: 'Không tính được số liệu của phần này; đã ghi lỗi để kỹ thuật xử lý.', en: 'The figures of this section could not be computed; the error was logged.' }], tables: [], charts: [] } };
      }
    }),
  );
  return { kind, period, computedAt: now.toISOString(), sections: computed };
}

/** A period's label in words: "tháng 11 năm 2026", "6 tháng cuối năm 2026", "năm 2026". */
export function periodLabel(period: ReportPeriod, lang: 'vi' | 'en'): string {
  const year = period.key.slice(0, 4);
  if (period.kind === 'month') {
    const month = Number(period.key.slice(5, 7));
    return lang === 'vi' ? `tháng ${month} năm ${year}` : `${new Date(Date.UTC(Number(year), month - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`;
  }
  if (period.kind === 'half') {
    const first = period.key.endsWith('H1');
    return lang === 'vi' ? `6 tháng ${first ? 'đầu' : 'cuối'} năm ${year}` : `${first ? 'first' : 'second'} half of ${year}`;
  }
  return lang === 'vi' ? `năm ${year}` : year;
}

export const KIND_NAMES: Record<ReportKind, Localized> = {
  monthly: { vi: 'Báo cáo tháng', en: 'Monthly report' },
  half_yearly: { vi: 'Báo cáo sơ kết 6 tháng', en: '6-monthly review' },
  yearly: { vi: 'Báo cáo năm', en: 'Yearly report' },
};

/** A report's name: "Báo cáo tháng 11 năm 2026", "Báo cáo sơ kết 6 tháng cuối năm 2026", "Báo cáo năm 2026". */
export function reportHeading(kind: ReportKind, period: ReportPeriod, lang: 'vi' | 'en'): string {
  if (lang === 'en') return `${KIND_NAMES[kind].en}, ${periodLabel(period, 'en')}`;
  return kind === 'half_yearly' ? `Báo cáo sơ kết ${periodLabel(period, 'vi')}` : `Báo cáo ${periodLabel(period, 'vi')}`;
}
