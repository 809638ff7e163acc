// Views of their own that some section kinds add beside the generic list (a
// week, a tree, a directory): the module that serves such a view registers it
// here from its own file, and the list page links to it. Nothing else is shared.
import type { Bilingual } from '../../../core/entries/index.ts';

export interface EntryView {
  label: Bilingual;
  /** The view's address, e.g. `/lich-cong-tac/tuan`; it may depend on the day (the current week). */
  href: string | ((today: string) => string);
}

const VIEWS = new Map<string, EntryView[]>();

/** Called once at start-up by the module serving the view (e.g. registerEntryView('schedule_week', {...})). */
export function registerEntryView(kindKey: string, view: EntryView): void {
  const list = VIEWS.get(kindKey) ?? [];
  if (!list.some((v) => v.href === view.href)) list.push(view);
  VIEWS.set(kindKey, list);
}

/** The views of a kind, with their addresses for today. */
export function entryViews(kindKey: string, today: string): { label: Bilingual; href: string }[] {
  return (VIEWS.get(kindKey) ?? []).map((v) => ({ label: v.label, href: typeof v.href === 'function' ? v.href(today) : v.href }));
}

/** A link an entry's own page shows into such a view (a week entry to its week; an invitation to the week of its meeting). */
export type EntryDetailLink = (values: Record<string, unknown>) => { label: Bilingual; href: string } | null;

const DETAIL_LINKS = new Map<string, EntryDetailLink[]>();

export function registerEntryDetailLink(kindKey: string, link: EntryDetailLink): void {
  const list = DETAIL_LINKS.get(kindKey) ?? [];
  if (!list.includes(link)) list.push(link);
  DETAIL_LINKS.set(kindKey, list);
}

export function entryDetailLinks(kindKey: string, values: Record<string, unknown>): { label: Bilingual; href: string }[] {
  return (DETAIL_LINKS.get(kindKey) ?? []).map((link) => link(values)).filter((l): l is { label: Bilingual; href: string } => l !== null);
}
