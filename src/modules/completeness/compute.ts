// How complete a site is on a date (Decree 224/2026 Art. 12): for each group
// of required information that applies to its level, whether the site has it,
// how much (published items), when it was last updated, and whether that is
// older than the group's review interval (rule completeness.review_days).
// A handful of grouped SQL aggregates whatever the number of items: one over
// the public index per section and per kind, one per register.
import { COMPLETENESS_GROUPS, groupsFor, isStale, reviewDaysOf, slugCarries, type CompletenessGroup, type CompletenessSource } from '../../core/completeness/catalogue.ts';
import { addDays, startOfVietnamDate, vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SectionRow } from '../../platform/db/schema.ts';
import { ruleOn } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';

export const REVIEW_DAYS_RULE = 'completeness.review_days';

/** Features every site of the platform has (the 'builtin' source). */
const BUILTIN_FEATURES = 4;

export interface GroupSection {
  id: number;
  name: string;
  slug: string;
}

export interface GroupState {
  group: CompletenessGroup;
  has: boolean;
  /** Published items (or entries, or filled contact fields) that carry the group. */
  count: number;
  /** Vietnam date of the last publication or update; null when unknown or never. */
  lastUpdated: string | null;
  reviewDays: number | null;
  stale: boolean;
  /** The sections that carry it, and whether the site chose them or they were recognised by address. */
  sections: GroupSection[];
  mapping: 'site' | 'auto';
}

export interface CompletenessState {
  /** The date judged (Vietnam time). */
  asOf: string;
  /** false for a site that no longer operates (archived, merged): it is not judged. */
  judged: boolean;
  groups: GroupState[];
  /** Groups present, missing, stale. */
  present: number;
  missing: number;
  stale: number;
}

/** The sections a site chose for each group (completeness_mappings); groups absent are recognised by address. */
export async function loadMappings(db: Db, siteId: number): Promise<Map<string, number[]>> {
  const rows = await db.selectFrom('completeness_mappings').select(['group_key', 'section_ids']).where('site_id', '=', siteId).execute();
  return new Map(rows.map((r) => [r.group_key, parseIds(r.section_ids)]));
}

function parseIds(text: string): number[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
  } catch {
    return [];
  }
}

/** The sections that carry a group: those the site chose, else those whose address names it. */
export function sectionsOfGroup(group: CompletenessGroup, sections: SectionRow[], mappings: Map<string, number[]>): { sections: SectionRow[]; mapping: 'site' | 'auto' } {
  const chosen = mappings.get(group.key);
  if (chosen) return { sections: sections.filter((s) => chosen.includes(s.id)), mapping: 'site' };
  if (!group.sources.includes('sections')) return { sections: [], mapping: 'auto' };
  return { sections: sections.filter((s) => s.archived_at === null && slugCarries(s.slug, group)), mapping: 'auto' };
}

/** A section with every section under it. */
function withChildren(sections: SectionRow[], roots: number[]): Set<number> {
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of sections) {
      if (s.parent_id !== null && out.has(s.parent_id) && !out.has(s.id)) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return out;
}

interface Tally {
  count: number;
  last: string | null;
}

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const tallyOf = (count: unknown, last: unknown): Tally => ({ count: Number(count ?? 0), last: typeof last === 'string' ? last : null });

/**
 * The state of a site at the end of `asOf` (a Vietnam date): what was public
 * then as far as the public index still holds it (an item taken down since is
 * no longer counted).
 */
