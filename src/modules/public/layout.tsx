// The frame of every public page: emblem or logo with the full agency name,
// search, language switch and text size in the header; the main sections;
// the archive notice of a former district; a footer naming the person
// responsible, address, phone and e-mail (Circular 32/2017 Art. 16), links to
// other portals and the visitor counter. Works without JavaScript.
import type { PropsWithChildren } from '@kitajs/html';
import { asset } from '../../ui/assets.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { citizenText } from '../citizens/public-messages.ts';
import { publicText } from './messages.ts';
import { paths } from './site-view.ts';

export interface PublicChrome {
  lang: Lang;
  siteName: string;
  agencyName: string;
  homeHref: string;
  logo: { url: string; alt: string } | null;
  bannerUrl: string | null;
  themeCssUrl: string | null;
  nav: { href: string; label: string; current: boolean }[];
  /** More top-level sections than the menu shows: link to all of them. */
  moreSections: boolean;
  otherLang: { href: string } | null;
  /** The home page is being read. */
  homeCurrent: boolean;
  /** The library being read, marked in the menu (set by the document and procedure pages). */
  current?: 'documents' | 'procedures' | 'questions';
  searchAction: string;
  query: string;
  sizeLinks: { href: string; label: string; current: boolean; size: 'nho' | 'vua' | 'lon' }[];
  size: 'nho' | 'vua' | 'lon';
  status: 'active' | 'archived' | 'merged';
  statusNotice: string | null;
  mergedInto: { name: string; url: string | null } | null;
  contact: { address?: string | null; phone?: string | null; email?: string | null; responsiblePerson?: string | null };
  links: { name: string; url: string }[];
  counter: { total: number; today: number; now: number } | null;
  contactHref: string;
  sitemapHref: string;
  rssHref: string;
}

export interface PublicPageProps {
  chrome: PublicChrome;
  title: string;
  noindex?: boolean;
  canonical?: string | null;
  /** Extra head elements (metadata), already escaped. */
  head?: JSX.Element;
  /** A print-only layout (no navigation), for the print link of an article. */
  print?: boolean;
}

