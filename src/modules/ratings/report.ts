// The board's monthly reading of the ratings: each rated item with its counts,
// and the totals per section. An item outside the sections (a procedure, a
// published answer, a draft for comment, a document without a section) is
// counted under its own area of the site.
import type { Db } from '../../platform/db/database.ts';

/** Where an item without a section is counted. */
export const AREAS = ['document', 'procedure', 'question', 'petition', 'consultation', 'none'] as const;
export type Area = (typeof AREAS)[number];

export interface Tally {
  ratings: number;
  useful: number;
  notUseful: number;
  /** Per cent of the ratings that said "useful", to one decimal; null without ratings. */
  usefulShare: number | null;
}

export interface RatedItem extends Tally {
  itemType: string;
  itemId: number;
  kind: string;
  title: string;
  /** The item's public path, as when last rated. */
  url: string;
  group: GroupKey;
}

/** A section of the site (its name, or null when it was deleted since), or an area outside the sections. */
export type GroupKey = { sectionId: number; name: string | null } | { area: Area };

export interface GroupTally extends Tally {
  group: GroupKey;
  /** How many items were rated. */
  items: number;
}

export interface MonthlyRatings {
  month: string;
  items: RatedItem[];
  groups: GroupTally[];
  total: Omit<GroupTally, 'group'>;
}

function tally(useful: number, notUseful: number): Tally {
  const ratings = useful + notUseful;
  return { ratings, useful, notUseful, usefulShare: ratings === 0 ? null : Math.round((useful / ratings) * 1000) / 10 };
}

function areaOf(kind: string): Area {
  return (AREAS as readonly string[]).includes(kind) ? (kind as Area) : 'none';
}

function groupId(group: GroupKey): string {
  return 'sectionId' in group ? `s${group.sectionId}` : `a${group.area}`;
}

const byRatings = <T extends Tally>(label: (x: T) => string) => (a: T, b: T) => b.ratings - a.ratings || label(a).localeCompare(label(b), 'vi');

/** The site's ratings of one month ("2026-11"), most rated first. */
export async function loadMonthlyRatings(db: Db, siteId: number, month: string): Promise<MonthlyRatings> {
  const rows = await db
    .selectFrom('rating_counts')
    .select(['item_type', 'item_id', 'kind', 'section_id', 'title', 'url', 'useful', 'not_useful'])
    .where('site_id', '=', siteId)
    .where('month', '=', month)
    .execute();
  const sections = new Map((await db.selectFrom('sections').select(['id', 'name']).where('site_id', '=', siteId).execute()).map((s) => [s.id, s.name]));
  const items: RatedItem[] = rows.map((r) => ({
    itemType: r.item_type,
    itemId: r.item_id,
    kind: r.kind,
    title: r.title,
    url: r.url,
    group: r.section_id !== null ? { sectionId: r.section_id, name: sections.get(r.section_id) ?? null } : { area: areaOf(r.kind) },
    ...tally(r.useful, r.not_useful),
  }));
  const groups = new Map<string, { group: GroupKey; items: number; useful: number; notUseful: number }>();
  for (const item of items) {
    const g = groups.get(groupId(item.group)) ?? { group: item.group, items: 0, useful: 0, notUseful: 0 };
    g.items += 1;
    g.useful += item.useful;
    g.notUseful += item.notUseful;
    groups.set(groupId(item.group), g);
  }
  const useful = items.reduce((n, i) => n + i.useful, 0);
  const notUseful = items.reduce((n, i) => n + i.notUseful, 0);
  return {
    month,
    items: items.sort(byRatings((i) => i.title)),
    groups: [...groups.values()].map((g) => ({ group: g.group, items: g.items, ...tally(g.useful, g.notUseful) })).sort(byRatings((g) => groupId(g.group))),
    total: { items: items.length, ...tally(useful, notUseful) },
  };
}
