// The public pages: home, section, tag, search, article, contact, sitemap.
import { escapeHtml, type PropsWithChildren } from '@kitajs/html';
import { formatDateTime } from '../../core/time.ts';
import { sectionKind } from '../../core/entries/index.ts';
import { ErrorSummary, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { ARTICLE_KIND_LABELS, isArticleKind, type ArticleContent } from '../articles/article.ts';
import type { MediaItem } from '../media/media.ts';
import { RatingSection, type RatingView } from '../ratings/rating-form.tsx';
import { ChannelList, ContactLines, PublicLayout, type PublicChrome } from './layout.tsx';
import { paths } from './site-view.ts';
import { publicText } from './messages.ts';
import { citizenText } from '../citizens/public-messages.ts';
import { SpamGuard } from '../../ui/components/spam-guard.tsx';
import type { Cover, ListedItem } from './queries.ts';
import type { HomeExtrasHtml } from './home-extras.ts';
import { NewBadge } from './new-badge.tsx';
import { ServiceTiles, type ServiceTile } from './service-tiles.tsx';

function date(lang: Lang, iso: string): string {
  void lang;
  return formatDateTime(iso);
}

export function ItemList({ lang, items, covers, headingLevel = 3, newSince }: { lang: Lang; items: ListedItem[]; covers: Map<number, Cover>; headingLevel?: 2 | 3; newSince?: string | null }): JSX.Element {
  const t = publicText(lang);
  if (items.length === 0) return <p>{t.none}</p>;
  return (
    <ul class="items">
      {items.map((item) => {
        const cover = item.coverMediaId ? covers.get(item.coverMediaId) : undefined;
        const heading = (
          <a href={item.url} safe>
            {item.title}
          </a>
        );
        return (
          <li class={cover ? 'item has-image' : 'item'}>
            {cover ? <img src={cover.url} alt="" width={cover.width ? String(cover.width) : undefined} height={cover.height ? String(cover.height) : undefined} loading="lazy" /> : ''}
            <div>
              {item.isReference ? <span class="label">{t.reference}</span> : ''}
              {headingLevel === 2 ? <h2>{heading}</h2> : <h3>{heading}</h3>}
              <p class="meta-line">
                <time datetime={item.publishedAt} safe>
                  {date(lang, item.publishedAt)}
                </time>
                <NewBadge publishedAt={item.publishedAt} since={newSince} lang={lang} />
              </p>
              {item.summary ? <p safe>{item.summary}</p> : ''}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Previous / next links; `older` (the last item's key) makes the next link a keyset link that stays cheap at any depth. */
export function Pager({ lang, page, pages, base, query = {}, older }: { lang: Lang; page: number; pages: number; base: string; query?: Record<string, string>; older?: string | undefined }): JSX.Element {
  if (pages <= 1) return '';
  const t = publicText(lang);
  const href = (p: number) => {
    const params = new URLSearchParams({ ...query, ...(p > 1 ? { trang: String(p) } : {}), ...(p > page && older ? { truoc: older } : {}) });
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  return (
    <nav class="pagination" aria-label={t.pagination}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {t.previous}
        </a>
      ) : (
        ''
      )}
      <span aria-current="page" safe>
        {format(t.page, { page })}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {t.next}
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}

export interface SectionBlock {
  name: string;
  href: string;
  items: ListedItem[];
}

/** A compact list for the home page's blocks: a thumbnail when the item has a picture, the title as a link over the whole row. */
function BlockList({ lang, items, covers, lead = false, newSince }: { lang: Lang; items: ListedItem[]; covers: Map<number, Cover>; lead?: boolean; newSince?: string | null }): JSX.Element {
  const t = publicText(lang);
  if (items.length === 0) return <p>{t.none}</p>;
  return (
    <ul class="block-list">
      {items.map((item, i) => {
        const cover = item.coverMediaId ? covers.get(item.coverMediaId) : undefined;
        const first = lead && i === 0;
        return (
          <li class={`card${cover ? ' has-thumb' : ''}${first ? ' first' : ''}`}>
            {cover ? <img src={cover.url} alt="" width={cover.width ? String(cover.width) : undefined} height={cover.height ? String(cover.height) : undefined} loading="lazy" /> : ''}
            <div>
              <h3>
                <a href={item.url} safe>
                  {item.title}
                </a>
              </h3>
              <p class="meta-line">
                <time datetime={item.publishedAt} safe>
                  {date(lang, item.publishedAt)}
                </time>
                <NewBadge publishedAt={item.publishedAt} since={newSince} lang={lang} />
              </p>
              {first && item.summary ? <p safe>{item.summary}</p> : ''}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A block of the home page: a heading band linking to the whole list, the items, and a "more" link. */
function HomeBlock(props: PropsWithChildren<{ id: string; block: SectionBlock; more: string; covers: Map<number, Cover>; lang: Lang; lead?: boolean; newSince?: string | null }>): JSX.Element {
  // A block with nothing in it (an English home page without documents yet) is left out.
  if (props.block.items.length === 0) return '';
  return (
    <section class="home-block" aria-labelledby={props.id}>
      <h2 id={props.id}>
        <a href={props.block.href} safe>
          {props.block.name}
        </a>
      </h2>
      <BlockList lang={props.lang} items={props.block.items} covers={props.covers} lead={props.lead} newSince={props.newSince} />
      {props.children}
      <p class="more">
        <a href={props.block.href} safe>
          {props.more}
        </a>
      </p>
    </section>
  );
}

export function HomePage(props: {
  chrome: PublicChrome;
  canonical: string;
  lead: ListedItem | null;
  latest: ListedItem[];
  announcements: SectionBlock | null;
  /** Current entries of declared sections with a validity period (announcements…), one block per section. */
  current?: SectionBlock[];
  blocks: SectionBlock[];
  documents: SectionBlock;
  procedures: SectionBlock;
  questions: SectionBlock;
  /** Tiles to the public-service portals, the procedures and tracking (service-tiles.tsx). */
  portals: ServiceTile[];
  covers: Map<number, Cover>;
  /** Blocks of other capabilities (home-extras.ts), already rendered and escaped. */
  extras?: HomeExtrasHtml;
  head: JSX.Element;
}): JSX.Element {
  const c = props.chrome;
  const t = publicText(c.lang);
  const lead = props.lead;
  const leadCover = lead?.coverMediaId ? props.covers.get(lead.coverMediaId) : undefined;
  return (
    <PublicLayout chrome={c} title={c.siteName} canonical={props.canonical} head={props.head}>
      <h1 class="visually-hidden" safe>
        {c.siteName}
      </h1>
      <div class="home-top">
        {lead ? (
          <section class="lead-story" aria-labelledby="lead-h">
            <h2 id="lead-h" class="visually-hidden">
              {t.featured}
            </h2>
            <article class="card">
              {leadCover ? <img src={leadCover.url} alt={leadCover.alt} width={leadCover.width ? String(leadCover.width) : undefined} height={leadCover.height ? String(leadCover.height) : undefined} /> : ''}
              <div class="lead-text">
                <h3>
                  <a href={lead.url} safe>
                    {lead.title}
                  </a>
                </h3>
                <p class="meta-line">
                  <time datetime={lead.publishedAt} safe>
                    {date(c.lang, lead.publishedAt)}
                  </time>
                  <NewBadge publishedAt={lead.publishedAt} since={c.newSince} lang={c.lang} />
                </p>
                {lead.summary ? <p safe>{lead.summary}</p> : ''}
              </div>
            </article>
          </section>
        ) : (
          ''
        )}
        <section class="home-block latest" aria-labelledby="latest-h">
          <h2 id="latest-h">{t.latest}</h2>
          <BlockList lang={c.lang} items={props.latest} covers={props.covers} newSince={c.newSince} />
        </section>
      </div>
      <div class="home-grid">
        <div class="home-main">
          <div class="blocks">
            {props.blocks.map((b, i) => (
              <HomeBlock id={`block-${i}`} block={b} more={format(t.moreIn, { section: b.name })} covers={props.covers} lang={c.lang} lead newSince={c.newSince} />
            ))}
          </div>
          <HomeBlock id="documents-h" block={props.documents} more={t.allDocuments} covers={new Map()} lang={c.lang} newSince={c.newSince} />
          {(props.extras?.main ?? []).join('') as 'safe'}
        </div>
        <aside class="home-side">
          {(props.extras?.['side-top'] ?? []).join('') as 'safe'}
          <ServiceTiles tiles={props.portals} lang={c.lang} />
          <HomeBlock id="procedures-h" block={props.procedures} more={t.allProcedures} covers={new Map()} lang={c.lang} newSince={c.newSince} />
          <HomeBlock id="questions-h" block={props.questions} more={t.allQuestions} covers={new Map()} lang={c.lang} newSince={c.newSince}>
            <p>
              <a class="button" href={paths.askQuestion(c.lang)}>
                {t.askQuestion}
              </a>
            </p>
          </HomeBlock>
          {props.announcements ? <HomeBlock id="announcements-h" block={props.announcements} more={format(t.moreIn, { section: props.announcements.name })} covers={new Map()} lang={c.lang} newSince={c.newSince} /> : ''}
          {(props.current ?? []).map((b, i) => (
            <HomeBlock id={`current-${i}`} block={b} more={format(t.moreIn, { section: b.name })} covers={new Map()} lang={c.lang} newSince={c.newSince} />
          ))}
          {(props.extras?.side ?? []).join('') as 'safe'}
        </aside>
      </div>
    </PublicLayout>
  );
}

export function ListingPage(props: { chrome: PublicChrome; canonical: string; title: string; lead?: string | null; reference?: boolean; items: ListedItem[]; covers: Map<number, Cover>; page: number; pages: number; older?: string | undefined; base: string; rss?: string | null; head?: JSX.Element }): JSX.Element {
  const c = props.chrome;
  const t = publicText(c.lang);
  return (
    <PublicLayout chrome={c} title={props.page > 1 ? `${props.title} — ${format(t.page, { page: props.page })}` : props.title} canonical={props.canonical} head={props.head}>
      {props.reference ? <p class="label">{t.reference}</p> : ''}
      <h1 safe>{props.title}</h1>
      {props.reference ? <p>{t.referenceLead}</p> : ''}
      {props.lead ? <p class="lead" safe>{props.lead}</p> : ''}
      <ItemList lang={c.lang} items={props.items} covers={props.covers} headingLevel={2} newSince={c.newSince} />
      <Pager lang={c.lang} page={props.page} pages={props.pages} older={props.older} base={props.base} />
      {props.rss ? (
        <p>
          <a href={props.rss}>{t.rss}</a>
        </p>
      ) : (
        ''
      )}
    </PublicLayout>
  );
}

export interface SearchHitView {
  url: string;
  titleHtml: string;
  snippetHtml: string;
  publishedAt: string;
  kind: string;
}

export function SearchPage(props: {
  chrome: PublicChrome;
  query: string;
  sectionOptions: { value: string; label: string }[];
  /** The declared sections the site has on, as kinds to search in. */
  entryKinds?: { value: string; label: string }[];
  values: { section: string; kind: string; from: string; to: string };
  searched: boolean;
  total: number;
  /** More matches than `total` (the count stops there). */
  more?: boolean;
  /** The page is past the deepest one served (COUNT_CAP results). */
  beyond?: boolean;
  hits: SearchHitView[];
  page: number;
  pages: number;
  base: string;
  pagerQuery: Record<string, string>;
}): JSX.Element {
  const c = props.chrome;
  const t = publicText(c.lang);
  const kinds = ['news', 'article', 'photo', 'video', 'translation', 'collected', 'page', 'document', 'procedure', 'question', 'petition', 'consultation'] as const;
  const citizen = citizenText(c.lang);
  const otherKinds: Record<string, string> = { procedure: t.procedures, question: citizen.linkQuestions, petition: citizen.linkPetitions, consultation: citizen.linkConsultations };
  const entryKinds = props.entryKinds ?? [];
  const kindLabel = (k: string) => (isArticleKind(k) ? ARTICLE_KIND_LABELS[k][c.lang] : (otherKinds[k] ?? entryKinds.find((e) => e.value === k)?.label ?? sectionKind(k)?.label[c.lang] ?? k));
  const filtered = Boolean(props.values.section || props.values.kind || props.values.from || props.values.to);
  // 10.000 in Vietnamese, 10,000 in English.
  const count = (n: number) => n.toLocaleString(c.lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <PublicLayout chrome={c} title={props.query ? `${t.searchTitle}: ${props.query}` : t.searchTitle} noindex tools>
      <h1>{t.searchTitle}</h1>
      <div class="search-layout">
        <div class="search-results">
          {props.searched ? (
            <>
              <p role="status" safe>
                {format(props.query ? (props.more ? t.resultsMore : t.results) : props.more ? t.resultsFilteredMore : t.resultsFiltered, { count: count(props.total), query: props.query })}
              </p>
              {props.hits.length === 0 ? (
                props.beyond ? <p safe>{format(t.beyondResults, { count: count(props.total) })}</p> : <p>{t.noResults}</p>
              ) : (
                <ol class="items" start={String((props.page - 1) * 20 + 1)}>
                  {props.hits.map((h) => (
                    <li class="item">
                      <div>
                        <h2>
                          <a href={h.url}>{h.titleHtml as 'safe'}</a>
                        </h2>
                        <p class="meta-line">
                          <span safe>{`${kindLabel(h.kind)} · ${formatDateTime(h.publishedAt)}`}</span>
                          <NewBadge publishedAt={h.publishedAt} since={c.newSince} lang={c.lang} />
                        </p>
                        <p>{h.snippetHtml as 'safe'}</p>
                      </div>
                    </li>
                  ))}
                </ol>
              )}
              <Pager lang={c.lang} page={props.page} pages={props.pages} base={props.base} query={props.pagerQuery} />
            </>
          ) : (
            ''
          )}
        </div>
        {/* Results first; the filters follow, folded away on phones once there are results (open beside them on wide screens, site.css). */}
        <details class="filters-panel" open={!props.searched || filtered}>
          <summary>{t.filters}</summary>
          <form method="get" action={c.searchAction} class="filters" role="search" aria-label={t.filters}>
            <div class="field">
              <label for="q">{t.query}</label>
              <p class="hint" id="q-hint">
                {t.queryHint}
              </p>
              <input type="search" id="q" name="q" value={props.query} maxlength="200" aria-describedby="q-hint" />
            </div>
            <div class="field">
              <label for="section">{t.section}</label>
              <select id="section" name="chuyen-muc">
                <option value="">{t.anySection}</option>
                {props.sectionOptions.map((o) => (
                  <option value={o.value} selected={o.value === props.values.section} safe>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="kind">{t.kind}</label>
              <select id="kind" name="loai">
                <option value="">{t.anyKind}</option>
                {kinds.map((k) => (
                  <option value={k} selected={k === props.values.kind} safe>
                    {kindLabel(k)}
                  </option>
                ))}
                {entryKinds.map((k) => (
                  <option value={k.value} selected={k.value === props.values.kind} safe>
                    {k.label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="from">{t.from}</label>
              <input type="date" id="from" name="tu" value={props.values.from} />
            </div>
            <div class="field">
              <label for="to">{t.to}</label>
              <input type="date" id="to" name="den" value={props.values.to} />
            </div>
            <button type="submit" class="button">
              {t.search}
            </button>
          </form>
        </details>
      </div>
    </PublicLayout>
  );
}

export interface CorrectionView {
  note: string;
  published_at: string;
}

/** The corrections (đính chính) published on an item, each with its time: shown wherever the item is. */
export function Corrections({ lang, corrections }: { lang: Lang; corrections: CorrectionView[] }): JSX.Element {
  if (corrections.length === 0) return <></>;
  return (
    <section class="corrections" aria-labelledby="corrections-h">
      <h2 id="corrections-h">{publicText(lang).corrections}</h2>
      <ul>
        {corrections.map((k) => (
          <li>
            <strong safe>{formatDateTime(k.published_at)}</strong>: <span safe>{k.note}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ArticlePage(props: {
  chrome: PublicChrome;
  canonical: string | null;
  content: ArticleContent;
  publishedAt: string | null;
  updatedAt: string | null;
  corrections: CorrectionView[];
  cover: MediaItem | null;
  attachments: MediaItem[];
  related: { url: string; title: string }[];
  tags: { href: string; name: string }[];
  sectionLink: { href: string; name: string } | null;
  shareUrl: string;
  /** null for a preview, a print version, or a site that no longer operates. */
  rating: RatingView | null;
  previewNote: string | null;
  print: boolean;
  head: JSX.Element;
  /** "Theo dòng sự kiện" boxes (story-thread-box.tsx), already rendered and escaped. */
  storyThreads?: string;
  /** The "listen to this article" block, once its speech is ready (modules/speech). */
  listen?: JSX.Element | null;
}): JSX.Element {
  const ch = props.chrome;
  const t = publicText(ch.lang);
  const c = props.content;
  const isPage = c.kind === 'page';
  return (
    <PublicLayout chrome={ch} title={c.title} canonical={props.canonical} noindex={Boolean(props.previewNote)} head={props.head} print={props.print}>
      {props.previewNote ? (
        <div class="site-notice" role="note">
          <p safe>{props.previewNote}</p>
        </div>
      ) : (
        ''
      )}
      <article class="article">
        {props.sectionLink ? (
          <p class="meta-line">
            <a href={props.sectionLink.href} safe>
              {props.sectionLink.name}
            </a>
          </p>
        ) : (
          ''
        )}
        {c.isReference ? <p class="label">{t.reference}</p> : ''}
        <h1 safe>{c.title}</h1>
        {!isPage && props.publishedAt ? (
          <p class="meta-line">
            <span safe>{`${t.published}: ${formatDateTime(props.publishedAt)}`}</span>
            {props.updatedAt && props.updatedAt !== props.publishedAt ? <span safe>{` · ${t.updated}: ${formatDateTime(props.updatedAt)}`}</span> : ''}
          </p>
        ) : (
          ''
        )}
        {c.summary ? (
          <p class="lead" safe>
            {c.summary}
          </p>
        ) : (
          ''
        )}
        {props.listen ? props.listen : ''}
        {props.cover ? (
          <figure>
            <img src={props.cover.url} alt={c.coverAlt ?? ''} width={String(props.cover.width ?? '')} height={String(props.cover.height ?? '')} />
            {c.coverCaption ? <figcaption safe>{c.coverCaption}</figcaption> : ''}
          </figure>
        ) : (
          ''
        )}
        {/* Stored HTML is sanitised by the allow-list on every save. */}
        <div class="article-body">{c.bodyHtml as 'safe'}</div>
        {!isPage ? (
          <dl class="meta">
            {c.authorName ? (
              <>
                <dt>{t.author}</dt>
                <dd safe>{c.authorName}</dd>
              </>
            ) : (
              ''
            )}
            {c.source ? (
              <>
                <dt>{t.source}</dt>
                <dd safe>{c.source}</dd>
              </>
            ) : (
              ''
            )}
            {c.eventAt ? (
              <>
                <dt>{t.eventAt}</dt>
                <dd safe>{formatDateTime(c.eventAt)}</dd>
              </>
            ) : (
              ''
            )}
          </dl>
        ) : (
          ''
        )}
        {props.attachments.length > 0 ? (
          <section aria-labelledby="attachments-h">
            <h2 id="attachments-h">{t.attachments}</h2>
            <ul>
              {props.attachments.map((m) => (
                <li>
                  <a href={m.url} download={m.originalName} safe>
                    {m.originalName}
                  </a>
                  {m.openFormat ? '' : <span class="muted" safe>{` (${t.notOpen})`}</span>}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        <Corrections lang={props.chrome.lang} corrections={props.corrections} />
        {props.tags.length > 0 ? (
          <p>
            {t.tags}:{' '}
            {props.tags.map((tag, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={tag.href} rel="tag" safe>
                  {tag.name}
                </a>
              </>
            ))}
          </p>
        ) : (
          ''
        )}
        {/* Print, save and send: the layout's page tools (reader-tools.tsx), as on every page. */}
        {props.related.length > 0 ? (
          <section aria-labelledby="related-h">
            <h2 id="related-h">{t.related}</h2>
            <ul>
              {props.related.map((r) => (
                <li>
                  <a href={r.url} safe>
                    {r.title}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        {(props.storyThreads ?? '') as 'safe'}
        <RatingSection lang={ch.lang} rating={props.rating} />
      </article>
    </PublicLayout>
  );
}

export function TakenDownPage({ chrome, time, reason }: { chrome: PublicChrome; time: string; reason: string }): JSX.Element {
  const t = publicText(chrome.lang);
  return (
    <PublicLayout chrome={chrome} title={t.takenDown} noindex>
      <h1>{t.takenDown}</h1>
      <p safe>{format(t.takenDownBody, { time })}</p>
      {reason ? <p safe>{reason}</p> : ''}
    </PublicLayout>
  );
}

export interface ContactFormState extends FormState {
  sent: boolean;
  stamp: string;
}

export function ContactPage({ chrome, state, boardName }: { chrome: PublicChrome; state: ContactFormState; boardName: string }): JSX.Element {
  const t = publicText(chrome.lang);
  return (
    <PublicLayout chrome={chrome} title={t.contactTitle}>
      <h1>{t.contactTitle}</h1>
      <section class="contact-details" aria-labelledby="contact-details-h">
        <h2 id="contact-details-h" safe>
          {chrome.agencyName}
        </h2>
        <ContactLines chrome={chrome} />
        {chrome.channels.length > 0 ? (
          <>
            <h3>{t.channels}</h3>
            <ChannelList channels={chrome.channels} />
          </>
        ) : (
          ''
        )}
      </section>
      {state.sent ? (
        <p class="notice-ok" role="status">
          {t.sent}
        </p>
      ) : (
        <>
          <ErrorSummary form={state} title={t.formErrors} />
          <p safe>{format(t.contactLead, { board: boardName })}</p>
          <form method="post" action={chrome.contactHref} novalidate>
            <SpamGuard stamp={state.stamp} lang={chrome.lang} />
            <TextField name="name" label={t.name} form={state} required autocomplete="name" maxlength={300} />
            <TextField name="email" type="email" label={t.yourEmail} form={state} hint={t.emailOrPhone} autocomplete="email" maxlength={300} />
            <TextField name="phone" type="tel" label={t.yourPhone} form={state} autocomplete="tel" maxlength={300} />
            <TextField name="subject" label={t.subject} form={state} required maxlength={300} />
            <TextArea name="message" label={t.message} form={state} required rows={8} maxlength={5000} />
            <button type="submit" class="button">
              {t.send}
            </button>
          </form>
        </>
      )}
    </PublicLayout>
  );
}

export function SitemapPage({ chrome, sections, pages, recent }: { chrome: PublicChrome; sections: { href: string; name: string; depth: number }[]; pages: ListedItem[]; recent: ListedItem[] }): JSX.Element {
  const t = publicText(chrome.lang);
  return (
    <PublicLayout chrome={chrome} title={t.sitemapTitle}>
      <h1>{t.sitemapTitle}</h1>
      <h2>{t.sections}</h2>
      <ul>
        <li>
          <a href={chrome.homeHref}>{t.home}</a>
        </li>
        {sections.map((s) => (
          <li class={`depth-${s.depth}`}>
            <a href={s.href} safe>
              {`${'— '.repeat(s.depth)}${s.name}`}
            </a>
          </li>
        ))}
        <li>
          <a href={chrome.searchAction}>{t.search}</a>
        </li>
        <li>
          <a href={chrome.contactHref}>{t.contact}</a>
        </li>
      </ul>
      {pages.length > 0 ? (
        <>
          <h2>{t.pages}</h2>
          <ul>
            {pages.map((p) => (
              <li>
                <a href={p.url} safe>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <h2>{t.recent}</h2>
      <ul>
        {recent.map((p) => (
          <li>
            <a href={p.url} safe>
              {p.title}
            </a>{' '}
            <span class="muted">{escapeHtml(formatDateTime(p.publishedAt))}</span>
          </li>
        ))}
      </ul>
    </PublicLayout>
  );
}
