// Provision (cung cấp thông tin): what counts as a provided item, which
// provision deadline applies to it, and how the periods quotas are judged on
// are cut. Pure: rules, calendar and times come from the caller.
// How provision is measured is decided in docs/adr/0015-how-provision-is-measured.md.
import type { DeadlineRule, WorkingCalendar } from '../calendar/index.ts';
import { addDays, isoWeekday, localDateTime, toLocalDate } from '../calendar/index.ts';
import type { DeadlineUnit } from '../rule-catalogue.ts';

/** The kinds of item counted as provided (pages — introduction, organisation — are not). */
export const PROVISION_KINDS = ['news', 'article', 'photo', 'video', 'document', 'translation', 'collected'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

export function isProvisionKind(value: string): value is ProvisionKind {
  return (PROVISION_KINDS as readonly string[]).includes(value);
}

/** How the board received an item. */
export const RECEIVED_VIA = ['system', 'email', 'paper', 'phone'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];

export const RECEIVED_VIA_LABELS: Record<ReceivedVia, { vi: string; en: string }> = {
  system: { vi: 'Gửi trên hệ thống', en: 'Submitted here' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  paper: { vi: 'Văn bản giấy', en: 'Paper' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
};

/** Which provision deadline applies to an item (articles.provision_category). */
export const PROVISION_CATEGORIES = ['event_news', 'own_document', 'major_event', 'monthly_data', 'meeting_news', 'disclosure'] as const;
export type ProvisionCategory = (typeof PROVISION_CATEGORIES)[number];

export function isProvisionCategory(value: string): value is ProvisionCategory {
  return (PROVISION_CATEGORIES as readonly string[]).includes(value);
}

export interface CategoryDefinition {
  /** The dated rule that sets the deadline. */
  rule: string;
  vi: string;
  en: string;
  /** What the deadline counts from. */
  from: 'event' | 'signing' | 'month' | 'creation';
}

export const CATEGORY_DEFINITIONS: Record<ProvisionCategory, CategoryDefinition> = {
  event_news: { rule: 'deadline.news_after_event', vi: 'Tin sự kiện (tính từ khi diễn ra)', en: 'Event news (from the event)', from: 'event' },
  own_document: { rule: 'deadline.document_after_signing', vi: 'Văn bản do cơ quan, đơn vị ban hành (tính từ ngày ký)', en: 'Own document (from signing)', from: 'signing' },
  major_event: { rule: 'deadline.major_event', vi: 'Hội nghị, sự kiện lớn', en: 'Conference or major event', from: 'event' },
  monthly_data: { rule: 'deadline.monthly_data_day', vi: 'Số liệu kinh tế - xã hội hằng tháng', en: 'Monthly socio-economic data', from: 'month' },
  meeting_news: { rule: 'deadline.meeting_news', vi: 'Tin buổi làm việc, lịch mời họp', en: 'Meeting news and invitations', from: 'event' },
  disclosure: { rule: 'deadline.information_disclosure', vi: 'Thông tin phải công khai (tính từ khi tạo lập)', en: 'Information to disclose (from creation)', from: 'creation' },
};

/** Defaults where a seed fixes the figure but a site may not have stored the rule. */
export const MONTHLY_DATA_DEFAULT_DAY = 30; // 003 Đ10.2a: "chậm nhất vào ngày 30 hàng tháng"
export const MEETING_NEWS_DEFAULT: DeadlineRule = { amount: 4, unit: 'working_hours' }; // 002 Đ11.1b–c: "ngay"
export const REMINDER_DEFAULT_WORKING_DAYS = 3;

// ---- Deadlines ------------------------------------------------------------------------------

export interface ProvisionTimes {
  eventAt: string | null;
  /** Signing date (YYYY-MM-DD) of a document. */
  signedOn: string | null;
  createdAt: string;
  receivedAt: string | null;
  firstPublishedAt: string;
}

/** The rule a category is judged by: a duration, or a day of the month (monthly data). */
export type CategoryRule = { kind: 'duration'; rule: DeadlineRule } | { kind: 'day_of_month'; day: number };

export interface DeadlineOutcome {
  /** The instant the count starts from (UTC ISO). */
  from: string;
  dueAt: string;
  late: boolean;
  /** Working hours between the deadline and publication (0 when on time). */
  delayHours: number;
  /** How the delay reads: in working hours for rules in hours, else in working days. */
  delayUnit: 'working_hours' | 'working_days';
}

/** The day (YYYY-MM-DD) the count of a category starts on, used to pick the rule version in force. */
export function deadlineStartDate(category: ProvisionCategory, t: ProvisionTimes): string | null {
  const start = deadlineStart(category, t);
  return start ? toLocalDate(start) : null;
}

function deadlineStart(category: ProvisionCategory, t: ProvisionTimes): Date | null {
  switch (CATEGORY_DEFINITIONS[category].from) {
    case 'event':
      return t.eventAt ? new Date(t.eventAt) : null;
    case 'signing':
      return t.signedOn ? localDateTime(t.signedOn) : null;
    case 'month':
      // The data of the month the item reports on: its event date, else when it was received.
      return new Date(t.eventAt ?? t.receivedAt ?? t.createdAt);
    case 'creation':
      return new Date(t.eventAt ?? t.createdAt);
  }
}

/** The last moment of day `day` of the month of `date` (the month's last day when shorter: February). */
export function dayOfMonthDeadline(date: string, day: number): Date {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const due = `${date.slice(0, 7)}-${String(Math.min(day, last)).padStart(2, '0')}`;
  return localDateTime(addDays(due, 1));
}

/**
 * Whether an item met its provision deadline. Publication (first_published_at)
 * is what is measured: the reader could see it then. Null when the item lacks
 * the time the count starts from.
 */
export function evaluateDeadline(category: ProvisionCategory, t: ProvisionTimes, rule: CategoryRule, calendar: WorkingCalendar): DeadlineOutcome | null {
  const start = deadlineStart(category, t);
  if (!start) return null;
  const due = rule.kind === 'duration' ? calendar.deadline(start, rule.rule) : dayOfMonthDeadline(toLocalDate(start), rule.day);
  const published = new Date(t.firstPublishedAt);
  const late = published.getTime() > due.getTime();
  const delayHours = late ? Math.max(0, calendar.workingHoursBetween(due, published)) : 0;
  const delayUnit: DeadlineOutcome['delayUnit'] = rule.kind === 'duration' && rule.rule.unit === 'working_hours' ? 'working_hours' : 'working_days';
  return { from: start.toISOString(), dueAt: due.toISOString(), late, delayHours: round2(delayHours), delayUnit };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A delay in working time, in Vietnamese or English ("2 giờ 30 phút làm việc", "1,5 ngày làm việc"). */
export function formatDelay(hours: number, unit: 'working_hours' | 'working_days', hoursPerDay: number, lang: 'vi' | 'en'): string {
  if (unit === 'working_days') {
    const days = Math.round((hours / hoursPerDay) * 10) / 10;
    const text = lang === 'vi' ? String(days).replace('.', ',') : String(days);
    if (days === 0) return lang === 'vi' ? 'dưới 0,1 ngày làm việc' : 'under 0.1 working day';
    return lang === 'vi' ? `${text} ngày làm việc` : `${text} working day${days === 1 ? '' : 's'}`;
  }
  const total = Math.round(hours * 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (lang === 'vi') {
    if (total === 0) return 'dưới 1 phút làm việc';
    return `${h > 0 ? `${h} giờ` : ''}${h > 0 && m > 0 ? ' ' : ''}${m > 0 ? `${m} phút` : ''} làm việc`;
  }
  if (total === 0) return 'under a working minute';
  return `${h > 0 ? `${h} h` : ''}${h > 0 && m > 0 ? ' ' : ''}${m > 0 ? `${m} min` : ''} working time`;
}

/** Reads a deadline.* value; null when unreadable. */
export function deadlineRuleOf(value: unknown): DeadlineRule | null {
  const v = value as { amount?: unknown; unit?: unknown } | null;
  if (!v || typeof v.amount !== 'number' || !Number.isInteger(v.amount) || v.amount < 0) return null;
  if (!['working_hours', 'working_days', 'calendar_days'].includes(String(v.unit))) return null;
  return { amount: v.amount, unit: v.unit as DeadlineUnit };
}

/** Reads deadline.monthly_data_day ({day: 1–31}); null when unreadable. */
export function monthlyDayOf(value: unknown): number | null {
  const day = (value as { day?: unknown } | null)?.day;
  return typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 31 ? day : null;
}

// ---- Periods --------------------------------------------------------------------------------

export type QuotaPer = 'week' | 'month' | 'year';

/** A period quotas are judged on: whole Vietnam days, `from`–`to` inclusive. */
export interface QuotaPeriod {
  per: QuotaPer;
  /** "2026-W36", "2026-09", "2026". */
  key: string;
  from: string;
  to: string;
}

/** The Monday of the ISO week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The ISO week key of a date ("2026-W36"): the year is that of the week's Thursday. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const week = Math.round((Date.parse(mondayOf(thursday)) - Date.parse(mondayOf(jan4))) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function weekPeriod(date: string): QuotaPeriod {
  const from = mondayOf(date);
  return { per: 'week', key: isoWeekKey(from), from, to: addDays(from, 6) };
}

export function monthQuotaPeriod(date: string): QuotaPeriod {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { per: 'month', key: date.slice(0, 7), from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

export function yearQuotaPeriod(date: string): QuotaPeriod {
  const y = date.slice(0, 4);
  return { per: 'year', key: y, from: `${y}-01-01`, to: `${y}-12-31` };
}

export function quotaPeriodOf(per: QuotaPer, date: string): QuotaPeriod {
  return per === 'week' ? weekPeriod(date) : per === 'month' ? monthQuotaPeriod(date) : yearQuotaPeriod(date);
}

/**
 * The quota periods of one length within a report period: those whose last
 * day falls in it (a week that starts in August and ends in September belongs
 * to September), so each period is judged once, in the report where it ends.
 */
export function periodsEnding(per: QuotaPer, from: string, to: string): QuotaPeriod[] {
  const out: QuotaPeriod[] = [];
  let p = quotaPeriodOf(per, from);
  if (p.to < from) p = quotaPeriodOf(per, addDays(p.to, 1));
  while (p.to <= to) {
    out.push(p);
    p = quotaPeriodOf(per, addDays(p.to, 1));
  }
  return out;
}

/** The UTC instants bounding a period's Vietnam days: [start, end). */
export function instantRange(from: string, to: string): { start: string; end: string } {
  return { start: localDateTime(from).toISOString(), end: localDateTime(addDays(to, 1)).toISOString() };
}

// ---- Quotas ---------------------------------------------------------------------------------

export interface QuotaValueOf {
  min: number;
  per: QuotaPer;
}

export function quotaValueOf(value: unknown): QuotaValueOf | null {
  const v = value as { min?: unknown; per?: unknown } | null;
  if (!v || typeof v.min !== 'number' || !Number.isInteger(v.min) || v.min < 0 || !['week', 'month', 'year'].includes(String(v.per))) return null;
  return { min: v.min, per: v.per as QuotaPer };
}

export interface KindQuota extends QuotaValueOf {
  kind: ProvisionKind;
}

/** quota.unit_kind: one {min, per, kind} or a list of them. */
export function kindQuotasOf(value: unknown): KindQuota[] {
  const list = Array.isArray(value) ? value : [value];
  const out: KindQuota[] = [];
  for (const item of list) {
    const q = quotaValueOf(item);
    const kind = (item as { kind?: unknown } | null)?.kind;
    if (q && typeof kind === 'string' && isProvisionKind(kind)) out.push({ ...q, kind });
  }
  return out;
}

/** Problems with a quota.unit_kind value (catalogue validation). */
export function kindQuotaProblems(value: unknown): boolean {
  const list = Array.isArray(value) ? value : [value];
  return list.length === 0 || kindQuotasOf(value).length !== list.length;
}

/**
 * The day a quota period is judged on: its last day. The rule version in force
 * that day sets the minimum and the length of the period, so a rule changed in
 * the middle of a month judges that whole month (ADR 0015).
 */
export function judgedOn(period: QuotaPeriod): string {
  return period.to;
}

// ---- Reminders ------------------------------------------------------------------------------

/** Working days from `today` to the period's last day, both counted. */
export function workingDaysLeft(calendar: WorkingCalendar, today: string, periodTo: string): number {
  let n = 0;
  for (let d = today; d <= periodTo; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n += 1;
  return n;
}

/**
 * Whether today is a day to remind of a period: a working day on which `days`
 * working days or fewer remain (today counted). Later days in the window are
 * catch-up days when a run was missed; once per period per person is kept by
 * the caller's record.
 */
export function isReminderDay(calendar: WorkingCalendar, today: string, period: QuotaPeriod, days: number): boolean {
  if (!calendar.isWorkingDay(today) || today < period.from || today > period.to) return false;
  return workingDaysLeft(calendar, today, period.to) <= days;
}

/** A week key "2026-W36" as its Monday–Sunday; null when it is not one. */
export function parseWeekKey(key: string): QuotaPeriod | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const from = addDays(mondayOf(`${m[1]}-01-04`), (week - 1) * 7);
  const p = weekPeriod(from);
  return p.key === key ? p : null;
}
