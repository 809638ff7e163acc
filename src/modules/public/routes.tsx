// The public face of a site, as far as the foundation and the editorial
// workflow go: the home page, an article page (title, summary, body, author,
// source, dates, corrections), signed previews of drafts, and media files.
// The full public site (sections, search, feeds) is its own capability.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../core/time.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { originOf } from '../../platform/http/request-info.ts';
import { defineMessages, format, type Lang } from '../../ui/i18n.ts';
import { PublicLayout, type PublicSiteView } from '../../ui/public-layout.tsx';
import { contentOfRow, parseSnapshot, type ArticleContent } from '../articles/article.ts';
import { readPreviewToken } from '../articles/preview.ts';
import { listCorrections } from '../articles/store.ts';
import { mediaByIds, resolveMediaFile, type MediaItem } from '../media/media.ts';
import type { Site } from '../sites/site.ts';

const text = defineMessages({
  vi: {
    welcome: 'Chào mừng bạn đến với {name}.',
    author: 'Tác giả',
    source: 'Nguồn',
    published: 'Đăng lúc',
    updated: 'Cập nhật lúc',
    eventAt: 'Thời gian sự kiện',
    reference: 'Tin tham khảo — thông tin chưa được kiểm chứng chính thức',
    corrections: 'Đính chính',
    attachments: 'Tệp đính kèm',
    notOpen: 'không phải định dạng mở',
    print: 'In bài viết',
    preview: 'Bản xem trước — chưa đăng công khai. Liên kết hết hạn lúc {time}.',
    takenDown: 'Tin bài đã được gỡ',
    takenDownBody: 'Tin bài tại địa chỉ này đã được gỡ xuống lúc {time}.',
    reason_published_in_error: 'Lý do: đăng nhầm.',
    reason_replaced: 'Lý do: đã có bài thay thế.',
    reason_withdrawn: 'Lý do: thu hồi.',
    reason_violation: 'Lý do: nội dung vi phạm quy chế.',
    latest: 'Tin bài mới',
    related: 'Tin liên quan',
    none: 'Chưa có tin bài nào được đăng.',
  },
  en: {
    welcome: 'Welcome to {name}.',
    author: 'Author',
    source: 'Source',
    published: 'Published',
    updated: 'Updated',
    eventAt: 'Event time',
    reference: 'Reference information — not officially verified',
    corrections: 'Corrections',
    attachments: 'Attachments',
    notOpen: 'not an open format',
    print: 'Print',
    preview: 'Preview — not published. The link expires {time}.',
    takenDown: 'Article taken down',
    takenDownBody: 'The article at this address was taken down on {time}.',
    reason_published_in_error: 'Reason: published in error.',
    reason_replaced: 'Reason: replaced.',
    reason_withdrawn: 'Reason: withdrawn.',
    reason_violation: 'Reason: violates the regulation.',
    latest: 'Latest articles',
    related: 'Related articles',
    none: 'No article has been published yet.',
  },
});

function publicLang(request: FastifyRequest): Lang {
  return request.lang === 'en' && request.site.languages.includes('en') ? 'en' : 'vi';
}

async function siteView(deps: AppDeps, request: FastifyRequest, lang: Lang): Promise<PublicSiteView> {
  const site: Site = request.site;
  const mergedInto = site.mergedIntoSiteId ? await deps.sites.byIdOrNull(site.mergedIntoSiteId) : null;
  return {
    name: lang === 'en' && site.nameEn ? site.nameEn : site.name,
    agencyName: lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName,
    languages: site.languages,
    status: site.status,
    statusNotice: site.statusNotice,
    mergedInto: mergedInto ? { name: mergedInto.name, url: mergedInto.primaryHost ? `${originOf(request, mergedInto.primaryHost)}/` : null } : null,
    contact: site.contact,
  };
}

