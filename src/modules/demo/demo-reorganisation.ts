// The demo after the 2025 reorganisation (`trangtin demo --reorganised`, ADR 29):
// Kon Rẫy district was abolished on 1 Jul 2025, so its site is archived under
// the Kon Tum provincial office's site, which took over its duties (and its
// open cases). Kon Rẫy's pages then say they are an archive and link that site,
// whose footer lists "Trang thông tin của huyện cũ". Not part of the default
// demo: every other demo site keeps operating as the tests expect.
import type { Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import { changeSiteStatus } from '../sites/manage-sites.ts';
import type { Site } from '../sites/site.ts';

export const REORGANISED = { former: 'konray', successor: 'vpubnd-kontum' } as const;

export async function loadDemoReorganisation(db: Db, sites: Site[], clock: Clock): Promise<{ archived: Site; successor: Site } | null> {
  const former = sites.find((s) => s.key === REORGANISED.former);
  const successor = sites.find((s) => s.key === REORGANISED.successor);
  if (!former || !successor) return null;
  const now = clock.now().toISOString();
  await db.updateTable('sites').set({ parent_site_id: successor.id, updated_at: now }).where('id', '=', former.id).execute();
  const changed = await changeSiteStatus(
    db,
    { userId: null, onBehalfOfUserId: null, label: 'trangtin demo', ip: null, userAgent: null, siteId: former.id } satisfies AuditActor,
    former.id,
    {
      status: 'archived',
      notice: 'Thực hiện Nghị quyết của Quốc hội về sắp xếp đơn vị hành chính, từ ngày 01/7/2025 huyện Kon Rẫy kết thúc hoạt động. Trang được giữ để tra cứu.',
      handoverSiteId: successor.id,
    },
    clock,
  );
  return { archived: changed.site, successor };
}
