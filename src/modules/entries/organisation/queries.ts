// What the organisation chart and the directory show, for one site: its active
// units as a tree with their heads, and the published leaders and officials
// (the live revision of entries that are in the public index, so a draft, a
// taken-down entry or another site's never appears).
import { enabledKindsOfSite } from '../site-kinds.ts';
import { fold } from '../../../core/vietnamese/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { UnitRow } from '../../../platform/db/schema.ts';
import { parseSnapshot } from '../../articles/article.ts';
import { coversOf, type ListedItem } from '../../public/queries.ts';
import { ENTRY_ITEM } from '../sync.ts';
import { listUnits } from '../../units/manage-units.ts';
import { buildUnitTree, type UnitNode } from '../../units/unit.ts';

export interface Photo {
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
}

export interface PublicPerson {
  articleId: number;
  kind: 'leader' | 'official';
  name: string;
  url: string;
  position: string;
  unitId: number | null;
  phone: string | null;
  email: string | null;
  receivesRequests: boolean;
  order: number;
  photo: Photo | null;
}

export interface Organisation {
  tree: UnitNode[];
  units: Map<number, UnitRow>;
  /** The head's name per unit: its account's name, else the name typed on the unit. */
  heads: Map<number, string>;
  people: PublicPerson[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Published leaders and officials of the site, in their declared order, then by name. */
export async function publishedPeople(db: Db, siteId: number): Promise<PublicPerson[]> {
  // Only the kinds the site has on: a site that turned its leaders or officials off shows none of them.
  const kinds = (await enabledKindsOfSite(db, siteId)).map((k) => k.kind.key).filter((k) => k === 'leader' || k === 'official');
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('search_documents as d')
    .innerJoin('articles as a', (j) => j.onRef('a.id', '=', 'd.item_id').onRef('a.site_id', '=', 'd.site_id'))
    .innerJoin('article_revisions as r', 'r.id', 'a.live_revision_id')
    .select(['a.id', 'd.kind', 'd.url', 'd.title', 'r.snapshot'])
    .where('d.site_id', '=', siteId)
    .where('d.item_type', '=', ENTRY_ITEM)
    .where('d.kind', 'in', kinds)
    .where('a.publication', '=', 'published')
    .where('a.deleted_at', 'is', null)
    .execute();
  const people = rows.map((row) => {
    const values = parseSnapshot(row.snapshot).entry?.values ?? {};
    const unit = Array.isArray(values.unit) ? Number(values.unit[0]) : null;
    const photo = values.photo as { mediaId?: number; alt?: string } | null | undefined;
    return {
      person: {
        articleId: row.id,
        kind: row.kind as PublicPerson['kind'],
        name: row.title,
        url: row.url,
        position: str(values.position) ?? '',
        unitId: unit && Number.isInteger(unit) ? unit : null,
        phone: str(values.phone),
        email: str(values.email),
        receivesRequests: values.receivesRequests === 'yes',
        order: typeof values.order === 'number' ? values.order : 9999,
        photo: null as Photo | null,
      },
      photo,
    };
  });
  // The library's variant of each portrait, with the description written on the entry.
  const covers = await coversOf(db, siteId, people.filter((p) => p.photo?.mediaId).map((p) => ({ coverMediaId: p.photo!.mediaId! }) as ListedItem));
  for (const p of people) {
    const cover = p.photo?.mediaId ? covers.get(p.photo.mediaId) : undefined;
    if (cover) p.person.photo = { ...cover, alt: p.photo?.alt || cover.alt };
  }
  return people.map((p) => p.person).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'vi'));
}

export async function loadOrganisation(db: Db, siteId: number): Promise<Organisation> {
  const units = await listUnits(db, siteId);
  const headIds = [...new Set(units.map((u) => u.head_user_id).filter((id): id is number => id !== null))];
  const accounts = headIds.length
    ? await db.selectFrom('users').innerJoin('memberships', 'memberships.user_id', 'users.id').select(['users.id', 'users.name']).where('memberships.site_id', '=', siteId).where('users.id', 'in', headIds).execute()
    : [];
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const heads = new Map<number, string>();
  for (const u of units) {
    const name = (u.head_user_id ? names.get(u.head_user_id) : null) ?? u.head_name;
    if (name) heads.set(u.id, name);
  }
  return { tree: buildUnitTree(units), units: new Map(units.map((u) => [u.id, u])), heads, people: await publishedPeople(db, siteId) };
}

/**
 * The agency's leadership: leaders with no unit, and those of the top unit when the tree has a
 * single root (the agency itself). A leader of an archived unit is not the agency's leadership.
 */
export function isLeadership(person: PublicPerson, org: Organisation): boolean {
  if (person.kind !== 'leader') return false;
  if (person.unitId === null) return true;
  return org.tree.length === 1 && org.tree[0]!.unit.id === person.unitId;
}

/** Whether every word of a folded query begins a word of the texts ("tai chinh" finds "Tài chính"). */
export function matchesQuery(folded: string, texts: (string | null | undefined)[]): boolean {
  const words = ` ${fold(texts.filter(Boolean).join(' ')).replace(/[^a-z0-9@.]+/g, ' ')}`;
  return folded.split(' ').filter(Boolean).every((word) => words.includes(` ${word}`));
}
