// Public routes of drafts for comment. The lists and the pages of closed or
// concluded drafts come from the render cache (keyed by the day, since what is
// open changes at midnight); an open draft's page carries the form's signed
// time stamp, so it is rendered for each visit and never cached, like the
// contact page. The comment POST is screened (honeypot, time trap, per-IP and
// per-address limits) and refused once the period has ended.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentCatalogue, typeLabel } from '../../core/documents/details.ts';
import { DomainError } from '../../core/errors.ts';
import { vietnamDate } from '../../core/time.ts';
import type { ConsultationRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { FormReader } from '../../platform/http/form.ts';
import type { Lang } from '../../ui/i18n.ts';
import { newStamp, PUBLIC_FORM_RATE_LIMIT, screenSubmission, stampedAt } from '../citizens/protection.ts';
import { mediaByIds } from '../media/media.ts';
import { ItemMetadata } from '../public/metadata.tsx';
import { countView, servePage } from '../public/serve-page.ts';
import { buildChrome, canonicalUrl, paths, publicLangFor } from '../public/site-view.ts';
import { elsewhere, siteClosed } from '../public/closed-site.tsx';
import { roleLabel, SiteClosedError } from '../sites/site.ts';
import { ratingView } from '../ratings/rating-form.tsx';
import { ConsultationClosedError, submitComment } from './comments.ts';
import { CONSULTATION_ITEM } from './public-index.ts';
import { publicConsultationText } from './messages.ts';
import { attachmentIdsOf, COMMENT_LIMITS, partsOf, phaseOf } from './model.ts';
import { ConsultationIndexPage, ConsultationPage, type CommentFormState, type DetailProps } from './public-pages.tsx';
import { approvedComments, publicBySlug, publicLists } from './store.ts';

const publicAccess = { access: { kind: 'public' as const } };
const SLUG = /^[a-z0-9-]{1,200}$/;

export function registerPublicConsultations(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const today = () => vietnamDate(deps.clock.now());
  const typeName = (request: FastifyRequest, lang: Lang) => {
    const catalogue = documentCatalogue(request.site.settings as unknown as Record<string, unknown>);
    return (key: string | null) => (key ? typeLabel(catalogue, key)[lang] : '');
  };

  // ---- Lists ---------------------------------------------------------------------------------
  const list = async (request: FastifyRequest, reply: FastifyReply, wanted: Lang) => {
    const lang = publicLangFor(request.site, wanted);
    if (wanted !== lang) return notFound(request, reply);
    const day = today();
    return servePage(
      deps,
      request,
      reply,
      async () => {
        const dated = await publicLists(db, request.site.id, day);
        // A site that no longer operates takes no comments: its open drafts are listed as closed.
        const lists = siteClosed(request) ? { ...dated, open: [], closed: [...dated.open, ...dated.closed] } : dated;
        const chrome = await buildChrome(deps, request, { lang, otherLangHref: paths.consultations(lang === 'vi' ? 'en' : 'vi') });
        const canonical = canonicalUrl(request, paths.consultations(lang));
        const t = publicConsultationText(lang);
        const head = <ItemMetadata title={t.title} description={t.lead} creator={chrome.agencyName} publisher={chrome.agencyName} date={day} language={lang} identifier={canonical} siteName={chrome.siteName} type="website" />;
        return (await (<ConsultationIndexPage chrome={chrome} canonical={canonical} lists={lists} typeLabel={typeName(request, lang)} today={day} head={head} />)) as string;
      },
      { variant: day },
    );
  };
  app.get('/lay-y-kien', { config: publicAccess }, async (request, reply) => list(request, reply, 'vi'));
  app.get('/en/consultations', { config: publicAccess }, async (request, reply) => list(request, reply, 'en'));

  // ---- A draft -------------------------------------------------------------------------------
  async function render(request: FastifyRequest, row: ConsultationRow, day: string, form: CommentFormState | null, outcome: DetailProps['outcome'] = null): Promise<string> {
    // A site that no longer operates takes no comments: an open draft reads as closed, with where to go instead.
    const closed = siteClosed(request);
    const dated = phaseOf(row, day);
    const phase = closed && dated === 'open' ? 'closed' : dated;
    const ids = attachmentIdsOf(row);
    const [media, comments] = await Promise.all([mediaByIds(db, request.site.id, ids), approvedComments(db, request.site.id, row.id)]);
    const files = ids.map((id) => media.find((m) => m.id === id)).filter((m) => m !== undefined);
    // The draft's text is Vietnamese: its page is too, at one address.
    const chrome = await buildChrome(deps, request, { lang: 'vi' });
    const canonical = canonicalUrl(request, paths.consultation(row.slug));
    const type = typeName(request, 'vi')(row.doc_type);
    const head = <ItemMetadata title={row.title} description={row.summary.slice(0, 300)} creator={row.drafting_agency} publisher={chrome.agencyName} date={row.opens_on} language="vi" identifier={canonical} siteName={chrome.siteName} subject={type || row.title} />;
    const open = phase === 'open';
    return (await (
      <ConsultationPage
        chrome={chrome}
        canonical={canonical}
        head={head}
        row={row}
        phase={phase}
        today={day}
        typeLabel={type}
        parts={partsOf(row)}
        files={files}
        comments={comments}
        form={open ? (form ?? { values: {}, errors: {}, stamp: newStamp(deps.keys.preview, deps.clock) }) : null}
        outcome={outcome}
        siteClosed={closed ? { to: await elsewhere(deps, request, 'vi', paths.consultations) } : null}
        rating={ratingView(request, { itemType: CONSULTATION_ITEM, itemId: row.id })}
        board={roleLabel(request.site, 'board', 'vi')}
      />
    )) as string;
  }

  /** The page of an open draft: fresh for each visit (its form carries a time stamp). */
  const sendFresh = (request: FastifyRequest, reply: FastifyReply, html: string, status = 200, viewOf: number | null = null) => {
    // Only a reading counts (a GET; countView refuses the rest): the answer to a comment is not a view.
    if (viewOf !== null) countView(deps, request, { itemType: CONSULTATION_ITEM, itemId: viewOf, sectionId: null });
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  };

  app.get('/lay-y-kien/:slug', { config: publicAccess }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!SLUG.test(slug)) return notFound(request, reply);
    const day = today();
    const row = await publicBySlug(db, request.site.id, slug, day);
    if (!row) return notFound(request, reply);
    if (phaseOf(row, day) === 'open' && !siteClosed(request)) return sendFresh(request, reply, await render(request, row, day, null), 200, row.id);
    return servePage(deps, request, reply, async (sink) => {
      const again = await publicBySlug(db, request.site.id, slug, day);
      if (again) sink.mark({ itemType: CONSULTATION_ITEM, itemId: again.id, sectionId: null });
      return again ? render(request, again, day, null) : null;
    }, { variant: day });
  });

  app.post('/lay-y-kien/:slug', { config: { ...publicAccess, csrf: 'origin', rateLimit: PUBLIC_FORM_RATE_LIMIT } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!SLUG.test(slug)) return notFound(request, reply);
    const day = today();
    const row = await publicBySlug(db, request.site.id, slug, day);
    if (!row) return notFound(request, reply);
    if (siteClosed(request)) return sendFresh(request, reply, await render(request, row, day, null), 410);
    if (phaseOf(row, day) !== 'open') return sendFresh(request, reply, await render(request, row, day, null, 'closed'), 409);
    const t = publicConsultationText('vi');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const screening = screenSubmission(deps.keys.preview, body, deps.clock);
    if (screening === 'robot') {
      // A robot: say nothing useful, store nothing.
      request.log.info({ form: 'consultation_comment' }, 'comment refused as automated');
      return sendFresh(request, reply, await render(request, row, day, null, 'sent'));
    }
    const form = new FormReader(body, 'vi');
    const name = form.text('name', { label: t.name, required: true, max: COMMENT_LIMITS.name });
    const email = form.email('email', { label: t.email, required: true });
    const organisation = form.text('organisation', { label: t.organisation, max: COMMENT_LIMITS.organisation });
    const parts = partsOf(row);
    const part = parts.length > 0 ? form.choice('part', parts, { label: t.part }) : null;
    const comment = form.text('comment', { label: t.comment, required: true, max: COMMENT_LIMITS.body });
    if (screening === 'too_fast') form.fail('comment', t.tooFast);
    const retry = async (status: number) =>
      sendFresh(request, reply, await render(request, row, day, { values: form.values, errors: form.errors, stamp: newStamp(deps.keys.preview, deps.clock) }), status);
    if (!form.ok || !name || !email || !comment) return retry(400);
    try {
      await submitComment(db, deps.mailer, row, { name, email, organisation, part, body: comment }, { clock: deps.clock, linkBase: request.siteOrigin, sentSince: stampedAt(body.stamp) });
    } catch (error) {
      if (error instanceof ConsultationClosedError) return sendFresh(request, reply, await render(request, row, day, null, 'closed'), 409);
      if (error instanceof SiteClosedError) return sendFresh(request, reply, await render(request, row, day, null), 410);
      if (!(error instanceof DomainError) || error.status === 404) throw error;
      for (const p of error.problems) form.fail(p.field ?? 'comment', p.vi);
      return retry(422);
    }
    return sendFresh(request, reply, await render(request, row, day, null, 'sent'));
  });
}
