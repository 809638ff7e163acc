// The demo's organisation (issue 14 §10): each site's units get their
// functions, heads and contacts, and the site gets its leaders, a directory of
// officials with the person who receives information requests, and a few
// introduction entries, all published through the site's review chain like
// the other sample items. Như Xuân (003) gets the full set drawn from its
// regulation (Đ8.1, Đ8.6, Đ18); the other sites a smaller one. The people are
// fictional; any likeness to real officials is unintended. Texts say they are
// sample content, and state only what the presets and the law hold.
import { escapeHtml } from '@kitajs/html';
import type { Clock } from '../../core/time.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import { blankArticle, type ArticleInput } from '../articles/save-article.ts';
import type { Site } from '../sites/site.ts';
import { listUnits, updateUnit } from '../units/manage-units.ts';
import { writeAndPublish, type DemoPeople } from './demo-content.ts';
import type { SitePreset } from './presets.ts';

const SAMPLE_SOURCE = 'Bài mẫu của bản trình diễn trangtin';
const SAMPLE_NOTE = '<p><em>Nội dung mẫu của bản trình diễn trangtin; Ban biên tập thay bằng thông tin chính thức của cơ quan.</em></p>';

interface DemoLeader {
  name: string;
  position: string;
  /** Index of the preset's top units, or null for the agency's leadership. */
  unit: number | null;
  order: number;
  since: string;
  duties?: string;
  phone?: string;
  receivesRequests?: boolean;
}

interface DemoOfficial {
  name: string;
  position: string;
  unit: number;
  phone?: string;
  duties?: string;
  receivesRequests?: boolean;
}

interface DemoUnitProfile {
  functions: string;
  headName?: string;
  headTitle?: string;
  phone?: string;
  email?: string;
}

interface DemoIntroduction {
  topic: string;
  title: string;
  summary: string;
  html: string;
  order: number;
}

/** Như Xuân (003): three units named by its regulation (Đ18), six leaders, ten officials. */
const NHUXUAN = {
  units: [
    {
      functions: 'Tham mưu tổng hợp cho Hội đồng nhân dân, Ủy ban nhân dân huyện.\nChủ trì cập nhật nội dung, tin bài của Website Huyện sau khi được phê duyệt (Quy chế, Điều 18.1).\nCung cấp văn bản điện tử, chương trình công tác, lịch tiếp công dân của HĐND, UBND huyện.',
      headName: 'Hà Văn Thắng',
      headTitle: 'Chánh Văn phòng',
      phone: '0237 3848 013',
      email: 'vanphong.nhuxuan@thanhhoa.gov.vn',
    },
    {
      functions: 'Tham mưu, giúp UBND huyện quản lý nhà nước về tài chính, ngân sách, kế hoạch và đầu tư.\nCung cấp thông tin về quy hoạch, kế hoạch, dự án và công khai tài chính, số liệu thống kê kinh tế - xã hội (Quy chế, Điều 18.2).',
      headName: 'Lữ Thị Hoa',
      headTitle: 'Trưởng phòng',
      phone: '0237 3848 124',
      email: 'tckh.nhuxuan@thanhhoa.gov.vn',
    },
    {
      functions: 'Tham mưu, giúp UBND huyện quản lý nhà nước về tổ chức bộ máy, cán bộ, công chức, cải cách hành chính, thi đua khen thưởng.\nCung cấp thông tin về cơ cấu tổ chức, chức năng, nhiệm vụ của các cơ quan, đơn vị và UBND các xã, thị trấn (Quy chế, Điều 18.3).',
      headName: 'Quách Văn Long',
      headTitle: 'Trưởng phòng',
      phone: '0237 3848 136',
      email: 'noivu.nhuxuan@thanhhoa.gov.vn',
    },
  ] satisfies DemoUnitProfile[],
  leaders: [
    { name: 'Lê Đình Phương', position: 'Chủ tịch UBND huyện', unit: null, order: 1, since: '2021-06-15', duties: 'Lãnh đạo, điều hành chung mọi hoạt động của UBND huyện; trực tiếp phụ trách công tác tổ chức cán bộ, quốc phòng, an ninh.', phone: '0237 3848 001' },
    { name: 'Cầm Bá Tùng', position: 'Phó Chủ tịch UBND huyện', unit: null, order: 2, since: '2021-06-15', duties: 'Phụ trách kinh tế, tài chính, ngân sách, quy hoạch, xây dựng cơ bản, tài nguyên và môi trường.' },
    { name: 'Nguyễn Thị Hồng Hạnh', position: 'Phó Chủ tịch UBND huyện, Trưởng Ban biên tập', unit: null, order: 3, since: '2022-03-01', duties: 'Phụ trách văn hóa - xã hội, giáo dục, y tế; Trưởng Ban biên tập Website Huyện.' },
    { name: 'Hà Văn Thắng', position: 'Chánh Văn phòng HĐND và UBND huyện', unit: 0, order: 1, since: '2020-01-02' },
    { name: 'Lữ Thị Hoa', position: 'Trưởng phòng Tài chính - Kế hoạch', unit: 1, order: 1, since: '2019-08-01' },
    { name: 'Quách Văn Long', position: 'Trưởng phòng Nội vụ', unit: 2, order: 1, since: '2022-10-10' },
  ] satisfies DemoLeader[],
  officials: [
    { name: 'Trần Thị Thu Hà', position: 'Chuyên viên Văn phòng, đầu mối tiếp nhận yêu cầu cung cấp thông tin', unit: 0, phone: '0237 3848 015', duties: 'Tiếp nhận, xử lý yêu cầu cung cấp thông tin của công dân theo Luật Tiếp cận thông tin.', receivesRequests: true },
    { name: 'Lê Văn Nam', position: 'Phó Chánh Văn phòng', unit: 0, phone: '0237 3848 014' },
    { name: 'Hoàng Thị Lan', position: 'Văn thư', unit: 0, phone: '0237 3848 016' },
    { name: 'Đặng Quang Huy', position: 'Quản trị mạng, quản trị Website Huyện', unit: 0, phone: '0237 3848 017' },
    { name: 'Vi Văn Sơn', position: 'Phó Trưởng phòng Tài chính - Kế hoạch', unit: 1, phone: '0237 3848 125' },
    { name: 'Phạm Thị Ngọc', position: 'Chuyên viên quản lý ngân sách', unit: 1 },
    { name: 'Lò Văn Hùng', position: 'Chuyên viên kế hoạch - đầu tư', unit: 1 },
    { name: 'Ngân Thị Thảo', position: 'Phó Trưởng phòng Nội vụ', unit: 2, phone: '0237 3848 137' },
    { name: 'Lương Văn Dũng', position: 'Chuyên viên cải cách hành chính', unit: 2 },
    { name: 'Mai Thị Hằng', position: 'Chuyên viên thi đua - khen thưởng', unit: 2 },
  ] satisfies DemoOfficial[],
};

