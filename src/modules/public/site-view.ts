// What every public page shows around its content, for one site and language:
// the chrome of PublicLayout, and the paths of the public site in each language.
import { publicNotices } from '../maintenance/notice.ts';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { SectionRow } from '../../platform/db/schema.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { originOf } from '../../platform/http/request-info.ts';
import type { Lang } from '../../ui/i18n.ts';
import { getMedia, type MediaItem } from '../media/media.ts';
import { fold } from '../../core/vietnamese/index.ts';
import { citizenText } from '../citizens/public-messages.ts';
import { listSections } from '../sections/manage-sections.ts';
import type { Site } from '../sites/site.ts';
import type { PublicChrome } from './layout.tsx';
import { publicText } from './messages.ts';
import { sectionsWithContent } from './queries.ts';
import { listedKinds } from '../entries/public/queries.ts';
import { newBadgeDays, newBadgeSinceDays } from './new-badge.tsx';
import { forumNav } from '../forum/nav.ts';
import { forumSettings } from '../forum/store.ts';
import { vietnamDate } from '../../core/time.ts';
import { contrastOf, readerChrome } from './reader-tools.tsx';

export const SIZE_COOKIE = 'tt_size';
/** Top-level sections in the menu; sites have up to two dozen, the rest are one click away on the sitemap page. */
const NAV_SECTIONS = 7;
export type TextSize = 'nho' | 'vua' | 'lon';

/** Public paths: Vietnamese without a prefix, English under /en. */
export const paths = {
  home: (lang: Lang) => (lang === 'en' ? '/en' : '/'),
  section: (lang: Lang, slug: string) => (lang === 'en' ? `/en/section/${slug}` : `/chuyen-muc/${slug}`),
  sectionRss: (slug: string) => `/chuyen-muc/${slug}/rss.xml`,
  tag: (lang: Lang, slug: string) => (lang === 'en' ? `/en/tag/${slug}` : `/the/${slug}`),
  search: (lang: Lang) => (lang === 'en' ? '/en/search' : '/tim-kiem'),
  contact: (lang: Lang) => (lang === 'en' ? '/en/contact' : '/lien-he'),
  sitemap: (lang: Lang) => (lang === 'en' ? '/en/sitemap' : '/so-do-trang'),
  rss: (lang: Lang) => (lang === 'en' ? '/en/rss.xml' : '/rss.xml'),
  article: (slug: string) => `/bai-viet/${slug}`,
  // The document library (văn bản) and the procedures (thủ tục hành chính): one page per item,
  // in the site's languages through the interface; item pages keep one address.
  documents: (lang: Lang) => (lang === 'en' ? '/en/documents' : '/van-ban'),
  document: (slug: string) => `/van-ban/${slug}`,
  documentsRss: () => '/van-ban/rss.xml',
  procedures: (lang: Lang) => (lang === 'en' ? '/en/procedures' : '/thu-tuc-hanh-chinh'),
  procedure: (slug: string) => `/thu-tuc-hanh-chinh/${slug}`,
  // Citizens' voice: questions and answers, petitions, access to information, tracking, drafts for comment.
  questions: (lang: Lang) => (lang === 'en' ? '/en/questions' : '/hoi-dap'),
  askQuestion: (lang: Lang) => (lang === 'en' ? '/en/questions/ask' : '/hoi-dap/gui-cau-hoi'),
  question: (id: number) => `/hoi-dap/${id}`,
  petitions: (lang: Lang) => (lang === 'en' ? '/en/petitions' : '/phan-anh-kien-nghi'),
  sendPetition: (lang: Lang) => (lang === 'en' ? '/en/petitions/send' : '/phan-anh-kien-nghi/gui'),
  petition: (id: number) => `/phan-anh-kien-nghi/${id}`,
  accessToInformation: (lang: Lang) => (lang === 'en' ? '/en/access-to-information' : '/tiep-can-thong-tin'),
  infoRequest: (lang: Lang) => (lang === 'en' ? '/en/access-to-information/request' : '/tiep-can-thong-tin/yeu-cau'),
  correctionClaim: (lang: Lang) => (lang === 'en' ? '/en/access-to-information/correction' : '/tiep-can-thong-tin/de-nghi-dinh-chinh'),
  track: (lang: Lang) => (lang === 'en' ? '/en/track' : '/tra-cuu-y-kien'),
  /** A file sent with an answer, for whoever holds the tracking code. */
  trackFile: (fileId: number, code: string) => `/tra-cuu-y-kien/tep/${fileId}?ma=${encodeURIComponent(code)}`,
  consultations: (lang: Lang) => (lang === 'en' ? '/en/consultations' : '/lay-y-kien'),
  consultation: (slug: string) => `/lay-y-kien/${slug}`,
};

