// The rating form at the foot of every public page that carries content. It
// posts to /danh-gia, which sends the visitor back to the page with
// ?da-danh-gia=… (a page of its own in the render cache), where the thanks
// replace the form. A site that no longer operates takes no ratings: no form.
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../ui/i18n.ts';
import { siteReceives } from '../sites/site.ts';
import { ratingText } from './messages.ts';
import { itemKey, type RatedItem } from './record-rating.ts';

/** The query parameter of the page a rating returns to: counted now, or rated before from this browser. */
export const THANKS_PARAM = 'da-danh-gia';
export const THANKS = { counted: '1', before: 'truoc' } as const;

export interface RatingView {
  /** The item's key ("article:12"), sent with the form. */
  item: string;
  thanks: 'counted' | 'before' | null;
}

/** What the page shows about rating this item, or null on a site that no longer operates. */
export function ratingView(request: FastifyRequest, item: RatedItem): RatingView | null {
  if (!siteReceives(request.site)) return null;
  const value = (request.query as Record<string, string | undefined>)[THANKS_PARAM];
  return { item: itemKey(item), thanks: value === THANKS.counted ? 'counted' : value === THANKS.before ? 'before' : null };
}

export function RatingSection({ lang, rating }: { lang: Lang; rating: RatingView | null }): JSX.Element {
  if (!rating) return '';
  const t = ratingText(lang);
  return (
    <section class="rating" id="danh-gia" aria-labelledby="rating-h">
      <h2 id="rating-h">{t.rating}</h2>
      {rating.thanks ? (
        <p class="notice-ok" role="status">
          {rating.thanks === 'counted' ? t.thanks : t.ratedBefore}
        </p>
      ) : (
        <>
          <p class="hint">{t.ratingHint}</p>
          <form method="post" action="/danh-gia">
            <input type="hidden" name="item" value={rating.item} />
            <button type="submit" name="useful" value="yes">
              {t.useful}
            </button>
            <button type="submit" name="useful" value="no">
              {t.notUseful}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
