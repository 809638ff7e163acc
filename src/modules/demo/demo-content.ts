// Sample articles for the demo sites, so a fresh `npm start` shows a public
// site worth looking at. Every item says what it is (sample content of the
// trangtin demo), states only what the preset holds about the agency, and is
// published the real way: written by the contributor, taken through the
// site's review chain by the demo person of each step, published by whoever
// the chain lets publish.
import type { Role } from '../../core/permissions.ts';
import { vietnamDate, type Clock } from '../../core/time.ts';
import { escapeHtml } from '@kitajs/html';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { AuditActor } from '../audit/store.ts';
import { actOnArticle, type ArticleAction } from '../articles/act-on-article.ts';
import type { ArticleInput } from '../articles/save-article.ts';
import { blankArticle, createArticle } from '../articles/save-article.ts';
import { loadGrants } from '../members/grants.ts';
import { listSections } from '../sections/manage-sections.ts';
import type { Site } from '../sites/site.ts';
import type { DocumentDetails } from '../../core/documents/index.ts';
import type { DemoPicture } from './demo-pictures.ts';
import { regulationDate, type PresetUnit, type SitePreset } from './presets.ts';

const SAMPLE_SOURCE = 'Bài mẫu của bản trình diễn trangtin';
const SAMPLE_SOURCE_EN = 'Sample content of the trangtin demo';

/** Notifications of the demo's own publications go nowhere. */
const silentMailer: Mailer = { mode: 'outbox', send: async () => {} };

/** Who acts, in the order reviewers are tried at each step. */
const REVIEW_ORDER: Role[] = ['unit_head', 'secretariat', 'board_member', 'secretary', 'deputy', 'editor_in_chief'];
const PUBLISH_ORDER: Role[] = ['publisher', 'deputy', 'editor_in_chief'];

export interface DemoPeople {
  byRole: Partial<Record<Role, number>>;
  unitId: number | null;
  authorName: string;
  /** Illustrations in the site's media library (demo-pictures.ts), when the demo has a file store. */
  pictures?: Map<DemoPicture, { id: number; alt: string }>;
}

/** Sections a sample item introduces, with its picture: subjects of a portal, not the library or citizens' pages. */
const TOPIC_SECTIONS: { pattern: RegExp; picture: DemoPicture }[] = [
  { pattern: /^(Kinh tế|Tiềm năng|Dự án)/, picture: 'fields' },
  { pattern: /^(Văn hóa|An ninh|Xây dựng Đảng|Hoạt động|Hội nghị|Điểm tin|Cải cách)/, picture: 'village' },
];