export function textSizeOf(request: FastifyRequest): TextSize {
  const value = request.cookies[SIZE_COOKIE];
  return value === 'nho' || value === 'lon' ? value : 'vua';
}

/** The browser asks for lighter pages (Save-Data: on, a data-saver setting): no web font then. */
export function savesData(request: FastifyRequest): boolean {
  const value = request.headers['save-data'];
  return typeof value === 'string' && value.trim().toLowerCase() === 'on';
}

/**
 * What, beside the address, makes two renderings of a public page differ: the text size,
 * the contrast and Save-Data. The render cache keys on it; responses say `Vary: Cookie, Save-Data`.
 */
export function pageVariant(request: FastifyRequest): string {
  // The contrast chosen (reader-tools.tsx) is a class on <html>: part of the rendering too.
  const look = `${textSizeOf(request)}|${contrastOf(request)}`;
  return savesData(request) ? `${look}|save-data` : look;
}

/** A site with English has English pages; otherwise everything is in Vietnamese. */
export function publicLangFor(site: Site, wanted: Lang): Lang {
  return wanted === 'en' && site.languages.includes('en') ? 'en' : 'vi';
}

export function sectionName(section: Pick<SectionRow, 'name' | 'name_en'>, lang: Lang): string {
  return lang === 'en' && section.name_en ? section.name_en : section.name;
}

export function themeCssUrl(site: Site): string | null {
  const color = site.settings.branding.primaryColor;
  return color ? `/giao-dien.css?v=${createHash('sha1').update(color).digest('hex').slice(0, 8)}` : null;
}

export interface ChromeOptions {
  lang: Lang;
  /** The same page in the other language, when the site has one. */
  otherLangHref?: string | null;
  /** Which top-level section is being read. */
  currentSectionId?: number | null;
  query?: string;
  withCounter?: boolean;
}

/**
 * What the chrome of every page of a site reads from the database and what changes only with
 * the site's public content (ADR 0032): read once, then shared by the pages rendered until the
 * site's version in the render cache moves on (every public change, on this node or another),
 * the register of sites is re-read (a new Site object), the day changes (the "new" badge's dated
 * rule) or a minute has passed (the safety net for what moves no version).
 */
interface SiteFacts {
  sections: SectionRow[];
  kinds: Awaited<ReturnType<typeof listedKinds>>;
  withContent: SectionRow[];
  logo: MediaItem | null;
  banner: MediaItem | null;
  mergedInto: Site | null;
  successor: Site | null;
  formerSites: Site[];
  forumOn: boolean;
  badgeDays: number;
}

const FACTS_TTL_MS = 60_000;
const siteFactsCache = new WeakMap<Site, { token: string; at: number; facts: Promise<SiteFacts> }>();

/** The site's sections, menus and settings-derived facts, as of its current public content version. */
export function siteFacts(deps: AppDeps, site: Site): Promise<SiteFacts> {
  const now = deps.clock.now();
  // The render cache's key for the site carries its version: it moves with every public change.
  const token = `${deps.pageCache.key(site.id, '', '')}|${vietnamDate(now)}`;
  const known = siteFactsCache.get(site);
  if (known && known.token === token && now.getTime() - known.at < FACTS_TTL_MS) return known.facts;
  const facts = readSiteFacts(deps, site, now);
  siteFactsCache.set(site, { token, at: now.getTime(), facts });
  facts.catch(() => siteFactsCache.delete(site));
  return facts;
}

