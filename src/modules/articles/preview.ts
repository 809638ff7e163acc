// Signed, expiring preview links: a leader or an expert without an account
// reads a draft to check facts. The link names the article, the site and the
// expiry, and carries an HMAC; nothing is stored.
import { hmacHex, safeEqual } from '../../platform/crypto.ts';

export const PREVIEW_HOURS = [24, 72, 168] as const;

interface PreviewClaims {
  siteId: number;
  articleId: number;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export function makePreviewToken(key: Buffer, claims: PreviewClaims): string {
  const body = Buffer.from(JSON.stringify([claims.siteId, claims.articleId, claims.exp])).toString('base64url');
  return `${body}.${hmacHex(key, body)}`;
}

/** The claims of a valid, unexpired token for this site; null otherwise. */
export function readPreviewToken(key: Buffer, token: string, siteId: number, now: Date): PreviewClaims | null {
  const [body, mac] = token.split('.');
  if (!body || !mac || !/^[A-Za-z0-9_-]{4,200}$/.test(body) || !safeEqual(mac, hmacHex(key, body))) return null;
  try {
    const [site, article, exp] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [number, number, number];
    if (site !== siteId || exp * 1000 <= now.getTime()) return null;
    return { siteId: site, articleId: article, exp };
  } catch {
    return null;
  }
}