export async function publishDemoArticles(db: Db, site: Site, preset: SitePreset, people: DemoPeople, clock: Clock): Promise<number> {
  const sections = await listSections(db, site.id);
  const sectionLike = (pattern: RegExp) => sections.find((s) => pattern.test(s.name))?.id ?? null;
  const news = sectionLike(/^Tin tức/);
  const about = sectionLike(/^Giới thiệu/);
  const notices = sectionLike(/^(Thông báo|Lịch)/) ?? news;
  const reference = sections.find((s) => s.is_reference === 1)?.id ?? null;
  const base = (title: string): ArticleInput => ({ ...blankArticle(title), source: SAMPLE_SOURCE, authorName: people.authorName, unitId: people.unitId });
  const cover = (picture: DemoPicture): Partial<ArticleInput> => {
    const media = people.pictures?.get(picture);
    return media ? { coverMediaId: media.id, coverAlt: media.alt } : {};
  };

  // A sample item in a couple of the site's subject sections, so the home page shows their blocks.
  for (const topic of TOPIC_SECTIONS) {
    const section = sections.find((x) => topic.pattern.test(x.name) && x.is_reference !== 1);
    if (!section) continue;
    await writeAndPublish(db, site, people, {
      ...base(`Chuyên mục ${section.name}`),
      ...cover(topic.picture),
      sectionId: section.id,
      summary: `Bài mẫu của bản trình diễn trangtin: chuyên mục «${section.name}» đăng tin, bài của ${preset.agencyName} về lĩnh vực này.`,
      bodyHtml: `<p>Đây là bài mẫu của bản trình diễn trangtin, đặt trong chuyên mục «${escapeHtml(section.name)}». Ảnh kèm theo là ảnh minh họa.</p>`,
      tags: ['bài mẫu'],
    }, clock);
  }

  // The regulation comes last: the newest news item with a picture leads the home page.
  const items: ArticleInput[] = [
    {
      ...base(`Giới thiệu ${preset.agencyName}`),
      ...cover('office'),
      kind: 'page',
      sectionId: about,
      summary: `${site.name} là kênh thông tin chính thức của ${preset.agencyName} trên Internet.`,
      bodyHtml: introHtml(preset),
    },
    {
      ...base('Hướng dẫn tìm kiếm và theo dõi tin bài trên trang'),
      ...cover('screen'),
      sectionId: news,
      summary: 'Tìm kiếm có dấu hoặc không dấu, lọc theo chuyên mục và thời gian, nhận tin mới qua RSS.',
      bodyHtml: [
        '<p>Ô tìm kiếm ở đầu mỗi trang nhận từ khóa có dấu hoặc không dấu: gõ "ha noi" cũng tìm được "Hà Nội", gõ "d" tìm được cả "đ".</p>',
        '<p>Đặt cụm từ trong dấu ngoặc kép, ví dụ "nông thôn mới", để tìm đúng cụm từ đó. Trang kết quả cho phép lọc theo chuyên mục, loại tin và khoảng thời gian đăng.</p>',
        '<p>Mỗi chuyên mục có nguồn tin RSS để theo dõi tin mới; nút A ở đầu trang đổi cỡ chữ cho dễ đọc.</p>',
      ].join(''),
      tags: ['hướng dẫn'],
    },
    {
      ...base('Thông báo về việc tiếp nhận ý kiến qua trang Liên hệ'),
      ...cover('letters'),
      sectionId: notices,
      summary: `${roleBoard(preset)} tiếp nhận ý kiến, thông tin của tổ chức, cá nhân gửi qua trang Liên hệ.`,
      bodyHtml: [
        `<p>Tổ chức, cá nhân có thể gửi ý kiến, thông tin tới ${escapeHtml(roleBoard(preset))} qua trang Liên hệ của trang thông tin điện tử.</p>`,
        '<p>Vui lòng ghi rõ họ tên và thư điện tử hoặc số điện thoại để được liên hệ lại. Ý kiến được chuyển tới bộ phận phụ trách xem xét, xử lý theo quy định.</p>',
        preset.contact.phone ? `<p>Điện thoại liên hệ: ${escapeHtml(preset.contact.phone)}.</p>` : '',
      ].join(''),
      tags: ['liên hệ'],
    },
    {
      ...base(`Ban hành ${lowerFirst(preset.regulation.title)}`),
      ...cover('hall'),
      sectionId: news,
      summary: regulationSummary(preset),
      bodyHtml: regulationHtml(preset),
      tags: ['quy chế', 'ban biên tập'],
    },
  ];
  if (reference !== null) {
    items.push({
      ...base('Một số cách nhận biết tin giả trên mạng xã hội'),
      sectionId: reference,
      isReference: true,
      summary: 'Kiểm tra nguồn tin, thời gian đăng và đối chiếu với trang thông tin chính thức của cơ quan nhà nước.',
      bodyHtml: '<ul><li>Xem tin được đăng ở đâu, ai chịu trách nhiệm.</li><li>Xem ngày đăng: tin cũ thường bị đăng lại như tin mới.</li><li>Đối chiếu với trang thông tin điện tử của cơ quan nhà nước có thẩm quyền.</li></ul>',
      tags: ['tin giả'],
    });
  }

  const ids: number[] = [];
  for (const item of items) ids.push(await writeAndPublish(db, site, people, item, clock));

  await publishDemoDocuments(db, site, preset, people, clock);

  if (site.languages.includes('en')) {
    const english = (title: string): ArticleInput => ({ ...blankArticle(title), language: 'en', source: SAMPLE_SOURCE_EN, authorName: people.authorName, unitId: people.unitId });
    const agency = preset.agencyNameEn ?? preset.agencyName;
    await writeAndPublish(db, site, people, {
      ...english(`About the ${agency}`),
      kind: 'page',
      sectionId: about,
      translationOfId: ids[0]!,
      summary: `${preset.nameEn ?? site.name} is the official information channel of the ${agency} on the Internet.`,
      bodyHtml: `<p>This page publishes news, documents, administrative procedures and announcements of the ${escapeHtml(agency)}. The Vietnamese pages are the reference version.</p>`,
    }, clock);
    await writeAndPublish(db, site, people, {
      ...english('Operating rules of the e-information page issued'),
      sectionId: news,
      translationOfId: ids[3]!,
      summary: 'The rules set out how information is received, edited, reviewed, published and corrected on this page.',
      bodyHtml: '<p>An editorial board receives information from units and collaborators, edits it and has it reviewed step by step before publication. Published information can be corrected or taken down, and every version is kept.</p>',
      tags: ['rules'],
    }, clock);
  }
  return ids.length;
}

/**
 * Sample documents: the two national decrees on what agencies publish on their
 * sites (the newer replaces the older), and the site's own regulation when the
 * preset gives its number. Their data are those of the real documents; no file
 * is attached, and the summary says they are samples.
 */
