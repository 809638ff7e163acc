// What a site that no longer operates (archived, or merged into another site)
// shows where a citizen would send something: its forms are closed, and the
// page says where to go instead — the same form on the site it merged into,
// or on its parent site (the provincial portal) — and that cases sent before
// can still be followed. A POST gets the same page with 410 and stores nothing.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { originOf } from '../../platform/http/request-info.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { siteReceives } from '../sites/site.ts';
import { PublicLayout } from './layout.tsx';
import { publicText } from './messages.ts';
import { buildChrome, paths } from './site-view.ts';

/** Where to send it instead: a page of the successor site, in this language when it has it. */
export interface ElsewhereLink {
  name: string;
  href: string;
}

/** Does this request's site still take what citizens send? */
export function siteClosed(request: FastifyRequest): boolean {
  return !siteReceives(request.site);
}

/** The same page (`path` in a language) on the site that now carries out this one's duties, or null when there is none. */
export async function elsewhere(deps: Pick<AppDeps, 'sites'>, request: FastifyRequest, lang: Lang, path: (lang: Lang) => string): Promise<ElsewhereLink | null> {
  const successor = await deps.sites.successorOf(request.site);
  if (!successor?.primaryHost) return null;
  const theirs: Lang = lang === 'en' && successor.languages.includes('en') ? 'en' : 'vi';
  return { name: theirs === 'en' && successor.nameEn ? successor.nameEn : successor.name, href: `${originOf(request, successor.primaryHost)}${path(theirs)}` };
}

/** The notice in place of a form: closed, where to go, and how to follow what was sent before. */
export function SiteClosedNotice({ lang, to }: { lang: Lang; to: ElsewhereLink | null }): JSX.Element {
  const t = publicText(lang);
  return (
    <div class="site-notice" role="note">
      <p>{t.closedForm}</p>
      {to ? (
        <p>
          <span safe>{format(t.closedGoTo, { name: to.name })}</span>{' '}
          <a href={to.href} safe>
            {to.href}
          </a>
        </p>
      ) : (
        <p>{t.closedNoSuccessor}</p>
      )}
      <p>
        <span>{t.closedTrack}</span> <a href={paths.track(lang)}>{t.closedTrackLink}</a>
      </p>
    </div>
  );
}

/**
 * Answers a form of a closed site: the form's title and the notice, 200 for a
 * GET and 410 for a POST (nothing was stored). `path` gives the form's address
 * in each language, for the link to the successor's own form.
 */
export async function sendSiteClosed(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, opts: { lang: Lang; title: string; path: (lang: Lang) => string }): Promise<FastifyReply> {
  const { lang, title, path } = opts;
  const hasEnglish = request.site.languages.includes('en');
  const chrome = await buildChrome(deps, request, { lang, otherLangHref: hasEnglish ? path(lang === 'vi' ? 'en' : 'vi') : null });
  const html = await (
    <PublicLayout chrome={chrome} title={title} noindex>
      <h1 safe>{title}</h1>
      <SiteClosedNotice lang={lang} to={await elsewhere(deps, request, lang, path)} />
    </PublicLayout>
  );
  return reply
    .code(request.method === 'POST' ? 410 : 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}
