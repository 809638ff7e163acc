// The effect status (tình trạng hiệu lực) of a document on a date, from its
// own dates and from the published documents that replace or partly repeal it.
// The public library filters by the same rules in SQL (src/modules/documents/
// library.ts, effectStatusSql); a test holds the two to the same answers.
import type { EffectStatus } from './details.ts';

export interface EffectFacts {
  issuedOn: string;
  effectiveOn: string | null;
  expiresOn: string | null;
  statusOverride: EffectStatus | null;
  /** When the earliest published document replacing this one takes effect. */
  replacedOn: string | null;
  /** When the earliest published document partly repealing this one takes effect. */
  partlyRepealedOn: string | null;
}

/**
 * In order: a status set by hand wins; before its date of effect (or, when
 * none is given, its date of issue) a document is not yet in force; on its
 * expiry date or once a replacement takes effect it is expired; once a partial
 * repeal takes effect it is partly expired; otherwise it is in force.
 */
export function effectStatus(f: EffectFacts, today: string): EffectStatus {
  if (f.statusOverride) return f.statusOverride;
  if (today < (f.effectiveOn ?? f.issuedOn)) return 'not_yet_in_force';
  if (f.expiresOn !== null && today >= f.expiresOn) return 'expired';
  if (f.replacedOn !== null && today >= f.replacedOn) return 'expired';
  if (f.partlyRepealedOn !== null && today >= f.partlyRepealedOn) return 'partly_expired';
  return 'in_force';
}
