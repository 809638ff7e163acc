// "Name | address" lines, one link per line: the site's links to other portals,
// its official channels and its provincial public-service portal are typed so.
import type { SiteLink } from './site.ts';

const WEB = /^https?:\/\/[^\s<>"]+$/;
/** A hotline (tel:+84 …) or a mailbox (mailto:…) is a channel too; links to other portals are web addresses. */
const CHANNEL = /^(https?:\/\/[^\s<>"]+|tel:\+?[0-9][0-9 .-]{2,19}|mailto:[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+)$/;

export interface ParsedLinks {
  links: SiteLink[];
  /** 1-based numbers of the lines that are not "Name | address". */
  badLines: number[];
}

export function parseLinkLines(text: string, kind: 'web' | 'channel' = 'web'): ParsedLinks {
  const pattern = kind === 'channel' ? CHANNEL : WEB;
  const result: ParsedLinks = { links: [], badLines: [] };
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const at = line.indexOf('|');
    const name = at < 0 ? '' : line.slice(0, at).trim();
    const url = at < 0 ? '' : line.slice(at + 1).trim();
    if (!name || !pattern.test(url)) result.badLines.push(i + 1);
    else result.links.push({ name, url });
  });
  return result;
}

export function linkLines(links: SiteLink[]): string {
  return links.map((l) => `${l.name} | ${l.url}`).join('\n');
}
