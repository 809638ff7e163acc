// Every declared section kind. Adding a section: write its declaration beside
// these (about a hundred lines) and list it here; see ARCHITECTURE.md.
import type { SectionKind } from '../declaration.ts';
import { announcement } from './announcement.ts';
import { budgetDisclosure } from './budget-disclosure.ts';
import { conferenceMaterial } from './conference-material.ts';
import { cultureTourism } from './culture-tourism.ts';
import { enterprise } from './enterprise.ts';
import { environment } from './environment.ts';
import { gallery } from './gallery.ts';
import { grassrootsDisclosure } from './grassroots-disclosure.ts';
import { introduction } from './introduction.ts';
import { invitation } from './invitation.ts';
import { leader } from './leader.ts';
import { official } from './official.ts';
import { planning } from './planning.ts';
import { procurement } from './procurement.ts';
import { project } from './project.ts';
import { promotion } from './promotion.ts';
import { receptionSchedule } from './reception-schedule.ts';
import { scheduleWeek } from './schedule-week.ts';
import { scienceTask } from './science-task.ts';
import { storyThread } from './story-thread.ts';
import { thematic } from './thematic.ts';

export const DECLARED_KINDS: readonly SectionKind[] = [
  announcement,
  scheduleWeek,
  receptionSchedule,
  invitation,
  introduction,
  leader,
  official,
  project,
  procurement,
  enterprise,
  budgetDisclosure,
  grassrootsDisclosure,
  planning,
  environment,
  scienceTask,
  cultureTourism,
  conferenceMaterial,
  thematic,
  promotion,
  storyThread,
  gallery,
];
