// What the galleries show in place of the generic list and fields: a grid of
// albums (cover thumbnail, counts, date), and an album as a grid of figures —
// each photo with its caption, linking to the full-size file, no script — and
// its videos as HTML5 players (never autoplay, nothing loaded until asked,
// captions as a <track>), each with a download link and its size.
import { choiceLabel, type PictureValue } from '../../../core/entries/index.ts';
import { gallery } from '../../../core/entries/kinds/gallery.ts';
import { formatDate } from '../../../core/time.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import { mediaUrl, thumbnailUrl, type MediaItem } from '../../media/media.ts';
import { NO_PRELOAD } from '../../media/video.ts';
import { fileSize, type Lookup } from '../public/values.tsx';
import { galleryText } from './messages.ts';

export interface VideoRow {
  title?: string;
  video?: number;
  poster?: number;
  subtitles?: number;
  duration?: string;
  description?: string;
}

export function picturesOf(values: Record<string, unknown>): PictureValue[] {
  return Array.isArray(values.pictures) ? (values.pictures as PictureValue[]) : [];
}

export function videosOf(values: Record<string, unknown>): VideoRow[] {
  return Array.isArray(values.videos) ? (values.videos as VideoRow[]) : [];
}

/** The album's cover: its first photo, else its first video's poster. */
export function coverIdOf(values: Record<string, unknown>): number | null {
  return picturesOf(values)[0]?.mediaId ?? videosOf(values).find((v) => v.poster)?.poster ?? null;
}

/** A WebP size of an image: the smallest at least `min` wide (else the largest), with its height. */
function sized(m: MediaItem, min: number): { url: string; width: number | null; height: number | null } {
  const variants = [...m.variants].sort((a, b) => a.width - b.width);
  const pick = variants.find((v) => v.width >= min) ?? variants[variants.length - 1];
  if (!pick || !m.width || !m.height) return { url: pick ? mediaUrl(m.sha256, `${pick.width}.webp`) : m.url, width: m.width, height: m.height };
  return { url: mediaUrl(m.sha256, `${pick.width}.webp`), width: pick.width, height: Math.round((m.height * pick.width) / m.width) };
}

/** The list's thumbnail: the smallest WebP variant, with its own width and height. */
export function thumbnailOf(m: MediaItem): { url: string; width: number | null; height: number | null } {
  const smallest = [...m.variants].sort((a, b) => a.width - b.width)[0];
  if (!smallest || !m.width || !m.height) return { url: thumbnailUrl(m), width: m.width, height: m.height };
  return { url: thumbnailUrl(m), width: smallest.width, height: Math.round((m.height * smallest.width) / m.width) };
}

function srcset(m: MediaItem): string | undefined {
  return m.variants.length > 1 ? [...m.variants].sort((a, b) => a.width - b.width).map((v) => `${mediaUrl(m.sha256, `${v.width}.webp`)} ${v.width}w`).join(', ') : undefined;
}

/** `sizes` for the figures (the JSX types do not list it). */
function sizesAttr(m: MediaItem): Record<string, string> {
  // Three figures a row on a wide screen, one on a phone.
  return m.variants.length > 1 ? { sizes: '(max-width: 40em) 100vw, 20em' } : {};
}

export interface AlbumCard {
  url: string;
  title: string;
  cover: MediaItem | null;
  photos: number;
  videos: number;
  eventDate: string | null;
  publishedAt: string;
}

function Counts({ album, lang }: { album: Pick<AlbumCard, 'photos' | 'videos'>; lang: Lang }): JSX.Element {
  const t = galleryText(lang);
  const parts = [album.photos > 0 ? format(t.photosCount, { count: album.photos }) : '', album.videos > 0 ? format(t.videosCount, { count: album.videos }) : ''].filter(Boolean);
  return <span safe>{parts.join(' · ')}</span>;
}

