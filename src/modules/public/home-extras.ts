// Blocks other capabilities add to the home page (the running poll, promotion
// banners, the newest gallery, story threads…) without the home page knowing
// them: each registers a renderer with the application's dependencies (one
// registry per application, so test apps do not share), and the home page asks
// every renderer for its block when it reads its data. A block is shared by every
// visitor of the site and language for up to a minute or until the site's content
// changes (home-data.ts): it may depend on the site, the language and the day, not
// on the visitor (cookies, text size) nor on figures that must be fresher than that.
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import type { Lang } from '../../ui/i18n.ts';

/** Where on the home page a block goes: the main column after the section blocks, or the side column (top or bottom). */
export type HomeSlot = 'main' | 'side-top' | 'side';

export interface HomeExtraInput {
  deps: AppDeps;
  request: FastifyRequest;
  lang: Lang;
  /** Today in Vietnam, yyyy-mm-dd. */
  today: string;
}

export interface HomeExtra {
  /** Unique per application (a second registration under a key replaces the first). */
  key: string;
  slot: HomeSlot;
  /** Lower first within a slot. */
  order: number;
  /** The block's HTML (escaped by its own TSX), or null when there is nothing to show. */
  render: (input: HomeExtraInput) => Promise<string | null>;
}

export type HomeExtrasHtml = Record<HomeSlot, string[]>;

const registries = new WeakMap<AppDeps, Map<string, HomeExtra>>();

export function registerHomeExtra(deps: AppDeps, extra: HomeExtra): void {
  let registry = registries.get(deps);
  if (!registry) registries.set(deps, (registry = new Map()));
  registry.set(extra.key, extra);
}

/** Every registered block rendered for this request, by slot, in order. */
export async function renderHomeExtras(input: HomeExtraInput): Promise<HomeExtrasHtml> {
  const out: HomeExtrasHtml = { main: [], 'side-top': [], side: [] };
  const extras = [...(registries.get(input.deps)?.values() ?? [])].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  for (const extra of extras) {
    const html = await extra.render(input);
    if (html) out[extra.slot].push(html);
  }
  return out;
}
