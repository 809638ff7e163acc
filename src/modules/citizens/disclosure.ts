// The list of information the agency discloses ("Chuyên mục về tiếp cận thông
// tin", Law 104/2016 Art. 17, 19): items grouped by category, each with the
// place it is published. Every change is audited in its transaction and drops
// the site's cached pages after commit.
import { DomainError, type Problem } from '../../core/errors.ts';
import { isoNow, parseDateInput, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { DisclosureItemRow } from '../../platform/db/schema.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { Lang } from '../../ui/i18n.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { paths } from '../public/site-view.ts';

/** The categories of Law 104/2016 Art. 17(1), in the order the public page shows them. */
export const DISCLOSURE_CATEGORIES = ['legal', 'procedures', 'guidance', 'drafts', 'plans', 'budget', 'investment', 'organisation', 'personnel', 'reports', 'services', 'other'] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];

export const DISCLOSURE_CATEGORY_NAMES: Record<DisclosureCategory, Record<Lang, string>> = {
  legal: { vi: 'Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung', en: 'Legal documents and generally applicable administrative documents' },
  procedures: { vi: 'Thủ tục hành chính, quy trình giải quyết công việc', en: 'Administrative procedures and how matters are handled' },
  guidance: { vi: 'Phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách', en: 'Guidance on laws, regimes and policies' },
  drafts: { vi: 'Dự thảo văn bản quy phạm pháp luật lấy ý kiến', en: 'Draft legal documents open for comment' },
  plans: { vi: 'Chiến lược, chương trình, dự án, đề án, kế hoạch, quy hoạch phát triển kinh tế – xã hội', en: 'Strategies, programmes, projects, plans and planning' },
  budget: { vi: 'Dự toán, quyết toán ngân sách; quản lý, sử dụng tài chính, tài sản công', en: 'Budget estimates and settlements; public finance and property' },
  investment: { vi: 'Đầu tư công, mua sắm công, danh mục dự án', en: 'Public investment, procurement and projects' },
  organisation: { vi: 'Cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn; thông tin liên hệ', en: 'Organisation, functions, duties and contacts' },
  personnel: { vi: 'Tuyển dụng, sử dụng, quản lý cán bộ, công chức, viên chức', en: 'Recruitment and management of officials' },
  reports: { vi: 'Báo cáo, thống kê; kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo', en: 'Reports and statistics; inspections, complaints and denunciations' },
  services: { vi: 'Danh mục thông tin công khai khác; dịch vụ công, hỏi đáp', en: 'Other published information; public services, questions and answers' },
  other: { vi: 'Thông tin khác', en: 'Other information' },
};

export function isDisclosureCategory(value: unknown): value is DisclosureCategory {
  return typeof value === 'string' && (DISCLOSURE_CATEGORIES as readonly string[]).includes(value);
}

export function categoryName(category: string, lang: Lang): string {
  return isDisclosureCategory(category) ? DISCLOSURE_CATEGORY_NAMES[category][lang] : category;
}

/** Forms of disclosure, Law 104/2016 Art. 18(1). */
export const DISCLOSURE_FORMS = ['website', 'gazette', 'media', 'notice_board', 'press', 'other'] as const;
export type DisclosureForm = (typeof DISCLOSURE_FORMS)[number];

export const DISCLOSURE_FORM_NAMES: Record<DisclosureForm, Record<Lang, string>> = {
  website: { vi: 'Đăng tải trên cổng/trang thông tin điện tử', en: 'On the agency’s website' },
  gazette: { vi: 'Đăng Công báo', en: 'In the Official Gazette' },
  media: { vi: 'Phương tiện thông tin đại chúng', en: 'In the mass media' },
  notice_board: { vi: 'Niêm yết tại trụ sở', en: 'Posted at the office' },
  press: { vi: 'Họp báo, thông cáo báo chí', en: 'Press conference or release' },
  other: { vi: 'Hình thức khác', en: 'Other' },
};

export function formName(form: string | null, lang: Lang): string {
  return form && (DISCLOSURE_FORMS as readonly string[]).includes(form) ? DISCLOSURE_FORM_NAMES[form as DisclosureForm][lang] : (form ?? '');
}

