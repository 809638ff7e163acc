// Every declared section kind. Adding a section: write its declaration beside
// these (about a hundred lines) and list it here; see ARCHITECTURE.md.
import type { SectionKind } from '../declaration.ts';
import { announcement } from './announcement.ts';
import { invitation } from './invitation.ts';
import { receptionSchedule } from './reception-schedule.ts';
import { scheduleWeek } from './schedule-week.ts';

export const DECLARED_KINDS: readonly SectionKind[] = [announcement, scheduleWeek, receptionSchedule, invitation];