/** The list: albums as cards in a grid that folds to one column on a phone. */
export function AlbumGrid({ albums, lang, labelledBy }: { albums: AlbumCard[]; lang: Lang; labelledBy?: string }): JSX.Element {
  const t = galleryText(lang);
  return (
    <ul class="gallery-grid" aria-labelledby={labelledBy}>
      {albums.map((a) => {
        const thumb = a.cover ? thumbnailOf(a.cover) : null;
        return (
          <li class="gallery-card">
            <a href={a.url}>
              {thumb ? <img src={thumb.url} alt="" width={thumb.width ? String(thumb.width) : undefined} height={thumb.height ? String(thumb.height) : undefined} loading="lazy" decoding="async" /> : <span class="gallery-card-blank" aria-hidden="true"></span>}
              <span class="gallery-card-title" safe>
                {a.title}
              </span>
            </a>
            <p class="meta-line">
              <Counts album={a} lang={lang} />
              {a.eventDate ? (
                <>
                  {' · '}
                  <span class="visually-hidden" safe>{`${t.eventDate}: `}</span>
                  <time datetime={a.eventDate} safe>
                    {formatDate(a.eventDate)}
                  </time>
                </>
              ) : (
                ''
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function Lines({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text.split('\n').map((line, i) => (
        <>
          {i > 0 ? <br /> : ''}
          <span safe>{line}</span>
        </>
      ))}
    </>
  );
}

function Video({ row, lookup, lang, index }: { row: VideoRow; lookup: Lookup; lang: Lang; index: number }): JSX.Element {
  const t = galleryText(lang);
  const file = row.video ? lookup.media.get(row.video) : undefined;
  if (!file) return '';
  const poster = row.poster ? lookup.media.get(row.poster) : undefined;
  const captions = row.subtitles ? lookup.media.get(row.subtitles) : undefined;
  const id = `video-${index + 1}`;
  const download = format(t.download, { type: file.ext.toUpperCase(), size: fileSize(file.size, lang) });
  return (
    <section class="gallery-video" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} safe>
        {row.title ?? file.originalName}
      </h3>
      {/* Never autoplay; nothing is fetched until the reader presses play (slow connections). */}
      <video controls {...NO_PRELOAD} poster={poster ? sized(poster, 640).url : undefined} aria-labelledby={`${id}-h`}>
        <source src={file.url} type={file.mime} />
        {captions ? <track kind="captions" src={captions.url} srclang="vi" label={t.captions} /> : ''}
        <p>
          {t.noPlayer}{' '}
          <a href={file.url} download={file.originalName} safe>
            {download}
          </a>
        </p>
      </video>
      {row.duration ? <p class="meta-line" safe>{`${t.duration}: ${row.duration}`}</p> : ''}
      {row.description ? (
        <p>
          <Lines text={row.description} />
        </p>
      ) : (
        ''
      )}
      <ul class="gallery-video-links">
        <li>
          <a href={file.url} download={file.originalName} type={file.mime} safe>
            {download}
          </a>
        </li>
        {captions ? (
          <li>
            <a href={captions.url} download={captions.originalName} type="text/vtt">
              {t.downloadCaptions}
            </a>
          </li>
        ) : (
          <li class="muted">{t.noCaptions}</li>
        )}
      </ul>
    </section>
  );
}

/** An album: its details, its photos as figures, its videos as players. */
export function AlbumView({ values, lookup, lang }: { values: Record<string, unknown>; lookup: Lookup; lang: Lang }): JSX.Element {
  const t = galleryText(lang);
  const kindField = gallery.fields.find((f) => f.key === 'galleryType')!;
  const photos = picturesOf(values)
    .map((p) => ({ p, m: lookup.media.get(p.mediaId) }))
    .filter((x): x is { p: PictureValue; m: MediaItem } => Boolean(x.m));
  const videos = videosOf(values).filter((v) => v.video && lookup.media.has(v.video));
  return (
    <>
      <dl class="meta gallery-meta">
        {typeof values.galleryType === 'string' ? (
          <>
            <dt>{t.kind}</dt>
            <dd safe>{choiceLabel(kindField, values.galleryType, lang)}</dd>
          </>
        ) : (
          ''
        )}
        {typeof values.eventDate === 'string' ? (
          <>
            <dt>{t.eventDate}</dt>
            <dd>
              <time datetime={values.eventDate} safe>
                {formatDate(values.eventDate)}
              </time>
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {typeof values.description === 'string' ? (
        <p class="gallery-description">
          <Lines text={values.description} />
        </p>
      ) : (
        ''
      )}
      {photos.length > 0 ? (
        <section aria-labelledby="gallery-photos-h">
          <h2 id="gallery-photos-h" safe>
            {format(t.photos, { count: photos.length })}
          </h2>
          <ul class="gallery-figures">
            {photos.map(({ p, m }) => {
              const shown = sized(m, 480);
              return (
                <li>
                  <figure>
                    <a href={m.url}>
                      <img src={shown.url} srcset={srcset(m)} {...sizesAttr(m)} alt={p.alt} width={shown.width ? String(shown.width) : undefined} height={shown.height ? String(shown.height) : undefined} loading="lazy" decoding="async" />
                      <span class="visually-hidden" safe>{` ${t.fullSize}`}</span>
                    </a>
                    {p.caption ? <figcaption safe>{p.caption}</figcaption> : ''}
                  </figure>
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
        ''
      )}
      {videos.length > 0 ? (
        <section aria-labelledby="gallery-videos-h">
          <h2 id="gallery-videos-h" safe>
            {format(t.videos, { count: videos.length })}
          </h2>
          {videos.map((row, i) => (
            <Video row={row} lookup={lookup} lang={lang} index={i} />
          ))}
        </section>
      ) : (
        ''
      )}
    </>
  );
}
