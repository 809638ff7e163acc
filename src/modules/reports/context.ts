// What a report section is computed with. Every capability that measures
// something for the board (provision, deadlines, review times, usage,
// completeness, citizens' cases) exports ReportSection values computed from this
// context; registry.ts lists them, and the reports capability gathers them.
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import type { ReportSectionDefinition } from '../../core/reports/section.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';

export interface ReportContext {
  db: Db;
  site: Site;
  /** The site's working calendar (core/calendar: holidays, make-up days, office hours). */
  calendar: WorkingCalendar;
  /** When the report is computed: figures for a period not yet over stop here. */
  now: Date;
  /** Only this unit's figures (a unit head's view); null for the whole site. */
  unitId: number | null;
}

export type ReportSection = ReportSectionDefinition<ReportContext>;