function number(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

export function PublicLayout(props: PropsWithChildren<PublicPageProps>): JSX.Element {
  const c = props.chrome;
  const t = publicText(c.lang);
  const fullTitle = props.title === c.siteName ? c.siteName : `${props.title} · ${c.siteName}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={c.lang} class={`size-${c.size}`}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{fullTitle}</title>
          <link rel="stylesheet" href={asset('site.css')} />
          {c.themeCssUrl ? <link rel="stylesheet" href={c.themeCssUrl} /> : ''}
          <link rel="alternate" type="application/rss+xml" title={t.rss} href={c.rssHref} />
          {props.canonical ? <link rel="canonical" href={props.canonical} /> : ''}
          {props.noindex ? <meta name="robots" content="noindex, nofollow" /> : ''}
          {props.head ? props.head : ''}
        </head>
        <body class={props.print ? 'print-view' : undefined}>
          <a class="skip-link" href="#main">
            {t.skip}
          </a>
          <header class="masthead" role="banner">
            <div class={c.bannerUrl ? 'masthead-top has-banner' : 'masthead-top'}>
              {c.bannerUrl ? <img class="banner" src={c.bannerUrl} alt="" /> : ''}
              <div class="wrap brand-row">
                <a class="brand" href={c.homeHref}>
                  {c.logo ? <img class="emblem" src={c.logo.url} alt={c.logo.alt} width="72" height="72" /> : <img class="emblem" src={asset('emblem.svg')} alt="" width="72" height="72" />}
                  <span class="brand-text">
                    <span class="agency" safe>
                      {c.agencyName}
                    </span>
                    <span class="site-name" safe>
                      {c.siteName}
                    </span>
                  </span>
                </a>
                {props.print ? (
                  ''
                ) : (
                  <div class="tools">
                    {c.otherLang ? (
                      <a class="lang-switch" href={c.otherLang.href} lang={c.lang === 'vi' ? 'en' : 'vi'} hreflang={c.lang === 'vi' ? 'en' : 'vi'}>
                        {t.otherLang}
                      </a>
                    ) : (
                      ''
                    )}
                    <nav class="text-size" aria-label={t.textSize}>
                      {c.sizeLinks.map((s) => (
                        <a href={s.href} class={`size-link size-link-${s.size}`} aria-current={s.current ? 'true' : undefined} title={s.label}>
                          A<span class="visually-hidden" safe>{` (${s.label})`}</span>
                        </a>
                      ))}
                    </nav>
                  </div>
                )}
              </div>
            </div>
            {props.print ? (
              ''
            ) : (
              <div class="nav-bar">
                <div class="wrap nav-row">
                  <nav aria-label={t.mainNav}>
                    <ul class="main-menu">
                      <li>
                        <a href={c.homeHref} aria-current={c.homeCurrent ? 'page' : undefined}>
                          {t.home}
                        </a>
                      </li>
                      <li>
                        <a href={paths.documents(c.lang)} aria-current={c.current === 'documents' ? 'page' : undefined}>
                          {t.documents}
                        </a>
                      </li>
                      <li>
                        <a href={paths.procedures(c.lang)} aria-current={c.current === 'procedures' ? 'page' : undefined}>
                          {t.procedures}
                        </a>
                      </li>
                      <li>
                        <a href={paths.questions(c.lang)} aria-current={c.current === 'questions' ? 'page' : undefined}>
                          {citizenText(c.lang).navQuestions}
                        </a>
                      </li>
                      {c.nav.map((n) => (
                        <li>
                          <a href={n.href} aria-current={n.current ? 'page' : undefined} safe>
                            {n.label}
                          </a>
                        </li>
                      ))}
                      {c.moreSections ? (
                        <li>
                          <a href={c.sitemapHref}>{t.allSections}</a>
                        </li>
                      ) : (
                        ''
                      )}
                    </ul>
                  </nav>
                  <form class="search-box" method="get" action={c.searchAction} role="search">
                    <label for="site-search" class="visually-hidden">
                      {t.searchLabel}
                    </label>
                    <input type="search" id="site-search" name="q" value={c.query} placeholder={t.searchPlaceholder} maxlength="200" />
                    <button type="submit">{t.search}</button>
                  </form>
                </div>
              </div>
            )}
          </header>
          {c.status !== 'active' ? (
            <div class="site-notice" role="note">
              <div class="wrap">
                {c.status === 'merged' && c.mergedInto ? (
                  <p>
                    <span safe>{format(t.merged, { name: c.mergedInto.name })}</span> {c.mergedInto.url ? <a href={c.mergedInto.url}>{t.visitNew}</a> : ''}
                  </p>
                ) : (
                  <p>{t.archived}</p>
                )}
                {c.statusNotice ? <p safe>{c.statusNotice}</p> : ''}
              </div>
            </div>
          ) : (
            ''
          )}
          <main id="main" class="wrap" tabindex="-1">
            {props.children}
          </main>
          <footer class="site-footer" role="contentinfo">
            <div class="wrap footer-grid">
              <section aria-labelledby="footer-contact-h">
                <h2 id="footer-contact-h" safe>
                  {c.agencyName}
                </h2>
                {c.contact.responsiblePerson ? <p safe>{`${t.responsible}: ${c.contact.responsiblePerson}`}</p> : ''}
                {c.contact.address ? <p safe>{`${t.address}: ${c.contact.address}`}</p> : ''}
                {c.contact.phone ? <p safe>{`${t.phone}: ${c.contact.phone}`}</p> : ''}
                {c.contact.email ? (
                  <p>
                    {t.email}:{' '}
                    <a href={`mailto:${c.contact.email}`} safe>
                      {c.contact.email}
                    </a>
                  </p>
                ) : (
                  ''
                )}
              </section>
              {c.links.length > 0 ? (
                <section aria-labelledby="footer-links-h">
                  <h2 id="footer-links-h">{t.links}</h2>
                  <LinkList links={c.links} />
                </section>
              ) : (
                ''
              )}
              <section aria-labelledby="footer-citizens-h">
                <h2 id="footer-citizens-h">{citizenText(c.lang).citizensHeading}</h2>
                <ul>
                  {citizenLinks(c.lang).map((l) => (
                    <li>
                      <a href={l.href} safe>
                        {l.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="footer-more-h">
                <h2 id="footer-more-h" class="visually-hidden">
                  {t.sitemap}
                </h2>
                <ul>
                  <li>
                    <a href={c.contactHref}>{t.contact}</a>
                  </li>
                  <li>
                    <a href={c.sitemapHref}>{t.sitemap}</a>
                  </li>
                  <li>
                    <a href={c.rssHref}>{t.rss}</a>
                  </li>
                  <li>
                    <a href="/admin" rel="nofollow">
                      {t.backoffice}
                    </a>
                  </li>
                </ul>
                {c.counter ? (
                  <div class="counter">
                    <h3 id="visitors-h">{t.visitors}</h3>
                    <dl aria-labelledby="visitors-h">
                      <dt>{t.visitorsTotal}</dt>
                      <dd safe>{number(c.lang, c.counter.total)}</dd>
                      <dt>{t.visitorsToday}</dt>
                      <dd safe>{number(c.lang, c.counter.today)}</dd>
                      <dt>{t.visitorsNow}</dt>
                      <dd safe>{number(c.lang, c.counter.now)}</dd>
                    </dl>
                  </div>
                ) : (
                  ''
                )}
              </section>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

/** Where citizens ask, petition, request information, comment on drafts and follow what they sent (footer and sitemap page). */
export function citizenLinks(lang: Lang): { href: string; label: string }[] {
  const t = citizenText(lang);
  return [
    { href: paths.questions(lang), label: t.linkQuestions },
    { href: paths.petitions(lang), label: t.linkPetitions },
    { href: paths.accessToInformation(lang), label: t.linkAccess },
    { href: paths.consultations(lang), label: t.linkConsultations },
    { href: paths.track(lang), label: t.linkTrack },
  ];
}

/** The site's links to other agencies' sites (footer and home page). */
export function LinkList({ links }: { links: PublicChrome['links'] }): JSX.Element {
  return (
    <ul>
      {links.map((l) => (
        <li>
          <a href={l.url} rel="noopener" safe>
            {l.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
