// Views of their own that some section kinds add beside the generic list (a
// week, a tree, a directory): the module that serves such a view registers it
// here from its own file, and the list page links to it. Nothing else is shared.
import type { Bilingual } from '../../../core/entries/index.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Lang } from '../../../ui/i18n.ts';
import type { ListedEntry } from './queries.ts';
import type { Lookup } from './values.tsx';

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

/**
 * A kind whose entries are shown their own way on the generic pages (a gallery: a grid of albums, an
 * album of figures and players); filters, paging, open data, corrections and ratings stay the pages' own.
 */
export interface EntryRenderer {
  /** The list's items, in place of the generic list (it reads what it needs, e.g. only the covers). */
  list?: (input: { db: Db; siteId: number; entries: ListedEntry[]; lang: Lang }) => Promise<JSX.Element>;
  /** The entry's fields, in place of the generic table and sections. */
  fields?: (input: { values: Record<string, unknown>; lookup: Lookup; lang: Lang }) => JSX.Element;
}

const RENDERERS = new Map<string, EntryRenderer>();

export function registerEntryRenderer(kindKey: string, renderer: EntryRenderer): void {
  RENDERERS.set(kindKey, renderer);
}

export function entryRenderer(kindKey: string): EntryRenderer | undefined {
  return RENDERERS.get(kindKey);
}
