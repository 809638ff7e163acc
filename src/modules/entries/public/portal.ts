// What the rest of the public site shows of declared sections: the home
// page's blocks of current entries (kinds with a validity period; an expired
// entry never), the links to the sections that have entries (menu, sitemap
// page, sitemap.xml) and the kinds search can be narrowed to.
import { siteKinds, type SiteKindSettings } from '../../../core/entries/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Lang } from '../../../ui/i18n.ts';
import type { SectionBlock } from '../../public/pages.tsx';
import { ENTRY_ITEM } from '../sync.ts';
import { currentEntries, listedKinds } from './queries.ts';

type SiteLike = { id: number; level: string; settings: { entryKinds?: SiteKindSettings } };

/** How many current entries a home block shows. */
const HOME_ITEMS = 5;

export async function currentEntryBlocks(db: Db, site: SiteLike, lang: Lang, today: string): Promise<SectionBlock[]> {
  const blocks: SectionBlock[] = [];
  for (const own of siteKinds(site.level, site.settings.entryKinds).filter((k) => k.enabled && k.kind.validity && k.kind.validity.homeBlock !== false)) {
    const entries = await currentEntries(db, site.id, [own.kind], lang, today, HOME_ITEMS);
    if (entries.length === 0) continue;
    blocks.push({
      name: own.plural[lang],
      href: lang === 'en' ? `/en/${own.kind.path}` : `/${own.kind.path}`,
      items: entries.map((e) => ({ itemType: ENTRY_ITEM, itemId: e.articleId, url: e.url, title: e.title, summary: e.summary, kind: own.kind.key, sectionId: null, publishedAt: e.publishedAt, coverMediaId: null, isReference: false })),
    });
  }
  return blocks;
}

export async function listedKindLinks(db: Db, site: SiteLike, lang: Lang): Promise<{ href: string; name: string }[]> {
  return (await listedKinds(db, site)).map((k) => ({ href: lang === 'en' ? `/en${k.href}` : k.href, name: k.plural[lang] }));
}

export function entryKindOptions(site: SiteLike, lang: Lang): { value: string; label: string }[] {
  return siteKinds(site.level, site.settings.entryKinds)
    .filter((k) => k.enabled)
    .map((k) => ({ value: k.kind.key, label: k.plural[lang] }));
}

/** The keys of the kinds the site turned off (their entries stay indexed but answer 404). */
export function entryKindsOff(site: SiteLike): string[] {
  return siteKinds(site.level, site.settings.entryKinds)
    .filter((k) => !k.enabled)
    .map((k) => k.kind.key);
}