export async function computeCompleteness(db: Db, site: Site, asOf: string): Promise<CompletenessState> {
  if (site.status !== 'active') return { asOf, judged: false, groups: [], present: 0, missing: 0, stale: 0 };
  const before = startOfVietnamDate(addDays(asOf, 1)).toISOString();
  const siteId = site.id;
  const sections = await db.selectFrom('sections').selectAll().where('site_id', '=', siteId).orderBy('sort_order').orderBy('name').execute();
  const mappings = await loadMappings(db, siteId);
  const rule = await ruleOn<unknown>(db, siteId, REVIEW_DAYS_RULE, asOf);
  const reviewDays = reviewDaysOf(rule?.value);

  // The public index, per section (documents apart: the library counts them) and per kind of item.
  const bySection = await db
    .selectFrom('search_documents')
    .select(['section_id', 'kind', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('published_at').as('last')])
    .where('site_id', '=', siteId)
    .where('published_at', '<', before)
    .where('section_id', 'is not', null)
    .groupBy(['section_id', 'kind'])
    .execute();
  const byKind = await db
    .selectFrom('search_documents')
    .select(['item_type', 'kind', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('published_at').as('last')])
    .where('site_id', '=', siteId)
    .where('published_at', '<', before)
    .groupBy(['item_type', 'kind'])
    .execute();
  const kindTally = (match: (r: { item_type: string; kind: string }) => boolean): Tally =>
    byKind.filter(match).reduce<Tally>((t, r) => ({ count: t.count + Number(r.n), last: later(t.last, r.last as string | null) }), { count: 0, last: null });
  const procedures = await db
    .selectFrom('procedures')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('published_at').as('last')])
    .where('site_id', '=', siteId)
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .where('published_at', '<', before)
    .executeTakeFirst();
  const disclosure = await db
    .selectFrom('disclosure_items')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('updated_at').as('last')])
    .where('site_id', '=', siteId)
    .where('updated_at', '<', before)
    .executeTakeFirst();

  const contactFields = [site.contact.address, site.contact.phone, site.contact.email, site.contact.responsiblePerson].filter((v) => Boolean(v && String(v).trim())).length;
  const sourceTally = (source: CompletenessSource): Tally => {
    switch (source) {
      case 'documents':
        return kindTally((r) => r.kind === 'document');
      case 'procedures':
        return tallyOf(procedures?.n, procedures?.last);
      case 'disclosure':
        return tallyOf(disclosure?.n, disclosure?.last);
      case 'questions':
        return kindTally((r) => r.item_type === 'question' || r.item_type === 'petition');
      case 'consultations':
        return kindTally((r) => r.item_type === 'consultation');
      case 'contact':
        // Present only when the footer can name address, phone and e-mail (Circular 32/2017 Art. 16).
        return { count: site.contact.address && site.contact.phone && site.contact.email ? contactFields : 0, last: null };
      case 'channels':
        return { count: site.settings.channels?.length ?? 0, last: null };
      case 'builtin':
        return { count: BUILTIN_FEATURES, last: null };
      case 'sections':
        return { count: 0, last: null };
    }
  };

  const groups = groupsFor(site.level).map((group): GroupState => {
    const carried = sectionsOfGroup(group, sections, mappings);
    const ids = withChildren(sections, carried.sections.map((s) => s.id));
    const hasLibrary = group.sources.includes('documents');
    // Items in the group's sections; a document there is already counted by the library.
    const inSections = bySection
      .filter((r) => r.section_id !== null && ids.has(r.section_id) && !(hasLibrary && r.kind === 'document'))
      .reduce<Tally>((t, r) => ({ count: t.count + Number(r.n), last: later(t.last, r.last as string | null) }), { count: 0, last: null });
    const total = group.sources.filter((s) => s !== 'sections').map(sourceTally).reduce((t, x) => ({ count: t.count + x.count, last: later(t.last, x.last) }), inSections);
    const lastUpdated = total.last ? vietnamDate(new Date(total.last)) : null;
    const has = total.count > 0;
    const days = reviewDays[group.key] ?? null;
    return {
      group,
      has,
      count: total.count,
      lastUpdated,
      reviewDays: days,
      stale: has && isStale(lastUpdated, days, asOf),
      sections: carried.sections.map((s) => ({ id: s.id, name: s.name, slug: s.slug })),
      mapping: carried.mapping,
    };
  });
  return {
    asOf,
    judged: true,
    groups,
    present: groups.filter((g) => g.has).length,
    missing: groups.filter((g) => !g.has).length,
    stale: groups.filter((g) => g.stale).length,
  };
}

/** Every group key, for forms and validation. */
export const GROUP_KEYS = COMPLETENESS_GROUPS.map((g) => g.key);
