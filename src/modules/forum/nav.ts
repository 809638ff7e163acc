// "Diễn đàn" in the public menu, only on a site whose forum is on.
import type { Db } from '../../platform/db/database.ts';
import type { Lang } from '../../ui/i18n.ts';
import { forumText } from './messages.ts';
import { forumPaths } from './model.ts';
import { forumSettings } from './store.ts';

export async function forumNav(db: Db, siteId: number, lang: Lang, here: string): Promise<{ href: string; label: string; current: boolean }[]> {
  if (!(await forumSettings(db, siteId)).enabled) return [];
  const href = forumPaths.index(lang);
  const path = here.split('?')[0]!;
  return [{ href, label: forumText(lang).nav, current: path === href || path.startsWith(`${href}/`) }];
}
