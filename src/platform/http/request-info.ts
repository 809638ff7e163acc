// Small readers of the request used across capabilities.
import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../../modules/audit/store.ts';

export function clientIp(request: FastifyRequest): string | null {
  return request.ip || null;
}

export function userAgent(request: FastifyRequest): string | null {
  const ua = request.headers['user-agent'];
  return typeof ua === 'string' ? ua.slice(0, 400) : null;
}

/** The audit actor of this request: the signed-in user, on whose behalf, from where. */
export function actorOf(request: FastifyRequest): AuditActor {
  const user = request.auth?.user;
  return {
    siteId: request.site.id,
    userId: user?.id ?? null,
    onBehalfOfUserId: request.onBehalfOfUserId,
    label: user ? `${user.name} <${user.email}>` : null,
    ip: clientIp(request),
    userAgent: userAgent(request),
  };
}

/**
 * A "next" address after sign-in or a reader setting: only a path inside this site, never another host.
 * Browsers drop tabs and line breaks from addresses and read a backslash as a slash, so "/\t/evil" and
 * "/\\evil" would become "//evil": any control character or backslash is refused, and what is left must
 * still resolve to this host.
 */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    if (new URL(value, 'http://this.site').host !== 'this.site') return fallback;
  } catch {
    return fallback;
  }
  return value;
}

export function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** A positive integer id from a URL segment; null when it is not one. */
export function idParam(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The origin of a configured host name of this installation (links between
 * its sites). Built from configuration, never from the request's own headers.
 */
export function originOf(request: FastifyRequest, host: string): string {
  return request.addresses.originOfHost(host);
}

/** Cookies are Secure whenever sites are configured on https (BASE_URL), whatever this hop's scheme. */
export function cookieSecure(request: FastifyRequest): true | 'auto' {
  return request.addresses?.https ? true : 'auto';
}
