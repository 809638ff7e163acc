// Demo content of the forum (004 Đ11.4) on the Department of Construction's
// site: three categories, topics from citizens with their replies and the
// board's answers, a pinned and a locked topic, a post removed with its
// reason, and one new topic waiting in the moderation queue, with moderation
// before publication. Made through the real use cases; posters are invented
// and no mail is sent.
import type { Role } from '../../core/permissions.ts';
import { systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { findUserById } from '../accounts/users-store.ts';
import { loadGrants } from '../members/grants.ts';
import type { Site } from '../sites/site.ts';
import { boardReply, changeTopic, moderatePost, saveCategory, saveForumSettings, submitPost, type Author } from '../forum/manage-forum.ts';

const SILENT_MAILER: Mailer = { mode: 'outbox', send: async () => {} };
/** Sites whose demo has a forum. */
export const DEMO_FORUM_SITES = ['sxd-kontum'];

export async function loadDemoForum(db: Db, site: Site, people: Partial<Record<Role, number>>, clock: Clock = systemClock): Promise<void> {
  const moderatorId = people.secretariat;
  if (!DEMO_FORUM_SITES.includes(site.key) || !moderatorId) return;
  const user = await findUserById(db, moderatorId);
  if (!user) return;
  const grants = await loadGrants(db, site, user, vietnamDate(clock.now()));
  const actor = { siteId: site.id, userId: user.id, onBehalfOfUserId: null, label: user.name, ip: null, userAgent: 'trangtin demo' };
  const base = clock.now().getTime();
  /** A clock `hours` before now, so the forum reads as weeks of exchange. */
  const at = (hours: number): Clock => ({ now: () => new Date(base - hours * 3600_000) });
  const person = (name: string, n: number): Author => ({ name, email: `diendan${n}@example.invalid`, phone: null });

  // Posts appear at once while the history is written; the site then moderates before publication.
  await saveForumSettings(db, actor, grants, { enabled: true, moderation: 'after' }, at(24 * 30));
  const category = async (name: string, description: string, sortOrder: number) => saveCategory(db, actor, grants, null, { name, description, sortOrder, slug: '' }, at(24 * 30));
  const permits = await category('Cấp phép xây dựng', 'Hỏi đáp, trao đổi về thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ và công trình.', 1);
  const planning = await category('Quy hoạch, kiến trúc đô thị', 'Góp ý, thảo luận về quy hoạch xây dựng, quy hoạch đô thị và kiến trúc trên địa bàn tỉnh.', 2);
  const housing = await category('Nhà ở và thị trường bất động sản', 'Nhà ở xã hội, chung cư, thị trường bất động sản.', 3);
  const topic = (who: Author, categoryId: number, title: string, body: string, hours: number) => submitPost(db, SILENT_MAILER, site, who, { kind: 'topic', categoryId, title, body }, { clock: at(hours) });
  const reply = (who: Author, topicId: number, body: string, hours: number) => submitPost(db, SILENT_MAILER, site, who, { kind: 'reply', topicId, body }, { clock: at(hours) });

  const house = await topic(
    person('Nguyễn Văn Bình', 1),
    permits,
    'Xây nhà 3 tầng ở phường Duy Tân có cần xin giấy phép xây dựng không?',
    'Gia đình tôi có lô đất ở tại phường Duy Tân, thành phố Kon Tum, muốn xây nhà 3 tầng.\nXin hỏi có phải xin giấy phép xây dựng không, và nộp hồ sơ ở đâu?',
    24 * 20,
  );
  await reply(person('Trần Thị Mai', 2), house.topicId, 'Nhà tôi ở phường Thắng Lợi năm ngoái cũng phải xin phép, hồ sơ nộp ở bộ phận một cửa của thành phố, khoảng hai tuần thì có giấy phép.', 24 * 19);
  await boardReply(
    db,
    actor,
    grants,
    site,
    house.topicId,
    'Theo Luật Xây dựng, nhà ở riêng lẻ tại đô thị phải có giấy phép xây dựng, trừ các trường hợp được miễn theo quy định.\nHồ sơ nộp tại Bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân thành phố Kon Tum; thời hạn giải quyết không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.\nThành phần hồ sơ xem tại mục Thủ tục hành chính trên trang.',
    at(24 * 18),
  );
  await changeTopic(db, actor, grants, house.topicId, 'pin', null, at(24 * 18));

  const plan = await topic(
    person('Lê Hoàng', 3),
    planning,
    'Góp ý quy hoạch khu đô thị phía Nam cầu Đăk Bla',
    'Đề nghị quy hoạch bổ sung công viên cây xanh và bãi đỗ xe ở khu đô thị phía Nam cầu Đăk Bla, vì hiện nay khu vực này rất thiếu chỗ vui chơi cho trẻ em.',
    24 * 12,
  );
  await reply(person('Phạm Quốc Huy', 4), plan.topicId, 'Tôi đồng ý. Ngoài ra nên có vỉa hè rộng cho người đi bộ dọc bờ sông.', 24 * 11);
  const advert = await reply(person('Rao vặt 24h', 5), plan.topicId, 'Bán đất nền giá rẻ khu phía Nam cầu Đăk Bla, sổ đỏ trao tay, ai cần nhắn tin riêng cho tôi.', 24 * 10);
  await moderatePost(db, actor, grants, advert.postId, 'remove', 'Quảng cáo, rao vặt không đúng chủ đề (vi phạm nội quy diễn đàn).', at(24 * 9));
  await boardReply(db, actor, grants, site, plan.topicId, 'Ban biên tập đã chuyển các ý kiến góp ý đến Phòng Quy hoạch - Kiến trúc để tổng hợp trong quá trình lấy ý kiến đồ án quy hoạch.', at(24 * 8));

  const social = await topic(
    person('Võ Thị Hạnh', 6),
    housing,
    'Điều kiện mua nhà ở xã hội tại Kon Tum',
    'Tôi là công nhân khu công nghiệp Hòa Bình, chưa có nhà ở. Xin hỏi điều kiện để được mua nhà ở xã hội là gì?',
    24 * 6,
  );
  await boardReply(
    db,
    actor,
    grants,
    site,
    social.topicId,
    'Người lao động tại khu công nghiệp chưa có nhà ở thuộc sở hữu của mình, có thu nhập thuộc mức quy định thì được mua nhà ở xã hội.\nDanh sách dự án nhà ở xã hội đủ điều kiện bán được công bố tại mục Thông báo của trang.',
    at(24 * 5),
  );
  await changeTopic(db, actor, grants, social.topicId, 'lock', null, at(24 * 5));

  await saveForumSettings(db, actor, grants, { enabled: true, moderation: 'before' }, at(24 * 4));
  // Waiting in the queue: sent after the site chose moderation before publication.
  await topic(person('Đinh Văn Tới', 7), permits, 'Thời gian cấp giấy phép sửa chữa, cải tạo nhà là bao lâu?', 'Nhà tôi cần sửa lại mái và thay tường bao. Xin hỏi có cần giấy phép không, và nếu cần thì bao lâu có kết quả?', 3);
}
