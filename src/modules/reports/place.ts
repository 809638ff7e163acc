// The place (địa danh) written before the date on the board's documents ("Như Xuân, ngày 07 tháng 12
// năm 2026"): the one its latest report was signed at, else taken from the agency's address. Decree
// 30/2020 (Appendix I): a local agency writes the name of the administrative unit where it sits —
// a provincial agency or department its province, a district its district, a commune its commune.
import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';

const PROVINCE = /^(?:tỉnh|thành phố)\s+(.+)$/i;
const DISTRICT = /^(?:huyện|quận|thị xã|thành phố)\s+(.+)$/i;
const COMMUNE = /^(?:xã|phường|thị trấn|đặc khu)\s+(.+)$/i;

/** The place of the agency's level in its address ("…, huyện Như Xuân, tỉnh Thanh Hóa" → "Như Xuân" for a district); null when the address names none. */
export function placeFromAddress(site: Pick<Site, 'contact' | 'level'>): string | null {
  const parts = (site.contact.address ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const last = parts.at(-1) ?? '';
  const province = PROVINCE.exec(last)?.[1]?.trim() ?? null;
  // The province is the address's last part; the levels below it come before.
  const below = province ? parts.slice(0, -1) : parts;
  const find = (pattern: RegExp) => below.map((p) => pattern.exec(p)?.[1]?.trim()).findLast((name): name is string => Boolean(name)) ?? null;
  if (site.level === 'commune') return find(COMMUNE) ?? find(DISTRICT) ?? province;
  if (site.level === 'district') return find(DISTRICT) ?? province;
  return province;
}

/** The place of a site's documents, or null when neither its reports nor its address say it (the form leaves a blank to fill by hand). */
export async function placeOfSite(db: Db, site: Pick<Site, 'id' | 'contact' | 'level'>): Promise<string | null> {
  const latest = await db.selectFrom('reports').select('place').where('site_id', '=', site.id).where('place', '!=', '').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return latest?.place.trim() || placeFromAddress(site);
}