function frozen<T extends object>(rows: T[]): T[] {
  for (const row of rows) Object.freeze(row);
  return Object.freeze(rows) as T[];
}

async function readSiteFacts(deps: AppDeps, site: Site, now: Date): Promise<SiteFacts> {
  const db = deps.database.db;
  // Frozen: shared by every page of the version, a caller's sort or edit must fail loudly rather than leak.
  const sections = frozen(await listSections(db, site.id));
  const branding = site.settings.branding;
  const successor = site.status === 'archived' ? await deps.sites.successorOf(site) : null;
  const formerSites: Site[] = [];
  if (site.status === 'active') {
    for (const other of await deps.sites.all()) {
      if (other.status !== 'active' && other.id !== site.id && other.primaryHost && (await deps.sites.successorOf(other))?.id === site.id) formerSites.push(other);
    }
  }
  return {
    sections,
    kinds: await listedKinds(db, site),
    withContent: frozen(await sectionsWithContent(db, site.id, sections)),
    logo: branding.logoMediaId ? await getMedia(db, site.id, branding.logoMediaId) : null,
    banner: branding.bannerMediaId ? await getMedia(db, site.id, branding.bannerMediaId) : null,
    mergedInto: site.mergedIntoSiteId ? await deps.sites.byIdOrNull(site.mergedIntoSiteId) : null,
    successor,
    formerSites,
    forumOn: (await forumSettings(db, site.id)).enabled,
    badgeDays: await newBadgeDays(db, site.id, now),
  };
}

interface Menu {
  kinds: SiteFacts['kinds'];
  sections: SectionRow[];
}

/** The menu of a version's facts in one language, worked out once (it folds every label). */
const menus = new WeakMap<SiteFacts, Partial<Record<Lang, Menu>>>();

function menuOf(facts: SiteFacts, lang: Lang): Menu {
  const known = menus.get(facts) ?? {};
  const cached = known[lang];
  if (cached) return cached;
  const t = publicText(lang);
  // The menu: sections a reader finds something in, without an entry the fixed ones already give.
  const fixed = new Set([t.home, t.documents, t.procedures, citizenText(lang).navQuestions].map(fold));
  // Declared sections with published entries (announcements, projects…) have their own list: a section of the same name gives way.
  const kinds = facts.kinds.filter((k) => !fixed.has(fold(k.plural[lang])));
  for (const k of kinds) fixed.add(fold(k.plural[lang]));
  const sections = facts.withContent.filter((s) => {
    if (s.parent_id !== null) return false;
    const label = fold(sectionName(s, lang));
    if (fixed.has(label)) return false;
    fixed.add(label);
    return true;
  });
  const menu = { kinds, sections };
  menus.set(facts, { ...known, [lang]: menu });
  return menu;
}

