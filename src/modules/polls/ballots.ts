// One vote per browser per poll without storing who voted (ADR 22).
//
// - The browser holds a signed cookie with a random ballot id (nothing else).
//   The server stores only HMAC(server key, poll id + ballot id) in
//   poll_ballots, a table with no option, address, agent, cookie value or time;
//   the choice only adds one to each chosen option's counter, in the same
//   transaction. A second or replayed ballot finds its hash and is not counted.
// - The form carries a stamp signed with the poll and the ballot id and a
//   honeypot (as the citizens' forms): a robot must fetch the form with its
//   cookie and wait before each ballot, and a stamp cannot be reused with
//   another cookie.
// - Each address (an IPv6 /64, see clientKey) may cast at most ADDRESS_CAP ballots
//   (attempts, counted before the ballot is cast) per poll per day, counted
//   across every node (ADR 0027) in the shared counters (Redis or the database's
//   rate_limit_counters): the address is kept only as an HMAC of the poll and
//   the address under a key of the Vietnam day derived from the installation
//   secret (never stored), and the count expires with the day. The request log
//   leaves a vote's address out (isBallotPost).
// - One transaction writes the hash and the counters, so PostgreSQL's row
//   versions (xmin) and the WAL let a database superuser tie a hash to its
//   choice — not to a person; ADR 22 says so.
import { randomBytes } from 'node:crypto';
import { addDays, startOfVietnamDate, vietnamDate, type Clock } from '../../core/time.ts';
import { deriveKey, hmacHex, safeEqual } from '../../platform/crypto.ts';
import type { Counters } from '../../platform/limits/index.ts';
import { clientKey } from '../../platform/limits/client-key.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import { MAX_FORM_AGE_MS, MIN_FILL_MS } from '../contact/contact.ts';
import { demandSiteReceives } from '../sites/store.ts';
import { ballotChoices, phaseOf } from './poll.ts';

/** The cookie holding the browser's random ballot id (signed; httpOnly). */
export const BALLOT_COOKIE = 'tt_phieu';
/** Ballots one network address may cast in one poll in one day (an office or school shares one address). */
export const ADDRESS_CAP = 50;
/** Per address, per route (fastify rate-limit): votes and form views of polls. */
export const VOTE_RATE_LIMIT = { max: 30, timeWindow: '1 hour' } as const;

