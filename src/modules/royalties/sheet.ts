// The monthly sheet (bảng kê) of a period: its lines (not voided) grouped per
// payee or per unit, each with its item, genre and coefficient, payment status
// and flags in words; the unpaid lines of earlier periods carried over; the
// totals and the total in words. The page and the XLSX, PDF and CSV exports
// are all drawn from this one model, so they cannot disagree.
import { formatCoefficient } from '../../core/royalties/amount.ts';
import { LINE_KIND_LABELS, SHARE_ROLE_LABELS, type LineKind, type ShareRole } from '../../core/royalties/policy.ts';
import { vndInWords } from '../../core/vietnamese/number-words.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';

export const SHEET_GROUPINGS = ['nguoi', 'don-vi'] as const;
export type SheetGrouping = (typeof SHEET_GROUPINGS)[number];

export interface SheetQuery {
  /** 'nguoi': per payee (default); 'don-vi': per unit. */
  by: SheetGrouping;
  /** Only this payee's lines. */
  payeeId: number | null;
}

export interface SheetLine {
  id: number;
  period: string;
  payeeId: number;
  payeeName: string;
  unitId: number | null;
  unitName: string | null;
  kind: LineKind;
  kindLabel: { vi: string; en: string };
  description: string;
  articleId: number | null;
  articleTitle: string | null;
  publishedOn: string | null;
  genre: string | null;
  /** The genre's English name, from the policy the item was assessed under. */
  genreEn: string | null;
  coefficient: string | null;
  role: { vi: string; en: string } | null;
  sharePercent: string | null;
  amount: number;
  dueOn: string | null;
  paidOn: string | null;
  paidRef: string | null;
  corrects: { id: number; period: string } | null;
  /** The item is no longer published and the line is unpaid. */
  takenDown: boolean;
  /** Past its due date and unpaid. */
  overdue: boolean;
}

export interface SheetGroup {
  key: string;
  label: string;
  lines: SheetLine[];
  total: number;
}

export interface PeriodClosing {
  closedAt: string;
  closedBy: string | null;
}

export interface Sheet {
  period: string;
  query: SheetQuery;
  closing: PeriodClosing | null;
  groups: SheetGroup[];
  total: number;
  totalInWords: string;
  carried: SheetLine[];
  carriedTotal: number;
  grandTotal: number;
  grandTotalInWords: string;
}

const NO_UNIT = { vi: 'Chưa thuộc đơn vị nào', en: 'No unit' };

function sharePercent(bp: number | null): string | null {
  if (bp === null) return null;
  return `${(bp / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })} %`;
}

