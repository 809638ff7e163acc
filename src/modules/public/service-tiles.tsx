// The home page's tiles to public services (issue 16): the national
// public-service portal, the province's portal, the national database of
// administrative procedures, the site's own procedures and the page where a
// citizen follows what they sent. Large touch targets, an icon drawn inline
// (no download), the link's text as its accessible name. A site without a
// provincial portal of its own (a commune, a department) takes its parent
// site's, and so up the tree.
import type { AppDeps } from '../../platform/http/context.ts';
import type { Lang } from '../../ui/i18n.ts';
import type { Site, SiteLink } from '../sites/site.ts';
import { habitsText } from './habits-messages.ts';
import { paths } from './site-view.ts';

/** Cổng Dịch vụ công quốc gia. */
export const NATIONAL_PORTAL = 'https://dichvucong.gov.vn';
/** Cơ sở dữ liệu quốc gia về thủ tục hành chính. */
export const PROCEDURES_DATABASE = 'https://csdl.dichvucong.gov.vn';
/** How far up the tree of sites a portal is looked for. */
const MAX_DEPTH = 5;

export type TileIcon = 'national' | 'provincial' | 'database' | 'procedures' | 'track';

export interface ServiceTile {
  icon: TileIcon;
  name: string;
  hint: string | null;
  url: string;
  external: boolean;
}

/** The site's provincial portal, else the nearest ancestor's. */
export async function provincialPortal(deps: Pick<AppDeps, 'sites'>, site: Pick<Site, 'settings' | 'parentSiteId'>): Promise<SiteLink | null> {
  let current: Pick<Site, 'settings' | 'parentSiteId'> | null = site;
  for (let depth = 0; current && depth <= MAX_DEPTH; depth++) {
    if (current.settings.publicServicePortal?.url) return current.settings.publicServicePortal;
    current = current.parentSiteId ? await deps.sites.byIdOrNull(current.parentSiteId) : null;
  }
  return null;
}

export async function serviceTiles(deps: Pick<AppDeps, 'sites'>, site: Pick<Site, 'settings' | 'parentSiteId'>, lang: Lang): Promise<ServiceTile[]> {
  const t = habitsText(lang);
  const provincial = await provincialPortal(deps, site);
  return [
    { icon: 'national', name: t.tileNational, hint: t.tileNationalHint, url: NATIONAL_PORTAL, external: true },
    ...(provincial ? [{ icon: 'provincial' as const, name: provincial.name || t.tileProvincial, hint: t.tileProvincialHint, url: provincial.url, external: true }] : []),
    { icon: 'database', name: t.tileDatabase, hint: t.tileDatabaseHint, url: PROCEDURES_DATABASE, external: true },
    { icon: 'procedures', name: t.tileProcedures, hint: null, url: paths.procedures(lang), external: false },
    { icon: 'track', name: t.tileTrack, hint: t.tileTrackHint, url: paths.track(lang), external: false },
  ];
}

/** 24×24 outline icons, drawn in the text colour. */
const ICONS: Record<TileIcon, string> = {
  // A flag on its pole: the national portal.
  national: '<path d="M5 21V4"/><path d="M5 4h11l-2 4 2 4H5"/>',
  // A building with columns: the province.
  provincial: '<path d="M3 10l9-6 9 6"/><path d="M5 10v8M9 10v8M15 10v8M19 10v8"/><path d="M3 20h18"/>',
  // A stack of discs: a database.
  database: '<ellipse cx="12" cy="5" rx="8" ry="3"/><path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5"/><path d="M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"/>',
  // A form with lines: a procedure.
  procedures: '<path d="M6 3h9l4 4v14H6z"/><path d="M15 3v4h4"/><path d="M9 12h7M9 16h7"/>',
  // A magnifying glass: looking something up.
  track: '<circle cx="10" cy="10" r="6"/><path d="M14.5 14.5L20 20"/>',
};

export function ServiceTiles({ tiles, lang }: { tiles: ServiceTile[]; lang: Lang }): JSX.Element {
  const t = habitsText(lang);
  return (
    <section class="home-block service-tiles" aria-labelledby="portals-h">
      <h2 id="portals-h">{t.tilesTitle}</h2>
      <ul>
        {tiles.map((tile) => (
          <li>
            <a class={`tile tile-${tile.icon}`} href={tile.url} rel={tile.external ? 'noopener' : undefined}>
              {`<svg class="tile-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${ICONS[tile.icon]}</svg>` as 'safe'}
              <span class="tile-text">
                <span class="tile-name" safe>
                  {tile.name}
                </span>
                {tile.hint ? (
                  <span class="tile-hint" safe>
                    {tile.hint}
                  </span>
                ) : (
                  ''
                )}
                {tile.external ? (
                  <span class="visually-hidden" safe>
                    {` ${t.external}`}
                  </span>
                ) : (
                  ''
                )}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
