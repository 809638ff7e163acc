// The deadline to publish a document after it is signed (003: 2 working days;
// 002: 1 day), on the site's working calendar. Pure: the rule and calendar
// come from the caller.
import type { DeadlineRule, WorkingCalendar } from '../calendar/index.ts';
import { startOfVietnamDate } from '../time.ts';

export interface PublicationDeadline {
  /** When it had to be public by (UTC ISO); null when the site has no such rule. */
  dueAt: string | null;
  /** Published after the deadline, or still unpublished once it has passed. */
  late: boolean;
  /** When it was first published, or null. */
  publishedAt: string | null;
  /** True when the rule does not bind this document: it was issued by another body (own-issuer.ts). */
  otherIssuer?: boolean;
}

/**
 * The day of signing is not counted (Civil Code Art. 147): from the start of
 * the issue date, "2 working days" ends at the close of the second working
 * day after it. Measured to the first publication, or to now while unpublished.
 */
export function publicationDeadline(issuedOn: string, firstPublishedAt: string | null, rule: DeadlineRule | null, calendar: WorkingCalendar, now: Date): PublicationDeadline {
  if (!rule) return { dueAt: null, late: false, publishedAt: firstPublishedAt };
  const due = calendar.deadline(startOfVietnamDate(issuedOn), rule);
  const measured = firstPublishedAt ? new Date(firstPublishedAt) : now;
  return { dueAt: due.toISOString(), late: measured.getTime() > due.getTime(), publishedAt: firstPublishedAt };
}
