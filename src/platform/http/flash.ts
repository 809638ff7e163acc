// A one-time message carried across a redirect (POST → redirect → GET) in a
// short-lived signed cookie, so the result of an action is shown once.
import { cookieSecure } from './request-info.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Flash } from '../../ui/page-context.ts';

const FLASH_COOKIE = 'tt_flash';

export function setFlash(reply: FastifyReply, flash: Flash): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 120, secure: cookieSecure(reply.request) });
}

export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | null {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return null;
  try {
    const parsed = JSON.parse(unsigned.value) as Flash;
    return typeof parsed.text === 'string' && ['success', 'error', 'info'].includes(parsed.kind) ? parsed : null;
  } catch {
    return null;
  }
}

/** Redirect after a successful POST, with the message to show on arrival. */
export function redirectWithFlash(reply: FastifyReply, location: string, flash: Flash): FastifyReply {
  setFlash(reply, flash);
  return reply.redirect(location, 303);
}
