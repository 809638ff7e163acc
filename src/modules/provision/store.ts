// Provision figures from the database: counts per unit, person, kind and
// section (SQL aggregates over the (site_id, first_published_at) index), the
// items behind a count, quota attainment per period with the rule version that
// judges it, and provision deadlines evaluated on the site's working calendar.
import { sql } from 'kysely';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import { ownIssuerTest } from '../../core/documents/index.ts';
import {
  CATEGORY_DEFINITIONS,
  deadlineRuleOf,
  deadlineStartDate,
  evaluateDeadline,
  instantRange,
  isProvisionCategory,
  judgedOn,
  kindQuotasOf,
  MEETING_NEWS_DEFAULT,
  MONTHLY_DATA_DEFAULT_DAY,
  monthlyDayOf,
  periodsEnding,
  PROVISION_KINDS,
  quotaValueOf,
  type CategoryRule,
  type DeadlineOutcome,
  type ProvisionCategory,
  type QuotaPer,
  type QuotaPeriod,
} from '../../core/provision/index.ts';
import { ruleInForce, type DatedRule } from '../../core/rules.ts';
import type { Db } from '../../platform/db/database.ts';
import { ownIssuerNames } from '../documents/deadline.ts';
import type { Site } from '../sites/site.ts';

/** Roles whose holders are the board's members for quota.board_member (001 Đ8.1). */
export const BOARD_QUOTA_ROLES = ['editor_in_chief', 'deputy', 'secretariat', 'board_member'] as const;

export const PROVISION_RULE_KEYS = [
  'quota.unit',
  'quota.board_member',
  'quota.unit_kind',
  'reminder.quota_before_end',
  ...new Set(Object.values(CATEGORY_DEFINITIONS).map((c) => c.rule)),
];

/** A site's rule versions for the provision keys, read once and looked up by date in memory. */
export class RuleBook {
  constructor(
    private readonly siteId: number,
    private readonly rules: DatedRule[],
  ) {}

  static async load(db: Db, siteId: number): Promise<RuleBook> {
    const rows = await db
      .selectFrom('rules')
      .selectAll()
      .where('key', 'in', PROVISION_RULE_KEYS)
      .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
      .execute();
    return new RuleBook(
      siteId,
      rows.map((r) => ({ id: r.id, siteId: r.site_id, key: r.key, value: JSON.parse(r.value) as unknown, effectiveFrom: r.effective_from, effectiveTo: r.effective_to, citation: r.citation })),
    );
  }

  on(key: string, date: string): DatedRule | null {
    return ruleInForce(this.rules, key, date, this.siteId);
  }

  private readonly categoryRules = new Map<string, CategoryRule | null>();

  /** The rule a provision category is judged by on a date; null when the site has none (looked up once per day). */
  categoryRule(category: ProvisionCategory, date: string): CategoryRule | null {
    const key = `${category}:${date}`;
    if (!this.categoryRules.has(key)) this.categoryRules.set(key, this.findCategoryRule(category, date));
    return this.categoryRules.get(key)!;
  }

  private findCategoryRule(category: ProvisionCategory, date: string): CategoryRule | null {
    const rule = this.on(CATEGORY_DEFINITIONS[category].rule, date);
    if (category === 'monthly_data') return { kind: 'day_of_month', day: (rule && monthlyDayOf(rule.value)) ?? MONTHLY_DATA_DEFAULT_DAY };
    const duration = rule ? deadlineRuleOf(rule.value) : null;
    if (duration) return { kind: 'duration', rule: duration };
    return category === 'meeting_news' ? { kind: 'duration', rule: MEETING_NEWS_DEFAULT } : null;
  }
}

// ---- Counts ---------------------------------------------------------------------------------

export interface ItemFilter {
  from: string;
  to: string;
  unitId?: number | null;
  /** Only items with no unit given. */
  noUnit?: boolean;
  /** Only these items (the late ones behind a figure). */
  ids?: number[];
  /** The author or the board member who vouched. */
  personId?: number | null;
  kind?: string | null;
  sectionId?: number | null;
}

