// Time-based one-time codes (TOTP, RFC 6238) as a second factor. Secrets are
// kept encrypted; a code is accepted once (its time step is remembered), with
// one step of clock drift either way.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { decryptSecret, encryptSecret } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import type { UserRow } from '../../platform/db/schema.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';

const ISSUER = 'trangtin';
const CODE_RE = /^\d{6}$/;

export interface Enrollment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Starts (or restarts) enrolment: a fresh secret, pending until a code confirms it. */
export async function startEnrollment(db: Db, key: Buffer, user: UserRow, siteName: string, clock: Clock = systemClock): Promise<Enrollment> {
  const secret = generateSecret();
  await db
    .updateTable('users')
    .set({ totp_secret_enc: encryptSecret(key, secret), totp_enabled_at: null, totp_last_step: null, updated_at: isoNow(clock) })
    .where('id', '=', user.id)
    .execute();
  return enrollmentFor(secret, user.email, siteName);
}

export async function enrollmentFor(secret: string, email: string, siteName: string): Promise<Enrollment> {
  const uri = generateURI({ issuer: `${ISSUER} · ${siteName}`, label: email, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

export function pendingSecret(key: Buffer, user: UserRow): string | null {
  if (!user.totp_secret_enc || user.totp_enabled_at) return null;
  return decryptSecret(key, user.totp_secret_enc);
}

async function checkCode(key: Buffer, user: UserRow, code: string, clock: Clock): Promise<number | null> {
  if (!user.totp_secret_enc || !CODE_RE.test(code)) return null;
  const secret = decryptSecret(key, user.totp_secret_enc);
  const result = await verify({ secret, token: code, epochTolerance: 30, epoch: Math.floor(clock.now().getTime() / 1000) });
  if (!result.valid || !('timeStep' in result)) return null;
  const step = result.timeStep;
  // Replay protection: each time step's code works once.
  if (user.totp_last_step !== null && step <= user.totp_last_step) return null;
  return step;
}

/** Confirms enrolment with a first code; returns false when the code is wrong. */
export async function confirmEnrollment(db: Db, key: Buffer, user: UserRow, code: string, clock: Clock = systemClock): Promise<boolean> {
  if (user.totp_enabled_at) return false;
  const step = await checkCode(key, user, code.replace(/\s/g, ''), clock);
  if (step === null) return false;
  const now = isoNow(clock);
  await db.updateTable('users').set({ totp_enabled_at: now, totp_last_step: step, updated_at: now }).where('id', '=', user.id).execute();
  return true;
}

/** Checks a sign-in code; a wrong code counts as a failed sign-in for the lockout. */
export async function verifyLoginCode(db: Db, key: Buffer, user: UserRow, code: string, clock: Clock = systemClock): Promise<boolean> {
  if (!user.totp_enabled_at) return false;
  const step = await checkCode(key, user, code.replace(/\s/g, ''), clock);
  if (step === null) return false;
  await db.updateTable('users').set({ totp_last_step: step, updated_at: isoNow(clock) }).where('id', '=', user.id).execute();
  return true;
}

export async function disableTwoFactor(db: Db, userId: number, clock: Clock = systemClock): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null, updated_at: isoNow(clock) })
    .where('id', '=', userId)
    .execute();
}
