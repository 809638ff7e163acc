// The publication deadline of a document as the back office shows it: the
// site's dated rule deadline.document_after_signing in force on the day the
// document was signed, on the site's working calendar, for the documents the
// site's own agency and its units issue (core/documents/own-issuer.ts). The
// list, its "only late" filter and the editor all come through here.
import type { DeadlineRule } from '../../core/calendar/index.ts';
import { ownIssuerTest, publicationDeadline, type PublicationDeadline } from '../../core/documents/index.ts';
import { DEADLINE_UNITS, type DeadlineValue } from '../../core/rule-catalogue.ts';
import type { Db } from '../../platform/db/database.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { ruleOn } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';

export const DOCUMENT_DEADLINE_RULE = 'deadline.document_after_signing';

/** The rule in force on the signing date, or null when the site has none (or an unreadable one). */
export async function documentDeadlineRule(db: Db, siteId: number, issuedOn: string): Promise<DeadlineRule | null> {
  const rule = await ruleOn<DeadlineValue>(db, siteId, DOCUMENT_DEADLINE_RULE, issuedOn);
  const v = rule?.value;
  if (!v || !Number.isInteger(v.amount) || !(DEADLINE_UNITS as readonly string[]).includes(v.unit)) return null;
  return { amount: v.amount, unit: v.unit };
}

/** The names the site's own agency and its units issue documents under. */
export async function ownIssuerNames(db: Db, site: Pick<Site, 'id' | 'agencyName' | 'settings'>): Promise<string[]> {
  const units = await db.selectFrom('units').select('name').where('site_id', '=', site.id).execute();
  return [site.agencyName, ...units.map((u) => u.name), ...(site.settings.documents?.ownIssuers ?? [])];
}

/** Deadlines of many documents: rules are read once per signing date; other bodies' documents have none. */
export async function documentDeadlines(
  db: Db,
  site: Pick<Site, 'id' | 'agencyName' | 'settings'>,
  docs: { id: number; issuer: string | null; issuedOn: string | null; firstPublishedAt: string | null }[],
  now: Date,
): Promise<Map<number, PublicationDeadline>> {
  const rules = new Map<string, DeadlineRule | null>();
  const calendar = siteCalendar(site);
  const isOwn = ownIssuerTest(await ownIssuerNames(db, site));
  const result = new Map<number, PublicationDeadline>();
  for (const d of docs) {
    if (!d.issuedOn) continue;
    if (!isOwn(d.issuer ?? '')) {
      result.set(d.id, { dueAt: null, late: false, publishedAt: d.firstPublishedAt, otherIssuer: true });
      continue;
    }
    if (!rules.has(d.issuedOn)) rules.set(d.issuedOn, await documentDeadlineRule(db, site.id, d.issuedOn));
    result.set(d.id, publicationDeadline(d.issuedOn, d.firstPublishedAt, rules.get(d.issuedOn) ?? null, calendar, now));
  }
  return result;
}
