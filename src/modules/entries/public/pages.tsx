// The public pages of a declared section, drawn from its declaration: the
// list with its filter form (GET, works without JavaScript), sort and pages,
// the columns declared `list: true`; and an entry with every public field,
// its attachments, corrections and rating. Same layout as every public page.
import { validityOn, type FieldDecl, type SectionKind } from '../../../core/entries/index.ts';
import { formatDateTime } from '../../../core/time.ts';
import { format, type Lang } from '../../../ui/i18n.ts';
import type { ArticleContent } from '../../articles/article.ts';
import type { MediaItem } from '../../media/media.ts';
import { PublicLayout, type PublicChrome } from '../../public/layout.tsx';
import { Corrections, Pager, type CorrectionView } from '../../public/pages.tsx';
import { RatingSection, type RatingView } from '../../ratings/rating-form.tsx';
import { filterSpecs, param, sortOptions, type EntryQuery } from './filters.ts';
import { entryText } from './messages.ts';
import type { ListedEntry } from './queries.ts';
import { FieldValue, fileSize, type Lookup } from './values.tsx';
import { NewBadge } from '../../public/new-badge.tsx';

export const PAGE_SIZE = 20;

export interface EntryListProps {
  chrome: PublicChrome;
  canonical: string;
  kind: SectionKind;
  /** The site's name for the section. */
  title: string;
  base: string;
  query: EntryQuery;
  units: { id: number; name: string }[];
  total: number;
  entries: ListedEntry[];
  lookup: Lookup;
  pages: number;
  today: string;
  views: { label: string; href: string }[];
  /** The kind's own rendering of the items (views.ts registerEntryRenderer). */
  listView?: JSX.Element;
  head: JSX.Element;
}

function ValidityLabel({ kind, entry, today, lang }: { kind: SectionKind; entry: { values: Record<string, unknown> }; today: string; lang: Lang }): JSX.Element {
  const state = validityOn(kind, entry.values, today);
  const t = entryText(lang);
  if (state === 'upcoming') return <span class="label">{t.upcoming}</span>;
  if (state === 'expired') return <span class="label">{t.expired}</span>;
  return '';
}