export async function buildChrome(deps: AppDeps, request: FastifyRequest, opts: ChromeOptions): Promise<PublicChrome> {
  const site = request.site;
  const lang = opts.lang;
  const t = publicText(lang);
  const db = deps.database.db;
  const facts = await siteFacts(deps, site);
  const { kinds, sections } = menuOf(facts, lang);
  const { logo, banner, mergedInto } = facts;
  const size = textSizeOf(request);
  const here = request.url;
  const hasEnglish = site.languages.includes('en');
  const licence = site.settings.licence;
  return {
    lang,
    siteName: lang === 'en' && site.nameEn ? site.nameEn : site.name,
    agencyName: lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName,
    homeHref: paths.home(lang),
    homeCurrent: here.split('?')[0] === paths.home(lang),
    logo: logo ? { url: logo.url, alt: logo.alt ?? (lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName) } : null,
    bannerUrl: banner?.url ?? null,
    themeCssUrl: themeCssUrl(site),
    nav: sections
      .filter((s, i) => i < NAV_SECTIONS || s.id === opts.currentSectionId)
      .map((s) => ({ href: paths.section(lang, s.slug), label: sectionName(s, lang), current: s.id === opts.currentSectionId }))
      .concat(kinds.map((k) => ({ href: lang === 'en' ? `/en${k.href}` : k.href, label: k.plural[lang], current: [k.href, `/en${k.href}`].includes(here.split('?')[0]!) || here.startsWith(`${k.href}/`) })))
      .concat(facts.forumOn ? forumNav(lang, here) : []),
    moreSections: sections.length > NAV_SECTIONS,
    otherLang: hasEnglish ? { href: opts.otherLangHref ?? paths.home(lang === 'vi' ? 'en' : 'vi') } : null,
    searchAction: paths.search(lang),
    query: opts.query ?? '',
    sizeLinks: (['nho', 'vua', 'lon'] as const).map((s) => ({
      size: s,
      href: `/co-chu/${s}?next=${encodeURIComponent(here)}`,
      label: s === 'nho' ? t.sizeSmall : s === 'lon' ? t.sizeLarge : t.sizeNormal,
      current: s === size,
    })),
    size,
    status: site.status,
    statusNotice: site.statusNotice,
    mergedInto: mergedInto ? { name: mergedInto.name, url: mergedInto.primaryHost ? `${originOf(request, mergedInto.primaryHost)}/` : null } : null,
    ...lifecycleLinks(request, lang, facts),
    contact: site.contact,
    licence: licence?.number && licence.issuer ? { number: licence.number, issuer: licence.issuer, issuedOn: licence.issuedOn } : null,
    channels: site.settings.channels ?? [],
    links: site.settings.links,
    saveData: savesData(request),
    counter: opts.withCounter ? await deps.visitors.counts(db, site.id) : null,
    contactHref: paths.contact(lang),
    sitemapHref: paths.sitemap(lang),
    maintenance: await publicNotices(deps, site.id, lang),
    rssHref: paths.rss(lang),
    newSince: newBadgeSinceDays(facts.badgeDays, deps.clock.now()),
    reader: readerChrome(request, lang),
  };
}

/**
 * Site lifecycle (ADR 29): an archived site links the site that carries out its
 * duties now; a site lists the sites that stopped operating and whose duties
 * it took over (the former districts under a province or commune portal).
 */
function lifecycleLinks(request: FastifyRequest, lang: Lang, facts: Pick<SiteFacts, 'successor' | 'formerSites'>): Pick<PublicChrome, 'successor' | 'noSuccessor' | 'formerSites'> {
  const site = request.site;
  const nameOf = (s: Site) => (lang === 'en' && s.nameEn ? s.nameEn : s.name);
  const urlOf = (s: Site) => (s.primaryHost ? `${originOf(request, s.primaryHost)}/` : null);
  const successor = facts.successor;
  const formerSites = facts.formerSites.map((other) => ({ name: nameOf(other), url: urlOf(other)!, district: other.level === 'district' }));
  formerSites.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { successor: successor ? { name: agencyOf(successor, lang), url: urlOf(successor) } : null, noSuccessor: site.status === 'archived' && site.settings.noSuccessor === true, formerSites };
}

/**
 * The agency that carries out a site's duties, named as an agency (a website
 * carries out nothing): its stored agency name, else its site name without the
 * "Trang/Cổng thông tin điện tử" of a website.
 */
export function agencyOf(site: Pick<Site, 'name' | 'nameEn' | 'agencyName' | 'agencyNameEn'>, lang: Lang): string {
  const stored = (lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName).trim();
  const name = stored || (lang === 'en' && site.nameEn ? site.nameEn : site.name);
  const stripped = name.replace(/^(trang|cổng)\s+thông\s+tin\s+điện\s+tử\s+/iu, '').trim();
  return stripped ? stripped.charAt(0).toLocaleUpperCase('vi') + stripped.slice(1) : name;
}

/** The canonical address of a page: the site's primary host, the path without volatile query. */
export function canonicalUrl(request: FastifyRequest, path: string): string {
  return `${request.siteOrigin}${path}`;
}
