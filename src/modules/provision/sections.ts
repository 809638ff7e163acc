// The provision report sections: counts per unit, person and kind; quota
// attainment; provision deadlines; and the yearly emulation summary (003 Đ21,
// 004 Đ14–15). Plain figures (core/reports/section.ts) with links to the items
// behind each row; the provision page renders the same figures.
import { ARTICLE_KIND_LABELS, isArticleKind } from '../articles/article.ts';
import { CATEGORY_DEFINITIONS, formatDelay } from '../../core/provision/index.ts';
import { monthsOf, type Localized, type ReportPeriod, type ReportTable, type SectionFigures } from '../../core/reports/section.ts';
import type { ReportContext, ReportSection } from '../reports/context.ts';
import { vietnamDate } from '../../core/time.ts';
import { boardMembersOf, countAll, countBy, evaluateQuotas, judgeDeadlines, RuleBook, unitsOf, type QuotaOutcome } from './store.ts';

const L = (vi: string, en: string): Localized => ({ vi, en });

/**
 * The sections of one report share their context: what several of them read
 * (the rule book, the judged deadlines, the quota outcomes) is computed once
 * per context and period.
 */
const shared = new WeakMap<object, Map<string, Promise<unknown>>>();
function once<T>(ctx: object, key: string, make: () => Promise<T>): Promise<T> {
  let cache = shared.get(ctx);
  if (!cache) shared.set(ctx, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as Promise<T>;
}

const ruleBook = (ctx: ReportContext) => once(ctx, 'book', () => RuleBook.load(ctx.db, ctx.site.id));

const judgedOf = (ctx: ReportContext, period: ReportPeriod) =>
  once(ctx, `deadlines:${period.from}:${period.to}`, async () => judgeDeadlines(ctx.db, ctx.site, ctx.calendar, await ruleBook(ctx), { from: period.from, to: period.to, unitId: ctx.unitId }));

const quotasOf = (ctx: ReportContext, period: ReportPeriod, includeOpen: boolean) =>
  once(ctx, `quotas:${period.from}:${period.to}:${includeOpen}`, async () =>
    evaluateQuotas(ctx.db, ctx.site, await ruleBook(ctx), period.from, period.to, { unitId: ctx.unitId, today: vietnamDate(ctx.now), includeOpen }));

/** Where the items behind a figure are listed: the board's page, or a unit head's own. */
export function itemsBase(unitId: number | null): string {
  return unitId === null ? '/admin/provision/items' : '/admin/provision/unit/items';
}

function itemsLink(ctx: Pick<ReportContext, 'unitId'>, periodKey: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams({ ky: periodKey });
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  return `${itemsBase(ctx.unitId)}?${q.toString()}`;
}

export function kindName(kind: string): Localized {
  return isArticleKind(kind) ? ARTICLE_KIND_LABELS[kind] : L(kind, kind);
}

const PER_VI = { week: 'tuần', month: 'tháng', year: 'năm' } as const;

/** At most this many late items are listed in a report (the longest delays first). */
const LATE_LISTED = 200;

const NO_UNIT = L('(Chưa ghi đơn vị)', '(No unit given)');

/** Counts per unit, per person (author or vouching board member) and per kind. */
export async function provisionFigures(ctx: ReportContext, period: ReportPeriod): Promise<SectionFigures> {
  const f = { from: period.from, to: period.to, unitId: ctx.unitId };
  const [total, byUnit, byPerson, byKind] = await Promise.all([
    countAll(ctx.db, ctx.site.id, f),
    countBy(ctx.db, ctx.site.id, 'unit', f),
    countBy(ctx.db, ctx.site.id, 'person', f),
    countBy(ctx.db, ctx.site.id, 'kind', f),
  ]);
  const countCol = { key: 'count', label: L('Số tin, bài', 'Items'), kind: 'int' as const };
  const unitTable: ReportTable = {
    key: 'by_unit',
    title: L('Theo đơn vị cung cấp', 'By providing unit'),
    columns: [{ key: 'unit', label: L('Đơn vị', 'Unit'), kind: 'text' }, countCol],
    rows: byUnit.map((c) => ({ unit: c.id === null ? NO_UNIT.vi : c.name, count: c.count })),
    totals: { unit: 'Tổng cộng', count: total },
    links: Object.fromEntries(byUnit.map((c, i) => [i, itemsLink(ctx, period.key, { 'don-vi': c.id ?? 'none' })])),
  };
  const personTable: ReportTable = {
    key: 'by_person',
    title: L('Theo người viết, người bảo đảm', 'By author or vouching board member'),
    columns: [{ key: 'person', label: L('Người', 'Person'), kind: 'text' }, countCol],
    rows: byPerson.map((c) => ({ person: c.name, count: c.count })),
    links: Object.fromEntries(byPerson.map((c, i) => [i, itemsLink(ctx, period.key, { nguoi: c.id })])),
    note: L('Một tin, bài được tính cho người viết và cho thành viên Ban biên tập bảo đảm nội dung (nếu có).', 'An item counts for its author and for the board member who vouched for it (if any).'),
  };
  const kindTable: ReportTable = {
    key: 'by_kind',
    title: L('Theo loại tin', 'By kind'),
    columns: [{ key: 'kind', label: L('Loại', 'Kind'), kind: 'text' }, countCol],
    rows: byKind.map((c) => ({ kind: kindName(c.key).vi, count: c.count })),
    totals: { kind: 'Tổng cộng', count: total },
    links: Object.fromEntries(byKind.map((c, i) => [i, itemsLink(ctx, period.key, { loai: c.key })])),
  };
  return {
    summary: [L(`${total} tin, bài, văn bản được đăng trong kỳ, của ${byUnit.filter((c) => c.id !== null).length} đơn vị.`, `${total} items published in the period, from ${byUnit.filter((c) => c.id !== null).length} units.`)],
    tables: [unitTable, personTable, kindTable],
    charts: [{ key: 'by_unit_chart', title: unitTable.title, kind: 'bar', table: 'by_unit', labelColumn: 'unit', valueColumns: ['count'] }],
  };
}

function quotaLabel(q: QuotaOutcome): string {
  return q.subject === 'unit_kind' ? `${kindName(q.kind ?? '').vi}: ` : '';
}

/** Who met each quota in each period that ended within the report period. */
export async function quotaFigures(ctx: ReportContext, period: ReportPeriod, opts: { includeOpen?: boolean } = {}): Promise<SectionFigures> {
  const today = vietnamDate(ctx.now);
  // Reports judge periods that are over; the page also shows those under way, as progress.
  const outcomes = await quotasOf(ctx, period, opts.includeOpen ?? false);
  const units = outcomes.filter((o) => o.subject !== 'board_member');
  const members = outcomes.filter((o) => o.subject === 'board_member');
  const columns = (who: Localized) => [
    { key: 'period', label: L('Kỳ', 'Period'), kind: 'text' as const },
    { key: 'who', label: who, kind: 'text' as const },
    { key: 'count', label: L('Số tin, bài', 'Items'), kind: 'int' as const },
    { key: 'min', label: L('Chỉ tiêu', 'Quota'), kind: 'int' as const },
    { key: 'met', label: L('Đạt', 'Met'), kind: 'text' as const },
  ];
  const table = (key: string, title: Localized, who: Localized, list: QuotaOutcome[], param: 'don-vi' | 'nguoi'): ReportTable => {
    const rows: ReportTable['rows'] = [];
    const links: Record<number, string> = {};
    for (const o of list) {
      for (const r of o.rows) {
        links[rows.length] = itemsLink(ctx, o.period.key, { [param]: r.id, ...(o.kind ? { loai: o.kind } : {}) });
        const open = o.period.to >= today;
        rows.push({ period: `${quotaLabel(o)}${o.period.key}`, who: r.name, count: r.count, min: o.min, met: r.met ? 'Đạt' : open ? 'Chưa đạt (kỳ đang diễn ra)' : 'Không đạt' });
      }
    }
    const rules = (lang: 'vi' | 'en') => [...new Set(list.map((o) => `${o.min} ${lang === 'vi' ? `tin, bài/${PER_VI[o.period.per]}` : `items/${o.period.per}`} (${lang === 'vi' ? 'từ' : 'from'} ${o.ruleFrom.split('-').reverse().join('/')}${o.citation ? `, ${o.citation}` : ''})`))].join('; ');
    return { key, title, columns: columns(who), rows, links, note: L(`Mỗi kỳ được xét theo quy định có hiệu lực vào ngày cuối kỳ: ${rules('vi') || 'không có'}.`, `Each period is judged by the rule in force on its last day: ${rules('en') || 'none'}.`) };
  };
  const tables: ReportTable[] = [];
  if (units.length > 0) tables.push(table('unit_quota', L('Chỉ tiêu của đơn vị', 'Unit quotas'), L('Đơn vị', 'Unit'), units, 'don-vi'));
  if (members.length > 0) tables.push(table('board_quota', L('Chỉ tiêu của thành viên Ban biên tập', 'Board member quotas'), L('Thành viên', 'Member'), members, 'nguoi'));
  // Ended periods are judged; the period still running is counted apart (its "not yet" is not a miss).
  const tally = (list: QuotaOutcome[], ended: boolean) => {
    const rows = list.filter((o) => (o.period.to < today) === ended).flatMap((o) => o.rows);
    return { met: rows.filter((r) => r.met).length, of: rows.length };
  };
  const line = (who: Localized, list: QuotaOutcome[]): Localized => {
    const done = tally(list, true);
    const open = tally(list, false);
    const vi = [
      done.of > 0 ? `${done.met}/${done.of} lượt đạt chỉ tiêu ở các kỳ đã kết thúc, ${done.of - done.met} lượt không đạt` : 'chưa có kỳ nào kết thúc',
      ...(open.of > 0 ? [`kỳ đang diễn ra: ${open.met}/${open.of} lượt đã đạt`] : []),
    ];
    const en = [
      done.of > 0 ? `${done.met} of ${done.of} met their quota in ended periods, ${done.of - done.met} did not` : 'no period has ended yet',
      ...(open.of > 0 ? [`current period: ${open.met} of ${open.of} met so far`] : []),
    ];
    return L(`${who.vi}: ${vi.join('; ')}.`, `${who.en}: ${en.join('; ')}.`);
  };
  const summary: Localized[] = [];
  if (units.length > 0) summary.push(line(L('Đơn vị', 'Units'), units));
  if (members.length > 0) summary.push(line(L('Thành viên Ban biên tập', 'Board members'), members));
  if (tables.length === 0) summary.push(L('Trang chưa đặt chỉ tiêu cho kỳ này, hoặc chưa có kỳ nào kết thúc.', 'No quota applies to this period, or no quota period has ended yet.'));
  return { summary, tables, charts: [] };
}

/** Provision deadlines: late items per unit, and each late item with its delay in working time. */
export async function deadlineFigures(ctx: ReportContext, period: ReportPeriod): Promise<SectionFigures> {
  const judged = await judgedOf(ctx, period);
  const perUnit = new Map<string, { unitId: number | null; name: string; judged: number; late: number; hours: number }>();
  for (const j of judged) {
    const key = String(j.unitId);
    const u = perUnit.get(key) ?? { unitId: j.unitId, name: j.unitName ?? NO_UNIT.vi, judged: 0, late: 0, hours: 0 };
    u.judged += 1;
    if (j.outcome.late) {
      u.late += 1;
      u.hours += j.outcome.delayHours;
    }
    perUnit.set(key, u);
  }
  const units = [...perUnit.values()].sort((a, b) => b.late - a.late || a.name.localeCompare(b.name, 'vi'));
  const late = judged.filter((j) => j.outcome.late);
  // The report lists the longest delays; the items page behind each unit lists them all.
  const listed = [...late].sort((a, b) => b.outcome.delayHours - a.outcome.delayHours || a.firstPublishedAt.localeCompare(b.firstPublishedAt)).slice(0, LATE_LISTED);
  const hoursPerDay = ctx.calendar.hoursPerDay;
  const unitTable: ReportTable = {
    key: 'late_by_unit',
    title: L('Đúng hạn, chậm hạn theo đơn vị', 'On time and late per unit'),
    columns: [
      { key: 'unit', label: L('Đơn vị', 'Unit'), kind: 'text' },
      { key: 'judged', label: L('Có thời hạn', 'With a deadline'), kind: 'int' },
      { key: 'late', label: L('Chậm hạn', 'Late'), kind: 'int' },
      { key: 'onTime', label: L('Tỷ lệ đúng hạn', 'On-time share'), kind: 'percent' },
      { key: 'delay', label: L('Tổng thời gian chậm (giờ làm việc)', 'Total delay (working hours)'), kind: 'working_hours' },
    ],
    rows: units.map((u) => ({ unit: u.name, judged: u.judged, late: u.late, onTime: u.judged ? (u.judged - u.late) / u.judged : null, delay: Math.round(u.hours * 100) / 100 })),
    totals: { unit: 'Tổng cộng', judged: judged.length, late: late.length, onTime: judged.length ? (judged.length - late.length) / judged.length : null, delay: Math.round(late.reduce((n, j) => n + j.outcome.delayHours, 0) * 100) / 100 },
    links: Object.fromEntries(units.map((u, i) => [i, itemsLink(ctx, period.key, { 'don-vi': u.unitId ?? 'none', tre: 1 })])),
  };
  const itemTable: ReportTable = {
    key: 'late_items',
    title: L('Tin, bài chậm hạn', 'Late items'),
    columns: [
      { key: 'title', label: L('Tin, bài', 'Item'), kind: 'text' },
      { key: 'unit', label: L('Đơn vị', 'Unit'), kind: 'text' },
      { key: 'category', label: L('Loại thời hạn', 'Deadline'), kind: 'text' },
      { key: 'dueAt', label: L('Hạn', 'Due'), kind: 'datetime' },
      { key: 'publishedAt', label: L('Đăng lúc', 'Published'), kind: 'datetime' },
      { key: 'delay', label: L('Chậm', 'Delay'), kind: 'text' },
    ],
    rows: listed.map((j) => ({ title: j.title, unit: j.unitName ?? NO_UNIT.vi, category: CATEGORY_DEFINITIONS[j.category].vi, dueAt: j.outcome.dueAt, publishedAt: j.firstPublishedAt, delay: formatDelay(j.outcome.delayHours, j.outcome.delayUnit, hoursPerDay, 'vi') })),
    links: Object.fromEntries(listed.map((j, i) => [i, `/admin/articles/${j.id}`])),
    note: L((late.length > listed.length ? `${listed.length} tin, bài chậm lâu nhất trong ${late.length} tin, bài chậm hạn. ` : '') + 'Hạn tính theo quy định có hiệu lực vào ngày bắt đầu tính (ngày diễn ra sự kiện, ngày ký), trên lịch làm việc của trang (ngày lễ, ngày làm bù); thời gian chậm tính bằng thời gian làm việc.', (late.length > listed.length ? `The ${listed.length} longest delays of ${late.length} late items. ` : '') + 'Each deadline follows the rule in force on the day the count starts (the event, the signing), on the site\'s working calendar; delays are in working time.'),
  };
  const tables = [unitTable, itemTable];
  const months = monthsOf(period);
  if (months.length > 1) {
    // Late items per month, for the 6-monthly and yearly reports.
    const monthOf = (j: (typeof judged)[number]) => vietnamDate(new Date(j.firstPublishedAt)).slice(0, 7);
    const rows = months.map((m) => {
      const inMonth = judged.filter((j) => monthOf(j) === m);
      const lateN = inMonth.filter((j) => j.outcome.late).length;
      return { month: m, judged: inMonth.length, late: lateN, onTime: inMonth.length ? (inMonth.length - lateN) / inMonth.length : null };
    });
    tables.splice(1, 0, {
      key: 'late_by_month',
      title: L('Chậm hạn theo tháng', 'Late items per month'),
      columns: [
        { key: 'month', label: L('Tháng', 'Month'), kind: 'text' },
        { key: 'judged', label: L('Có thời hạn', 'With a deadline'), kind: 'int' },
        { key: 'late', label: L('Chậm hạn', 'Late'), kind: 'int' },
        { key: 'onTime', label: L('Tỷ lệ đúng hạn', 'On-time share'), kind: 'percent' },
      ],
      rows,
      links: Object.fromEntries(months.map((m, i) => [i, itemsLink(ctx, m, { tre: 1 })])),
    });
  }
  return {
    summary: [L(`${judged.length} tin, bài có thời hạn cung cấp; ${late.length} chậm hạn.`, `${judged.length} items with a provision deadline; ${late.length} late.`)],
    tables,
    charts: [],
  };
}

/** The yearly emulation summary (003 Đ21, 004 Đ14–15): per unit and per person. */
export async function emulationFigures(ctx: ReportContext, period: ReportPeriod): Promise<SectionFigures> {
  const f = { from: period.from, to: period.to, unitId: ctx.unitId };
  const [byUnit, byPerson, judged, quotas, units, members] = await Promise.all([
    countBy(ctx.db, ctx.site.id, 'unit', f),
    countBy(ctx.db, ctx.site.id, 'person', f),
    judgedOf(ctx, period),
    quotasOf(ctx, period, false),
    unitsOf(ctx.db, ctx.site.id, period.to, ctx.unitId),
    ctx.unitId === null ? boardMembersOf(ctx.db, ctx.site.id) : Promise.resolve([]),
  ]);
  // One pass over the judged items and the quota outcomes, keyed by unit and by person.
  type Tally = { judged: number; late: number; met: number; missed: number };
  const blank = (): Tally => ({ judged: 0, late: 0, met: 0, missed: 0 });
  const byUnitTally = new Map<number, Tally>();
  const byPersonTally = new Map<number, Tally>();
  const add = (map: Map<number, Tally>, id: number | null, f: (t: Tally) => void) => {
    if (id === null) return;
    const t = map.get(id) ?? blank();
    f(t);
    map.set(id, t);
  };
  for (const j of judged) {
    const count = (t: Tally) => {
      t.judged += 1;
      if (j.outcome.late) t.late += 1;
    };
    add(byUnitTally, j.unitId, count);
    add(byPersonTally, j.authorUserId, count);
    if (j.vouchedByUserId !== j.authorUserId) add(byPersonTally, j.vouchedByUserId, count);
  }
  for (const q of quotas) {
    const map = q.subject === 'board_member' ? byPersonTally : byUnitTally;
    for (const r of q.rows) add(map, r.id, (t) => (r.met ? (t.met += 1) : (t.missed += 1)));
  }
  const tally = (subject: 'unit' | 'person', id: number) => {
    const t = (subject === 'unit' ? byUnitTally : byPersonTally).get(id) ?? blank();
    return { judged: t.judged, onTime: t.judged ? Math.round(((t.judged - t.late) / t.judged) * 10_000) / 10_000 : null, met: t.met, missed: t.missed };
  };
  const columns = (who: Localized) => [
    { key: 'who', label: who, kind: 'text' as const },
    { key: 'count', label: L('Số tin, bài', 'Items'), kind: 'int' as const },
    { key: 'judged', label: L('Có thời hạn', 'With a deadline'), kind: 'int' as const },
    { key: 'onTime', label: L('Tỷ lệ đúng hạn', 'On-time share'), kind: 'percent' as const },
    { key: 'met', label: L('Kỳ đạt chỉ tiêu', 'Quota periods met'), kind: 'int' as const },
    { key: 'missed', label: L('Kỳ không đạt', 'Quota periods missed'), kind: 'int' as const },
  ];
  const unitCounts = new Map(byUnit.map((c) => [c.id, c.count]));
  const unitRows = units.map((u) => ({ who: u.name, count: unitCounts.get(u.id) ?? 0, ...tally('unit', u.id) }));
  const personCounts = new Map(byPerson.map((c) => [c.id, c]));
  // Board members always appear (a member with nothing provided is what the summary is for); other people when they provided.
  const people = new Map<number, string>(members.map((m) => [m.id, m.name]));
  for (const c of byPerson) if (c.id !== null) people.set(c.id, c.name);
  const personIds = [...people.keys()].sort((a, b) => (personCounts.get(b)?.count ?? 0) - (personCounts.get(a)?.count ?? 0) || people.get(a)!.localeCompare(people.get(b)!, 'vi'));
  const personRows = personIds.map((id) => ({ who: people.get(id)!, count: personCounts.get(id)?.count ?? 0, ...tally('person', id) }));
  return {
    summary: [L(`Tổng hợp thi đua năm ${period.key}: ${unitRows.length} đơn vị, ${personRows.length} cá nhân.`, `Emulation summary ${period.key}: ${unitRows.length} units, ${personRows.length} people.`)],
    tables: [
      { key: 'emulation_units', title: L('Đơn vị', 'Units'), columns: columns(L('Đơn vị', 'Unit')), rows: unitRows, links: Object.fromEntries(units.map((u, i) => [i, itemsLink(ctx, period.key, { 'don-vi': u.id })])) },
      { key: 'emulation_people', title: L('Cá nhân', 'People'), columns: columns(L('Cá nhân', 'Person')), rows: personRows, links: Object.fromEntries(personIds.map((id, i) => [i, itemsLink(ctx, period.key, { nguoi: id })])) },
    ],
    charts: [],
  };
}

export const provisionSection: ReportSection = {
  key: 'provision',
  title: L('Cung cấp thông tin', 'Information provided'),
  order: 10,
  reports: ['monthly', 'half_yearly', 'yearly'],
  compute: provisionFigures,
};

export const provisionQuotaSection: ReportSection = {
  key: 'provision_quotas',
  title: L('Thực hiện chỉ tiêu cung cấp tin', 'Provision quotas'),
  order: 11,
  reports: ['monthly', 'half_yearly', 'yearly'],
  compute: quotaFigures,
};

export const provisionDeadlineSection: ReportSection = {
  key: 'provision_deadlines',
  title: L('Thời hạn cung cấp thông tin', 'Provision deadlines'),
  order: 12,
  reports: ['monthly', 'half_yearly', 'yearly'],
  compute: deadlineFigures,
};

export const emulationSection: ReportSection = {
  key: 'provision_emulation',
  title: L('Tổng hợp thi đua về cung cấp thông tin', 'Emulation summary of provision'),
  order: 13,
  reports: ['yearly'],
  compute: emulationFigures,
};

export const PROVISION_SECTIONS: ReportSection[] = [provisionSection, provisionQuotaSection, provisionDeadlineSection, emulationSection];