function FilterForm({ p }: { p: EntryListProps }): JSX.Element {
  const lang = p.chrome.lang;
  const t = entryText(lang);
  const v = p.query.values;
  const id = (name: string) => `ef-${name.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const select = (f: FieldDecl, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={id(f.key)} safe>
        {f.label[lang]}
      </label>
      <select id={id(f.key)} name={param.value(f)}>
        <option value="">
          {t.any}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === v[param.value(f)]} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const bounds = (f: FieldDecl, type: 'date' | 'text', inputmode?: string) => (
    <fieldset class="field">
      <legend safe>{f.label[lang]}</legend>
      <label for={id(param.from(f))}>
        {type === 'date' ? t.from : t.min}
      </label>
      <input type={type} id={id(param.from(f))} name={param.from(f)} value={v[param.from(f)] ?? ''} inputmode={inputmode} maxlength={type === 'text' ? '40' : undefined} />
      <label for={id(param.to(f))}>
        {type === 'date' ? t.to : t.max}
      </label>
      <input type={type} id={id(param.to(f))} name={param.to(f)} value={v[param.to(f)] ?? ''} inputmode={inputmode} maxlength={type === 'text' ? '40' : undefined} />
    </fieldset>
  );
  return (
    <form method="get" action={p.base} class="filters" role="search" aria-labelledby="entry-filters-h">
      <h2 id="entry-filters-h" class="visually-hidden">
        {t.filters}
      </h2>
      {p.query.archive ? <input type="hidden" name="luu-tru" value="1" /> : ''}
      {filterSpecs(p.kind).map(({ field: f, mode }) => {
        if (mode === 'select') return select(f, (f.choices ?? []).map((c) => ({ value: c.value, label: c.label[lang] })));
        if (mode === 'units') return select(f, p.units.map((u) => ({ value: String(u.id), label: u.name })));
        if (mode === 'dates') return bounds(f, 'date');
        if (mode === 'numbers') return bounds(f, 'text', 'decimal');
        return (
          <div class="field">
            <label for={id(f.key)} safe>
              {`${f.label[lang]} (${t.contains})`}
            </label>
            <input type="search" id={id(f.key)} name={param.value(f)} value={v[param.value(f)] ?? ''} maxlength="100" />
          </div>
        );
      })}
      <div class="field">
        <label for="ef-sort">{t.sort}</label>
        <select id="ef-sort" name="sap-xep">
          {sortOptions(p.kind).map((o) => (
            <option value={o.value} selected={o.value === p.query.sortValue}>
              {o.field ? format(o.direction === 'asc' ? t.sortAsc : t.sortDesc, { label: o.field.label[lang] }) : o.by === 'title' ? t.sortTitle : t.sortNewest}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t.filter}
      </button>
    </form>
  );
}

export function EntryListPage(p: EntryListProps): JSX.Element {
  const c = p.chrome;
  const lang = c.lang;
  const t = entryText(lang);
  const filtered = p.query.filters.length > 0;
  const columns = p.kind.fields.filter((f) => f.list && !f.internal);
  const title = p.query.archive ? format(t.archiveTitle, { section: p.title }) : p.title;
  const page = p.query.page;
  const archiveHref = `${p.base}?luu-tru=1`;
  return (
    <PublicLayout chrome={c} title={page > 1 ? `${title} — ${format(t.page, { page })}` : title} canonical={p.canonical} head={p.head} noindex={filtered || p.query.problems.length > 0}>
      <h1 safe>{title}</h1>
      <p safe>{p.kind.description[lang]}</p>
      {(p.kind.validity && p.kind.validity.expired !== 'withdraw') || p.views.length > 0 ? (
        <nav class="entry-views" aria-label={t.views}>
          <ul>
            {p.kind.validity && p.kind.validity.expired !== 'withdraw' ? (
              <>
                <li>
                  <a href={p.base} aria-current={p.query.archive ? undefined : 'page'}>
                    {t.current}
                  </a>
                </li>
                <li>
                  <a href={archiveHref} aria-current={p.query.archive ? 'page' : undefined}>
                    {t.archive}
                  </a>
                </li>
              </>
            ) : (
              ''
            )}
            {p.views.map((view) => (
              <li>
                <a href={view.href} safe>
                  {view.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        ''
      )}
      <FilterForm p={p} />
      {filtered ? (
        <p>
          <a href={p.query.archive ? archiveHref : p.base}>{t.clear}</a>
        </p>
      ) : (
        ''
      )}
      {p.query.problems.length > 0 ? (
        <div class="site-notice" role="alert">
          <p>{t.invalidFilter}</p>
          <ul>
            {p.query.problems.map((m) => (
              <li safe>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      <h2 id="entry-results-h" safe>
        {format(filtered ? t.countFiltered : t.count, { count: p.total })}
      </h2>
      {p.entries.length === 0 ? (
        <p>{filtered ? t.noneFiltered : t.none}</p>
      ) : p.listView !== undefined ? (
        p.listView
      ) : (
        <ol class="items entry-list" start={String((page - 1) * PAGE_SIZE + 1)} aria-labelledby="entry-results-h">
          {p.entries.map((e) => (
            <li class="item">
              <div>
                <h3>
                  <a href={e.url} safe>
                    {e.title}
                  </a>
                </h3>
                <ValidityLabel kind={p.kind} entry={e} today={p.today} lang={lang} />
                <dl class="meta">
                  {columns
                    .filter((f) => e.values[f.key] !== undefined && e.values[f.key] !== null)
                    .map((f) => (
                      <>
                        <dt safe>{f.label[lang]}</dt>
                        <dd>
                          <FieldValue field={f} value={e.values[f.key]} lookup={p.lookup} lang={lang} />
                        </dd>
                      </>
                    ))}
                  <dt>{t.published}</dt>
                  <dd>
                    <time datetime={e.publishedAt} safe>
                      {formatDateTime(e.publishedAt)}
                    </time>
                    <NewBadge publishedAt={e.publishedAt} since={c.newSince} lang={lang} />
                  </dd>
                </dl>
                {e.summary ? <p safe>{e.summary}</p> : ''}
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pager lang={lang} page={page} pages={p.pages} base={p.base} query={p.query.pagerQuery} />
      <section aria-labelledby="entry-open-data-h">
        <h2 id="entry-open-data-h">{t.openData}</h2>
        <p>{t.openDataLead}</p>
        <ul>
          <li>
            <a href={`${p.base}/du-lieu.csv`} type="text/csv">
              {t.csv}
            </a>
          </li>
          <li>
            <a href={`${p.base}/du-lieu.json`} type="application/json">
              {t.json}
            </a>
          </li>
          <li>
            <a href={`${p.base}/rss.xml`} type="application/rss+xml">
              {t.rss}
            </a>
          </li>
        </ul>
      </section>
    </PublicLayout>
  );
}

export interface EntryPageProps {
  chrome: PublicChrome;
  canonical: string;
  kind: SectionKind;
  sectionTitle: string;
  base: string;
  content: ArticleContent;
  lookup: Lookup;
  attachments: MediaItem[];
  publishedAt: string | null;
  updatedAt: string | null;
  corrections: CorrectionView[];
  today: string;
  rating: RatingView | null;
  /** Links into a view of the kind's own (the week this entry belongs to). */
  views: { label: string; href: string }[];
  /** The kind's own rendering of the fields (views.ts registerEntryRenderer). */
  fieldsView?: JSX.Element;
  head: JSX.Element;
}

export function EntryPage(p: EntryPageProps): JSX.Element {
  const ch = p.chrome;
  const lang = ch.lang;
  const t = entryText(lang);
  const c = p.content;
  const values = c.entry?.values ?? {};
  const fields = p.fieldsView !== undefined ? [] : p.kind.fields.filter((f) => !f.internal && values[f.key] !== undefined && values[f.key] !== null);
  // Long content (rich text, tables, pictures) is shown under its own heading, the rest in the table.
  const long = (f: FieldDecl) => f.type === 'richtext' || f.type === 'rows' || f.type === 'pictures' || f.type === 'picture' || f.type === 'articles';
  return (
    <PublicLayout chrome={ch} title={c.title} canonical={p.canonical} head={p.head}>
      <article class="article entry">
        <p class="meta-line">
          <a href={p.base} safe>
            {p.sectionTitle}
          </a>
        </p>
        <h1 safe>{c.title}</h1>
        <ValidityLabel kind={p.kind} entry={{ values }} today={p.today} lang={lang} />
        {p.views.map((v) => (
          <p class="entry-view-link">
            <a href={v.href} safe>
              {v.label}
            </a>
          </p>
        ))}
        {p.publishedAt ? (
          <p class="meta-line">
            <span safe>{`${t.publishedAt}: ${formatDateTime(p.publishedAt)}`}</span>
            {p.updatedAt && p.updatedAt !== p.publishedAt ? <span safe>{` · ${t.updatedAt}: ${formatDateTime(p.updatedAt)}`}</span> : ''}
          </p>
        ) : (
          ''
        )}
        {p.kind.summary !== false && c.summary ? (
          <p class="lead" safe>
            {c.summary}
          </p>
        ) : (
          ''
        )}
        {fields.some((f) => !long(f)) ? (
          <div class="article-body">
            <table class="doc-meta entry-fields">
              <caption>{t.details}</caption>
              <tbody>
                {fields
                  .filter((f) => !long(f))
                  .map((f) => (
                    <tr>
                      <th scope="row" safe>
                        {f.label[lang]}
                      </th>
                      <td>
                        <FieldValue field={f} value={values[f.key]} lookup={p.lookup} lang={lang} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ) : (
          ''
        )}
        {p.fieldsView !== undefined ? p.fieldsView : ''}
        {fields.filter(long).map((f) =>
          // A single picture (a cover, a banner) speaks through its description; a field name above it only repeats the form.
          f.type === 'picture' ? (
            <div class={`entry-picture entry-picture-${f.key}`}>
              <FieldValue field={f} value={values[f.key]} lookup={p.lookup} lang={lang} />
            </div>
          ) : (
          <section aria-labelledby={`field-${f.key}-h`}>
            <h2 id={`field-${f.key}-h`} safe>
              {f.label[lang]}
            </h2>
            <FieldValue field={f} value={values[f.key]} lookup={p.lookup} lang={lang} />
          </section>
          ),
        )}
        {/* Stored HTML is sanitised by the allow-list on every save. */}
        {c.bodyHtml ? <div class="article-body">{c.bodyHtml as 'safe'}</div> : ''}
        {p.attachments.length > 0 ? (
          <section aria-labelledby="attachments-h">
            <h2 id="attachments-h">{t.attachments}</h2>
            <ul>
              {p.attachments.map((m) => (
                <li>
                  <a href={m.url} download={m.originalName} safe>
                    {m.originalName}
                  </a>{' '}
                  <span class="muted" safe>{`(${m.ext.toUpperCase()}, ${fileSize(m.size, lang)}${m.openFormat ? '' : `, ${t.notOpen}`})`}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          ''
        )}
        <Corrections lang={lang} corrections={p.corrections} />
        <p>
          <a href={p.base}>{t.backToList}</a>
        </p>
        <RatingSection lang={lang} rating={p.rating} />
      </article>
    </PublicLayout>
  );
}

/** An entry whose kind withdraws it when its validity ends, asked for after the end (410). */
export function WithdrawnEntryPage({ chrome, section, listHref }: { chrome: PublicChrome; section: string; listHref: string }): JSX.Element {
  const t = entryText(chrome.lang);
  return (
    <PublicLayout chrome={chrome} title={t.withdrawnTitle} noindex>
      <h1>{t.withdrawnTitle}</h1>
      <p>{t.withdrawn}</p>
      <p>
        <a href={listHref} safe>
          {section}
        </a>
      </p>
    </PublicLayout>
  );
}