function baseQuery(db: Db, siteId: number) {
  return db
    .selectFrom('royalty_lines as l')
    .innerJoin('royalty_payees as p', 'p.id', 'l.payee_id')
    .leftJoin('units as u', 'u.id', 'l.unit_id')
    .leftJoin('articles as a', 'a.id', 'l.article_id')
    .leftJoin('royalty_assessments as ra', 'ra.id', 'l.assessment_id')
    .leftJoin('royalty_lines as c', 'c.id', 'l.corrects_line_id')
    .select([
      'l.id',
      'l.period',
      'l.payee_id',
      'p.full_name',
      'l.unit_id',
      'u.name as unit_name',
      'l.kind',
      'l.description',
      'l.article_id',
      'a.title as article_title',
      'a.publication as article_publication',
      'a.deleted_at as article_deleted_at',
      'a.first_published_at',
      'ra.published_on',
      'ra.genre_label',
      'ra.genre_key',
      'ra.policy as assessed_policy',
      'ra.coefficient_x100',
      'l.role',
      'l.share_bp',
      'l.amount',
      'l.due_on',
      'l.paid_on',
      'l.paid_ref',
      'c.id as corrects_id',
      'c.period as corrects_period',
    ])
    .where('l.site_id', '=', siteId)
    .where('l.voided_at', 'is', null);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function lineOf(r: Row, today: string): SheetLine {
  const kind = r.kind as LineKind;
  const unpaid = r.paid_on === null;
  const published = r.article_publication === 'published' && r.article_deleted_at === null;
  return {
    id: r.id,
    period: r.period,
    payeeId: r.payee_id,
    payeeName: r.full_name,
    unitId: r.unit_id,
    unitName: r.unit_name ?? null,
    kind,
    kindLabel: LINE_KIND_LABELS[kind] ?? { vi: r.kind, en: r.kind },
    description: r.description,
    articleId: r.article_id,
    articleTitle: r.article_title ?? null,
    publishedOn: r.published_on ?? (r.first_published_at ? vietnamDate(new Date(r.first_published_at)) : null),
    genre: r.genre_label ?? null,
    genreEn: englishGenre(r.assessed_policy ?? null, r.genre_key ?? null) ?? r.genre_label ?? null,
    coefficient: r.coefficient_x100 === null || r.coefficient_x100 === undefined ? null : formatCoefficient(r.coefficient_x100),
    role: r.role ? (SHARE_ROLE_LABELS[r.role as ShareRole] ?? { vi: r.role, en: r.role }) : null,
    sharePercent: sharePercent(r.share_bp),
    amount: Number(r.amount),
    dueOn: r.due_on,
    paidOn: r.paid_on,
    paidRef: r.paid_ref,
    corrects: r.corrects_id !== null && r.corrects_id !== undefined ? { id: r.corrects_id, period: r.corrects_period! } : null,
    takenDown: unpaid && r.article_id !== null && !published,
    overdue: unpaid && r.due_on !== null && r.due_on < today,
  };
}

/** A genre's English name in an assessment's policy snapshot (parsed once per snapshot text). */
const snapshots = new Map<string, Map<string, string>>();
function englishGenre(policy: string | null, key: string | null): string | null {
  if (!policy || !key) return null;
  let names = snapshots.get(policy);
  if (!names) {
    names = new Map((JSON.parse(policy) as { policy?: { genres?: { key: string; en: string }[] } }).policy?.genres?.map((g) => [g.key, g.en]) ?? []);
    if (snapshots.size > 200) snapshots.clear();
    snapshots.set(policy, names);
  }
  return names.get(key) ?? null;
}

const sum = (lines: readonly { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);

export async function periodClosing(db: Db, siteId: number, period: string): Promise<PeriodClosing | null> {
  const row = await db
    .selectFrom('royalty_periods as rp')
    .leftJoin('users', 'users.id', 'rp.closed_by_user_id')
    .select(['rp.closed_at', 'users.name'])
    .where('rp.site_id', '=', siteId)
    .where('rp.period', '=', period)
    .executeTakeFirst();
  return row ? { closedAt: row.closed_at, closedBy: row.name ?? null } : null;
}

/** Groups lines per payee or per unit, in name order; each group's lines in id order. */
export function groupLines(lines: readonly SheetLine[], by: SheetGrouping, lang: 'vi' | 'en' = 'vi'): SheetGroup[] {
  const groups = new Map<string, SheetGroup>();
  for (const line of lines) {
    const key = by === 'don-vi' ? `u${line.unitId ?? 0}` : `p${line.payeeId}`;
    const label = by === 'don-vi' ? (line.unitName ?? NO_UNIT[lang]) : line.payeeName;
    const group = groups.get(key) ?? { key, label, lines: [], total: 0 };
    group.lines.push(line);
    group.total += line.amount;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label, 'vi') || a.key.localeCompare(b.key));
}

/** The sheet of a period for a site, as of `today` (a Vietnam date: what is overdue). */
export async function loadSheet(db: Db, siteId: number, period: string, query: SheetQuery, today: string, lang: 'vi' | 'en' = 'vi'): Promise<Sheet> {
  const closing = await periodClosing(db, siteId, period);
  let current = baseQuery(db, siteId).where('l.period', '=', period);
  let earlier = baseQuery(db, siteId).where('l.period', '<', period);
  if (closing) {
    // A closed sheet carries over what was unpaid when it was closed, so it reads as it was printed.
    // (a payment is the only change to a line once written, so a line changed after closing was paid after it)
    earlier = earlier.where('l.created_at', '<=', closing.closedAt).where((eb) => eb.or([eb('l.paid_on', 'is', null), eb('l.updated_at', '>', closing.closedAt)]));
  } else {
    earlier = earlier.where('l.paid_on', 'is', null);
  }
  if (query.payeeId !== null) {
    current = current.where('l.payee_id', '=', query.payeeId);
    earlier = earlier.where('l.payee_id', '=', query.payeeId);
  }
  const lines = (await current.orderBy('l.id').execute()).map((r) => lineOf(r, today));
  const carried = (await earlier.orderBy('l.period').orderBy('p.full_name').orderBy('l.id').execute()).map((r) => lineOf(r, today));
  const total = sum(lines);
  const carriedTotal = sum(carried);
  return {
    period,
    query,
    closing,
    groups: groupLines(lines, query.by, lang),
    total,
    totalInWords: vndInWords(total),
    carried,
    carriedTotal,
    grandTotal: total + carriedTotal,
    grandTotalInWords: vndInWords(total + carriedTotal),
  };
}

/** The flags of a line in words (Vietnamese first: the sheet is an accounting document). */
export function lineFlags(line: SheetLine, lang: 'vi' | 'en' = 'vi'): string[] {
  const flags: string[] = [];
  if (line.takenDown) flags.push(lang === 'vi' ? 'Đã gỡ trước khi chi' : 'Taken down before payment');
  if (line.overdue && line.dueOn) flags.push(lang === 'vi' ? `Quá hạn chi trả (hạn ${formatDate(line.dueOn)})` : `Payment overdue (due ${line.dueOn})`);
  return flags;
}

/** What a line pays for, in one phrase: the item's title or the description, and what it corrects. */
export function lineContent(line: SheetLine, lang: 'vi' | 'en' = 'vi'): string {
  const what = line.articleTitle ?? line.description;
  const kind = line.kindLabel[lang];
  const correction = line.corrects ? (lang === 'vi' ? ` (điều chỉnh dòng số ${line.corrects.id} kỳ ${line.corrects.period})` : ` (corrects line ${line.corrects.id} of ${line.corrects.period})`) : '';
  return `${what} — ${kind}${line.role ? `, ${line.role[lang]}${line.sharePercent ? ` ${line.sharePercent}` : ''}` : ''}${correction}`;
}

export interface PeriodSummary {
  period: string;
  closing: PeriodClosing | null;
  total: number;
  paid: number;
  unpaid: number;
  overdue: number;
}

/** Every period with lines, every closed period and the current one, newest first. */
export async function listPeriods(db: Db, siteId: number, currentPeriod: string, today: string): Promise<PeriodSummary[]> {
  const lines = await db.selectFrom('royalty_lines').select(['period', 'amount', 'paid_on', 'due_on']).where('site_id', '=', siteId).where('voided_at', 'is', null).execute();
  const closed = await db
    .selectFrom('royalty_periods as rp')
    .leftJoin('users', 'users.id', 'rp.closed_by_user_id')
    .select(['rp.period', 'rp.closed_at', 'users.name'])
    .where('rp.site_id', '=', siteId)
    .execute();
  const byPeriod = new Map<string, PeriodSummary>();
  const at = (period: string) => {
    let s = byPeriod.get(period);
    if (!s) {
      s = { period, closing: null, total: 0, paid: 0, unpaid: 0, overdue: 0 };
      byPeriod.set(period, s);
    }
    return s;
  };
  at(currentPeriod);
  for (const c of closed) at(c.period).closing = { closedAt: c.closed_at, closedBy: c.name ?? null };
  for (const l of lines) {
    const s = at(l.period);
    const amount = Number(l.amount);
    s.total += amount;
    if (l.paid_on !== null) s.paid += amount;
    else {
      s.unpaid += amount;
      if (l.due_on !== null && l.due_on < today) s.overdue += amount;
    }
  }
  return [...byPeriod.values()].sort((a, b) => (a.period < b.period ? 1 : -1));
}