/** Published items counted as provided in a period (Vietnam days from–to). */
function provided(db: Db, siteId: number, f: ItemFilter) {
  const { start, end } = instantRange(f.from, f.to);
  return db
    .selectFrom('articles as a')
    .where('a.site_id', '=', siteId)
    .where('a.first_published_at', '>=', start)
    .where('a.first_published_at', '<', end)
    .where('a.deleted_at', 'is', null)
    .where('a.kind', 'in', PROVISION_KINDS)
    .$if(f.unitId != null, (q) => q.where('a.unit_id', '=', f.unitId!))
    .$if(Boolean(f.noUnit), (q) => q.where('a.unit_id', 'is', null))
    .$if(f.ids !== undefined, (q) => q.where('a.id', 'in', f.ids!.length ? f.ids! : [0]))
    .$if(f.kind != null, (q) => q.where('a.kind', '=', f.kind!))
    .$if(f.sectionId != null, (q) => q.where('a.section_id', '=', f.sectionId!))
    .$if(f.personId != null, (q) => q.where((eb) => eb.or([eb('a.author_user_id', '=', f.personId!), eb('a.vouched_by_user_id', '=', f.personId!)])));
}

export interface Count {
  id: number | null;
  key: string;
  name: string;
  count: number;
}

export type Dimension = 'unit' | 'person' | 'kind' | 'section';