async function publishDemoDocuments(db: Db, site: Site, preset: SitePreset, people: DemoPeople, clock: Clock): Promise<void> {
  const note = 'Văn bản mẫu của bản trình diễn trangtin (không kèm tệp văn bản).';
  const doc = (title: string, details: Omit<DocumentDetails, 'statusOverride' | 'statusNote' | 'relations' | 'fields'> & { relations?: DocumentDetails['relations'] }): ArticleInput => ({
    ...blankArticle(title),
    kind: 'document',
    summary: note,
    unitId: people.unitId,
    document: { fields: ['Thông tin và truyền thông'], statusOverride: null, statusNote: null, relations: [], ...details },
  });
  const old = await writeAndPublish(db, site, people, doc('Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước', {
    number: '43/2011/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', signer: null, issuedOn: '2011-06-13', effectiveOn: '2011-08-01', expiresOn: null,
  }), clock);
  await writeAndPublish(db, site, people, doc('Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng', {
    number: '42/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', signer: null, issuedOn: '2022-06-24', effectiveOn: '2022-08-01', expiresOn: null,
    relations: [{ relation: 'replaces', toArticleId: old }],
  }), clock);
  const number = /^(\d+\/[^\s]+)/.exec(preset.regulation.decision ?? '')?.[1];
  if (number) {
    await writeAndPublish(db, site, people, doc(`Ban hành ${lowerFirst(preset.regulation.title)}`, {
      number, docType: 'quyet-dinh', issuer: preset.agencyName, level: site.level === 'province' ? 'provincial' : 'local', signer: null, issuedOn: regulationDate(preset), effectiveOn: null, expiresOn: null,
    }), clock);
  }
}

/** Writes the article as the contributor and takes it through the site's chain to publication. */
export async function writeAndPublish(db: Db, site: Site, people: DemoPeople, input: ArticleInput, clock: Clock): Promise<number> {
  const as = async (role: Role) => {
    const userId = people.byRole[role];
    if (userId === undefined) return null;
    const grants = await loadGrants(db, site, { id: userId, is_platform_admin: 0 }, vietnamDate(clock.now()));
    const actor: AuditActor = { siteId: site.id, userId, onBehalfOfUserId: null, label: 'trangtin demo', ip: null, userAgent: null };
    return { actor, grants };
  };
  const author = await as('contributor');
  if (!author) throw new Error('The demo needs a contributor');
  const { row } = await createArticle(db, author.actor, author.grants, input, {}, clock);
  const act = async (roles: Role[], action: ArticleAction): Promise<boolean> => {
    for (const role of roles) {
      const who = await as(role);
      if (!who) continue;
      try {
        await actOnArticle({ db, mailer: silentMailer, clock }, who.actor, who.grants, site, row.id, action);
        return true;
      } catch {
        // Not this person's step: try the next role.
      }
    }
    return false;
  };
  if (!(await act(['contributor'], { type: 'submit' }))) throw new Error(`Demo article not submitted: ${input.title}`);
  // Each step is taken by the first role the chain accepts; a chain has at most a handful of steps.
  for (let step = 0; step < 10; step += 1) {
    const current = await db.selectFrom('articles').select('review_state').where('id', '=', row.id).executeTakeFirstOrThrow();
    if (current.review_state === 'approved') break;
    if (!(await act(REVIEW_ORDER, { type: 'approve' }))) throw new Error(`Demo article stuck in review: ${input.title}`);
  }
  if (!(await act(PUBLISH_ORDER, { type: 'publish' }))) throw new Error(`Demo article not published: ${input.title}`);
  return row.id;
}

function introHtml(preset: SitePreset): string {
  const units = flattenUnits(preset.units).slice(0, 25);
  const contact = preset.contact;
  return [
    `<p>Trang thông tin điện tử đăng tải tin tức, văn bản, thủ tục hành chính, thông báo của ${escapeHtml(preset.agencyName)} và tiếp nhận ý kiến của tổ chức, cá nhân.</p>`,
    units.length > 0 ? `<h2>Cơ cấu tổ chức</h2><ul>${units.map((u) => `<li>${escapeHtml(u)}</li>`).join('')}</ul>` : '',
    '<h2>Liên hệ</h2>',
    contact.address ? `<p>Địa chỉ: ${escapeHtml(contact.address)}</p>` : '',
    contact.phone ? `<p>Điện thoại: ${escapeHtml(contact.phone)}</p>` : '',
    contact.email ? `<p>Thư điện tử: ${escapeHtml(contact.email)}</p>` : '',
  ].join('');
}

function regulationSummary(preset: SitePreset): string {
  const decision = preset.regulation.decision && !preset.regulation.decision.startsWith('…') ? `theo Quyết định số ${preset.regulation.decision}` : `năm ${preset.regulation.year}`;
  return `${preset.agencyName} ban hành ${lowerFirst(preset.regulation.title)} ${decision}.`;
}

function regulationHtml(preset: SitePreset): string {
  return [
    `<p>${escapeHtml(regulationSummary(preset))}</p>`,
    `<p>Quy chế quy định việc tổ chức ${escapeHtml(roleBoard(preset))}; việc tiếp nhận, biên tập, duyệt và đăng tải thông tin; việc đính chính, gỡ bỏ thông tin; trách nhiệm của các cơ quan, đơn vị trong việc cung cấp thông tin.</p>`,
  ].join('');
}

function roleBoard(preset: SitePreset): string {
  return preset.labels.board ?? 'Ban Biên tập';
}

function flattenUnits(units: PresetUnit[]): string[] {
  return units.flatMap((u) => [u.name, ...flattenUnits(u.children ?? [])]);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
