// Sample entries of the declared sections (issue 14 point 10) for the demo
// sites, from what each seed asks its site to carry: Như Xuân's projects with
// their progress and bidding notices (003 Đ8.7), the Department of
// Construction's conference materials and projects (004 Đ6.3, 6.5), Kon Rẫy's
// budget disclosure, enterprises and planning (000 Đ7.2.2–2.4), Thanh
// Chương's grassroots disclosure log and announcements, the Provincial
// Office's announcements. Dates are relative to the demo's day so the current
// lists are current; names are fictional; every item says it is a sample.
// Each is published the real way, through the site's chain (writeAndPublish).
import { quarterOf } from '../../core/entries/kinds/grassroots-disclosure.ts';
import { addDays, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { blankArticle, type ArticleInput } from '../articles/save-article.ts';
import type { Site } from '../sites/site.ts';
import { writeAndPublish, type DemoPeople } from './demo-content.ts';
import type { SitePreset } from './presets.ts';

const SAMPLE = 'Bài mẫu của bản trình diễn trangtin';
const NOTE = 'Nội dung mẫu của bản trình diễn trangtin; tên, số liệu là giả định.';

type Values = Record<string, unknown>;
type Publish = (kind: string, title: string, values: Values, body?: string) => Promise<number>;

const QUARTER_NAMES = ['I', 'II', 'III', 'IV'];
/** "Quý III/2026" for "2026-Q3". */
const quarterName = (q: string) => `Quý ${QUARTER_NAMES[Number(q.slice(-1)) - 1]}/${q.slice(0, 4)}`;
const progress = (...rows: [string, number, string][]) => rows.map(([date, percent, text]) => ({ date, percent, text }));

export async function publishDemoEntries(db: Db, site: Site, preset: SitePreset, people: DemoPeople, clock: Clock): Promise<number> {
  const today = vietnamDate(clock.now());
  const day = (offset: number) => addDays(today, offset);
  let count = 0;
  const publish: Publish = async (kind, title, values, body) => {
    count += 1;
    const input: ArticleInput = { ...blankArticle(title), kind: 'entry', source: SAMPLE, authorName: people.authorName, unitId: people.unitId, summary: NOTE, bodyHtml: body ? `<p>${body}</p>` : '', entry: { kind, values } };
    return writeAndPublish(db, site, people, input, clock);
  };
  const decision = (title: string, number: string, issuedOn: string) =>
    writeAndPublish(db, site, people, {
      ...blankArticle(title),
      kind: 'document',
      summary: 'Văn bản mẫu của bản trình diễn trangtin (không kèm tệp văn bản).',
      unitId: people.unitId,
      document: { number, docType: 'quyet-dinh', issuer: preset.agencyName, level: site.level === 'province' ? 'provincial' : 'local', signer: null, issuedOn, effectiveOn: issuedOn, expiresOn: null, fields: ['Tài chính'], statusOverride: null, statusNote: null, relations: [] },
    }, clock);
  const loaders: Record<string, () => Promise<void>> = {
    nhuxuan: () => nhuXuan(publish, day),
    'sxd-kontum': () => construction(publish, day),
    konray: () => konRay(publish, day, decision),
    thanhchuong: () => thanhChuong(publish, day),
    'vpubnd-kontum': () => provincialOffice(publish, day),
  };
  await loaders[preset.key]?.();
  return count;
}

async function nhuXuan(publish: Publish, day: (n: number) => string): Promise<void> {
  const road = await publish('project', 'Nâng cấp tuyến đường từ thị trấn Yên Cát đi xã Xuân Bình', {
    status: 'ongoing', objective: 'Nâng cấp mặt đường bê tông nhựa dài 6,2 km, bảo đảm giao thông cho nhân dân hai xã và vận chuyển nông sản.', field: 'transport', group: 'C',
    timeFrame: { from: day(-400), to: day(330) }, capitalSource: 'state_budget', totalInvestment: 42_500_000_000, investor: 'Ban Quản lý dự án đầu tư xây dựng huyện', location: 'Thị trấn Yên Cát và xã Xuân Bình',
    progress: progress([day(-300), 15, 'Hoàn thành giải phóng mặt bằng, thi công nền đường đoạn Km0–Km2.'], [day(-150), 40, 'Thi công móng cấp phối đá dăm đoạn Km2–Km4.'], [day(-20), 65, 'Thảm bê tông nhựa đoạn Km0–Km3, thi công cống thoát nước.']),
  }, 'Dự án mẫu: tiến độ được cập nhật theo từng đợt.');
  await publish('project', 'Trường Tiểu học Hóa Quỳ: xây dựng nhà lớp học 2 tầng 8 phòng', {
    status: 'completed', objective: 'Bảo đảm đủ phòng học cho học sinh, đạt chuẩn quốc gia.', field: 'education', group: 'C',
    timeFrame: { from: day(-700), to: day(-60) }, capitalSource: 'state_budget', totalInvestment: 9_800_000_000, investor: 'Ủy ban nhân dân xã Hóa Quỳ', location: 'Xã Hóa Quỳ',
    progress: progress([day(-500), 30, 'Hoàn thành phần móng và khung tầng 1.'], [day(-250), 70, 'Hoàn thành phần thô, lợp mái.'], [day(-70), 100, 'Nghiệm thu, bàn giao đưa vào sử dụng.']),
  });
  await publish('project', 'Kè chống sạt lở bờ suối Khe Hao, xã Bãi Trành', {
    status: 'preparing', objective: 'Chống sạt lở, bảo vệ khu dân cư hai bên bờ suối.', field: 'agriculture', group: 'B',
    timeFrame: { from: day(60), to: day(760) }, capitalSource: 'oda', totalInvestment: 68_000_000_000, investor: 'Ban Quản lý dự án đầu tư xây dựng huyện', location: 'Xã Bãi Trành',
  });
  await publish('procurement', 'Thông báo mời thầu gói thầu số 05: Thi công cống thoát nước đoạn Km3–Km6', {
    noticeType: 'invitation', packageName: 'Gói thầu số 05: Thi công cống thoát nước đoạn Km3–Km6', project: [road], procuringEntity: 'Ban Quản lý dự án đầu tư xây dựng huyện', method: 'open',
    noticeDate: day(-3), closingAt: `${day(12)}T02:00:00.000Z`, estimatedPrice: 3_250_000_000, validity: { from: day(-3), to: day(12) },
  }, 'Hồ sơ mời thầu phát hành trên Hệ thống mạng đấu thầu quốc gia.');
  await publish('procurement', 'Kết quả lựa chọn nhà thầu gói thầu số 02: Thảm bê tông nhựa đoạn Km0–Km3', {
    noticeType: 'result', packageName: 'Gói thầu số 02: Thảm bê tông nhựa đoạn Km0–Km3', project: [road], procuringEntity: 'Ban Quản lý dự án đầu tư xây dựng huyện', method: 'open',
    noticeDate: day(-200), estimatedPrice: 12_400_000_000, winner: 'Công ty TNHH Xây dựng Giao thông Thành Nam (tên giả định)', contractPrice: 11_980_000_000, validity: { from: day(-200), to: day(-170) },
  });
}

async function construction(publish: Publish, day: (n: number) => string): Promise<void> {
  await publish('conference_material', 'Tài liệu hội nghị triển khai Luật Xây dựng sửa đổi', {
    conference: 'Hội nghị phổ biến, triển khai các quy định mới của pháp luật về xây dựng', eventType: 'conference', date: day(-12), place: 'Hội trường Sở Xây dựng', organiser: 'Sở Xây dựng',
    link: 'https://moc.gov.vn',
  });
  await publish('conference_material', 'Tài liệu tập huấn quản lý chất lượng công trình xây dựng', {
    conference: 'Lớp tập huấn nghiệp vụ quản lý chất lượng công trình xây dựng năm nay', eventType: 'training', date: day(-45), place: 'Thành phố Kon Tum', organiser: 'Phòng Quản lý xây dựng',
    link: 'https://moc.gov.vn',
  });
  await publish('project', 'Cải tạo, sửa chữa trụ sở làm việc Sở Xây dựng', {
    status: 'ongoing', objective: 'Sửa chữa mái, hệ thống điện, phòng cháy chữa cháy của trụ sở.', field: 'urban', group: 'C',
    timeFrame: { from: day(-120), to: day(120) }, capitalSource: 'state_budget', totalInvestment: 4_600_000_000, investor: 'Sở Xây dựng', location: 'Thành phố Kon Tum',
    progress: progress([day(-90), 20, 'Thay mái tôn khu nhà chính.'], [day(-15), 55, 'Thay hệ thống điện tầng 1, 2.']),
  });
}

async function konRay(publish: Publish, day: (n: number) => string, decision: (title: string, number: string, on: string) => Promise<number>): Promise<void> {
  const estimateDay = day(-200);
  const estimateYear = Number(estimateDay.slice(0, 4));
  const estimate = await decision(`Công bố công khai dự toán ngân sách năm ${estimateYear}`, `15/QĐ-UBND`, estimateDay);
  await publish('budget_disclosure', `Công khai dự toán ngân sách huyện năm ${estimateYear}`, { reportType: 'estimate', year: estimateYear, disclosedOn: estimateDay, form: ['website', 'notice_board'], documents: [estimate] });
  const lastQuarter = quarterOf(day(-95));
  const execution = await decision(`Công bố công khai tình hình thực hiện dự toán ngân sách ${quarterName(lastQuarter).toLowerCase()}`, `${120 + Number(lastQuarter.slice(-1))}/QĐ-UBND`, day(-15));
  await publish('budget_disclosure', `Công khai tình hình thực hiện dự toán ngân sách ${quarterName(lastQuarter).toLowerCase()}`, { reportType: 'quarterly', year: Number(lastQuarter.slice(0, 4)), period: quarterName(lastQuarter), disclosedOn: day(-15), form: ['website'], documents: [execution] });
  await publish('enterprise', 'Công ty TNHH Nông sản Đăk Ruồng (tên giả định)', { status: 'new', registrationNumber: '6101234567', registrationDate: day(-30), address: 'Thôn 3, xã Đăk Ruồng, huyện Kon Rẫy', businessField: 'Chế biến nông sản', representative: 'Nguyễn Văn An', phone: '0260 3822 111' });
  await publish('enterprise', 'Hợp tác xã Dược liệu Tân Lập (tên giả định)', { status: 'active', registrationNumber: '6100987654', registrationDate: '2019-04-12', address: 'Thôn 5, xã Tân Lập, huyện Kon Rẫy', businessField: 'Trồng, chế biến dược liệu', representative: 'Y Hlen' });
  await publish('enterprise', 'Công ty TNHH Vận tải Đăk Tờ Re (tên giả định)', { status: 'dissolved', registrationNumber: '6100555444', registrationDate: '2016-08-01', dissolutionDate: day(-90), address: 'Xã Đăk Tờ Re, huyện Kon Rẫy', businessField: 'Vận tải hàng hóa đường bộ' });
  const approval = await decision('Phê duyệt quy hoạch chung xây dựng thị trấn Đăk Rve', '210/QĐ-UBND', day(-160));
  await publish('planning', 'Quy hoạch chung xây dựng thị trấn Đăk Rve đến năm 2035', { planType: 'construction', approvalDocuments: [approval], period: 'Đến năm 2035', area: 'Toàn bộ địa giới hành chính thị trấn Đăk Rve' });
}

async function thanhChuong(publish: Publish, day: (n: number) => string): Promise<void> {
  const log: [string, string, number, string[], string][] = [
    ['budget', 'Công khai dự toán thu, chi ngân sách thị trấn', -3, ['notice_board', 'website'], 'Bảng tin trụ sở UBND thị trấn'],
    ['social_support', 'Danh sách hộ nghèo, hộ cận nghèo được hỗ trợ tiền điện', -10, ['notice_board', 'loudspeaker'], 'Nhà văn hóa các khối'],
    ['procedures', 'Thủ tục hành chính tiếp nhận tại Bộ phận một cửa thị trấn', -25, ['notice_board', 'website'], 'Bộ phận tiếp nhận và trả kết quả'],
    ['land', 'Phương án bồi thường, hỗ trợ giải phóng mặt bằng tuyến đường khối 4', -40, ['notice_board', 'meeting'], 'Nhà văn hóa khối 4'],
  ];
  for (const [group, title, offset, form, place] of log) {
    const on = day(offset);
    await publish('grassroots_disclosure', title, { group, quarter: quarterOf(on), disclosedOn: on, form, place, duration: '30 ngày' });
  }
  await announcements(publish, day, ['Thông báo tuyển sinh lớp 1 năm học mới', 'enrolment'], ['Thông báo lịch thu gom rác thải sinh hoạt', 'work_programme']);
}

async function provincialOffice(publish: Publish, day: (n: number) => string): Promise<void> {
  await announcements(publish, day, ['Thông báo tuyển dụng viên chức Trung tâm Phục vụ hành chính công', 'recruitment'], ['Thông báo đấu giá tài sản thanh lý của Văn phòng', 'auction']);
}

/** Two current announcements and one expired, kept in the archive. */
async function announcements(publish: Publish, day: (n: number) => string, ...current: [string, string][]): Promise<void> {
  for (const [title, category] of current) await publish('announcement', title, { category, validity: { from: day(-5), to: day(25) } }, 'Thông báo mẫu: còn hiệu lực đến ngày kết thúc, sau đó chuyển vào mục lưu trữ.');
  await publish('announcement', 'Thông báo lịch nghỉ Tết Dương lịch (đã hết hạn)', { category: 'other', validity: { from: day(-70), to: day(-40) } }, 'Thông báo mẫu đã hết hạn: chỉ còn trong mục lưu trữ.');
}
