// The visitor counter (lượt truy cập: total, today, now) without cookies,
// trackers or a database write per request: page views are counted in memory
// and added to site_visits every half minute; "now" counts distinct visitors
// seen in the last five minutes by a hash that a daily salt makes unlinkable
// from one day to the next. Nothing identifying is stored.
import { randomBytes } from 'node:crypto';
import { vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';

const NOW_WINDOW_MS = 5 * 60 * 1000;
const MAX_RECENT = 50_000;

export interface VisitorCounts {
  total: number;
  today: number;
  now: number;
}

export class VisitorCounter {
  /** siteId → date → page views not yet written. */
  private pending = new Map<number, Map<string, number>>();
  /** siteId → visitor hash → last seen (ms). */
  private recent = new Map<number, Map<number, number>>();
  /** siteId → stored counts, refreshed at each flush. */
  private stored = new Map<number, { total: number; today: number; date: string }>();
  private salt = randomBytes(16).toString('hex');
  private saltDate = '';

  constructor(private readonly clock: () => Date = () => new Date()) {}

  hit(siteId: number, ip: string, userAgent: string): void {
    const now = this.clock();
    const date = vietnamDate(now);
    if (date !== this.saltDate) {
      this.salt = randomBytes(16).toString('hex');
      this.saltDate = date;
    }
    const perDate = this.pending.get(siteId) ?? new Map<string, number>();
    perDate.set(date, (perDate.get(date) ?? 0) + 1);
    this.pending.set(siteId, perDate);
    const seen = this.recent.get(siteId) ?? new Map<number, number>();
    if (seen.size >= MAX_RECENT) this.prune(seen, now.getTime());
    seen.set(visitorHash(`${this.salt}|${ip}|${userAgent}`), now.getTime());
    this.recent.set(siteId, seen);
  }

  private prune(seen: Map<number, number>, now: number): void {
    for (const [key, at] of seen) if (now - at > NOW_WINDOW_MS) seen.delete(key);
  }

  /** Counts for the footer: what is stored plus what is still in memory. */
  async counts(db: Db, siteId: number): Promise<VisitorCounts> {
    const now = this.clock();
    const date = vietnamDate(now);
    let stored = this.stored.get(siteId);
    if (!stored || stored.date !== date) stored = await this.load(db, siteId, date);
    const pending = this.pending.get(siteId);
    const pendingTotal = pending ? [...pending.values()].reduce((a, b) => a + b, 0) : 0;
    const seen = this.recent.get(siteId);
    if (seen) this.prune(seen, now.getTime());
    return { total: stored.total + pendingTotal, today: stored.today + (pending?.get(date) ?? 0), now: seen?.size ?? 0 };
  }

  private async load(db: Db, siteId: number, date: string) {
    const rows = await db.selectFrom('site_visits').select(['date', 'count']).where('site_id', '=', siteId).execute();
    const stored = { total: rows.reduce((sum, r) => sum + r.count, 0), today: rows.find((r) => r.date === date)?.count ?? 0, date };
    this.stored.set(siteId, stored);
    return stored;
  }

  /** Adds what was counted in memory to site_visits, in one statement per site and day. */
  async flush(db: Db): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [siteId, perDate] of batch) {
      for (const [date, count] of perDate) {
        try {
          await db
            .insertInto('site_visits')
            .values({ site_id: siteId, date, count })
            .onConflict((oc) => oc.columns(['site_id', 'date']).doUpdateSet((eb) => ({ count: eb('site_visits.count', '+', eb.ref('excluded.count')) })))
            .execute();
        } catch (error) {
          // Not lost: counted again at the next flush.
          const back = this.pending.get(siteId) ?? new Map<string, number>();
          back.set(date, (back.get(date) ?? 0) + count);
          this.pending.set(siteId, back);
          throw error;
        }
      }
      this.stored.delete(siteId);
    }
  }
}

/**
 * A 52-bit FNV-1a of the salted visitor, counted on every page view including cache hits
 * (sha256 there was 4–5 % of a cached page's CPU). It only has to tell visitors apart for
 * five minutes in this process's memory; the random daily salt keeps days unlinkable.
 */
export function visitorHash(text: string): number {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    low = Math.imul(low ^ c, 0x01000193);
    high = Math.imul(high ^ c, 0x01000193 ^ 0x5bd1e995);
  }
  return (high >>> 12) * 2 ** 32 + (low >>> 0);
}
