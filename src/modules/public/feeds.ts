// RSS 2.0 and sitemaps (sitemaps.org), written as well-formed XML.

export function xmlEscape(text: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface FeedItem {
  title: string;
  link: string;
  description: string;
  publishedAt: string;
  guid: string;
}

export function rss(channel: { title: string; link: string; description: string; language: string; selfUrl: string }, items: FeedItem[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xmlEscape(channel.title)}</title>`,
    `<link>${xmlEscape(channel.link)}</link>`,
    `<description>${xmlEscape(channel.description)}</description>`,
    `<language>${xmlEscape(channel.language)}</language>`,
    `<atom:link href="${xmlEscape(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(items[0] ? [`<lastBuildDate>${new Date(items[0].publishedAt).toUTCString()}</lastBuildDate>`] : []),
  ];
  for (const item of items) {
    out.push(
      '<item>',
      `<title>${xmlEscape(item.title)}</title>`,
      `<link>${xmlEscape(item.link)}</link>`,
      `<description>${xmlEscape(item.description)}</description>`,
      `<pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>`,
      `<guid isPermaLink="false">${xmlEscape(item.guid)}</guid>`,
      '</item>',
    );
  }
  out.push('</channel>', '</rss>');
  return out.join('\n');
}

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

/** sitemaps.org allows 50,000 URLs per file; more than that needs an index. */
export const SITEMAP_LIMIT = 50_000;

export function sitemap(urls: SitemapUrl[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const u of urls) lines.push(`<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlEscape(u.lastmod.slice(0, 10))}</lastmod>` : ''}</url>`);
  lines.push('</urlset>');
  return lines.join('\n');
}

export function sitemapIndex(locs: string[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const loc of locs) lines.push(`<sitemap><loc>${xmlEscape(loc)}</loc></sitemap>`);
  lines.push('</sitemapindex>');
  return lines.join('\n');
}
