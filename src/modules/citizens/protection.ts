// Protection of the citizens' public forms (questions, petitions, information
// requests, correction claims, comments on drafts) without any third-party
// captcha: the honeypot field and the signed time trap of the contact form,
// and a limit per e-mail address or phone number on top of the per-IP rate limit
// of each route.
import type { Clock } from '../../core/time.ts';
import { checkStamp, formStamp } from '../contact/contact.ts';

/** At most this many submissions from one e-mail address or phone number per window, per site. */
export const ADDRESS_LIMIT = { max: 5, windowMs: 24 * 3600 * 1000 } as const;
/** Per IP, per route (fastify rate-limit). */
export const PUBLIC_FORM_RATE_LIMIT = { max: 10, timeWindow: '1 hour' } as const;

export type Screening = 'ok' | 'robot' | 'too_fast';

/** The signed stamp a form carries (render time). */
export function newStamp(key: Buffer, clock: Clock): string {
  return formStamp(key, clock.now());
}

/**
 * What the hidden fields of a submitted form say: a filled honeypot or a forged
 * or stale stamp is a robot (refuse silently, store nothing); a form sent
 * faster than a person can fill it is asked to be sent again.
 */
export function screenSubmission(key: Buffer, body: Record<string, unknown>, clock: Clock): Screening {
  const stamp = typeof body.stamp === 'string' ? body.stamp : '';
  const trap = typeof body.website === 'string' ? body.website : '';
  if (trap !== '') return 'robot';
  const verdict = checkStamp(key, stamp, clock.now());
  if (verdict === 'invalid') return 'robot';
  return verdict === 'too_fast' ? 'too_fast' : 'ok';
}

/** When a valid stamp's form was opened (ISO, UTC): what is sent again since then is the same submission. */
export function stampedAt(stamp: unknown): string | undefined {
  const t = typeof stamp === 'string' ? Number(stamp.split('.')[0]) : NaN;
  return Number.isFinite(t) && t > 0 ? new Date(t).toISOString() : undefined;
}

/** The start of the window in which submissions from one address are counted (ISO, UTC). */
export function addressWindowStart(clock: Clock): string {
  return new Date(clock.now().getTime() - ADDRESS_LIMIT.windowMs).toISOString();
}
