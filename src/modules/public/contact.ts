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
import { notify, resolveRecipients } from '../notifications/notify.ts';

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

export async function receiveContact(db: Db, mailer: Mailer, siteId: number, input: ContactInput, clock: Clock = systemClock): Promise<number> {
  const row = await db
    .insertInto('contact_messages')
    .values({ site_id: siteId, name: normalizeInput(input.name), email: input.email, phone: input.phone, subject: normalizeInput(input.subject), message: normalizeInput(input.message), created_at: isoNow(clock) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const to = await resolveRecipients(db, siteId, [{ kind: 'role', role: 'secretariat' }, { kind: 'role', role: 'editor_in_chief' }], clock);
  await notify(
    db,
    mailer,
    { siteId, kind: 'contact.received', itemType: 'contact', itemId: row.id, title: `Liên hệ mới: ${input.subject}`, body: `${input.name}${input.email ? ` <${input.email}>` : ''}${input.phone ? `, ${input.phone}` : ''} gửi:\n\n${input.message}`, link: '/admin/contact' },
    to,
    { clock },
  );
  return row.id;
}

export async function listContactMessages(db: Db, siteId: number, limit = 100) {
  return db.selectFrom('contact_messages').selectAll().where('site_id', '=', siteId).orderBy('id', 'desc').limit(limit).execute();
}
