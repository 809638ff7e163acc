// Kinds whose entries leave the public site outside their validity period
// (validity.expired = 'withdraw', e.g. business promotion): the public index
// holds such an entry only on the days its period covers.
import type { SectionKind } from './declaration.ts';
import { validityOn, type EntryValues } from './values.ts';

export function withdrawsOutsideValidity(kind: SectionKind | undefined): boolean {
  return kind?.validity?.expired === 'withdraw';
}

/** Whether the public may see this entry today: always, unless its kind withdraws it outside its validity period. */
export function publicOn(kind: SectionKind, values: EntryValues, today: string): boolean {
  return !withdrawsOutsideValidity(kind) || validityOn(kind, values, today) === 'current';
}
