// The public pages of procedures: the list (filter by field and level, words of
// the name or code without diacritics, 20 a page) and one page per procedure
// with every element in its own section. Anonymous pages come from the render
// cache, dropped for the site when a procedure is published, changed or removed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LEVEL_LABELS, METHOD_LABELS, ONLINE_LABELS, PROCEDURE_LEVELS, type ProcedureInput, type ProcedureLevel, type PublicationDecision } from '../../core/procedures/index.ts';
import { formatDate, formatDateTime } from '../../core/time.ts';
import { NewBadge } from '../public/new-badge.tsx';
import type { ProcedureRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { mediaByIds, type MediaItem } from '../media/media.ts';
import { PublicLayout, type PublicChrome } from '../public/layout.tsx';
import { Pager } from '../public/pages.tsx';
import { servePage, type MarkSink } from '../public/serve-page.ts';
import { buildChrome, canonicalUrl, paths, publicLangFor } from '../public/site-view.ts';
import { RatingSection, ratingView, type RatingView } from '../ratings/rating-form.tsx';
import { publicProcedureText } from './messages.ts';
import { documentLinks, inputOfRow, listPublished, PROCEDURE_ITEM, procedureFields, publishedBySlug } from './store.ts';

const PAGE_SIZE = 20;
const publicAccess = { access: { kind: 'public' as const } };

export function levelLabel(lang: Lang, level: string): string {
  return LEVEL_LABELS[level as ProcedureLevel]?.[lang] ?? level;
}

// ---- Pages ---------------------------------------------------------------------------------

interface ListFilters {
  field: string;
  level: string;
  q: string;
}

export function ProcedureIndexPage(props: { chrome: PublicChrome; canonical: string; rows: ProcedureRow[]; total: number; page: number; pages: number; fields: string[]; filters: ListFilters; base: string }): JSX.Element {
  const c = props.chrome;
  const t = publicProcedureText(c.lang);
  const f = props.filters;
  const query = Object.fromEntries(Object.entries({ 'linh-vuc': f.field, cap: f.level, q: f.q }).filter(([, v]) => v)) as Record<string, string>;
  return (
    <PublicLayout chrome={c} title={props.page > 1 ? `${t.title} (${props.page})` : t.title} canonical={props.canonical}>
      <h1>{t.title}</h1>
      <p class="lead">{t.lead}</p>
      <form method="get" action={props.base} class="filters" role="search" aria-label={t.filters}>
        <div class="field">
          <label for="tt-field">{t.field}</label>
          <select id="tt-field" name="linh-vuc">
            <option value="">{t.all}</option>
            {props.fields.map((x) => (
              <option value={x} selected={x === f.field} safe>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tt-level">{t.level}</label>
          <select id="tt-level" name="cap">
            <option value="">{t.all}</option>
            {PROCEDURE_LEVELS.map((l) => (
              <option value={l} selected={l === f.level} safe>
                {levelLabel(c.lang, l)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tt-q">{t.text}</label>
          <input type="search" id="tt-q" name="q" value={f.q} maxlength="200" />
        </div>
        <button type="submit">{t.find}</button>
      </form>
      <p role="status" safe>
        {props.total === 0 ? t.none : format(t.found, { n: props.total })}
      </p>
      {props.rows.length > 0 ? (
        <ul class="items">
          {props.rows.map((r) => (
            <li class="item">
              <div>
                <h2>
                  <a href={paths.procedure(r.slug)} safe>
                    {r.name}
                  </a>
                  <NewBadge publishedAt={r.published_at} since={c.newSince} lang={c.lang} />
                </h2>
                <p class="meta-line" safe>{`${t.code}: ${r.code} · ${levelLabel(c.lang, r.level)} · ${r.field}`}</p>
                <p safe>{`${t.agency}: ${r.agency}`}</p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      <Pager lang={c.lang} page={props.page} pages={props.pages} base={props.base} query={query} />
      <p>
        <a href="/thu-tuc-hanh-chinh/du-lieu.csv" safe>{`${t.openData} (CSV)`}</a>
        {' · '}
        <a href="/thu-tuc-hanh-chinh/du-lieu.json">JSON</a>
      </p>
    </PublicLayout>
  );
}

function Lines({ items, ordered, empty }: { items: string[]; ordered?: boolean; empty: string }): JSX.Element {
  if (items.length === 0) return <p safe>{empty}</p>;
  const body = items.map((s) => (
    <li class="pre-line" safe>
      {s}
    </li>
  ));
  return ordered ? <ol>{body}</ol> : <ul>{body}</ul>;
}

/** The decision that published the procedure: linked to the document when it is on the site. */
function PublicationDecisionSection({ p, docs, lang }: { p: PublicationDecision; docs: Map<number, { slug: string; number: string }>; lang: Lang }): JSX.Element {
  const t = publicProcedureText(lang);
  const doc = p.documentArticleId !== null ? docs.get(p.documentArticleId) : undefined;
  const written = p.number && p.date ? format(t.decisionOf, { n: p.number, d: formatDate(p.date) }) : null;
  if (!doc && !written) return <></>;
  return (
    <section aria-labelledby="tt-decision">
      <h2 id="tt-decision">{t.decision}</h2>
      <p>
        {doc ? (
          <a href={paths.document(doc.slug)} safe>
            {written ?? format(t.decisionNo, { n: doc.number })}
          </a>
        ) : (
          <span safe>{written}</span>
        )}
      </p>
    </section>
  );
}

export function ProcedureDetailPage(props: {
  chrome: PublicChrome;
  canonical: string;
  row: ProcedureRow;
  p: ProcedureInput;
  docs: Map<number, { slug: string; number: string }>;
  media: Map<number, MediaItem>;
  rating: RatingView | null;
}): JSX.Element {
  const c = props.chrome;
  const t = publicProcedureText(c.lang);
  const { p, row } = props;
  const d = p.details;
  const h = (id: string, text: string) => (
    <h2 id={id} safe>
      {text}
    </h2>
  );
  return (
    <PublicLayout chrome={c} title={p.name} canonical={props.canonical}>
      <nav aria-label={t.title} class="breadcrumb">
        <a href={paths.procedures(c.lang)}>{t.title}</a>
      </nav>
      <article class="procedure" lang="vi">
        <h1 safe>{p.name}</h1>
        {p.level === 'district' ? (
          <p class="site-notice" role="note">
            {t.historical}
          </p>
        ) : (
          ''
        )}
        <section aria-labelledby="tt-summary">
          {h('tt-summary', t.summary)}
          <dl class="meta">
            <dt>{t.code}</dt>
            <dd safe>{p.code}</dd>
            <dt>{publicProcedureText(c.lang).level}</dt>
            <dd safe>{levelLabel(c.lang, p.level)}</dd>
            <dt>{t.field}</dt>
            <dd safe>{p.field}</dd>
            <dt>{t.agency}</dt>
            <dd safe>{p.agency}</dd>
            <dt>{t.updatedAt}</dt>
            <dd>
              <time datetime={row.updated_at} safe>
                {formatDateTime(row.updated_at)}
              </time>
            </dd>
          </dl>
        </section>

        <section aria-labelledby="tt-steps">
          {h('tt-steps', t.steps)}
          <Lines items={d.steps} ordered empty={t.notStated} />
        </section>

        <section aria-labelledby="tt-methods">
          {h('tt-methods', t.methods)}
          {d.methods.length === 0 ? (
            <p>{t.notStated}</p>
          ) : (
            <ul>
              {d.methods.map((m) => (
                <li>
                  <strong safe>{METHOD_LABELS[m.method][c.lang]}</strong>
                  {m.note ? <span safe>{`: ${m.note}`}</span> : ''}
                </li>
              ))}
            </ul>
          )}
          {d.place ? (
            <>
              <h3>{t.place}</h3>
              <p class="pre-line" safe>
                {d.place}
              </p>
            </>
          ) : (
            ''
          )}
        </section>

        <section aria-labelledby="tt-dossier">
          {h('tt-dossier', t.dossier)}
          {d.dossier.length === 0 ? (
            <p>{t.notStated}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{t.dossierCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t.paper}</th>
                    <th scope="col">{t.originals}</th>
                    <th scope="col">{t.copies}</th>
                    <th scope="col">{t.note}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.dossier.map((x, i) => (
                    <tr>
                      <td safe>{String(i + 1)}</td>
                      <th scope="row" safe>
                        {x.name}
                      </th>
                      <td safe>{String(x.originals)}</td>
                      <td safe>{String(x.copies)}</td>
                      <td safe>{x.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="tt-time">
          {h('tt-time', t.timeLimit)}
          <p safe>{d.timeLimit.text || (d.timeLimit.workingDays !== null ? format(t.workingDays, { n: d.timeLimit.workingDays }) : t.notStated)}</p>
        </section>

        <section aria-labelledby="tt-subjects">
          {h('tt-subjects', t.subjects)}
          <Lines items={d.subjects} empty={t.notStated} />
        </section>

        <section aria-labelledby="tt-result">
          {h('tt-result', t.result)}
          <p class="pre-line" safe>
            {d.result || t.notStated}
          </p>
        </section>

        <section aria-labelledby="tt-fees">
          {h('tt-fees', t.fees)}
          {d.fees.length === 0 ? (
            <p>{t.noFees}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{t.feesCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.feeName}</th>
                    <th scope="col">{t.feeAmount}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.fees.map((f) => (
                    <tr>
                      <th scope="row" safe>
                        {f.name}
                      </th>
                      <td safe>{f.amount}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <PublicationDecisionSection p={d.publication} docs={props.docs} lang={c.lang} />

        <section aria-labelledby="tt-legal">
          {h('tt-legal', t.legalBasis)}
          {d.legalBasis.length === 0 ? (
            <p>{t.notStated}</p>
          ) : (
            <ul>
              {d.legalBasis.map((l) => {
                const doc = l.documentArticleId !== null ? props.docs.get(l.documentArticleId) : undefined;
                return (
                  <li>
                    {doc ? (
                      <a href={paths.document(doc.slug)} safe>
                        {l.text || doc.number}
                      </a>
                    ) : (
                      <span safe>{l.text}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section aria-labelledby="tt-conditions">
          {h('tt-conditions', t.conditions)}
          <Lines items={d.conditions} empty={t.noConditions} />
        </section>

        <section aria-labelledby="tt-forms">
          {h('tt-forms', t.forms)}
          {d.forms.length === 0 ? (
            <p>{t.notStated}</p>
          ) : (
            <ul>
              {d.forms.map((f) => {
                const file = f.mediaId !== null ? props.media.get(f.mediaId) : undefined;
                return (
                  <li>
                    <strong safe>{f.name}</strong>
                    {f.purpose ? <span safe>{` — ${t.formPurpose}: ${f.purpose}`}</span> : ''}{' '}
                    {file ? (
                      <a href={`/tai-ve/${file.id}`} download="" safe>
                        {`${t.download}: ${file.originalName} (${file.ext.toUpperCase()}, ${Math.max(1, Math.round(file.size / 1024))} KB)`}
                      </a>
                    ) : (
                      <span class="muted" safe>{`(${t.noFile})`}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section aria-labelledby="tt-online">
          {h('tt-online', t.online)}
          <p safe>{ONLINE_LABELS[d.online.level]?.[c.lang] ?? d.online.level}</p>
          {d.online.level !== 'none' && d.online.launchedOn ? <p safe>{format(t.launchedOn, { m: `${d.online.launchedOn.slice(5, 7)}/${d.online.launchedOn.slice(0, 4)}` })}</p> : ''}
          {d.online.level !== 'none' && d.online.url ? (
            <p>
              <a class="button" href={d.online.url} rel="noopener external">
                {t.doOnline} <span class="visually-hidden">{t.opensPortal}</span>
              </a>
            </p>
          ) : (
            ''
          )}
        </section>

        {d.handler.name || d.handler.phone || d.handler.email ? (
          <section aria-labelledby="tt-handler">
            {h('tt-handler', t.handler)}
            <dl class="meta">
              {d.handler.name ? (
                <>
                  <dt>{t.handler}</dt>
                  <dd safe>{d.handler.name}</dd>
                </>
              ) : (
                ''
              )}
              {d.handler.phone ? (
                <>
                  <dt>{t.phone}</dt>
                  <dd>
                    <a href={`tel:${d.handler.phone.replace(/[^0-9+]/g, '')}`} safe>
                      {d.handler.phone}
                    </a>
                  </dd>
                </>
              ) : (
                ''
              )}
              {d.handler.email ? (
                <>
                  <dt>{t.email}</dt>
                  <dd>
                    <a href={`mailto:${d.handler.email}`} safe>
                      {d.handler.email}
                    </a>
                  </dd>
                </>
              ) : (
                ''
              )}
            </dl>
          </section>
        ) : (
          ''
        )}
        <RatingSection lang={c.lang} rating={props.rating} />
      </article>
    </PublicLayout>
  );
}

// ---- Routes --------------------------------------------------------------------------------

export function registerPublicProcedures(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;

  const cached = (request: FastifyRequest, reply: FastifyReply, render: (sink: MarkSink) => Promise<string | null>) => servePage(deps, request, reply, render);

  const list = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted !== lang) return notFound(request, reply);
    return cached(request, reply, async (sink) => {
      const q = request.query as Record<string, string | undefined>;
      const fields = procedureFields(request.site);
      const filters: ListFilters = {
        field: fields.includes(q['linh-vuc'] ?? '') ? q['linh-vuc']! : '',
        level: (PROCEDURE_LEVELS as readonly string[]).includes(q.cap ?? '') ? q.cap! : '',
        q: (q.q ?? '').normalize('NFC').replace(/\0/g, '').trim().slice(0, 200),
      };
      const n = Number(q.trang);
      const page = Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
      const { rows, total } = await listPublished(db, request.site.id, { field: filters.field || null, level: filters.level || null, text: filters.q }, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (page > pages) return null;
      // A search of the procedures counts among the site's searches (first page of results only).
      if (filters.q && page === 1) sink.mark({ itemType: 'other', itemId: 0, sectionId: null, search: { query: filters.q, found: total } });
      const chrome = await buildChrome(deps, request, { lang, otherLangHref: paths.procedures(lang === 'vi' ? 'en' : 'vi') });
      chrome.current = 'procedures';
      return (await (
        <ProcedureIndexPage chrome={chrome} canonical={canonicalUrl(request, `${paths.procedures(lang)}${page > 1 ? `?trang=${page}` : ''}`)} rows={rows} total={total} page={page} pages={pages} fields={fields} filters={filters} base={paths.procedures(lang)} />
      )) as string;
    });
  };
  app.get('/thu-tuc-hanh-chinh', { config: publicAccess }, async (request, reply) => list(request, reply, 'vi'));
  app.get('/en/procedures', { config: publicAccess }, async (request, reply) => list(request, reply, 'en'));

  app.get('/thu-tuc-hanh-chinh/:slug', { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]{1,200}$/.test(slug)) return notFound(request, reply);
    return cached(request, reply, async (sink) => {
      const row = await publishedBySlug(db, request.site.id, slug);
      if (!row) return null;
      sink.mark({ itemType: PROCEDURE_ITEM, itemId: row.id, sectionId: null });
      const p = inputOfRow(row);
      const docIds = [...p.details.legalBasis.map((l) => l.documentArticleId), p.details.publication.documentArticleId].filter((id): id is number => id !== null);
      const mediaIds = p.details.forms.map((f) => f.mediaId).filter((id): id is number => id !== null);
      const [docs, media] = await Promise.all([documentLinks(db, request.site.id, docIds), mediaByIds(db, request.site.id, mediaIds)]);
      // The procedure's text is Vietnamese: its page is too, at one address.
      const chrome = await buildChrome(deps, request, { lang: 'vi' });
      chrome.current = 'procedures';
      const rating = ratingView(request, { itemType: PROCEDURE_ITEM, itemId: row.id });
      return (await (<ProcedureDetailPage chrome={chrome} canonical={canonicalUrl(request, paths.procedure(slug))} row={row} p={p} docs={docs} media={new Map(media.map((m) => [m.id, m]))} rating={rating} />)) as string;
    });
  });
}
