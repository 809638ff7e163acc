// The provision record of an item as the editor sets it: when the board
// received it (null: its first submission, filled in at submit), how it came,
// which provision deadline applies, and the board member who vouched for it.
// Read from the editor form, checked against the site, written with the save.
import { DomainError, type Problem } from '../../core/errors.ts';
import { can, type Grants } from '../../core/permissions.ts';
import { PROVISION_CATEGORIES, RECEIVED_VIA, type ProvisionCategory, type ReceivedVia } from '../../core/provision/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { FormReader, FormValues } from '../../platform/http/form.ts';
import { localDateTime, toLocalDate } from '../../core/calendar/index.ts';
import { boardMembersOf } from './store.ts';

export interface ProvisionFields {
  receivedAt: string | null;
  receivedVia: ReceivedVia | null;
  category: ProvisionCategory | null;
  vouchedByUserId: number | null;
}

export const provisionFieldText = {
  vi: {
    heading: 'Cung cấp tin',
    receivedShort: 'Thời điểm nhận',
    vouchedShort: 'Người bảo đảm nội dung',
    receivedAt: 'Thời điểm {board} nhận tin, bài',
    receivedAtHint: 'Ngày văn bản đến hoặc ngày nhận thư điện tử. Để trống: lấy thời điểm gửi duyệt lần đầu.',
    receivedVia: 'Nhận qua',
    category: 'Thời hạn cung cấp áp dụng',
    noCategory: '— Không áp dụng —',
    vouchedBy: 'Thành viên {board} bảo đảm nội dung',
    nobody: '— Không có —',
    badTime: 'Thời điểm nhận: nhập ngày và giờ (dd/mm/yyyy hh:mm).',
    future: 'Thời điểm nhận không thể ở tương lai.',
    notBoard: 'Người bảo đảm nội dung phải là một người trong danh sách được chọn.',
  },
  en: {
    heading: 'Provision',
    receivedShort: 'Received',
    vouchedShort: 'Vouched by',
    receivedAt: 'When the {board} received it',
    receivedAtHint: 'Date of arrival or of e-mail receipt. Empty: its first submission.',
    receivedVia: 'Received by',
    category: 'Provision deadline that applies',
    noCategory: '— None —',
    vouchedBy: 'Member of the {board} who vouched for it',
    nobody: '— Nobody —',
    badTime: 'Received: a date and a time.',
    future: 'The receipt time cannot be in the future.',
    notBoard: 'Whoever vouches must be one of the people listed.',
  },
} as const;

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

/** The form values of an item's provision record ('receivedAt' as a datetime-local value in Vietnam time). */
/**
 * Who records an item's provision (receipt, deadline category, the board member who vouches): the board
 * and the unit heads who review, not the authors — these fields decide quotas, deadlines and whose
 * figures an item counts in.
 */
export function mayRecordProvision(grants: Grants): boolean {
  return can(grants, 'content.review') || can(grants, 'reports.prepare');
}

export function provisionFormValues(row: Pick<ArticleRow, 'received_at' | 'received_via' | 'provision_category' | 'vouched_by_user_id'>): FormValues {
  const at = row.received_at ? new Date(row.received_at) : null;
  return {
    receivedAt: at ? `${toLocalDate(at)}T${VIETNAM_TIME.format(at)}` : '',
    receivedVia: row.received_via ?? '',
    provisionCategory: row.provision_category ?? '',
    vouchedBy: row.vouched_by_user_id ? String(row.vouched_by_user_id) : '',
  };
}

/** Reads the provision fieldset; problems of shape go to the form. */
export function readProvisionForm(form: FormReader, lang: 'vi' | 'en'): ProvisionFields {
  const t = provisionFieldText[lang];
  const typed = form.text('receivedAt', { label: t.receivedShort, max: 20 });
  let receivedAt: string | null = null;
  if (typed) {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(typed);
    try {
      receivedAt = m ? localDateTime(m[1]!, m[2]!).toISOString() : null;
    } catch {
      receivedAt = null;
    }
    if (!receivedAt) form.fail('receivedAt', t.badTime);
  }
  return {
    receivedAt,
    receivedVia: form.choice('receivedVia', RECEIVED_VIA, { label: t.receivedVia }),
    category: form.choice('provisionCategory', PROVISION_CATEGORIES, { label: t.category }),
    vouchedByUserId: form.id('vouchedBy', { label: t.vouchedShort }),
  };
}

/** Problems with a provision record on a site: who vouched must be on its board; receipt not in the future. */
export async function provisionProblems(db: Db, siteId: number, fields: ProvisionFields, now: Date): Promise<Problem[]> {
  const problems: Problem[] = [];
  if (fields.receivedAt && new Date(fields.receivedAt).getTime() > now.getTime() + 60_000) {
    problems.push({ code: 'received_in_future', field: 'receivedAt', vi: provisionFieldText.vi.future, en: provisionFieldText.en.future });
  }
  if (fields.vouchedByUserId !== null && !(await boardMembersOf(db, siteId)).some((m) => m.id === fields.vouchedByUserId)) {
    problems.push({ code: 'not_board_member', field: 'vouchedBy', vi: provisionFieldText.vi.notBoard, en: provisionFieldText.en.notBoard });
  }
  return problems;
}

export async function checkProvision(db: Db, siteId: number, fields: ProvisionFields | undefined, now: Date): Promise<void> {
  if (!fields) return;
  const problems = await provisionProblems(db, siteId, fields, now);
  if (problems.length > 0) throw new DomainError(problems);
}

/** The article columns of a provision record. */
export function provisionColumns(fields: ProvisionFields) {
  return { received_at: fields.receivedAt, received_via: fields.receivedVia, provision_category: fields.category, vouched_by_user_id: fields.vouchedByUserId };
}

/** What changed in a provision record, for the audit row; null when nothing did. */
export function provisionChanges(row: Pick<ArticleRow, 'received_at' | 'received_via' | 'provision_category' | 'vouched_by_user_id'>, fields: ProvisionFields): Record<string, unknown> | null {
  const next = provisionColumns(fields);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = row[key as keyof typeof next];
    if (before !== value) changes[key] = { from: before, to: value };
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