/** The head of each other demo site's agency and a deputy, by preset. */
const OTHER_LEADERS: Record<string, [string, string]> = {
  konray: ['Chủ tịch UBND huyện', 'Phó Chủ tịch UBND huyện'],
  thanhchuong: ['Chủ tịch UBND thị trấn', 'Phó Chủ tịch UBND thị trấn'],
  'sxd-kontum': ['Giám đốc Sở', 'Phó Giám đốc Sở'],
  'vpubnd-kontum': ['Chánh Văn phòng UBND tỉnh', 'Phó Chánh Văn phòng UBND tỉnh'],
};

/** What the law says an agency of each level is (functions and powers), for its introduction. */
function functionsHtml(preset: SitePreset): string {
  const agency = escapeHtml(preset.agencyName);
  if (preset.level === 'department') {
    return `<p>${agency} là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh thực hiện chức năng quản lý nhà nước về ngành, lĩnh vực được giao; chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của Ủy ban nhân dân tỉnh.</p>`;
  }
  return `<p>${agency} do Hội đồng nhân dân cùng cấp bầu, là cơ quan chấp hành của Hội đồng nhân dân, cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước Nhân dân địa phương, Hội đồng nhân dân cùng cấp và cơ quan hành chính nhà nước cấp trên (Luật Tổ chức chính quyền địa phương năm 2015, Điều 8).</p>`;
}

function introductions(preset: SitePreset, full: boolean): DemoIntroduction[] {
  const agency = preset.agencyName;
  const list: DemoIntroduction[] = [
    { topic: 'functions', title: `Chức năng, nhiệm vụ, quyền hạn của ${agency}`, summary: `Vị trí, chức năng của ${agency} theo quy định của pháp luật.`, html: functionsHtml(preset), order: 1 },
    {
      topic: 'history',
      title: `Quá trình hình thành và phát triển`,
      summary: `Giới thiệu quá trình hình thành và phát triển của ${agency}.`,
      html: `<p>Phần này giới thiệu quá trình hình thành, các mốc phát triển và những thành tựu chủ yếu của ${escapeHtml(agency)}.</p>`,
      order: 2,
    },
  ];
  if (full) {
    const seat = preset.contact.address ? `<p>Trụ sở ${escapeHtml(agency)}: ${escapeHtml(preset.contact.address)}.</p>` : '';
    list.push({ topic: 'communes', title: 'Các xã, thị trấn trong huyện', summary: 'Các đơn vị hành chính cấp xã thuộc huyện và thông tin liên hệ của Ủy ban nhân dân các xã, thị trấn.', html: `${seat}<p>Danh sách các xã, thị trấn, địa chỉ và số điện thoại của Ủy ban nhân dân từng xã, thị trấn do Phòng Nội vụ cung cấp (Quy chế, Điều 18.3).</p>`, order: 3 });
  }
  return list;
}

