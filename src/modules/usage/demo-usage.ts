// A few months of plausible usage for a demo site, so /admin/usage and the
// usage report show figures on first start: views per published item, section
// page and home page per day (fewer at weekends), searches (some that find
// nothing) and downloads of the library's files. Deterministic (a hash of the
// site, the day and the item, no randomness) and cheap: a few thousand rows
// written in multi-row statements.
import { createHash } from 'node:crypto';
import { addDays, vietnamDate, type Clock } from '../../core/time.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';

/** Days of history before today. */
export const DEMO_USAGE_DAYS = 120;
const CHUNK = 200;

/** What visitors of a local government site look for; the last two find nothing on a demo site. */
const QUERIES = ['thủ tục hành chính', 'đăng ký khai sinh', 'lịch tiếp công dân', 'kế hoạch', 'quyết định', 'tuyển dụng', 'đất đai', 'cấp giấy phép xây dựng', 'bảo hiểm y tế học sinh', 'hỗ trợ hộ nghèo'];

/** A number in [0, 1) from the words given, the same every time. */
function unit(...parts: (string | number)[]): number {
  return createHash('sha1').update(parts.join('|')).digest().readUInt32BE(0) / 2 ** 32;
}

function weekend(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function loadDemoUsage(db: Db, siteId: number, siteKey: string, clock: Clock): Promise<void> {
  const today = vietnamDate(clock.now());
  const items = await db.selectFrom('search_documents').select(['item_type', 'item_id', 'section_id']).where('site_id', '=', siteId).orderBy('id').limit(60).execute();
  const sections = await db.selectFrom('sections').select('id').where('site_id', '=', siteId).where('archived_at', 'is', null).execute();
  const files = await db.selectFrom('legal_documents').select('attachment_ids').where('site_id', '=', siteId).execute();
  const fileIds = [...new Set(files.flatMap((f) => (JSON.parse(f.attachment_ids) as unknown[]).filter((id): id is number => typeof id === 'number')))];

  const views: { site_id: number; day: string; item_type: string; item_id: number; section_id: number | null; views: number }[] = [];
  const searches: { site_id: number; day: string; query_folded: string; query_display: string; searches: number; results_zero: number }[] = [];
  const downloads: { site_id: number; day: string; file_kind: string; file_id: number; downloads: number }[] = [];
  for (let back = DEMO_USAGE_DAYS; back >= 1; back -= 1) {
    const day = addDays(today, -back);
    const scale = weekend(day) ? 0.4 : 1;
    views.push({ site_id: siteId, day, item_type: 'home', item_id: 0, section_id: null, views: Math.round((40 + 60 * unit(siteKey, day, 'home')) * scale) });
    for (const s of sections) {
      const n = Math.round(8 * unit(siteKey, day, 's', s.id) * scale);
      if (n > 0) views.push({ site_id: siteId, day, item_type: 'section', item_id: s.id, section_id: s.id, views: n });
    }
    items.forEach((item, index) => {
      // Earlier items are read more (a long tail), and not every item every day.
      const n = Math.floor(((12 / (1 + index / 4)) * unit(siteKey, day, item.item_type, item.item_id) + 0.3) * scale);
      if (n > 0) views.push({ site_id: siteId, day, item_type: item.item_type, item_id: item.item_id, section_id: item.section_id, views: n });
    });
    const searchViews = { n: 0 };
    QUERIES.forEach((query, index) => {
      const found = index < QUERIES.length - 2;
      // The queries that find nothing come back every week, so the month lists them (3 searches at least).
      const n = Math.max(Math.floor((6 / (1 + index / 2)) * unit(siteKey, day, 'q', query) * scale), !found && Number(day.slice(8)) % 7 === 0 ? 1 : 0);
      if (n === 0) return;
      searchViews.n += n;
      searches.push({ site_id: siteId, day, query_folded: fold(query), query_display: query, searches: n, results_zero: found ? 0 : n });
    });
    if (searchViews.n > 0) views.push({ site_id: siteId, day, item_type: 'search', item_id: 0, section_id: null, views: searchViews.n });
    for (const id of fileIds) {
      const n = Math.floor(3 * unit(siteKey, day, 'f', id) * scale);
      if (n > 0) downloads.push({ site_id: siteId, day, file_kind: 'media', file_id: id, downloads: n });
    }
  }
  await insertChunks(views, (rows) => db.insertInto('usage_daily').values(rows).execute());
  await insertChunks(searches, (rows) => db.insertInto('search_daily').values(rows).execute());
  await insertChunks(downloads, (rows) => db.insertInto('download_daily').values(rows).execute());
}
