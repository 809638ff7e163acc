// The home page's block of current business promotions ("Quảng bá, giới thiệu
// doanh nghiệp", 001 Đ11, 002 Đ6.2): each promotion's banner with its
// description, linking to its page. Only those within their validity period
// (the public index holds no other: validity.expired = 'withdraw'); the home
// page is cached, and the validity job moves the content version the day one
// starts or ends.
import type { FastifyInstance } from 'fastify';
import { siteKind, type PictureValue } from '../../../core/entries/index.ts';
import { promotion } from '../../../core/entries/kinds/promotion.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { thumbnailUrl, mediaByIds } from '../../media/media.ts';
import { registerHomeExtra } from '../../public/home-extras.ts';
import { currentEntries } from '../public/queries.ts';

/** How many banners the home page shows. */
const HOME_BANNERS = 6;

export function registerPromotionBanners(_app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  registerHomeExtra(deps, {
    key: 'promotion-banners',
    slot: 'side',
    order: 50,
    render: async ({ request, lang, today }) => {
      const site = request.site;
      const own = siteKind(site.level, site.settings.entryKinds, promotion.key);
      if (!own?.enabled) return null;
      const entries = await currentEntries(db, site.id, [promotion], lang, today, HOME_BANNERS);
      if (entries.length === 0) return null;
      const banners = entries.map((e) => ({ e, picture: e.values.banner as PictureValue | undefined }));
      const media = new Map((await mediaByIds(db, site.id, banners.flatMap((b) => (b.picture ? [b.picture.mediaId] : [])))).map((m) => [m.id, m]));
      const title = own.plural[lang];
      const href = lang === 'en' ? `/en/${promotion.path}` : `/${promotion.path}`;
      return (await (
        <section class="home-block promotions" aria-labelledby="promotions-h">
          <h2 id="promotions-h">
            <a href={href} safe>
              {title}
            </a>
          </h2>
          <ul class="promotion-banners">
            {banners.map(({ e, picture }) => {
              const m = picture ? media.get(picture.mediaId) : undefined;
              const name = typeof e.values.businessName === 'string' && e.values.businessName ? e.values.businessName : e.title;
              return (
                <li>
                  <a href={e.url}>
                    {m && picture ? <img src={thumbnailUrl(m)} alt={picture.alt} width={m.width ? String(m.width) : undefined} height={m.height ? String(m.height) : undefined} loading="lazy" /> : ''}
                    <span class="promotion-name" safe>
                      {name}
                    </span>
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )) as string;
    },
  });
}
