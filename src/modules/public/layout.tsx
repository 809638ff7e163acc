// The frame of every public page: emblem or logo with the full agency name,
// search, language switch and text size in the header; the main sections;
// the archive notice of a former district; a footer naming the person
// responsible, address, phone and e-mail (Circular 32/2017 Art. 16), links to
// other portals and the visitor counter. Works without JavaScript.
import type { PropsWithChildren } from '@kitajs/html';
import { asset } from '../../ui/assets.ts';
import { formatDate } from '../../core/time.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { citizenText } from '../citizens/public-messages.ts';
import { publicText } from './messages.ts';
import { paths } from './site-view.ts';
import type { NoticeLine } from '../maintenance/notice.ts';
import { ContrastSwitch, PageTools, PrintBar, contrastClass, readerCssUrl, savedPageCss, type ReaderChrome } from './reader-tools.tsx';

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
  /** An archived site: the site that carries out its duties now (site lifecycle, ADR 29). */
  successor?: { name: string; url: string | null } | null;
  /** An archived site archived with the explicit choice of no successor: the notice says so. */
  noSuccessor?: boolean;
  /** Sites that stopped operating and whose duties this site took over (former districts), linked in the footer. */
  formerSites?: { name: string; url: string; district: boolean }[];
  contact: { address?: string | null; phone?: string | null; email?: string | null; responsiblePerson?: string | null };
  /** The footer's licence line (Circular 32/2017 Art. 16), when the site has recorded it. */
  licence: { number: string; issuer: string; issuedOn: string | null } | null;
  /** The agency's official channels (Decree 224/2026 Art. 10(3)). */
  channels: { name: string; url: string }[];
  links: { name: string; url: string }[];
  /** The browser asked to save data (Save-Data: on): the page does not load the web font. */
  saveData: boolean;
  counter: { total: number; today: number; now: number } | null;
  contactHref: string;
  sitemapHref: string;
  rssHref: string;
  /** Items published after this instant carry the "Mới" badge (new-badge.tsx); null: none do. */
  newSince?: string | null;
  /** Print, save, send and the contrast switch (reader-tools.tsx); absent, the page has none of them. */
  reader?: ReaderChrome;
  /** Planned maintenance announced for this site (modules/maintenance, Decree 224/2026 Art. 13). */
  maintenance?: NoticeLine[];
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
  /** Print, save and send at the foot of a page that is not indexed (search results); indexed pages have them anyway. */
  tools?: boolean;
}

// Made once: a formatter costs far more to build than to use (three per home page, the visitor counter).
const numberFormats = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

function number(lang: Lang, n: number): string {
  return (lang === 'vi' ? numberFormats.vi : numberFormats.en).format(n);
}

