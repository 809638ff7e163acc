// The public document library's pages: the list with its filter form, and a
// document with its metadata table, relations both ways, preview and downloads.
// Plain HTML forms and links: everything works without JavaScript.
import { DOCUMENT_LEVELS, DOCUMENT_LEVEL_LABELS, EFFECT_STATUSES, EFFECT_STATUS_LABELS, type DocumentCatalogue, type EffectStatus, typeLabel } from '../../core/documents/index.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import { NewBadge } from '../public/new-badge.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import type { MediaItem } from '../media/media.ts';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { Corrections, Pager, type CorrectionView } from '../public/pages.tsx';
import { paths } from '../public/site-view.ts';
import { RatingSection, type RatingView } from '../ratings/rating-form.tsx';
import type { LibraryDocument, RelatedDocument } from './library.ts';
import { libraryText } from './library-messages.ts';

export function levelLabel(level: string, lang: Lang): string {
  return (DOCUMENT_LEVELS as readonly string[]).includes(level) ? DOCUMENT_LEVEL_LABELS[level as keyof typeof DOCUMENT_LEVEL_LABELS][lang] : level;
}

export function statusLabel(status: EffectStatus, lang: Lang): string {
  return EFFECT_STATUS_LABELS[status][lang];
}

function fileSize(bytes: number, lang: Lang): string {
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${n.format(bytes / 1024 / 1024)} MB`;
  return `${n.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** The effect status in words (never colour alone). */
export function StatusText({ status, lang }: { status: EffectStatus; lang: Lang }): JSX.Element {
  return (
    <strong class={`doc-status doc-status-${status}`} safe>
      {statusLabel(status, lang)}
    </strong>
  );
}

export interface ListPageProps {
  chrome: PublicChrome;
  canonical: string;
  catalogue: DocumentCatalogue;
  facets: { issuers: string[]; years: number[] };
  values: Record<string, string>;
  ignored: string[];
  filtered: boolean;
  total: number;
  documents: LibraryDocument[];
  page: number;
  pages: number;
  pagerQuery: Record<string, string>;
  head: JSX.Element;
}

export function DocumentListPage(p: ListPageProps): JSX.Element {
  const c = p.chrome;
  const lang = c.lang;
  const t = libraryText(lang);
  const v = p.values;
  const select = (id: string, name: string, label: string, anyLabel: string, options: { value: string; label: string }[], current: string) => (
    <div class="field">
      <label for={id} safe>{label}</label>
      <select id={id} name={name}>
        <option value="" safe>{anyLabel}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === current} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <PublicLayout chrome={c} title={p.page > 1 ? `${t.title} — ${format(t.pageOf, { page: p.page })}` : t.title} canonical={p.canonical} head={p.head} noindex={p.filtered}>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <form method="get" action={paths.documents(lang)} class="filters" role="search" aria-labelledby="doc-filters-h">
        <h2 id="doc-filters-h" class="visually-hidden">
          {t.filters}
        </h2>
        <div class="field">
          <label for="doc-q">{t.query}</label>
          <p class="hint" id="doc-q-hint">
            {t.queryHint}
          </p>
          <input type="search" id="doc-q" name="q" value={v.q ?? ''} maxlength="200" aria-describedby="doc-q-hint" />
        </div>
        {select('doc-type', 'loai', t.type, t.anyType, p.catalogue.types.map((x) => ({ value: x.key, label: x[lang] })), v.type ?? '')}
        {select('doc-issuer', 'co-quan', t.issuer, t.anyIssuer, p.facets.issuers.map((i) => ({ value: i, label: i })), v.issuer ?? '')}
        {select('doc-field', 'linh-vuc', t.field, t.anyField, p.catalogue.fields.map((f) => ({ value: f, label: f })), v.field ?? '')}
        {select('doc-level', 'cap', t.level, t.anyLevel, DOCUMENT_LEVELS.map((l) => ({ value: l, label: DOCUMENT_LEVEL_LABELS[l][lang] })), v.level ?? '')}
        {select('doc-year', 'nam', t.year, t.anyYear, p.facets.years.map((y) => ({ value: String(y), label: String(y) })), v.year ?? '')}
        <div class="field">
          <label for="doc-from">{t.from}</label>
          <input type="date" id="doc-from" name="tu" value={v.from ?? ''} />
        </div>
        <div class="field">
          <label for="doc-to">{t.to}</label>
          <input type="date" id="doc-to" name="den" value={v.to ?? ''} />
        </div>
        <div class="field">
          <label for="doc-signer">{t.signer}</label>
          <input type="text" id="doc-signer" name="nguoi-ky" value={v.signer ?? ''} maxlength="120" autocomplete="off" />
        </div>
        {select('doc-status', 'hieu-luc', t.status, t.anyStatus, EFFECT_STATUSES.map((s) => ({ value: STATUS_VALUE[s], label: EFFECT_STATUS_LABELS[s][lang] })), v.status ? STATUS_VALUE[v.status as EffectStatus] ?? '' : '')}
        <div class="field">
          <label for="doc-sort">{t.sort}</label>
          <select id="doc-sort" name="sap-xep">
            <option value="moi-nhat" selected={!v.sort || v.sort === 'newest'}>
              {t.sortNewest}
            </option>
            <option value="so-hieu" selected={v.sort === 'number'}>
              {t.sortNumber}
            </option>
            <option value="hieu-luc" selected={v.sort === 'effective'}>
              {t.sortEffective}
            </option>
          </select>
        </div>
        <button type="submit" class="button">
          {t.search}
        </button>
      </form>
      {p.filtered ? (
        <p>
          <a href={paths.documents(lang)}>{t.clear}</a>
        </p>
      ) : (
        ''
      )}
      {p.ignored.length > 0 ? (
        <p class="site-notice" role="note" safe>
          {format(t.ignored, { names: p.ignored.join(', ') })}
        </p>
      ) : (
        ''
      )}
      <h2 id="doc-results-h" safe>{format(p.filtered ? t.countFiltered : t.count, { count: p.total })}</h2>
      {p.documents.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ol class="items doc-list" start={String((p.page - 1) * 20 + 1)} aria-labelledby="doc-results-h">
          {p.documents.map((d) => (
            <li class="item">
              <div>
                <h3>
                  <a href={paths.document(d.slug)}>
                    <span safe>{d.number}</span>
                    {': '}
                    <span safe>{d.title}</span>
                  </a>
                  <NewBadge publishedAt={d.publishedAt} since={c.newSince} lang={lang} />
                </h3>
                <dl class="meta">
                  <dt>{t.type}</dt>
                  <dd safe>{typeLabel(p.catalogue, d.docType)[lang]}</dd>
                  <dt>{t.issuer}</dt>
                  <dd safe>{d.issuer}</dd>
                  <dt>{t.issuedOn}</dt>
                  <dd>
                    <time datetime={d.issuedOn} safe>
                      {formatDate(d.issuedOn)}
                    </time>
                  </dd>
                  <dt>{t.status}</dt>
                  <dd>
                    <StatusText status={d.status} lang={lang} />
                  </dd>
                </dl>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pager lang={lang} page={p.page} pages={p.pages} base={paths.documents(lang)} query={p.pagerQuery} />
      <section aria-labelledby="open-data-h">
        <h2 id="open-data-h">{t.openData}</h2>
        <p>{t.openDataLead}</p>
        <ul>
          <li>
            <a href="/van-ban/du-lieu.csv" type="text/csv">
              {t.csv}
            </a>
          </li>
          <li>
            <a href="/van-ban/du-lieu.json" type="application/json">
              {t.json}
            </a>
          </li>
          <li>
            <a href="/api/v1/open/documents" type="application/json">
              {t.api}
            </a>
          </li>
          <li>
            <a href={paths.documentsRss()} type="application/rss+xml">
              {t.rss}
            </a>
          </li>
        </ul>
      </section>
    </PublicLayout>
  );
}

const STATUS_VALUE: Record<EffectStatus, string> = {
  not_yet_in_force: 'chua-co-hieu-luc',
  in_force: 'con-hieu-luc',
  partly_expired: 'het-hieu-luc-mot-phan',
  expired: 'het-hieu-luc',
};

export interface AttachmentView {
  media: MediaItem;
  downloadHref: string;
  downloads: number;
}

export interface DocumentPageProps {
  chrome: PublicChrome;
  canonical: string;
  catalogue: DocumentCatalogue;
  doc: LibraryDocument;
  fields: string[];
  today: string;
  statusNote: string | null;
  summary: string;
  bodyHtml: string;
  relations: RelatedDocument[];
  attachments: AttachmentView[];
  /** Corrections (đính chính) published on the document, oldest first. */
  corrections: CorrectionView[];
  rating: RatingView | null;
  head: JSX.Element;
}

export function DocumentPage(p: DocumentPageProps): JSX.Element {
  const c = p.chrome;
  const lang = c.lang;
  const t = libraryText(lang);
  const d = p.doc;
  const type = typeLabel(p.catalogue, d.docType)[lang];
  const date = (iso: string | null) => (iso ? <time datetime={iso} safe>{formatDate(iso)}</time> : <span class="muted">{t.notGiven}</span>);
  const row = (label: string, value: JSX.Element) => (
    <tr>
      <th scope="row" safe>{label}</th>
      <td>{value}</td>
    </tr>
  );
  // PDFs are shown in the page first (the open format); others are listed to download.
  const pdf = p.attachments.find((a) => a.media.mime === 'application/pdf');
  return (
    <PublicLayout chrome={c} title={`${d.number} — ${d.title}`} canonical={p.canonical} head={p.head}>
      <article class="article doc">
        <p class="meta-line">
          <a href={paths.documents(lang)}>{t.backToList}</a>
        </p>
        <p class="label" safe>
          {format(t.documentOf, { type, number: d.number })}
        </p>
        <h1 safe>{d.title}</h1>
        <p>
          {t.status}: <StatusText status={d.status} lang={lang} />
        </p>
        <div class="article-body">
          <table class="doc-meta">
            <caption>{t.metadata}</caption>
            <tbody>
              {row(t.number, <span safe>{d.number}</span>)}
              {row(t.type, <span safe>{type}</span>)}
              {row(t.issuer, <span safe>{d.issuer}</span>)}
              {row(t.fields, p.fields.length > 0 ? <span safe>{p.fields.join(', ')}</span> : <span class="muted">{t.notGiven}</span>)}
              {row(t.level, <span safe>{levelLabel(d.level, lang)}</span>)}
              {row(t.signer, d.signer ? <span safe>{d.signer}</span> : <span class="muted">{t.notGiven}</span>)}
              {row(t.issuedOn, date(d.issuedOn))}
              {row(t.effectiveOn, date(d.effectiveOn))}
              {row(t.expiresOn, date(d.expiresOn))}
              {row(
                format(t.statusToday, { date: formatDate(p.today) }),
                <>
                  <StatusText status={d.status} lang={lang} />
                  {d.statusOverridden ? <span class="muted" safe>{` (${t.statusSetByHand})`}</span> : ''}
                </>,
              )}
              {p.statusNote && d.statusOverridden ? row(t.statusNote, <span safe>{p.statusNote}</span>) : ''}
              {row(t.published, <time datetime={d.publishedAt} safe>{formatDateTime(d.publishedAt)}</time>)}
            </tbody>
          </table>
        </div>
        <Corrections lang={lang} corrections={p.corrections} />
        {p.summary ? (
          <section aria-labelledby="doc-summary-h">
            <h2 id="doc-summary-h">{t.summary}</h2>
            <p class="lead" safe>
              {p.summary}
            </p>
          </section>
        ) : (
          ''
        )}
        {/* Stored HTML is sanitised by the allow-list on every save. */}
        {p.bodyHtml ? <div class="article-body">{p.bodyHtml as 'safe'}</div> : ''}
        <section aria-labelledby="doc-files-h">
          <h2 id="doc-files-h">{t.attachments}</h2>
          {p.attachments.length === 0 ? (
            <p>{t.noAttachments}</p>
          ) : (
            <ul class="doc-files">
              {p.attachments.map((a) => (
                <li>
                  <a href={a.downloadHref} download={a.media.originalName} safe>
                    {format(t.downloadName, { name: a.media.originalName })}
                  </a>{' '}
                  <span class="muted" safe>
                    {`(${a.media.ext.toUpperCase()}, ${fileSize(a.media.size, lang)}, ${a.media.openFormat ? t.open : t.notOpen}; ${format(t.downloads, { count: new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(a.downloads) })})`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {pdf ? (
            <iframe class="doc-preview" src={pdf.media.url} title={format(t.preview, { name: pdf.media.originalName })} width="100%" height="720" loading="lazy">
              <p>
                {t.previewFallback}{' '}
                <a href={pdf.media.url} safe>
                  {pdf.media.originalName}
                </a>
              </p>
            </iframe>
          ) : (
            ''
          )}
        </section>
        {p.relations.length > 0 ? (
          <section aria-labelledby="doc-relations-h">
            <h2 id="doc-relations-h">{t.relations}</h2>
            <div class="article-body">
              {/* On phones each relation stacks as a card, each value after its column name (data-label, site.css). */}
              <table class="doc-relations stack-table">
                <caption class="visually-hidden">{t.relationsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.relation}</th>
                    <th scope="col">{t.number}</th>
                    <th scope="col">{t.summary}</th>
                    <th scope="col">{t.issuedOn}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.relations.map((r) => (
                    <tr>
                      <td data-label={t.relation} safe>
                        {r.label[lang]}
                      </td>
                      <td data-label={t.number}>
                        <a href={paths.document(r.slug)} safe>
                          {r.number}
                        </a>
                      </td>
                      <td data-label={t.summary} safe>
                        {r.title}
                      </td>
                      <td data-label={t.issuedOn}>
                        <time datetime={r.issuedOn} safe>
                          {formatDate(r.issuedOn)}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : (
          ''
        )}
        <RatingSection lang={lang} rating={p.rating} />
      </article>
    </PublicLayout>
  );
}
