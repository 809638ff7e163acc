// Notifications in the back office, and by e-mail: written after the change
// they announce has committed, so a failure to notify never undoes the work.
import { isRole, ROLE_PERMISSIONS, type Permission, type Role } from '../../core/permissions.ts';
import { isoNow, systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';

export type Recipient = { kind: 'user'; userId: number } | { kind: 'role'; role: Role } | { kind: 'unit_head'; unitId: number } | { kind: 'permission'; permission: Permission };

export interface NotificationInput {
  siteId: number;
  kind: string;
  itemType: string | null;
  itemId: number | null;
  title: string;
  body: string;
  /** Site-relative link to what the notification is about. */
  link: string | null;
  /**
   * Where the recipient makes the decision asked of them (the review page's
   * action area): the notification opens there, and the e-mail gives it
   * first, then the item itself.
   */
  action?: { label: string; link: string; itemLabel: string } | null;
}

/** Active members of the site holding a role, directly or by a delegation in force today. */
async function holdersOfRoles(db: Db, siteId: number, roles: Role[], today: string): Promise<number[]> {
  if (roles.length === 0) return [];
  const direct = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .where('r.site_id', '=', siteId)
    .where('r.role', 'in', roles)
    .where('m.status', '=', 'active')
    .where('u.status', '=', 'active')
    .execute();
  const ids = new Set(direct.map((r) => r.user_id));
  // Delegates stand in for the holders while a delegation is in force.
  const delegations = await db
    .selectFrom('delegations')
    .select(['to_user_id', 'from_user_id', 'roles', 'all_roles'])
    .where('site_id', '=', siteId)
    .where('revoked_at', 'is', null)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .execute();
  for (const d of delegations) {
    if (!ids.has(d.from_user_id)) continue;
    const delegated = d.all_roles === 1 ? roles : (JSON.parse(d.roles) as string[]).filter(isRole).filter((r) => roles.includes(r));
    if (delegated.length > 0) ids.add(d.to_user_id);
  }
  return [...ids];
}

async function unitHeads(db: Db, siteId: number, unitId: number, today: string): Promise<number[]> {
  const heads = await db
    .selectFrom('membership_roles as r')
    .innerJoin('memberships as m', (j) => j.onRef('m.site_id', '=', 'r.site_id').onRef('m.user_id', '=', 'r.user_id'))
    .select('r.user_id')
    .where('r.site_id', '=', siteId)
    .where('r.role', '=', 'unit_head')
    .where('m.unit_id', '=', unitId)
    .where('m.status', '=', 'active')
    .execute();
  const ids = new Set(heads.map((h) => h.user_id));
  for (const head of [...ids]) {
    // A delegate of the head (e.g. the deputy head of the unit) is told too.
    for (const d of await db.selectFrom('delegations').select(['to_user_id', 'from_user_id']).where('site_id', '=', siteId).where('from_user_id', '=', head).where('revoked_at', 'is', null).where('starts_on', '<=', today).where('ends_on', '>=', today).execute()) {
      ids.add(d.to_user_id);
    }
  }
  return [...ids];
}

export async function resolveRecipients(db: Db, siteId: number, recipients: Recipient[], clock: Clock = systemClock): Promise<number[]> {
  const today = vietnamDate(clock.now());
  const ids = new Set<number>();
  for (const r of recipients) {
    if (r.kind === 'user') ids.add(r.userId);
    else if (r.kind === 'role') for (const id of await holdersOfRoles(db, siteId, [r.role], today)) ids.add(id);
    else if (r.kind === 'unit_head') for (const id of await unitHeads(db, siteId, r.unitId, today)) ids.add(id);
    else {
      const roles = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) => ROLE_PERMISSIONS[role].includes(r.permission));
      for (const id of await holdersOfRoles(db, siteId, roles, today)) ids.add(id);
    }
  }
  return [...ids];
}

/**
 * Stores a notification for each person (never the one who acted), then
 * e-mails it. Mail problems are returned for logging, not thrown.
 */
export async function notify(
  db: Db,
  mailer: Mailer,
  input: NotificationInput,
  userIds: number[],
  opts: { exceptUserId?: number | null; linkBase?: string | null; clock?: Clock } = {},
): Promise<{ notified: number; mailErrors: string[] }> {
  const clock = opts.clock ?? systemClock;
  const targets = [...new Set(userIds)].filter((id) => id !== opts.exceptUserId);
  if (targets.length === 0) return { notified: 0, mailErrors: [] };
  const now = isoNow(clock);
  await db
    .insertInto('notifications')
    .values(targets.map((user_id) => ({ site_id: input.siteId, user_id, kind: input.kind, item_type: input.itemType, item_id: input.itemId, title: input.title, body: input.body, link: input.action?.link ?? input.link, created_at: now, read_at: null })))
    .execute();
  const users = await db.selectFrom('users').select(['email', 'name']).where('id', 'in', targets).where('status', '=', 'active').execute();
  const mailErrors: string[] = [];
  const links = opts.linkBase ? mailLinks(input, opts.linkBase) : '';
  for (const user of users) {
    await mailer.send({ to: user.email, subject: input.title, text: `${user.name},\n\n${input.body}${links}\n` }).catch((err: Error) => mailErrors.push(err.message));
  }
  return { notified: targets.length, mailErrors };
}

/** The links at the end of a mail: the decision to make, then the item ("Tin bài: …"). */
function mailLinks(input: NotificationInput, base: string): string {
  const lines = [input.action ? `${input.action.label}: ${base}${input.action.link}` : null, input.link ? (input.action ? `${input.action.itemLabel}: ${base}${input.link}` : `${base}${input.link}`) : null];
  const present = lines.filter((l): l is string => l !== null);
  return present.length ? `\n\n${present.join('\n')}` : '';
}

export async function listNotifications(db: Db, siteId: number, userId: number, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .$if(Boolean(opts.unreadOnly), (q) => q.where('read_at', 'is', null))
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
}

export async function countUnread(db: Db, siteId: number, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('site_id', '=', siteId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Db, siteId: number, userId: number, ids: number[] | 'all', clock: Clock = systemClock): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: isoNow(clock) }).where('site_id', '=', siteId).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return;
    q = q.where('id', 'in', ids);
  }
  await q.execute();
}