/** Counts of a period grouped by one dimension, largest first. */
export async function countBy(db: Db, siteId: number, dim: Dimension, f: ItemFilter): Promise<Count[]> {
  let rows: { key: string | number | null; n: number | string }[];
  if (dim === 'person') {
    // An item counts for its author, and for who vouched when that is someone else: never twice for one person.
    const authors = await provided(db, siteId, f)
      .select(['a.author_user_id as key', (eb) => eb.fn.countAll<number>().as('n')])
      .$if(f.personId != null, (q) => q.where('a.author_user_id', '=', f.personId!))
      .groupBy('a.author_user_id')
      .execute();
    const vouchers = await provided(db, siteId, f)
      .select(['a.vouched_by_user_id as key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.vouched_by_user_id', 'is not', null)
      .whereRef('a.vouched_by_user_id', '!=', 'a.author_user_id')
      .$if(f.personId != null, (q) => q.where('a.vouched_by_user_id', '=', f.personId!))
      .groupBy('a.vouched_by_user_id')
      .execute();
    const sums = new Map<number, number>();
    for (const r of [...authors, ...vouchers]) if (r.key !== null) sums.set(r.key, (sums.get(r.key) ?? 0) + Number(r.n));
    rows = [...sums].map(([key, n]) => ({ key, n }));
  } else {
    const column = dim === 'unit' ? 'a.unit_id' : dim === 'kind' ? 'a.kind' : 'a.section_id';
    rows = await provided(db, siteId, f)
      .select([`${column} as key` as 'a.kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(column)
      .execute() as never;
  }
  const names = await namesOf(db, siteId, dim, rows.map((r) => r.key));
  return rows
    .map((r) => ({ id: typeof r.key === 'number' ? r.key : r.key === null ? null : dim === 'kind' ? null : Number(r.key), key: r.key === null ? '' : String(r.key), name: names.get(String(r.key)) ?? '', count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
}

async function namesOf(db: Db, siteId: number, dim: Dimension, keys: (string | number | null)[]): Promise<Map<string, string>> {
  const ids = keys.filter((k): k is number | string => k !== null).map(Number).filter(Number.isInteger);
  const out = new Map<string, string>();
  if (dim === 'kind' || ids.length === 0) return out;
  const rows =
    dim === 'unit'
      ? await db.selectFrom('units').select(['id', 'name']).where('site_id', '=', siteId).where('id', 'in', ids).execute()
      : dim === 'section'
        ? await db.selectFrom('sections').select(['id', 'name']).where('site_id', '=', siteId).where('id', 'in', ids).execute()
        : await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  for (const r of rows) out.set(String(r.id), r.name);
  return out;
}

export async function countAll(db: Db, siteId: number, f: ItemFilter): Promise<number> {
  const row = await provided(db, siteId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ProvidedItem {
  id: number;
  title: string;
  kind: string;
  unitId: number | null;
  unitName: string | null;
  authorName: string | null;
  authorUserName: string | null;
  vouchedByName: string | null;
  sectionName: string | null;
  eventAt: string | null;
  receivedAt: string | null;
  receivedVia: string | null;
  firstPublishedAt: string;
  category: string | null;
}

/** The items behind a count, newest first (at most `limit`). */
export async function listProvided(db: Db, siteId: number, f: ItemFilter, limit = 500): Promise<ProvidedItem[]> {
  const rows = await provided(db, siteId, f)
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('users as au', 'au.id', 'a.author_user_id')
    .leftJoin('users as vu', 'vu.id', 'a.vouched_by_user_id')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .select([
      'a.id',
      'a.title',
      'a.kind',
      'a.unit_id',
      'u.name as unit_name',
      'a.author_name',
      'au.name as author_user_name',
      'vu.name as vouched_name',
      's.name as section_name',
      'a.event_at',
      'a.received_at',
      'a.received_via',
      'a.first_published_at',
      'a.provision_category',
      firstSubmit(),
    ])
    .orderBy('a.first_published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    unitId: r.unit_id,
    unitName: r.unit_name,
    authorName: r.author_name,
    authorUserName: r.author_user_name,
    vouchedByName: r.vouched_name,
    sectionName: r.section_name,
    eventAt: r.event_at,
    receivedAt: r.received_at ?? r.first_submit ?? null,
    receivedVia: r.received_via,
    firstPublishedAt: r.first_published_at!,
    category: r.provision_category,
  }));
}

/** The first submission of an item: when it was received when nobody typed a receipt date. */
function firstSubmit() {
  return sql<string | null>`(select min(e.created_at) from workflow_events e where e.site_id = a.site_id and e.item_type = 'article' and e.item_id = a.id and e.action = 'submit')`.as('first_submit');
}

// ---- Quotas ---------------------------------------------------------------------------------

export interface QuotaRow {
  id: number;
  name: string;
  count: number;
  met: boolean;
}

export interface QuotaOutcome {
  subject: 'unit' | 'board_member' | 'unit_kind';
  kind: string | null;
  period: QuotaPeriod;
  min: number;
  /** The rule version that judged the period (in force on its last day). */
  ruleFrom: string;
  citation: string | null;
  rows: QuotaRow[];
}

/** The site's units in force during a period (not archived before it ended). */
export async function unitsOf(db: Db, siteId: number, to: string, unitId: number | null = null): Promise<{ id: number; name: string }[]> {
  const { end } = instantRange(to, to);
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('site_id', '=', siteId)
    .where((eb) => eb.or([eb('archived_at', 'is', null), eb('archived_at', '>=', end)]))
    .$if(unitId !== null, (q) => q.where('id', '=', unitId!))
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Active members of the site holding a board role (not by delegation: a quota is personal). */
export async function boardMembersOf(db: Db, siteId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.name'])
    .distinct()
    .where('r.site_id', '=', siteId)
    .where('r.role', 'in', BOARD_QUOTA_ROLES)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .where('u.is_platform_admin', '=', 0)
    .execute();
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** The periods of one length ending in [from, to], each with the quota in force on its last day (when it is of that length). */
function judgedPeriods(book: RuleBook, key: string, from: string, to: string): { period: QuotaPeriod; rule: DatedRule }[] {
  const out: { period: QuotaPeriod; rule: DatedRule }[] = [];
  for (const per of ['week', 'month', 'year'] as QuotaPer[]) {
    for (const period of periodsEnding(per, from, to)) {
      const rule = book.on(key, judgedOn(period));
      const q = rule ? quotaValueOf(rule.value) : null;
      if (rule && q && q.per === per) out.push({ period, rule });
    }
  }
  return out.sort((a, b) => (a.period.to < b.period.to ? -1 : a.period.to > b.period.to ? 1 : 0));
}

export interface QuotaScope {
  /** Only this unit (a unit head's view); board members' quotas are then left out. */
  unitId: number | null;
  /** Only periods that have ended by this day (Vietnam date), unless `includeOpen`. */
  today?: string;
  includeOpen?: boolean;
}

/** Quota attainment of the periods ending within [from, to]. */
export async function evaluateQuotas(db: Db, site: Pick<Site, 'id'>, book: RuleBook, from: string, to: string, scope: QuotaScope): Promise<QuotaOutcome[]> {
  const out: QuotaOutcome[] = [];
  const open = (p: QuotaPeriod) => !scope.includeOpen && scope.today !== undefined && p.to >= scope.today;
  for (const { period, rule } of judgedPeriods(book, 'quota.unit', from, to)) {
    if (open(period)) continue;
    const min = quotaValueOf(rule.value)!.min;
    const units = await unitsOf(db, site.id, period.to, scope.unitId);
    const counts = new Map((await countBy(db, site.id, 'unit', { from: period.from, to: period.to, unitId: scope.unitId })).map((c) => [c.id, c.count]));
    out.push({ subject: 'unit', kind: null, period, min, ruleFrom: rule.effectiveFrom, citation: rule.citation, rows: units.map((u) => row(u, counts.get(u.id) ?? 0, min)) });
  }
  for (const per of ['week', 'month', 'year'] as QuotaPer[]) {
    for (const period of periodsEnding(per, from, to)) {
      if (open(period)) continue;
      const rule = book.on('quota.unit_kind', judgedOn(period));
      if (!rule) continue;
      for (const q of kindQuotasOf(rule.value).filter((k) => k.per === per)) {
        const units = await unitsOf(db, site.id, period.to, scope.unitId);
        const counts = new Map((await countBy(db, site.id, 'unit', { from: period.from, to: period.to, unitId: scope.unitId, kind: q.kind })).map((c) => [c.id, c.count]));
        out.push({ subject: 'unit_kind', kind: q.kind, period, min: q.min, ruleFrom: rule.effectiveFrom, citation: rule.citation, rows: units.map((u) => row(u, counts.get(u.id) ?? 0, q.min)) });
      }
    }
  }
  if (scope.unitId === null) {
    const members = await boardMembersOf(db, site.id);
    for (const { period, rule } of judgedPeriods(book, 'quota.board_member', from, to)) {
      if (open(period) || members.length === 0) continue;
      const min = quotaValueOf(rule.value)!.min;
      const counts = new Map((await countBy(db, site.id, 'person', { from: period.from, to: period.to })).map((c) => [c.id, c.count]));
      out.push({ subject: 'board_member', kind: null, period, min, ruleFrom: rule.effectiveFrom, citation: rule.citation, rows: members.map((m) => row(m, counts.get(m.id) ?? 0, min)) });
    }
  }
  return out;
}

function row(who: { id: number; name: string }, count: number, min: number): QuotaRow {
  return { id: who.id, name: who.name, count, met: count >= min };
}

// ---- Deadlines ------------------------------------------------------------------------------

export interface JudgedItem {
  id: number;
  title: string;
  unitId: number | null;
  unitName: string | null;
  authorUserId: number;
  vouchedByUserId: number | null;
  category: ProvisionCategory;
  firstPublishedAt: string;
  outcome: DeadlineOutcome;
}

/**
 * Items published in the period whose provision category has a deadline,
 * judged by the rule version in force on the day the count starts (the event,
 * the signing). Own documents only when the site's agency or a unit issued them.
 */
export async function judgeDeadlines(db: Db, site: Pick<Site, 'id' | 'agencyName' | 'settings'>, calendar: WorkingCalendar, book: RuleBook, f: ItemFilter): Promise<JudgedItem[]> {
  const rows = await provided(db, site.id, f)
    .leftJoin('legal_documents as d', 'd.article_id', 'a.id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.title', 'a.unit_id', 'u.name as unit_name', 'a.author_user_id', 'a.vouched_by_user_id', 'a.provision_category', 'a.event_at', 'a.received_at', 'a.created_at', 'a.first_published_at', 'a.details', 'd.issued_on', 'd.issuer'])
    .where('a.provision_category', 'is not', null)
    .orderBy('a.first_published_at')
    .execute();
  const isOwn = rows.some((r) => r.provision_category === 'own_document') ? ownIssuerTest(await ownIssuerNames(db, site)) : () => false;
  const out: JudgedItem[] = [];
  for (const r of rows) {
    const category = r.provision_category ?? '';
    if (!isProvisionCategory(category)) continue;
    const doc = documentOf(r);
    if (category === 'own_document' && (!doc.issuedOn || !isOwn(doc.issuer ?? ''))) continue;
    const times = { eventAt: r.event_at, signedOn: doc.issuedOn, createdAt: r.created_at, receivedAt: r.received_at, firstPublishedAt: r.first_published_at! };
    const start = deadlineStartDate(category, times);
    const rule = start ? book.categoryRule(category, start) : null;
    const outcome = rule ? evaluateDeadline(category, times, rule, calendar) : null;
    if (!outcome) continue;
    out.push({ id: r.id, title: r.title, unitId: r.unit_id, unitName: r.unit_name, authorUserId: r.author_user_id, vouchedByUserId: r.vouched_by_user_id, category, firstPublishedAt: r.first_published_at!, outcome });
  }
  return out;
}

/** Signing date and issuer: from the library row of a published document, else its details. */
function documentOf(r: { issued_on: string | null; issuer: string | null; details: string | null }): { issuedOn: string | null; issuer: string | null } {
  if (r.issued_on) return { issuedOn: r.issued_on, issuer: r.issuer };
  if (!r.details) return { issuedOn: null, issuer: null };
  try {
    const d = JSON.parse(r.details) as { issuedOn?: string; issuer?: string };
    return { issuedOn: d.issuedOn || null, issuer: d.issuer ?? null };
  } catch {
    return { issuedOn: null, issuer: null };
  }
}
