// Whose documents the site's own rules apply to. The deadline to publish a
// document after signing (003 Đ8.3, 002) binds the site's own agency and its
// units, not the Government or a ministry whose decree the site reposts. The
// product knows its own issuers by name: the agency's name, its units' names
// and any other names the site lists (settings documents.ownIssuers, e.g.
// "UBND huyện Như Xuân"), compared folded, with UBND/HĐND spelled out. Pure.
import { fold } from '../vietnamese/index.ts';

/** Abbreviations of agency names that documents use as often as the full words. */
const ABBREVIATIONS: Record<string, string> = { ubnd: 'uy ban nhan dan', hdnd: 'hoi dong nhan dan' };

/** An issuer's name as compared: folded, punctuation as spaces, abbreviations spelled out. */
export function issuerKey(name: string): string {
  return fold(name)
    .replace(/[.,;:()"“”'‘’]/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** A test of "issued by the site's own agency or one of its units", from their names. */
export function ownIssuerTest(names: readonly string[]): (issuer: string) => boolean {
  const own = new Set(names.map(issuerKey).filter(Boolean));
  return (issuer) => own.has(issuerKey(issuer));
}
