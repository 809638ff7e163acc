// The demo's weekly work schedule (issue 14, point 10): the provincial
// People's Committee office (vpubnd-kontum, 002 Đ10.3–4) gets last week's and
// this week's schedule of the provincial leaders with two meeting invitations
// on this week's rows; the Department of Construction (sxd-kontum, 004 Đ6.8)
// gets this week's. Dates follow the demo's clock, so the current week is
// always filled. Published the real way, through each site's chain.
import { addDays, vietnamDate, type Clock } from '../../core/time.ts';
import { mondayOf, weekTitle } from '../../core/entries/iso-week.ts';
import type { Db } from '../../platform/db/database.ts';
import { blankArticle, updateArticle, type ArticleInput } from '../articles/save-article.ts';
import type { Site } from '../sites/site.ts';
import { demoActor, takeThroughChain, writeAndPublish, type DemoPeople } from './demo-content.ts';
import type { ScheduleRow } from '../entries/schedule/week.ts';

const SAMPLE_SOURCE = 'Bài mẫu của bản trình diễn trangtin';

/** A row of a sample week: its day as 0 = Monday … 6 = Sunday. */
type SampleRow = Omit<ScheduleRow, 'day'> & { d: number };

const PROVINCE_THIS_WEEK: SampleRow[] = [
  { d: 0, start: '07:30', end: '11:00', content: 'Họp Ủy ban nhân dân tỉnh thường kỳ tháng: nghe báo cáo tình hình kinh tế - xã hội; cho ý kiến về dự thảo kế hoạch năm sau', chair: 'Chủ tịch UBND tỉnh', participants: 'Các Phó Chủ tịch UBND tỉnh; Ủy viên UBND tỉnh; Chánh Văn phòng UBND tỉnh', place: 'Phòng họp A, trụ sở UBND tỉnh', preparedBy: 'Văn phòng UBND tỉnh' },
  { d: 0, start: '14:00', end: '16:30', content: 'Làm việc với Sở Tài chính về dự toán ngân sách', chair: 'Phó Chủ tịch UBND tỉnh', participants: 'Giám đốc Sở Tài chính; Giám đốc Kho bạc Nhà nước khu vực', place: 'Phòng họp B', preparedBy: 'Sở Tài chính' },
  { d: 1, start: '08:00', end: '11:00', content: 'Tiếp công dân định kỳ', chair: 'Chủ tịch UBND tỉnh', place: 'Trụ sở Tiếp công dân tỉnh', preparedBy: 'Ban Tiếp công dân tỉnh' },
  { d: 1, start: '14:00', content: 'Kiểm tra tiến độ giải ngân vốn đầu tư công tại một số công trình trọng điểm', chair: 'Phó Chủ tịch UBND tỉnh', participants: 'Sở Xây dựng; Sở Tài chính; Ban Quản lý dự án đầu tư xây dựng tỉnh', place: 'Tại hiện trường', preparedBy: 'Sở Xây dựng' },
  { d: 2, start: '07:30', end: '11:30', content: 'Hội nghị trực tuyến với Chính phủ về cải cách thủ tục hành chính', chair: 'Chủ tịch UBND tỉnh', participants: 'Giám đốc các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố (tại điểm cầu địa phương)', place: 'Điểm cầu UBND tỉnh', preparedBy: 'Phòng Kiểm soát thủ tục hành chính' },
  { d: 2, start: '14:00', end: '17:00', content: 'Làm việc với UBND thành phố Kon Tum về công tác chuyển đổi số', chair: 'Phó Chủ tịch UBND tỉnh', place: 'UBND thành phố Kon Tum', preparedBy: 'Sở Khoa học và Công nghệ' },
  { d: 3, start: '08:00', end: '10:30', content: 'Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh', chair: 'Phó Chủ tịch UBND tỉnh', participants: 'Thành viên Ban Chỉ đạo', place: 'Phòng họp A', preparedBy: 'Sở Nông nghiệp và Môi trường' },
  { d: 3, start: '14:00', end: '16:00', content: 'Họp thẩm định hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới', chair: 'Phó Chủ tịch UBND tỉnh', participants: 'Các sở, ngành là thành viên Hội đồng thẩm định', place: 'Phòng họp B', preparedBy: 'Văn phòng Điều phối nông thôn mới tỉnh' },
  { d: 4, start: '07:30', content: 'Dự Lễ khánh thành công trình cầu treo dân sinh', chair: 'Chủ tịch UBND tỉnh', place: 'Huyện Kon Rẫy', preparedBy: 'UBND huyện Kon Rẫy' },
  { d: 4, start: '14:00', end: '17:00', content: 'Giao ban Văn phòng UBND tỉnh', chair: 'Chánh Văn phòng UBND tỉnh', participants: 'Lãnh đạo Văn phòng; trưởng các phòng, đơn vị', place: 'Phòng họp Văn phòng UBND tỉnh', preparedBy: 'Phòng Tổ chức - Hành chính' },
];