export function PublicLayout(props: PropsWithChildren<PublicPageProps>): JSX.Element {
  const c = props.chrome;
  const t = publicText(c.lang);
  const fullTitle = props.title === c.siteName ? c.siteName : `${props.title} · ${c.siteName}`;
  // ?ban-in=1 and ?luu=1 give any page its print version, never indexed.
  const print = Boolean(props.print || c.reader?.print);
  const noindex = Boolean(props.noindex || c.reader?.print);
  const tools = c.reader && !print && (!props.noindex || props.tools) ? c.reader : null;
  return (
    <>
      {'<!doctype html>'}
      <html lang={c.lang} class={`${c.saveData ? `size-${c.size} save-data` : `size-${c.size}`}${contrastClass(c.reader?.contrast)}`}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {/* A saved page (?luu=1) links and loads pictures from the site; <base> comes before any link. */}
          {c.reader?.save ? <base href={`${c.reader.origin}/`} /> : ''}
          <title safe>{fullTitle}</title>
          <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
          {/* A saved page carries its styles (the site's own stylesheets, trusted text). */}
          {c.reader?.save ? <style>{savedPageCss() as 'safe'}</style> : <link rel="stylesheet" href={asset('site.css')} />}
          {c.reader && !c.reader.save ? <link rel="stylesheet" href={readerCssUrl()} /> : ''}
          {c.themeCssUrl ? <link rel="stylesheet" href={c.themeCssUrl} /> : ''}
          <link rel="alternate" type="application/rss+xml" title={t.rss} href={c.rssHref} />
          {props.canonical ? <link rel="canonical" href={props.canonical} /> : ''}
          {noindex ? <meta name="robots" content="noindex, nofollow" /> : ''}
          {props.head ? props.head : ''}
        </head>
        <body class={print ? 'print-view' : undefined}>
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
                {print ? (
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
                    {c.reader ? <ContrastSwitch lang={c.lang} reader={c.reader} /> : ''}
                  </div>
                )}
              </div>
            </div>
            {print ? (
              ''
            ) : (
              <div class="nav-bar">
                <div class="wrap nav-row">
                  {/* A disclosure without script: closed on phones, always shown from tablet width (site.css). */}
                  <details class="menu">
                    <summary>
                      <span class="menu-icon" aria-hidden="true"></span>
                      {t.menu}
                    </summary>
                    <nav aria-label={t.mainNav}>
                      <ul class="main-menu">
                        <li>
                          <a href={c.homeHref} aria-current={c.homeCurrent ? 'page' : undefined}>
                            {t.home}
                          </a>
                        </li>
                        {c.nav.map((n) => (
                          <li>
                            <a href={n.href} aria-current={n.current ? 'page' : undefined} safe>
                              {n.label}
                            </a>
                          </li>
                        ))}
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
                        {c.moreSections ? (
                          <li>
                            <a href={c.sitemapHref}>{t.allSections}</a>
                          </li>
                        ) : (
                          ''
                        )}
                      </ul>
                    </nav>
                  </details>
                  {/* On wide screens the search box sits in the band above, at the right (site.css). */}
                  <form class="search-box" method="get" action={c.searchAction} role="search" aria-label={t.searchLabel}>
                    <label for="site-search" class="visually-hidden">
                      {t.searchLabel}
                    </label>
                    <input type="search" id="site-search" name="q" value={c.query} placeholder={t.searchPlaceholder} maxlength="200" />
                    <button type="submit">
                      <span class="search-icon" aria-hidden="true"></span>
                      <span class="search-text">{t.search}</span>
                    </button>
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
                  <p>
                    <span>{t.archived}</span>
                    {c.successor ? (
                      <>
                        {' '}
                        <span safe>{format(t.archivedSuccessor, { name: c.successor.name })}</span>{' '}
                        {c.successor.url ? (
                          <a href={c.successor.url} safe>
                            {format(t.visitSuccessor, { name: c.successor.name })}
                          </a>
                        ) : (
                          ''
                        )}
                      </>
                    ) : c.noSuccessor ? (
                      <>
                        {' '}
                        <span>{t.archivedNoSuccessor}</span>
                      </>
                    ) : (
                      ''
                    )}
                  </p>
                )}
                {c.statusNotice ? <p safe>{c.statusNotice}</p> : ''}
              </div>
            </div>
          ) : (
            ''
          )}
          {c.maintenance && c.maintenance.length > 0 ? <MaintenanceNotice lines={c.maintenance} /> : ''}
          <main id="main" class="wrap" tabindex="-1">
            {print && c.reader ? <PrintBar lang={c.lang} reader={c.reader} /> : ''}
            {props.children}
            {tools ? <PageTools lang={c.lang} reader={tools} title={props.title} /> : ''}
          </main>
          <footer class="site-footer" role="contentinfo">
            <div class="wrap footer-grid">
              <section aria-labelledby="footer-contact-h" class="footer-contact">
                <h2 id="footer-contact-h" safe>
                  {c.agencyName}
                </h2>
                <ContactLines chrome={c} />
                {c.licence ? (
                  <p class="licence" safe>
                    {`${format(t.licence, { number: c.licence.number, issuer: c.licence.issuer })}${c.licence.issuedOn ? format(t.licenceDate, { date: formatDate(c.licence.issuedOn) }) : ''}.`}
                  </p>
                ) : (
                  ''
                )}
              </section>
              {c.channels.length > 0 || c.links.length > 0 ? (
                <section aria-labelledby={c.channels.length > 0 ? 'footer-channels-h' : 'footer-links-h'}>
                  {c.channels.length > 0 ? (
                    <>
                      <h2 id="footer-channels-h">{t.channels}</h2>
                      <ChannelList channels={c.channels} />
                    </>
                  ) : (
                    ''
                  )}
                  {c.links.length > 0 ? (
                    <>
                      <h2 id="footer-links-h">{t.links}</h2>
                      <LinkList links={c.links} />
                    </>
                  ) : (
                    ''
                  )}
                </section>
              ) : (
                ''
              )}
              {c.formerSites && c.formerSites.length > 0 ? (
                <section aria-labelledby="footer-former-h" class="former-sites">
                  <h2 id="footer-former-h">{c.formerSites.every((f) => f.district) ? t.formerDistricts : t.formerSites}</h2>
                  <ul>
                    {c.formerSites.map((f) => (
                      <li>
                        <a href={f.url} safe>
                          {f.name}
                        </a>
                      </li>
                    ))}
                  </ul>
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

/** Who answers for the site and how to reach the agency (footer and contact page). */
export function ContactLines({ chrome: c }: { chrome: PublicChrome }): JSX.Element {
  const t = publicText(c.lang);
  return (
    <>
      {c.contact.responsiblePerson ? <p safe>{`${t.responsible}: ${c.contact.responsiblePerson}`}</p> : ''}
      {c.contact.address ? <p safe>{`${t.address}: ${c.contact.address}`}</p> : ''}
      {c.contact.phone ? (
        <p>
          {t.phone}:{' '}
          <a href={`tel:${c.contact.phone.replace(/[^0-9+]/g, '')}`} safe>
            {c.contact.phone}
          </a>
        </p>
      ) : (
        ''
      )}
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
    </>
  );
}

/** The agency's official channels; a hotline or a mailbox shows its number or address. */
export function ChannelList({ channels }: { channels: PublicChrome['channels'] }): JSX.Element {
  return (
    <ul class="channels">
      {channels.map((ch) => {
        const shown = /^(tel|mailto):/.test(ch.url) ? `${ch.name}: ${ch.url.replace(/^(tel|mailto):/, '')}` : ch.name;
        // A number is typed with spaces for reading; the address of the link has none.
        const href = ch.url.startsWith('tel:') ? `tel:${ch.url.slice(4).replace(/[^0-9+]/g, '')}` : ch.url;
        return (
          <li>
            <a href={href} rel={/^https?:/.test(ch.url) ? 'noopener' : undefined} safe>
              {shown}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Planned maintenance of this site (Decree 224/2026 Art. 13): shown from publication until the window ends. */
export function MaintenanceNotice({ lines }: { lines: NoticeLine[] }): JSX.Element {
  return (
    <div class="site-notice maintenance-notice" role="note">
      <div class="wrap">
        {lines.map((l) => (
          <p>
            <strong safe>{l.text}</strong> <span safe>{l.reason}</span> <a href={l.statusHref} safe>{l.statusLabel}</a>
          </p>
        ))}
      </div>
    </div>
  );
}
