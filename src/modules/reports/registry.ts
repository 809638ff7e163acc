// The report sections, in one list. A capability that measures something adds
// its sections here; the reports gather those whose `reports` name their kind,
// ordered by `order`.
import type { ReportKind } from '../../core/reports/section.ts';
import { citizenCasesSection } from '../citizens/report-section.ts';
import { ratingsSection } from '../ratings/report-section.ts';
import type { ReportSection } from './context.ts';
import { completenessReportSection } from '../completeness/report-section.ts';
import { PROVISION_SECTIONS } from '../provision/sections.ts';
import { REVIEW_TIME_SECTIONS } from '../review-times/section.ts';
import { usageReportSection } from '../usage/report-section.ts';

export const REPORT_SECTIONS: ReportSection[] = [...PROVISION_SECTIONS, ...REVIEW_TIME_SECTIONS, usageReportSection, completenessReportSection, citizenCasesSection, ratingsSection];

/** The sections of one kind of report, in report order. */
export function sectionsOf(kind: ReportKind, sections: readonly ReportSection[] = REPORT_SECTIONS): ReportSection[] {
  return sections.filter((s) => s.reports.includes(kind)).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
