// Work done once across every node (a day's digest, an alert): claimed by
// inserting its key into job_runs; whoever inserts first does the work.
import { isoNow, systemClock, type Clock } from '../core/time.ts';
import type { Db } from './db/database.ts';

/** Claims a once-only job; false when another run (or node) already did it. */
export async function claimJob(db: Db, key: string, clock: Clock = systemClock): Promise<boolean> {
  const inserted = await db.insertInto('job_runs').values({ key, ran_at: isoNow(clock) }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  return inserted !== undefined;
}
