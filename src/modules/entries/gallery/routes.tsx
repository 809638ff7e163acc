// The galleries' own view (ADR 0021): the generic pages of the `gallery` kind
// (/thu-vien-anh-video and /thu-vien-anh-video/<slug>, their filters, paging,
// feed, open data, corrections and ratings) draw their items as a grid of
// albums and an album of figures and players; and the home page shows the
// newest albums. Registered once at start-up; nothing here has a route.
import type { FastifyInstance } from 'fastify';
import { siteKind, type SectionKind } from '../../../core/entries/index.ts';
import { GALLERY, gallery } from '../../../core/entries/kinds/gallery.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { mediaByIds } from '../../media/media.ts';
import { registerHomeExtra } from '../../public/home-extras.ts';
import type { ListedEntry } from '../public/queries.ts';
import { listEntries } from '../public/queries.ts';
import { registerEntryRenderer } from '../public/views.ts';
import { galleryText } from './messages.ts';
import { AlbumGrid, AlbumView, coverIdOf, picturesOf, videosOf, type AlbumCard } from './pages.tsx';

/** How many albums the home page shows. */
const HOME_ALBUMS = 3;

/** The albums as cards: only their covers are read from the library. */
export async function albumCards(db: Db, siteId: number, entries: ListedEntry[]): Promise<AlbumCard[]> {
  const covers = new Map((await mediaByIds(db, siteId, entries.map((e) => coverIdOf(e.values)).filter((id): id is number => id !== null))).map((m) => [m.id, m]));
  return entries.map((e) => {
    const coverId = coverIdOf(e.values);
    return {
      url: e.url,
      title: e.title,
      cover: coverId === null ? null : (covers.get(coverId) ?? null),
      photos: picturesOf(e.values).length,
      videos: videosOf(e.values).length,
      eventDate: typeof e.values.eventDate === 'string' ? e.values.eventDate : null,
      publishedAt: e.publishedAt,
    };
  });
}

export function registerGallery(_app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  registerEntryRenderer(GALLERY, {
    list: async ({ db: listDb, siteId, entries, lang }) => <AlbumGrid albums={await albumCards(listDb, siteId, entries)} lang={lang} labelledBy="entry-results-h" />,
    fields: ({ values, lookup, lang }) => <AlbumView values={values} lookup={lookup} lang={lang} />,
  });

  registerHomeExtra(deps, {
    key: 'gallery',
    slot: 'main',
    order: 50,
    render: async ({ request, lang, today }) => {
      const own = siteKind(request.site.level, request.site.settings.entryKinds, GALLERY);
      if (!own?.enabled) return null;
      const { entries } = await listEntries(db, request.site.id, gallery as SectionKind, { lang, filters: [], sort: { by: 'published', direction: 'desc' }, today, limit: HOME_ALBUMS, offset: 0 });
      if (entries.length === 0) return null;
      const t = galleryText(lang);
      const href = lang === 'en' ? `/en/${gallery.path}` : `/${gallery.path}`;
      return (await (
        <section class="home-block home-gallery" aria-labelledby="home-gallery-h">
          <h2 id="home-gallery-h">
            <a href={href} safe>
              {own.plural[lang] || t.homeTitle}
            </a>
          </h2>
          <AlbumGrid albums={await albumCards(db, request.site.id, entries)} lang={lang} />
          <p class="more">
            <a href={href}>{t.homeMore}</a>
          </p>
        </section>
      )) as string;
    },
  });
}
