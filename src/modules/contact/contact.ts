// The contact form (liên hệ): stored, routed to the board's secretariat and the
// editor-in-chief (back-office notification and e-mail), protected from spam
// without third-party services: a hidden field people leave empty, a time trap
// (a signed render time: faster than a person can type is refused), and a rate
// limit per address on the route.
import { hmacHex, safeEqual } from '../../platform/crypto.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { demandSiteReceives } from '../sites/store.ts';

/** Faster than this after the form was shown, a submission is a robot's. */
export const MIN_FILL_MS = 3000;
/** A form older than this is stale (the stamp cannot be replayed for ever). */
export const MAX_FORM_AGE_MS = 24 * 3600 * 1000;

export function formStamp(key: Buffer, now: Date): string {
  const t = String(now.getTime());
  return `${t}.${hmacHex(key, `contact:${t}`).slice(0, 32)}`;
}

/** 'ok', or why the submission is refused as automated. */
export function checkStamp(key: Buffer, stamp: string, now: Date): 'ok' | 'too_fast' | 'invalid' {
  const [t, mac] = stamp.split('.');
  if (!t || !mac || !/^\d{10,16}$/.test(t) || !safeEqual(mac, hmacHex(key, `contact:${t}`).slice(0, 32))) return 'invalid';
  const age = now.getTime() - Number(t);
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_FORM_AGE_MS) return 'invalid';
  return 'ok';
}

export interface ContactInput {
  name: string;
  email: string | null;
  phone: string | null;
  subject: string;
  message: string;
}

/** Stores a message and tells the board; `linkBase` (the site's origin) puts a link to the inbox in the e-mail. Refused once the site no longer operates. */
export async function receiveContact(db: Db, mailer: Mailer, siteId: number, input: ContactInput, opts: { linkBase?: string | null; clock?: Clock } = {}): Promise<number> {
  const clock = opts.clock ?? systemClock;
  const row = await db.transaction().execute(async (trx) => {
    await demandSiteReceives(trx, siteId);
    return trx
      .insertInto('contact_messages')
      .values({ site_id: siteId, name: normalizeInput(input.name), email: input.email, phone: input.phone, subject: normalizeInput(input.subject), message: normalizeInput(input.message), created_at: isoNow(clock) })
      .returning('id')
      .executeTakeFirstOrThrow();
  });
  const to = await resolveRecipients(db, siteId, [{ kind: 'role', role: 'secretariat' }, { kind: 'role', role: 'editor_in_chief' }], clock);
  await notify(
    db,
    mailer,
    { siteId, kind: 'contact.received', itemType: 'contact', itemId: row.id, title: `Liên hệ mới: ${input.subject}`, body: `${input.name}${input.email ? ` <${input.email}>` : ''}${input.phone ? `, ${input.phone}` : ''} gửi qua trang Liên hệ.\n\nTiêu đề: ${input.subject}\n\n${input.message}`, link: '/admin/contact' },
    to,
    { clock, linkBase: opts.linkBase ?? null },
  );
  return row.id;
}

export type ContactStatus = 'new' | 'handled';

/** One page of the site's messages with the given status, newest first, and how many there are. */
export async function listContactMessages(db: Db, siteId: number, status: ContactStatus, limit = 50, offset = 0) {
  const base = db.selectFrom('contact_messages').where('contact_messages.site_id', '=', siteId).where('contact_messages.status', '=', status);
  const [rows, count] = await Promise.all([
    base
      .leftJoin('users', 'users.id', 'contact_messages.handled_by_user_id')
      .selectAll('contact_messages')
      .select('users.name as handled_by_name')
      .orderBy('contact_messages.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Marks a message of this site as dealt with, by whom and when (audited). */
export async function markContactHandled(db: Db, actor: AuditActor, id: number, clock: Clock = systemClock): Promise<'handled' | 'already_handled' | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const message = await trx.selectFrom('contact_messages').select('status').where('id', '=', id).where('site_id', '=', actor.siteId).executeTakeFirst();
    if (!message) return 'not_found';
    const updated = await trx
      .updateTable('contact_messages')
      .set({ status: 'handled', handled_by_user_id: actor.userId, handled_at: isoNow(clock) })
      .where('id', '=', id)
      .where('site_id', '=', actor.siteId)
      .where('status', '=', 'new')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return 'already_handled';
    await appendAudit(trx, actor, { action: 'contact.handle', targetType: 'contact_message', targetId: id, details: {} }, clock);
    return 'handled';
  });
}
