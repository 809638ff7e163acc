// Portal habits in the demo (issue 16): a story thread ("Theo dòng sự kiện")
// on two demo sites gathering the sample articles about how the site now runs
// under its regulation (the regulation, the search guide, the contact notice),
// published through the site's chain like every demo item; and on one site a
// "Mới" badge rule of its own (7 days instead of the default 3).
import { NEW_BADGE_RULE } from '../../core/rule-catalogue.ts';
import { addDays, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { blankArticle } from '../articles/save-article.ts';
import type { AuditActor } from '../audit/store.ts';
import { THREAD_ARTICLE_KINDS } from '../entries/check-entry.ts';
import { addRuleVersion } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';
import { writeAndPublish, type DemoPeople } from './demo-content.ts';

/** The demo sites with a story thread, and the one with its own badge rule. */
const THREAD_SITES = ['nhuxuan', 'vpubnd-kontum'];
const OWN_BADGE_SITE = 'vpubnd-kontum';
const OWN_BADGE_DAYS = 7;
/** The sample articles the thread gathers (demo-content.ts). */
const GATHERED = /^(Ban hành |Hướng dẫn tìm kiếm|Thông báo về việc tiếp nhận ý kiến)/;

export async function loadDemoStoryThreads(db: Db, site: Site, people: DemoPeople, actor: AuditActor, clock: Clock): Promise<number | null> {
  const today = vietnamDate(clock.now());
  if (site.key === OWN_BADGE_SITE) {
    await addRuleVersion(db, actor, { siteId: site.id, key: NEW_BADGE_RULE, value: { amount: OWN_BADGE_DAYS, unit: 'calendar_days' }, effectiveFrom: today, citation: 'Bản trình diễn: Văn phòng chọn hiện nhãn «Mới» trong 7 ngày' }, clock);
  }
  if (!THREAD_SITES.includes(site.key)) return null;
  const articles = await db
    .selectFrom('articles')
    .select(['id', 'title'])
    .where('site_id', '=', site.id)
    .where('kind', 'in', [...THREAD_ARTICLE_KINDS])
    .where('publication', '=', 'published')
    .where('is_reference', '=', 0)
    .where('language', '=', 'vi')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const ids = articles.filter((a) => GATHERED.test(a.title)).map((a) => a.id);
  if (ids.length < 3) return null;
  const screen = people.pictures?.get('screen');
  return writeAndPublish(db, site, people, {
    ...blankArticle('Vận hành trang thông tin điện tử theo quy chế mới'),
    kind: 'entry',
    source: 'Bài mẫu của bản trình diễn trangtin',
    authorName: people.authorName,
    unitId: people.unitId,
    summary: 'Các tin, bài về việc ban hành và thực hiện quy chế hoạt động của trang: quy chế, cách tìm kiếm tin bài, cách gửi ý kiến.',
    bodyHtml: '<p>Dòng sự kiện mẫu của bản trình diễn trangtin: mỗi bài trong dòng sự kiện có hộp «Theo dòng sự kiện» dẫn tới các bài khác.</p>',
    entry: {
      kind: 'story_thread',
      values: {
        eventDates: { from: addDays(today, -30), to: null },
        ...(screen ? { cover: { mediaId: screen.id, alt: screen.alt, caption: 'Ảnh minh họa' } } : {}),
        articles: ids,
      },
    },
  }, clock);
}
