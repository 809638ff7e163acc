// The public views of the organisation (issue 14 §1–3): the organisation chart
// at /co-cau-to-chuc and the directory at /danh-ba (the `official` kind's own
// address: the generic list of declared sections leaves it to this page), and
// their English pages where the site has English. Anonymous pages, through the
// render cache like every public page.
import { orgPaths } from './paths.ts';
import { registerEntryView } from '../public/views.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fold, normalizeInput } from '../../../core/vietnamese/index.ts';
import { vietnamDate } from '../../../core/time.ts';
import type { AppDeps } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/errors.tsx';
import type { Lang } from '../../../ui/i18n.ts';
import { ItemMetadata } from '../../public/metadata.tsx';
import { servePage } from '../../public/serve-page.ts';
import { buildChrome, canonicalUrl, paths, publicLangFor } from '../../public/site-view.ts';
import { flattenTree } from '../../units/unit.ts';
import { orgText } from './messages.ts';
import { DirectoryPage, OrgChartPage, unitName, type ChartView, type DirectoryGroup } from './pages.tsx';
import { isLeadership, loadOrganisation, matchesQuery, type Organisation, type PublicPerson } from './queries.ts';

export { orgPaths };

const publicAccess = { access: { kind: 'public' as const } };
const MAX_QUERY = 100;

/** The chart's people: the leadership apart, every other leader under their unit. */
export function chartView(org: Organisation): ChartView {
  const leaders = org.people.filter((p) => p.kind === 'leader');
  const leadership = leaders.filter((p) => isLeadership(p, org));
  const leadersOf = new Map<number, PublicPerson[]>();
  for (const p of leaders) if (!leadership.includes(p) && p.unitId !== null) leadersOf.set(p.unitId, [...(leadersOf.get(p.unitId) ?? []), p]);
  return { tree: org.tree, heads: org.heads, leadership, leadersOf };
}

/**
 * The directory's groups in tree order: the leadership, then every active unit with its leaders
 * and officials. With a query, a unit whose own details match keeps all its people; otherwise
 * only the people who match, and a unit with none is left out.
 */
export function directoryGroups(org: Organisation, folded: string, lang: Lang): { groups: DirectoryGroup[]; matches: number } {
  const leadership = org.people.filter((p) => isLeadership(p, org));
  const byUnit = new Map<number, PublicPerson[]>();
  for (const p of org.people) if (!leadership.includes(p) && p.unitId !== null && org.units.has(p.unitId)) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  // People with no unit, or one no longer shown (archived), stay reachable in the first group.
  const loose = org.people.filter((p) => !leadership.includes(p) && (p.unitId === null || !org.units.has(p.unitId)));
  const personMatches = (p: PublicPerson) => matchesQuery(folded, [p.name, p.position, p.phone, p.email]);
  const groups: DirectoryGroup[] = [];
  let matches = 0;
  const top = [...leadership, ...loose];
  const topShown = folded ? top.filter(personMatches) : top;
  if (topShown.length > 0) groups.push({ unit: null, head: undefined, people: topShown });
  matches += topShown.length;
  for (const node of flattenTree(org.tree)) {
    const u = node.unit;
    const people = byUnit.get(u.id) ?? [];
    const head = org.heads.get(u.id);
    if (!folded) {
      groups.push({ unit: u, head, people });
      continue;
    }
    const unitMatches = matchesQuery(folded, [u.name, unitName(u, lang), head, u.head_title, u.phone, u.email]);
    const shown = unitMatches ? people : people.filter(personMatches);
    if (!unitMatches && shown.length === 0) continue;
    groups.push({ unit: u, head, people: shown });
    matches += unitMatches ? 1 + shown.length : shown.length;
  }
  return { groups, matches };
}

export function registerOrganisation(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  // The generic lists of leaders and of the introduction lead to the chart; the officials' list is the directory itself.
  const chartLink = { label: { vi: 'Cơ cấu tổ chức', en: 'Organisation chart' }, href: '/co-cau-to-chuc' };
  registerEntryView('leader', chartLink);
  registerEntryView('introduction', chartLink);
  registerEntryView('leader', { label: { vi: 'Danh bạ', en: 'Directory' }, href: '/danh-ba' });
  const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

  const chart = (wanted: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = publicLangFor(request.site, wanted);
    if (lang !== wanted) return notFound(request, reply);
    return servePage(deps, request, reply, async () => {
      const org = await loadOrganisation(db, request.site.id);
      const c = await buildChrome(deps, request, { lang, otherLangHref: orgPaths.chart(other(lang)) });
      const t = orgText(lang);
      const canonical = canonicalUrl(request, orgPaths.chart(lang));
      const head = ItemMetadata({ title: t.chartTitle, description: t.chartLead, creator: c.agencyName, publisher: c.agencyName, date: vietnamDate(deps.clock.now()), language: lang, identifier: canonical, type: 'website', siteName: c.siteName });
      return (await (<OrgChartPage chrome={c} canonical={canonical} view={chartView(org)} directoryHref={orgPaths.directory(lang)} head={head} />)) as string;
    });
  };

  const directory = (wanted: Lang) => async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = publicLangFor(request.site, wanted);
    if (lang !== wanted) return notFound(request, reply);
    const raw = (request.query as { q?: unknown }).q;
    const query = typeof raw === 'string' ? [...normalizeInput(raw).replace(/\s+/g, ' ')].slice(0, MAX_QUERY).join('') : '';
    const folded = fold(query).replace(/[^a-z0-9@.]+/g, ' ').trim();
    return servePage(deps, request, reply, async () => {
      const org = await loadOrganisation(db, request.site.id);
      const { groups, matches } = directoryGroups(org, folded, lang);
      const c = await buildChrome(deps, request, { lang, otherLangHref: orgPaths.directory(other(lang)) });
      return (await (
        <DirectoryPage
          chrome={c}
          canonical={canonicalUrl(request, orgPaths.directory(lang))}
          action={orgPaths.directory(lang)}
          query={folded ? query : ''}
          matches={matches}
          receivers={org.people.filter((p) => p.receivesRequests)}
          requestHref={paths.infoRequest(lang)}
          groups={groups}
          chartHref={orgPaths.chart(lang)}
        />
      )) as string;
    });
  };

  app.get(orgPaths.chart('vi'), { config: publicAccess }, chart('vi'));
  app.get(orgPaths.chart('en'), { config: publicAccess }, chart('en'));
  app.get(orgPaths.directory('vi'), { config: publicAccess }, directory('vi'));
  app.get(orgPaths.directory('en'), { config: publicAccess }, directory('en'));
}