function ArticleBody(props: { lang: Lang; content: ArticleContent; publishedAt: string | null; updatedAt: string | null; corrections: { note: string; published_at: string }[]; cover: MediaItem | null; attachments: MediaItem[]; related: { slug: string; title: string }[] }): JSX.Element {
  const t = text(props.lang);
  const c = props.content;
  return (
    <article class="article">
      {c.isReference ? <p class="tag">{t.reference}</p> : ''}
      <h1 safe>{c.title}</h1>
      <p class="muted">
        {props.publishedAt ? <span safe>{`${t.published}: ${formatDateTime(props.publishedAt)}`}</span> : ''}
        {props.updatedAt && props.updatedAt !== props.publishedAt ? <span safe>{` · ${t.updated}: ${formatDateTime(props.updatedAt)}`}</span> : ''}
      </p>
      {c.summary ? (
        <p class="lead" safe>
          {c.summary}
        </p>
      ) : (
        ''
      )}
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
      {props.related.length > 0 ? (
        <section aria-labelledby="related-h">
          <h2 id="related-h">{t.related}</h2>
          <ul>
            {props.related.map((r) => (
              <li>
                <a href={`/bai-viet/${r.slug}`} safe>
                  {r.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {props.corrections.length > 0 ? (
        <section class="corrections" aria-labelledby="corrections-h">
          <h2 id="corrections-h">{t.corrections}</h2>
          <ul>
            {props.corrections.map((k) => (
              <li>
                <strong safe>{formatDateTime(k.published_at)}</strong>: <span safe>{k.note}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </article>
  );
}

export function registerPublicSite(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const publicAccess = { access: { kind: 'public' as const } };

  async function renderArticle(request: FastifyRequest, reply: FastifyReply, row: ArticleRow, content: ArticleContent, opts: { preview?: string } = {}) {
    const lang = publicLang(request);
    const t = text(lang);
    const media = await mediaByIds(db, request.site.id, [...(content.coverMediaId ? [content.coverMediaId] : []), ...content.attachmentIds]);
    const cover = media.find((m) => m.id === content.coverMediaId) ?? null;
    const attachments = content.attachmentIds.map((id) => media.find((m) => m.id === id)).filter((m): m is MediaItem => Boolean(m));
    const corrections = opts.preview ? [] : await listCorrections(db, request.site.id, row.id);
    // Only related articles that are public are linked.
    // Their public titles come from their live revisions, never from unpublished edits.
    const related = content.relatedIds.length
      ? (
          await db
            .selectFrom('articles as a')
            .innerJoin('article_revisions as r', 'r.id', 'a.live_revision_id')
            .select(['a.id', 'a.slug', 'r.snapshot'])
            .where('a.site_id', '=', request.site.id)
            .where('a.id', 'in', content.relatedIds)
            .where('a.publication', '=', 'published')
            .where('a.deleted_at', 'is', null)
            .execute()
        ).map((r) => ({ id: r.id, slug: r.slug, title: parseSnapshot(r.snapshot).title }))
      : [];
    const head = (
      <>
        <meta name="DC.title" content={content.title} />
        <meta name="DC.creator" content={content.authorName ?? ''} />
        <meta name="DC.date" content={row.first_published_at ?? ''} />
        <meta name="DC.publisher" content={request.site.agencyName} />
        <meta name="DC.language" content={content.language} />
        <meta name="description" content={content.summary} />
      </>
    );
    const html = (
      <PublicLayout lang={lang} site={await siteView(deps, request, lang)} title={content.title} path={request.url} noindex={Boolean(opts.preview)} head={head}>
        {opts.preview ? (
          <div class="site-notice" role="note">
            <p safe>{format(t.preview, { time: opts.preview })}</p>
          </div>
        ) : (
          ''
        )}
        <ArticleBody lang={lang} content={content} publishedAt={opts.preview ? null : row.first_published_at} updatedAt={opts.preview ? null : row.last_published_at} corrections={corrections} cover={cover} attachments={attachments} related={content.relatedIds.map((id) => related.find((r) => r.id === id)).filter((r): r is { slug: string; title: string; id: number } => Boolean(r))} />
      </PublicLayout>
    );
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', opts.preview ? 'no-store' : 'public, max-age=60')
      .send(html);
  }

  app.get('/', { config: publicAccess }, async (request, reply) => {
    const lang = publicLang(request);
    const t = text(lang);
    const view = await siteView(deps, request, lang);
    const latest = await db
      .selectFrom('articles')
      .select(['slug', 'title', 'last_published_at'])
      .where('site_id', '=', request.site.id)
      .where('publication', '=', 'published')
      .where('deleted_at', 'is', null)
      .orderBy('last_published_at', 'desc')
      .limit(10)
      .execute();
    return reply.type('text/html; charset=utf-8').send(
      <PublicLayout lang={lang} site={view} title={view.name} path="/" head={<meta name="DC.title" content={view.name} />}>
        <h1 safe>{view.name}</h1>
        <p class="lead" safe>
          {format(t.welcome, { name: view.agencyName })}
        </p>
        <h2>{t.latest}</h2>
        {latest.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {latest.map((a) => (
              <li>
                <a href={`/bai-viet/${a.slug}`} safe>
                  {a.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </PublicLayout>,
    );
  });

  app.get('/bai-viet/:slug', { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]{1,200}$/.test(slug)) return notFound(request, reply);
    let row = await db.selectFrom('articles').selectAll().where('site_id', '=', request.site.id).where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row || row.live_revision_id === null) {
      // An address the article had before keeps leading to it.
      const former = await db.selectFrom('article_slugs').select('article_id').where('site_id', '=', request.site.id).where('slug', '=', slug).executeTakeFirst();
      if (former) {
        const current = await db.selectFrom('articles').select(['slug', 'live_revision_id']).where('id', '=', former.article_id).where('deleted_at', 'is', null).executeTakeFirst();
        if (current && current.slug !== slug && current.live_revision_id !== null) return reply.redirect(`/bai-viet/${current.slug}`, 301);
        row = await db.selectFrom('articles').selectAll().where('id', '=', former.article_id).where('deleted_at', 'is', null).executeTakeFirst();
      }
    }
    if (!row || row.live_revision_id === null) return notFound(request, reply);
    if (row.publication === 'taken_down') {
      if (row.takedown_notice !== 1) return notFound(request, reply);
      const lang = publicLang(request);
      const t = text(lang);
      const reason = row.takedown_reason_code ? t[`reason_${row.takedown_reason_code as 'withdrawn'}`] : '';
      return reply
        .code(410)
        .type('text/html; charset=utf-8')
        .send(
          <PublicLayout lang={lang} site={await siteView(deps, request, lang)} title={t.takenDown} path={request.url} noindex>
            <h1>{t.takenDown}</h1>
            <p safe>{format(t.takenDownBody, { time: formatDateTime(row.taken_down_at ?? row.updated_at) })}</p>
            {reason ? <p>{reason}</p> : ''}
          </PublicLayout>,
        );
    }
    if (row.publication !== 'published') return notFound(request, reply);
    const live = await db.selectFrom('article_revisions').select('snapshot').where('id', '=', row.live_revision_id).executeTakeFirst();
    if (!live) return notFound(request, reply);
    return renderArticle(request, reply, row, parseSnapshot(live.snapshot));
  });

  app.get('/xem-truoc/:token', { config: publicAccess }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const claims = readPreviewToken(deps.keys.preview, token, request.site.id, deps.clock.now());
    if (!claims) return notFound(request, reply);
    const row = await db.selectFrom('articles').selectAll().where('site_id', '=', request.site.id).where('id', '=', claims.articleId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) return notFound(request, reply);
    return renderArticle(request, reply, row, contentOfRow(row), { preview: formatDateTime(new Date(claims.exp * 1000)) });
  });

  app.get('/media/:sha/:file', { config: publicAccess }, async (request, reply) => {
    const { sha, file } = request.params as { sha: string; file: string };
    const found = await resolveMediaFile(db, request.site.id, sha.toLowerCase(), file);
    const stream = found ? deps.files.open(found.sha256) : null;
    if (!found || !stream) return notFound(request, reply);
    const inline = found.mime.startsWith('image/') || found.mime === 'application/pdf';
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(found.name)}`)
      .type(found.mime)
      .send(stream);
  });
}