/** A vote (POST /binh-chon/:id): the request log leaves its client address out, so no log ties an address to a ballot's time. */
export function isBallotPost(method: string, url: string): boolean {
  return method === 'POST' && /^\/binh-chon\/[^/?#]*(?:[/?#]|$)/.test(url);
}

export function newBallotId(): string {
  return randomBytes(18).toString('base64url');
}

export function isBallotId(value: string): boolean {
  return /^[A-Za-z0-9_-]{24}$/.test(value);
}

/** What poll_ballots stores: never the ballot id itself. */
export function ballotHash(key: Buffer, pollId: number, ballotId: string): string {
  return hmacHex(key, `ballot:${pollId}:${ballotId}`);
}

/** The form's stamp: its render time, signed with the poll and this browser's ballot id. */
export function ballotStamp(key: Buffer, pollId: number, ballotId: string, now: Date): string {
  const t = String(now.getTime());
  return `${t}.${hmacHex(key, `stamp:${pollId}:${ballotId}:${t}`).slice(0, 32)}`;
}

export type Screening = 'ok' | 'robot' | 'too_fast';

/** A filled honeypot or a stamp forged, stale or of another browser or poll is a robot; a ballot sent within seconds of the form is asked again. */
export function screenBallot(key: Buffer, pollId: number, ballotId: string, body: Record<string, unknown>, now: Date): Screening {
  if (typeof body.website === 'string' && body.website !== '') return 'robot';
  const [t, mac] = (typeof body.stamp === 'string' ? body.stamp : '').split('.');
  if (!t || !mac || !/^\d{10,16}$/.test(t) || !safeEqual(mac, hmacHex(key, `stamp:${pollId}:${ballotId}:${t}`).slice(0, 32))) return 'robot';
  const age = now.getTime() - Number(t);
  if (age > MAX_FORM_AGE_MS || age < -60_000) return 'robot';
  return age < MIN_FILL_MS ? 'too_fast' : 'ok';
}

/**
 * Ballots per poll per address today, counted by every node together. The stored key is
 * an HMAC under a key of the day derived from the installation secret: nothing stored
 * lets anyone recover the address without that secret, and the count ends with the day.
 */
export class AddressCap {
  private day = '';
  private salt: Buffer = Buffer.alloc(0);

  constructor(
    private readonly counters: Pick<Counters, 'hit' | 'peek'>,
    private readonly secret: string,
    private readonly clock: Clock,
    readonly cap = ADDRESS_CAP,
  ) {}

  /** The stored key of this poll and address today, and the time left in the day. */
  private keyOf(pollId: number, address: string): { key: string; untilTomorrowMs: number } {
    const now = this.clock.now();
    const today = vietnamDate(now);
    if (today !== this.day) {
      this.day = today;
      this.salt = deriveKey(this.secret, `poll-address-cap:${today}`);
    }
    const untilTomorrowMs = startOfVietnamDate(addDays(today, 1)).getTime() - now.getTime();
    return { key: `pc:${hmacHex(this.salt, `${pollId}:${clientKey(address)}`).slice(0, 40)}`, untilTomorrowMs };
  }

  /**
   * Counts one ballot attempt of this address in this poll today and says whether it may be cast:
   * the count is taken first (one atomic hit) and the ballot refused when it is over the cap, so
   * concurrent ballots cannot all pass a check made before any of them is counted. Attempts are
   * counted, not only ballots that end up counted (a repeat or a changed form uses one too).
   * An IPv6 address is counted by its /64, an IPv4-mapped one as its IPv4 address (clientKey).
   */
  async take(pollId: number, address: string): Promise<boolean> {
    const { key, untilTomorrowMs } = this.keyOf(pollId, address);
    return (await this.counters.hit(key, untilTomorrowMs)).count <= this.cap;
  }

  /** Whether this address has used its ballots in this poll today (nothing counted). */
  async full(pollId: number, address: string): Promise<boolean> {
    return (await this.counters.peek(this.keyOf(pollId, address).key)).count >= this.cap;
  }
}

export type CastOutcome = 'counted' | 'repeat' | 'closed' | 'changed';

/**
 * Counts a ballot: its hash and the chosen options' counters in one
 * transaction. 'repeat' when this hash was counted before (nothing changes),
 * 'closed' when the poll no longer takes votes, 'changed' when the options
 * chosen are no longer the poll's (an edit committed since the form was
 * read). A site that no longer operates refuses it (SiteClosedError).
 *
 * The poll's row is locked first (as updatePoll does): on PostgreSQL, under
 * READ COMMITTED, an edit reading "no ballots yet" while this ballot is being
 * counted would otherwise replace the options and lose the vote. The choice is
 * checked again under that lock. SQLite runs one transaction at a time.
 */
export async function castBallot(db: Db, siteId: number, pollId: number, hash: string, optionIds: number[], clock: Clock): Promise<CastOutcome> {
  return db.transaction().execute((trx) => countBallot(trx, siteId, pollId, hash, optionIds, clock));
}

/** castBallot's work inside a transaction the caller holds. */
export async function countBallot(trx: Db, siteId: number, pollId: number, hash: string, optionIds: number[], clock: Clock): Promise<CastOutcome> {
  await demandSiteReceives(trx, siteId);
  const poll = await trx
    .selectFrom('polls')
    .select(['status', 'opens_at', 'closes_at', 'multiple', 'max_choices'])
    .where('site_id', '=', siteId)
    .where('id', '=', pollId)
    .$if(engineOf(trx) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!poll || phaseOf(poll, clock.now()) !== 'running') return 'closed';
  const current = await trx.selectFrom('poll_options').select('id').where('site_id', '=', siteId).where('poll_id', '=', pollId).execute();
  if (!ballotChoices(poll, current.map((o) => o.id), optionIds.map(String)).ok) return 'changed';
  const inserted = await trx
    .insertInto('poll_ballots')
    .values({ site_id: siteId, poll_id: pollId, ballot_hash: hash })
    .onConflict((oc) => oc.columns(['poll_id', 'ballot_hash']).doNothing())
    .returning('poll_id')
    .executeTakeFirst();
  if (!inserted) return 'repeat';
  await trx
    .updateTable('poll_options')
    .set((eb) => ({ votes: eb('votes', '+', 1) }))
    .where('site_id', '=', siteId)
    .where('poll_id', '=', pollId)
    .where('id', 'in', optionIds)
    .execute();
  await trx.updateTable('polls').set((eb) => ({ ballots: eb('ballots', '+', 1) })).where('site_id', '=', siteId).where('id', '=', pollId).execute();
  return 'counted';
}

/** Has this browser's ballot been counted in this poll? */
export async function hasVoted(db: Db, siteId: number, pollId: number, hash: string): Promise<boolean> {
  const row = await db.selectFrom('poll_ballots').select('poll_id').where('site_id', '=', siteId).where('poll_id', '=', pollId).where('ballot_hash', '=', hash).executeTakeFirst();
  return row !== undefined;
}
