// URL policy for stored rich text: which link targets and image sources are
// kept, and how a link's host is read for screening.

export type UrlVerdict =
  | { ok: true; url: string; external: boolean }
  | { ok: false; reason: string };

// Browsers ignore ASCII tab/newline inside URLs and leading C0 controls and
// spaces, so "java\nscript:" still runs; strip them the same way first.
const IGNORED_BY_BROWSERS = /[\u0000-\u001F\u007F]/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const LINK_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);
// "/\host" and "//host" are protocol-relative in browsers: external, and a
// classic way to sneak an open redirect past "starts with /".
const SITE_PATH = /^\/(?![/\\])/;
const MEDIA_PATH = /^\/media\/(?![/\\])/;
const PLACEHOLDER = /^docx-image:\d+$/;

function clean(raw: string): string {
  return raw.replace(IGNORED_BY_BROWSERS, '').trim();
}

function schemeOf(url: string): string | null {
  return SCHEME.exec(url)?.[1]?.toLowerCase() ?? null;
}

/** An `<a href>`: http(s), mailto, tel, or a site-relative path. */
export function checkHref(raw: string): UrlVerdict {
  // "www.example.vn" typed as a link target means the web address.
  const url = clean(raw).replace(/^www\./i, 'https://www.');
  if (url === '') return { ok: false, reason: 'link (empty)' };
  const scheme = schemeOf(url);
  if (scheme === null) {
    if (SITE_PATH.test(url)) return { ok: true, url, external: false };
    // Ids are not kept, so a "#section" link would lead nowhere.
    return { ok: false, reason: url.startsWith('#') ? 'link (anchor)' : 'link (relative)' };
  }
  if (!LINK_SCHEMES.has(scheme)) return { ok: false, reason: `link (${scheme}:)` };
  if (scheme === 'http' || scheme === 'https') {
    if (!isParsableUrl(url)) return { ok: false, reason: 'link (invalid)' };
    return { ok: true, url, external: true };
  }
  return { ok: true, url, external: false };
}

/** An `<img src>`: a stored upload under /media/ or an https URL. */
export function checkImageSrc(raw: string, allowPlaceholders = false): UrlVerdict {
  const url = clean(raw);
  if (allowPlaceholders && PLACEHOLDER.test(url)) return { ok: true, url, external: false };
  if (MEDIA_PATH.test(url) && !hasDotSegment(url)) return { ok: true, url, external: false };
  const scheme = schemeOf(url);
  if (scheme === 'https' && isParsableUrl(url)) return { ok: true, url, external: true };
  return { ok: false, reason: `image (${scheme === null ? 'relative' : `${scheme}:`})` };
}

function hasDotSegment(path: string): boolean {
  return path.split(/[?#]/, 1)[0]!.split(/[/\\]/).some((seg) => seg === '..' || seg === '.' || /^%2e/i.test(seg));
}

function isParsableUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Host (lower case, punycode, no trailing dot) and path+query of an absolute http(s) URL. */
export function hostAndPath(url: string): { host: string; path: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(clean(url));
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  return { host: parsed.hostname.replace(/\.$/, ''), path: parsed.pathname + parsed.search };
}