/** An invented official address at the agency's mail domain (the preset's own address). */
function officialEmail(name: string, preset: SitePreset): string | undefined {
  const domain = preset.contact.email?.split('@')[1];
  if (!domain || domain === 'gmail.com') return undefined;
  return `${fold(name).replace(/[^a-z]/g, '')}.${preset.key.replace(/[^a-z]/g, '')}@${domain}`;
}

function entry(title: string, kind: string, values: Record<string, unknown>, extra: Partial<ArticleInput> = {}): ArticleInput {
  return { ...blankArticle(title), kind: 'entry', source: SAMPLE_SOURCE, entry: { kind, values }, ...extra };
}

export async function loadDemoOrganisation(db: Db, site: Site, preset: SitePreset, people: DemoPeople, clock: Clock): Promise<void> {
  const actor: AuditActor = { siteId: site.id, userId: null, onBehalfOfUserId: null, label: 'trangtin demo', ip: null, userAgent: null };
  const units = (await listUnits(db, site.id)).filter((u) => u.parent_id === null);
  const full = preset.key === 'nhuxuan';
  const portrait = people.pictures?.get('office');
  const photo = portrait ? { mediaId: portrait.id, alt: 'Ảnh minh họa của bản trình diễn (trụ sở cơ quan), thay cho ảnh chân dung', caption: null } : null;
  const publish = (input: ArticleInput) => writeAndPublish(db, site, people, { ...input, unitId: people.unitId }, clock);

  if (full) {
    for (const [i, profile] of NHUXUAN.units.entries()) {
      const u = units[i];
      if (!u) continue;
      await updateUnit(db, actor, u.id, { name: u.name, nameEn: u.name_en, kind: u.kind, parentId: u.parent_id, headUserId: u.head_user_id, address: preset.contact.address, sortOrder: u.sort_order, ...profile }, clock);
    }
  }
  const leaders: DemoLeader[] = full
    ? NHUXUAN.leaders
    : (() => {
        const [head, deputy] = OTHER_LEADERS[preset.key] ?? ['Thủ trưởng cơ quan', 'Phó Thủ trưởng cơ quan'];
        return [
          { name: 'Trần Văn Bình', position: head, unit: null, order: 1, since: '2021-06-15', duties: 'Lãnh đạo, điều hành chung mọi hoạt động của cơ quan.', phone: preset.contact.phone ?? undefined },
          { name: 'Nguyễn Thị Hồng Hạnh', position: `${deputy}, ${preset.contact.responsiblePerson?.split(', ')[1] ?? 'Trưởng Ban biên tập'}`, unit: null, order: 2, since: '2022-03-01', duties: 'Phụ trách công tác thông tin, tuyên truyền; Trưởng Ban biên tập trang thông tin điện tử.' },
        ];
      })();
  for (const l of leaders) {
    const unit = l.unit === null ? undefined : units[l.unit]?.id;
    await publish(
      entry(l.name, 'leader', {
        position: l.position,
        ...(unit ? { unit: [unit] } : {}),
        ...(photo && l.order === 1 && l.unit === null ? { photo } : {}),
        biography: `<p>Họ và tên: ${escapeHtml(l.name)}.</p>${SAMPLE_NOTE}`,
        ...(l.duties ? { duties: `<p>${escapeHtml(l.duties)}</p>` } : {}),
        terms: [{ from: l.since, position: l.position, body: preset.agencyName }],
        order: l.order,
        ...(l.phone ? { phone: l.phone } : {}),
        ...(officialEmail(l.name, preset) ? { email: officialEmail(l.name, preset) } : {}),
      }),
    );
  }
  const officials: DemoOfficial[] = full
    ? NHUXUAN.officials
    : [{ name: 'Phạm Thị Thu Trang', position: 'Công chức, đầu mối tiếp nhận yêu cầu cung cấp thông tin', unit: 0, receivesRequests: true, duties: 'Tiếp nhận yêu cầu cung cấp thông tin theo Luật Tiếp cận thông tin.' }];
  for (const [i, o] of officials.entries()) {
    const unit = units[o.unit]?.id;
    await publish(
      entry(o.name, 'official', {
        position: o.position,
        ...(unit ? { unit: [unit] } : {}),
        ...(o.phone ? { phone: o.phone } : {}),
        email: officialEmail(o.name, preset) ?? preset.contact.email,
        ...(o.duties ? { duties: o.duties } : {}),
        order: i + 1,
        receivesRequests: o.receivesRequests ? 'yes' : 'no',
      }),
    );
  }
  for (const intro of introductions(preset, full)) {
    await publish(entry(intro.title, 'introduction', { topic: intro.topic, order: intro.order }, { summary: intro.summary, bodyHtml: `${intro.html}${SAMPLE_NOTE}` }));
  }
}