const PROVINCE_LAST_WEEK: SampleRow[] = [
  { d: 0, start: '07:30', end: '11:00', content: 'Giao ban lãnh đạo UBND tỉnh', chair: 'Chủ tịch UBND tỉnh', participants: 'Các Phó Chủ tịch UBND tỉnh; Chánh Văn phòng UBND tỉnh', place: 'Phòng họp A', preparedBy: 'Văn phòng UBND tỉnh' },
  { d: 0, start: '14:00', end: '17:00', content: 'Làm việc với Sở Y tế về công tác khám, chữa bệnh', chair: 'Phó Chủ tịch UBND tỉnh', place: 'Sở Y tế', preparedBy: 'Sở Y tế' },
  { d: 1, start: '08:00', end: '11:00', content: 'Họp Hội đồng thi đua - khen thưởng tỉnh', chair: 'Chủ tịch UBND tỉnh', participants: 'Thành viên Hội đồng', place: 'Phòng họp B', preparedBy: 'Sở Nội vụ' },
  { d: 1, start: '14:00', content: 'Kiểm tra công tác bảo vệ rừng mùa khô', chair: 'Phó Chủ tịch UBND tỉnh', participants: 'Sở Nông nghiệp và Môi trường; Chi cục Kiểm lâm', place: 'Huyện Kon Plông', preparedBy: 'Chi cục Kiểm lâm' },
  { d: 2, start: '07:30', end: '11:30', content: 'Tiếp và làm việc với đoàn công tác của Bộ Xây dựng', chair: 'Chủ tịch UBND tỉnh', place: 'Phòng họp A', preparedBy: 'Sở Xây dựng' },
  { d: 2, start: '14:00', end: '16:30', content: 'Họp cho ý kiến về phương án bồi thường, giải phóng mặt bằng dự án đường vành đai', chair: 'Phó Chủ tịch UBND tỉnh', place: 'Phòng họp B', preparedBy: 'Sở Xây dựng' },
  { d: 3, start: '08:00', end: '11:00', content: 'Dự kỳ họp chuyên đề của Hội đồng nhân dân tỉnh', chair: 'Chủ tịch UBND tỉnh', participants: 'Các Phó Chủ tịch UBND tỉnh', place: 'Hội trường HĐND tỉnh', preparedBy: 'Văn phòng UBND tỉnh' },
  { d: 3, start: '14:00', end: '16:00', content: 'Làm việc với các doanh nghiệp về tháo gỡ khó khăn trong sản xuất, kinh doanh', chair: 'Phó Chủ tịch UBND tỉnh', place: 'Phòng họp A', preparedBy: 'Sở Tài chính' },
  { d: 4, start: '07:30', end: '11:00', content: 'Tiếp công dân định kỳ', chair: 'Phó Chủ tịch UBND tỉnh', place: 'Trụ sở Tiếp công dân tỉnh', preparedBy: 'Ban Tiếp công dân tỉnh' },
  { d: 4, start: '14:00', end: '16:30', content: 'Họp rà soát hồ sơ một cửa quá hạn', chair: 'Chánh Văn phòng UBND tỉnh', place: 'Phòng họp Văn phòng UBND tỉnh', preparedBy: 'Phòng Kiểm soát thủ tục hành chính' },
];

const DEPARTMENT_THIS_WEEK: SampleRow[] = [
  { d: 0, start: '07:30', end: '09:00', content: 'Giao ban lãnh đạo Sở', chair: 'Giám đốc Sở', participants: 'Các Phó Giám đốc Sở; trưởng các phòng, đơn vị', place: 'Phòng họp Sở', preparedBy: 'Phòng Hành chính - Tổng hợp' },
  { d: 0, start: '14:00', end: '16:30', content: 'Thẩm định báo cáo nghiên cứu khả thi dự án nhà ở xã hội', chair: 'Phó Giám đốc Sở', place: 'Phòng họp Sở', preparedBy: 'Phòng Quản lý xây dựng' },
  { d: 1, start: '08:00', content: 'Kiểm tra chất lượng công trình trường học', chair: 'Phó Giám đốc Sở', place: 'Huyện Đăk Hà', preparedBy: 'Phòng Quản lý xây dựng' },
  { d: 2, start: '08:00', end: '11:00', content: 'Dự họp UBND tỉnh thường kỳ', chair: 'Giám đốc Sở', place: 'Trụ sở UBND tỉnh' },
  { d: 3, start: '14:00', end: '16:00', content: 'Họp góp ý dự thảo quy hoạch chung đô thị', chair: 'Giám đốc Sở', participants: 'Các phòng chuyên môn; đơn vị tư vấn', place: 'Phòng họp Sở', preparedBy: 'Phòng Quy hoạch - Kiến trúc' },
  { d: 4, start: '08:00', end: '10:00', content: 'Tiếp công dân định kỳ', chair: 'Giám đốc Sở', place: 'Phòng tiếp công dân của Sở', preparedBy: 'Thanh tra Sở' },
];

function rowsOf(monday: string, sample: SampleRow[]) {
  return sample.map(({ d, ...row }) => ({ ...row, day: addDays(monday, d) }));
}

