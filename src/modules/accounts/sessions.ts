// Server-side sessions. The cookie holds a random token; the database holds
// only its SHA-256, so a copy of the database cannot be used to sign in.
// A session belongs to one site: the cookie of one site is refused on another.
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SessionRow, UserRow } from '../../platform/db/schema.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';

export const SESSION_COOKIE = 'tt_session';
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export type SessionStage = 'active' | 'mfa' | 'enroll_mfa' | 'change_password';

export async function createSession(
  db: Db,
  input: { userId: number; siteId: number; stage: SessionStage; ip: string | null; userAgent: string | null },
  clock: Clock = systemClock,
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const id = sha256Hex(token);
  const now = clock.now();
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: input.userId,
      site_id: input.siteId,
      stage: input.stage,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 400) ?? null,
      revoked_at: null,
    })
    .execute();
  return { token, id };
}

export interface LoadedSession {
  session: SessionRow;
  user: UserRow;
}

/** The live session for a cookie token on this site, or null (expired, idle, revoked, other site, disabled user). */
export async function loadSession(db: Db, token: string, siteId: number, clock: Clock = systemClock): Promise<LoadedSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(['u.status as user_status'])
    .where('s.id', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.site_id !== siteId || row.user_status !== 'active') return null;
  const now = clock.now().getTime();
  if (Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + SESSION_IDLE_MS <= now) return null;
  const user = await db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', row.id).execute();
  }
  const { user_status: _ignored, ...session } = row;
  return { session, user };
}

export async function setSessionStage(db: Db, sessionId: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Db, sessionId: string, clock: Clock = systemClock): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: isoNow(clock) }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Sign a user out everywhere (or everywhere but here); optionally only on one site. */
export async function revokeUserSessions(
  db: Db,
  userId: number,
  opts: { exceptId?: string; siteId?: number } = {},
  clock: Clock = systemClock,
): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: isoNow(clock) }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (opts.exceptId) q = q.where('id', '<>', opts.exceptId);
  if (opts.siteId !== undefined) q = q.where('site_id', '=', opts.siteId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A user's sessions that are still usable, newest first, with the site they belong to. */
export async function listLiveSessions(db: Db, userId: number, clock: Clock = systemClock) {
  const now = clock.now();
  const idleCutoff = new Date(now.getTime() - SESSION_IDLE_MS).toISOString();
  return db
    .selectFrom('sessions as s')
    .innerJoin('sites', 'sites.id', 's.site_id')
    .select(['s.id', 's.site_id', 'sites.name as site_name', 's.created_at', 's.last_seen_at', 's.ip', 's.user_agent', 's.stage'])
    .where('s.user_id', '=', userId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now.toISOString())
    .where('s.last_seen_at', '>', idleCutoff)
    .orderBy('s.last_seen_at', 'desc')
    .execute();
}

/** Housekeeping: forget sessions long dead (kept a month for incident review). */
export async function purgeOldSessions(db: Db, clock: Clock = systemClock): Promise<number> {
  const cutoff = new Date(clock.now().getTime() - 30 * 24 * 3600 * 1000).toISOString();
  const result = await db.deleteFrom('sessions').where('expires_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