export interface DisclosureInput {
  category: string;
  title: string;
  /** A path on this site ("/van-ban") or an http(s) address; null when not yet published online. */
  url: string | null;
  note: string | null;
  /** Decree 13/2018 Art. 6: number or symbol, date (dd/mm/yyyy or yyyy-mm-dd), form, time and duration of disclosure. */
  docNumber?: string | null;
  docDate?: string | null;
  form?: string | null;
  disclosedOn?: string | null;
  duration?: string | null;
}

/** The Decree 13/2018 columns of an item, as stored. */
function decreeColumns(item: DisclosureInput) {
  return { doc_number: item.docNumber ?? null, doc_date: item.docDate ?? null, form: item.form ?? null, disclosed_on: item.disclosedOn ?? null, duration: item.duration ?? null };
}

/** The site's items in the order of the categories, then their own order. */
export async function listDisclosure(db: Db, siteId: number): Promise<DisclosureItemRow[]> {
  const rows = await db.selectFrom('disclosure_items').selectAll().where('site_id', '=', siteId).orderBy('sort_order').orderBy('id').execute();
  const rank = (c: string) => (isDisclosureCategory(c) ? DISCLOSURE_CATEGORIES.indexOf(c) : DISCLOSURE_CATEGORIES.length);
  return rows.sort((a, b) => rank(a.category) - rank(b.category));
}

export async function getDisclosureItem(db: Db, siteId: number, id: number): Promise<DisclosureItemRow | undefined> {
  return db.selectFrom('disclosure_items').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
}

/** The input made tidy, or every problem with it. */
export function checkDisclosure(input: DisclosureInput): DisclosureInput {
  const problems: Problem[] = [];
  const title = normalizeInput(input.title ?? '');
  const url = normalizeInput(input.url ?? '');
  const note = normalizeInput(input.note ?? '');
  if (!isDisclosureCategory(input.category)) problems.push({ code: 'invalid_category', field: 'category', vi: 'Vui lòng chọn nhóm thông tin.', en: 'Please choose a category.' });
  if (!title) problems.push({ code: 'required', field: 'title', vi: 'Vui lòng nhập tên thông tin.', en: 'Please enter the name of the information.' });
  else if ([...title].length > 300) problems.push({ code: 'too_long', field: 'title', vi: 'Tên thông tin không được dài quá 300 ký tự.', en: 'The name must be at most 300 characters.' });
  if (url && !(/^\/(?!\/)[^\s]*$/.test(url) || /^https?:\/\/[^\s/]+[^\s]*$/i.test(url)) ) {
    problems.push({ code: 'invalid_url', field: 'url', vi: 'Đường dẫn phải là một trang của trang này (bắt đầu bằng /, ví dụ /van-ban) hoặc một địa chỉ http(s)://.', en: 'The link must be a page of this site (starting with /, e.g. /van-ban) or an http(s):// address.' });
  } else if (url.length > 500) problems.push({ code: 'too_long', field: 'url', vi: 'Đường dẫn quá dài.', en: 'The link is too long.' });
  if ([...note].length > 1000) problems.push({ code: 'too_long', field: 'note', vi: 'Ghi chú không được dài quá 1000 ký tự.', en: 'The note must be at most 1000 characters.' });
  const decree = checkDecreeFields(input, problems);
  if (problems.length > 0) throw new DomainError(problems);
  return { category: input.category, title, url: url || null, note: note || null, ...decree };
}

