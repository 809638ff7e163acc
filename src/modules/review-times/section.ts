// The review-timeliness section of the monthly, 6-monthly and yearly reports:
// per step and per reviewer, with a bar chart of the time at each step.
import type { ReportTable, SectionFigures } from '../../core/reports/section.ts';
import type { ReportSection } from '../reports/context.ts';
import { hoursOf } from './format.ts';
import { reviewTimeText } from './messages.ts';
import { PAGE, stayLink } from './page.tsx';
import { loadReviewTimes } from './report.ts';

const both = <K extends keyof ReturnType<typeof reviewTimeText>>(key: K) => ({ vi: reviewTimeText('vi')[key], en: reviewTimeText('en')[key] });

export const reviewTimelinessSection: ReportSection = {
  key: 'review_timeliness',
  title: both('sectionTitle'),
  order: 40,
  reports: ['monthly', 'half_yearly', 'yearly'],
  async compute(ctx, period): Promise<SectionFigures> {
    const report = await loadReviewTimes(ctx.db, ctx.site, period, ctx.now, ctx.unitId);
    const month = period.kind === 'month' ? period.key : null;
    const steps: ReportTable = {
      key: 'steps',
      title: both('bySteps'),
      columns: [
        { key: 'step', label: both('step'), kind: 'text' },
        { key: 'items', label: both('items'), kind: 'int' },
        { key: 'median', label: both('median'), kind: 'working_hours' },
        { key: 'mean', label: both('mean'), kind: 'working_hours' },
        { key: 'overdue', label: both('overdue'), kind: 'int' },
      ],
      rows: report.steps.map((s) => ({ step: `${s.stepIndex + 1}. ${s.stepName}`, items: s.items, median: hoursOf(s.medianMinutes), mean: hoursOf(s.meanMinutes), overdue: s.overdue })),
      totals: { step: null, items: report.steps.reduce((n, s) => n + s.items, 0), median: null, mean: null, overdue: report.steps.reduce((n, s) => n + s.overdue, 0) },
      ...(month ? { links: Object.fromEntries(report.steps.map((s, i) => [i, stayLink(month, { stepIndex: s.stepIndex, stepName: s.stepName })])) } : {}),
      note: both('note'),
    };
    const reviewers: ReportTable = {
      key: 'reviewers',
      title: both('byReviewers'),
      columns: [
        { key: 'reviewer', label: both('reviewer'), kind: 'text' },
        { key: 'acted', label: both('acted'), kind: 'int' },
        { key: 'onBehalf', label: both('onBehalf'), kind: 'int' },
        { key: 'mean', label: both('mean'), kind: 'working_hours' },
        { key: 'overdue', label: both('overdue'), kind: 'int' },
        { key: 'openNow', label: both('openNow'), kind: 'int' },
      ],
      rows: report.reviewers.map((r) => ({ reviewer: r.name ?? '—', acted: r.acted, onBehalf: r.onBehalf, mean: r.acted > 0 ? hoursOf(r.meanMinutes) : null, overdue: r.overdue, openNow: r.openNow })),
      ...(month ? { links: Object.fromEntries(report.reviewers.flatMap((r, i) => (r.userId === null ? [] : [[i, stayLink(month, { reviewerId: r.userId })]]))) } : {}),
    };
    const t = { vi: reviewTimeText('vi'), en: reviewTimeText('en') };
    const items = String(steps.totals!.items);
    const overdue = String(steps.totals!.overdue);
    const open = String(report.open.length);
    return {
      summary: [
        { vi: t.vi.summarySteps.replace('{items}', items).replace('{overdue}', overdue), en: t.en.summarySteps.replace('{items}', items).replace('{overdue}', overdue) },
        { vi: t.vi.summaryOpen.replace('{count}', open), en: t.en.summaryOpen.replace('{count}', open) },
      ],
      tables: [steps, reviewers],
      charts: [{ key: 'step_hours', title: both('chartTitle'), kind: 'bar', table: 'steps', labelColumn: 'step', valueColumns: ['mean', 'median'] }],
    };
  },
};

export const REVIEW_TIME_SECTIONS: ReportSection[] = [reviewTimelinessSection];
export { PAGE as REVIEW_TIMES_PAGE };
