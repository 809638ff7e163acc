// Which public requests count as usage: a GET (a HEAD is a check, not a
// reading), not from a robot (its user agent names itself bot, crawler or
// spider), and not from a back-office browser (one that holds a session: the
// board reading its own pages, previews and checks after publication).
// Nothing of the request is kept; these are only read to decide.
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../accounts/sessions.ts';

const ROBOT = /bot|crawler|spider/i;

export function isRobot(userAgent: string | undefined): boolean {
  return userAgent !== undefined && ROBOT.test(userAgent);
}

export function countableRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const ua = request.headers['user-agent'];
  if (isRobot(typeof ua === 'string' ? ua : undefined)) return false;
  return !request.cookies?.[SESSION_COOKIE];
}