/** Number or symbol, dates, form and duration of Decree 13/2018 Art. 6; problems added to `problems`. */
function checkDecreeFields(input: DisclosureInput, problems: Problem[]): Required<Pick<DisclosureInput, 'docNumber' | 'docDate' | 'form' | 'disclosedOn' | 'duration'>> {
  const docNumber = normalizeInput(input.docNumber ?? '');
  const duration = normalizeInput(input.duration ?? '');
  const form = normalizeInput(input.form ?? '');
  const date = (field: 'docDate' | 'disclosedOn', vi: string, en: string): string | null => {
    const typed = normalizeInput(input[field] ?? '');
    if (!typed) return null;
    const iso = parseDateInput(typed);
    if (!iso) problems.push({ code: 'invalid_date', field, vi: `${vi} không hợp lệ (ngày/tháng/năm, ví dụ 05/11/2026).`, en: `${en} is not a valid date (dd/mm/yyyy).` });
    return iso;
  };
  if ([...docNumber].length > 60) problems.push({ code: 'too_long', field: 'docNumber', vi: 'Số, ký hiệu không được dài quá 60 ký tự.', en: 'The number or symbol must be at most 60 characters.' });
  const docDate = date('docDate', 'Ngày ban hành', 'The date');
  const disclosedOn = date('disclosedOn', 'Thời điểm công khai', 'The disclosure date');
  if (docDate && disclosedOn && disclosedOn < docDate) problems.push({ code: 'disclosed_before_issued', field: 'disclosedOn', vi: 'Thời điểm công khai không được trước ngày ban hành.', en: 'The disclosure date cannot be before the date of the information.' });
  if (form && !(DISCLOSURE_FORMS as readonly string[]).includes(form)) problems.push({ code: 'invalid_form', field: 'form', vi: 'Vui lòng chọn hình thức công khai trong danh sách.', en: 'Please choose a form of disclosure from the list.' });
  if ([...duration].length > 100) problems.push({ code: 'too_long', field: 'duration', vi: 'Thời hạn công khai không được dài quá 100 ký tự.', en: 'The duration must be at most 100 characters.' });
  return { docNumber: docNumber || null, docDate, form: form || null, disclosedOn, duration: duration || null };
}

async function nextOrder(db: Db, siteId: number): Promise<number> {
  const row = await db.selectFrom('disclosure_items').select((eb) => eb.fn.max('sort_order').as('m')).where('site_id', '=', siteId).executeTakeFirst();
  return Number(row?.m ?? 0) + 10;
}

export async function addDisclosureItem(db: Db, actor: AuditActor, input: DisclosureInput, clock: Clock): Promise<number> {
  const item = checkDisclosure(input);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('disclosure_items')
      .values({ site_id: actor.siteId, category: item.category, title: item.title, url: item.url, note: item.note, ...decreeColumns(item), sort_order: await nextOrder(trx, actor.siteId), updated_at: isoNow(clock) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'disclosure.add', targetType: 'disclosure_item', targetId: row.id, details: { ...item } }, clock);
    return row.id;
  });
  siteContentChanged(actor.siteId);
  return id;
}

function decreeColumnsOf(row: DisclosureItemRow): Partial<DisclosureInput> {
  return { docNumber: row.doc_number, docDate: row.doc_date, form: row.form, disclosedOn: row.disclosed_on, duration: row.duration };
}

const notFoundItem = () => new DomainError({ code: 'not_found', vi: 'Không tìm thấy mục thông tin này.', en: 'Item not found.' }, 404);

export async function updateDisclosureItem(db: Db, actor: AuditActor, id: number, input: DisclosureInput, clock: Clock): Promise<void> {
  const item = checkDisclosure(input);
  await db.transaction().execute(async (trx) => {
    const before = await getDisclosureItem(trx, actor.siteId, id);
    if (!before) throw notFoundItem();
    await trx.updateTable('disclosure_items').set({ category: item.category, title: item.title, url: item.url, note: item.note, ...decreeColumns(item), updated_at: isoNow(clock) }).where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'disclosure.update', targetType: 'disclosure_item', targetId: id, details: { before: { category: before.category, title: before.title, url: before.url, note: before.note, ...decreeColumnsOf(before) }, after: { ...item } } }, clock);
  });
  siteContentChanged(actor.siteId);
}

export async function removeDisclosureItem(db: Db, actor: AuditActor, id: number, clock: Clock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getDisclosureItem(trx, actor.siteId, id);
    if (!before) throw notFoundItem();
    await trx.deleteFrom('disclosure_items').where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'disclosure.remove', targetType: 'disclosure_item', targetId: id, details: { category: before.category, title: before.title, url: before.url } }, clock);
  });
  siteContentChanged(actor.siteId);
}

