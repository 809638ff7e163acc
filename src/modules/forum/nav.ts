// "Diễn đàn" in the public menu, only on a site whose forum is on.
import type { Lang } from '../../ui/i18n.ts';
import { forumText } from './messages.ts';
import { forumPaths } from './model.ts';

/** The menu entry, for a site whose forum is on (forumSettings, read with the chrome's site facts). */
export function forumNav(lang: Lang, here: string): { href: string; label: string; current: boolean }[] {
  const href = forumPaths.index(lang);
  const path = here.split('?')[0]!;
  return [{ href, label: forumText(lang).nav, current: path === href || path.startsWith(`${href}/`) }];
}