function entryInput(title: string, kind: string, values: Record<string, unknown>, people: DemoPeople, summary = ''): ArticleInput {
  return { ...blankArticle(title), kind: 'entry', summary, source: SAMPLE_SOURCE, authorName: people.authorName, unitId: people.unitId, entry: { kind, values } };
}

/** The week changed after publication (another place on Wednesday afternoon, a Saturday visit), so the week view shows a change note and marked rows. */
async function correctThisWeek(db: Db, site: Site, people: DemoPeople, id: number, monday: string, clock: Clock): Promise<void> {
  const author = await demoActor(db, site, people, 'contributor', clock);
  if (!author) return;
  const changed = PROVINCE_THIS_WEEK.map((r, i) => (i === 5 ? { ...r, place: 'Phòng họp B, trụ sở UBND tỉnh' } : r));
  changed.push({ d: 5, start: '08:00', end: '11:00', content: 'Kiểm tra công tác chuẩn bị Ngày hội Đại đoàn kết toàn dân tộc', chair: 'Phó Chủ tịch UBND tỉnh', place: 'Thành phố Kon Tum', preparedBy: 'Ủy ban Mặt trận Tổ quốc tỉnh' });
  const title = weekTitle(monday);
  const row = await db.selectFrom('articles').select('lock_version').where('site_id', '=', site.id).where('id', '=', id).executeTakeFirstOrThrow();
  await updateArticle(db, author.actor, author.grants, id, entryInput(title, 'schedule_week', { week: monday, leadership: 'Lãnh đạo UBND tỉnh', rows: rowsOf(monday, changed) }, people), row.lock_version, {}, clock);
  await takeThroughChain(db, site, people, id, title, { type: 'correct', note: 'Chuyển địa điểm buổi làm việc chiều Thứ Tư; bổ sung lịch sáng Thứ Bảy.' }, clock);
}

/** Fills the schedule of the sites whose seed asks for it; other sites are left as they are. */
export async function loadDemoSchedule(db: Db, site: Site, people: DemoPeople, clock: Clock): Promise<void> {
  const monday = mondayOf(vietnamDate(clock.now()));
  const week = (start: string, leadership: string, sample: SampleRow[]) => writeAndPublish(db, site, people, entryInput(weekTitle(start), 'schedule_week', { week: start, leadership, rows: rowsOf(start, sample) }, people), clock);
  if (site.key === 'sxd-kontum') {
    await week(monday, 'Lãnh đạo Sở Xây dựng', DEPARTMENT_THIS_WEEK);
    return;
  }
  if (site.key !== 'vpubnd-kontum') return;
  await week(addDays(monday, -7), 'Lãnh đạo UBND tỉnh', PROVINCE_LAST_WEEK);
  const current = await week(monday, 'Lãnh đạo UBND tỉnh', PROVINCE_THIS_WEEK);
  await correctThisWeek(db, site, people, current, monday, clock);
  // 002 Đ11.1.c: the invitation is published as soon as it is signed, on the row of its meeting.
  const invite = (n: number, row: SampleRow, title: string) =>
    writeAndPublish(
      db,
      site,
      people,
      entryInput(title, 'invitation', { number: `${n}/GM-UBND`, issuedOn: addDays(monday, -3), meetingAt: `${addDays(monday, row.d)}T${row.start}:00+07:00`, place: row.place, chair: row.chair, participants: row.participants, content: row.content, scheduleWeek: [current] }, people, `Giấy mời mẫu: ${row.content}.`),
      clock,
    );
  await invite(215, PROVINCE_THIS_WEEK[0]!, 'Mời dự họp Ủy ban nhân dân tỉnh thường kỳ');
  // The month's citizen reception (lịch tiếp công dân): this week's Tuesday session is on the week view too.
  const month = vietnamDate(clock.now()).slice(0, 7);
  const lastDay = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
  const receptionDays = [addDays(monday, 1), ...[15, 25].map((d) => `${month}-${d}`)].filter((d) => d.startsWith(month)).sort();
  await writeAndPublish(
    db,
    site,
    people,
    entryInput(`Lịch tiếp công dân tháng ${month.slice(5, 7)}/${month.slice(0, 4)} của lãnh đạo UBND tỉnh`, 'reception_schedule', {
      period: { from: `${month}-01`, to: lastDay },
      place: 'Trụ sở Tiếp công dân tỉnh',
      contact: 'Ban Tiếp công dân tỉnh',
      rows: receptionDays.map((day, i) => ({ day, start: '08:00', end: '11:00', leader: i % 2 === 0 ? 'Chủ tịch UBND tỉnh' : 'Phó Chủ tịch UBND tỉnh', content: 'Tiếp công dân định kỳ' })),
    }, people, 'Lịch mẫu: lãnh đạo UBND tỉnh tiếp công dân định kỳ trong tháng.'),
    clock,
  );
  await invite(218, PROVINCE_THIS_WEEK[6]!, 'Mời họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh');
}