/** Moves an item one place up or down within its category; at either end nothing changes. */
export async function moveDisclosureItem(db: Db, actor: AuditActor, id: number, direction: 'up' | 'down', clock: Clock): Promise<boolean> {
  const moved = await db.transaction().execute(async (trx) => {
    const item = await getDisclosureItem(trx, actor.siteId, id);
    if (!item) throw notFoundItem();
    const group = (await listDisclosure(trx, actor.siteId)).filter((r) => r.category === item.category);
    const at = group.findIndex((r) => r.id === id);
    const to = direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= group.length) return false;
    [group[at], group[to]] = [group[to]!, group[at]!];
    // Renumber the category in its new order, keeping its place among the others.
    const orders = group.map((r) => r.sort_order).sort((a, b) => a - b);
    const distinct = orders.every((o, i) => i === 0 || o > orders[i - 1]!);
    for (let i = 0; i < group.length; i++) {
      const order = distinct ? orders[i]! : orders[0]! + i;
      if (group[i]!.sort_order !== order) await trx.updateTable('disclosure_items').set({ sort_order: order }).where('site_id', '=', actor.siteId).where('id', '=', group[i]!.id).execute();
    }
    await appendAudit(trx, actor, { action: 'disclosure.move', targetType: 'disclosure_item', targetId: id, details: { direction } }, clock);
    return true;
  });
  if (moved) siteContentChanged(actor.siteId);
  return moved;
}

/** A starting list from Law 104/2016 Art. 17, linking to this site's own pages where they fit. */
export function starterDisclosure(): DisclosureInput[] {
  // Pages of this site are published on the website for as long as the site runs.
  const item = (category: DisclosureCategory, title: string, url: string | null, note: string | null = null): DisclosureInput => ({ category, title, url, note, form: url ? 'website' : null, duration: url ? 'Thường xuyên' : null });
  const later = 'Cập nhật đường dẫn khi thông tin được đăng tải.';
  return [
    item('legal', 'Văn bản quy phạm pháp luật và văn bản hành chính do cơ quan ban hành', paths.documents('vi')),
    item('procedures', 'Thủ tục hành chính thuộc thẩm quyền giải quyết', paths.procedures('vi')),
    item('guidance', 'Hỏi – đáp: công dân, doanh nghiệp hỏi – cơ quan nhà nước trả lời', paths.questions('vi')),
    item('guidance', 'Phản ánh, kiến nghị về quy định hành chính và kết quả xử lý', paths.petitions('vi')),
    item('drafts', 'Dự thảo văn bản lấy ý kiến nhân dân', paths.consultations('vi')),
    item('plans', 'Kế hoạch phát triển kinh tế – xã hội hằng năm và 5 năm', null, later),
    item('budget', 'Dự toán ngân sách được giao và quyết toán ngân sách hằng năm', null, later),
    item('investment', 'Danh mục dự án đầu tư công, kế hoạch lựa chọn nhà thầu', null, later),
    item('organisation', 'Cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn và thông tin liên hệ của cơ quan', paths.contact('vi')),
    item('personnel', 'Thông báo tuyển dụng công chức, viên chức', null, later),
    item('reports', 'Báo cáo kết quả thực hiện nhiệm vụ; kết luận thanh tra, kiểm tra', null, later),
    item('services', 'Yêu cầu cung cấp thông tin và tra cứu tình trạng xử lý', paths.infoRequest('vi')),
  ];
}

/** Loads the starter list into an empty list; refused when the site already has items (to avoid duplicates). */
export async function loadStarterDisclosure(db: Db, actor: AuditActor, clock: Clock): Promise<number> {
  const items = starterDisclosure();
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('disclosure_items').select('id').where('site_id', '=', actor.siteId).limit(1).execute();
    if (existing.length > 0) throw new DomainError({ code: 'not_empty', vi: 'Danh mục đã có thông tin; bộ mẫu chỉ nạp vào danh mục trống.', en: 'The list already has items; the starter set only loads into an empty list.' }, 409);
    const now = isoNow(clock);
    await trx
      .insertInto('disclosure_items')
      .values(items.map((i, n) => ({ site_id: actor.siteId, category: i.category, title: i.title, url: i.url, note: i.note, ...decreeColumns(i), sort_order: (n + 1) * 10, updated_at: now })))
      .execute();
    await appendAudit(trx, actor, { action: 'disclosure.starter', targetType: 'disclosure_item', details: { count: items.length } }, clock);
  });
  siteContentChanged(actor.siteId);
  return items.length;
}
