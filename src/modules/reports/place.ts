// The place (địa danh) written before the date on the board's documents ("Thanh Hóa, ngày 07 tháng 12
// năm 2026"): the one its latest report was signed at, else the province or city of the agency's address.
import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';

/** The province or city of the agency's address ("…, tỉnh Thanh Hóa" → "Thanh Hóa"); null when it names none. */
export function placeFromAddress(site: Pick<Site, 'contact'>): string | null {
  const m = /(?:tỉnh|thành phố)\s+([^,]+)$/i.exec((site.contact.address ?? '').trim());
  return m ? m[1]!.trim() : null;
}

/** The place of a site's documents, or null when neither its reports nor its address say it (the form leaves a blank to fill by hand). */
export async function placeOfSite(db: Db, site: Pick<Site, 'id' | 'contact'>): Promise<string | null> {
  const latest = await db.selectFrom('reports').select('place').where('site_id', '=', site.id).where('place', '!=', '').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return latest?.place.trim() || placeFromAddress(site);
}
