// The "Mới" (new) badge portals put beside what was published in the last few
// days. How many days is a dated rule (public.new_badge_days, default 3) a
// site sets on /admin/rules; the version in force today is read once per page,
// with the page's chrome (buildChrome), and every public list compares each
// item's publication time with it.
//
// The render cache (ADR 9) keeps a page at most ten minutes (page-cache.ts
// MAX_AGE_MS, a bound no option can raise), so a badge outlives its expiry by at
// most ten minutes; a change of the rule moves the content version (it is
// audited) and drops the site's pages at once.
import type { DeadlineValue } from '../../core/rule-catalogue.ts';
import { NEW_BADGE_DEFAULT_DAYS, NEW_BADGE_RULE } from '../../core/rule-catalogue.ts';
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Lang } from '../../ui/i18n.ts';
import { ruleOn } from '../rules/store.ts';
import { habitsText } from './habits-messages.ts';

const DAY_MS = 86_400_000;

/** The days the badge lasts on a site today (the rule's version in force, else the default). */
export async function newBadgeDays(db: Db, siteId: number, now: Date): Promise<number> {
  const rule = await ruleOn<DeadlineValue>(db, siteId, NEW_BADGE_RULE, vietnamDate(now));
  const amount = rule?.value?.amount;
  return typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 ? amount : NEW_BADGE_DEFAULT_DAYS;
}

/** The instant after which an item is new (ISO), or null when the site shows no badge (0 days). */
export async function newBadgeSince(db: Db, siteId: number, now: Date): Promise<string | null> {
  return newBadgeSinceDays(await newBadgeDays(db, siteId, now), now);
}

/** The same, for the days already read (the chrome reads the rule once per site and day). */
export function newBadgeSinceDays(days: number, now: Date): string | null {
  return days > 0 ? new Date(now.getTime() - days * DAY_MS).toISOString() : null;
}

export function isNew(publishedAt: string | null | undefined, since: string | null | undefined): boolean {
  if (!publishedAt || !since) return false;
  const at = Date.parse(publishedAt);
  return Number.isFinite(at) && at > Date.parse(since);
}

/** The visible word, not a colour alone; dark text on the accent yellow (contrast above 10:1). */
export function NewBadge({ publishedAt, since, lang }: { publishedAt: string | null | undefined; since: string | null | undefined; lang: Lang }): JSX.Element {
  if (!isNew(publishedAt, since)) return '';
  const t = habitsText(lang);
  return (
    <>
      {' '}
      <span class="new-badge" title={t.newBadgeFull}>
        {t.newBadge}
      </span>
    </>
  );
}
