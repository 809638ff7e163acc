// Polls in the back office: create, edit (options locked once a ballot is
// counted), open, close early; each change audited in its own transaction.
// And the reads the public pages and the board's list share.
import { DomainError, NotFoundError, Problems } from '../../core/errors.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { engineOf, type Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { normalizePoll, phaseOf, pollProblems, sameOptions, type PollInput } from './poll.ts';
import type { PollOptionRow, PollRow } from './schema.ts';

export interface PollWithOptions {
  poll: PollRow;
  options: PollOptionRow[];
}

const NOT_FOUND = { vi: 'cuộc bình chọn', en: 'Poll' };

export async function listPolls(db: Db, siteId: number): Promise<PollRow[]> {
  return db.selectFrom('polls').selectAll().where('site_id', '=', siteId).orderBy('opens_at', 'desc').orderBy('id', 'desc').execute();
}

export async function getPoll(db: Db, siteId: number, id: number): Promise<PollWithOptions | null> {
  const poll = await db.selectFrom('polls').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  if (!poll) return null;
  const options = await db.selectFrom('poll_options').selectAll().where('site_id', '=', siteId).where('poll_id', '=', id).orderBy('position').execute();
  return { poll, options };
}

/** The polls the public sees: opened and begun (running or over), newest first; never a draft. */
export async function publicPolls(db: Db, siteId: number, now: Date): Promise<PollRow[]> {
  return db
    .selectFrom('polls')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('status', 'in', ['open', 'closed'])
    .where('opens_at', '<=', now.toISOString())
    .orderBy('opens_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** A poll the public may open (running or over), with its options; null otherwise. */
export async function publicPoll(db: Db, siteId: number, id: number, now: Date): Promise<PollWithOptions | null> {
  const found = await getPoll(db, siteId, id);
  if (!found) return null;
  const phase = phaseOf(found.poll, now);
  return phase === 'running' || phase === 'closed' ? found : null;
}

function checked(input: PollInput): PollInput {
  const clean = normalizePoll(input);
  const problems = pollProblems(clean);
  if (problems.length > 0) throw new DomainError(problems);
  return clean;
}

function pollValues(p: PollInput) {
  return {
    question: p.question,
    question_en: p.questionEn,
    description: p.description,
    multiple: p.multiple ? 1 : 0,
    max_choices: p.multiple ? p.maxChoices : 1,
    opens_at: p.opensAt,
    closes_at: p.closesAt,
    results_before_close: p.resultsBeforeClose ? 1 : 0,
  };
}

async function insertOptions(trx: Db, siteId: number, pollId: number, p: PollInput): Promise<void> {
  await trx
    .insertInto('poll_options')
    .values(p.options.map((o, i) => ({ site_id: siteId, poll_id: pollId, position: i + 1, label: o.label, label_en: o.labelEn })))
    .execute();
}

export async function createPoll(db: Db, actor: AuditActor, input: PollInput, clock: Clock = systemClock): Promise<number> {
  const p = checked(input);
  return db.transaction().execute(async (trx) => {
    const now = isoNow(clock);
    const { id } = await trx
      .insertInto('polls')
      .values({ site_id: actor.siteId, ...pollValues(p), status: 'draft', closed_at: null, created_by_user_id: actor.userId, updated_by_user_id: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertOptions(trx, actor.siteId, id, p);
    await appendAudit(trx, actor, { action: 'poll.create', targetType: 'poll', targetId: id, details: { question: p.question, options: p.options.map((o) => o.label) } }, clock);
    return id;
  });
}

/**
 * What an edit may not change once ballots are counted: the options and how
 * many may be chosen, the question (both languages) and the opening time; the
 * closing time may only come earlier (not before now: "Kết thúc sớm" ends it
 * now), and not move at all once the poll has ended, so no poll reopens after
 * its results were public.
 */
function lockedChanges(before: PollRow, p: PollInput, optionsChanged: boolean, now: Date): Problems {
  const problems = new Problems();
  if (before.ballots === 0) return problems;
  const choiceChanged = (before.multiple === 1) !== p.multiple || (p.multiple && before.max_choices !== p.maxChoices);
  const has = 'Cuộc bình chọn đã có phiếu';
  if (optionsChanged || choiceChanged) problems.add({ code: 'options_locked', field: 'options', vi: `${has}: không thể thay đổi các phương án hay số phương án được chọn.`, en: 'The poll has ballots: its options and how many may be chosen can no longer change.' });
  if (p.question !== before.question) problems.add({ code: 'question_locked', field: 'question', vi: `${has}: không thể sửa câu hỏi.`, en: 'The poll has ballots: its question can no longer change.' });
  if ((p.questionEn ?? null) !== (before.question_en ?? null)) problems.add({ code: 'question_en_locked', field: 'questionEn', vi: `${has}: không thể sửa câu hỏi (tiếng Anh).`, en: 'The poll has ballots: its English question can no longer change.' });
  if (p.opensAt !== before.opens_at) problems.add({ code: 'opens_locked', field: 'opensAt', vi: `${has}: không thể đổi thời điểm bắt đầu.`, en: 'The poll has ballots: its opening time can no longer change.' });
  if (p.closesAt !== before.closes_at) {
    const close = (code: string, vi: string, en: string) => problems.add({ code, field: 'closesAt', vi, en });
    if (phaseOf(before, now) === 'closed') close('closes_locked', 'Cuộc bình chọn đã kết thúc và đã có phiếu: không thể đổi thời điểm kết thúc.', 'The poll has ended with ballots: its closing time can no longer change.');
    else if (p.closesAt > before.closes_at) close('closes_later', `${has}: thời điểm kết thúc chỉ được đổi sớm hơn, không được lùi lại.`, 'The poll has ballots: its closing time may only come earlier.');
    else if (p.closesAt < now.toISOString()) close('closes_past', 'Thời điểm kết thúc mới đã qua: để kết thúc ngay, hãy dùng nút «Kết thúc sớm».', 'The new closing time has passed: to end the poll now, use «End now».');
  }
  return problems;
}

/**
 * Changes a poll, within what lockedChanges allows once ballots are counted.
 * The poll's row is locked first (as castBallot does), so an edit and a
 * ballot never interleave: the edit sees every committed ballot, and a ballot
 * sees the options as the edit left them.
 */
export async function updatePoll(db: Db, actor: AuditActor, id: number, input: PollInput, clock: Clock = systemClock): Promise<void> {
  const entered = checked(input);
  await db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('polls').select('id').where('site_id', '=', actor.siteId).where('id', '=', id).$if(engineOf(trx) === 'postgres', (q) => q.forUpdate()).executeTakeFirst();
    if (!locked) throw new NotFoundError(NOT_FOUND);
    const before = (await getPoll(trx, actor.siteId, id))!;
    // The form shows times to the minute: a time left as shown keeps its stored value.
    const kept = (typed: string, stored: string) => (typed.slice(0, 16) === stored.slice(0, 16) ? stored : typed);
    const p = { ...entered, opensAt: kept(entered.opensAt, before.poll.opens_at), closesAt: kept(entered.closesAt, before.poll.closes_at) };
    const stored = before.options.map((o) => ({ label: o.label, labelEn: o.label_en }));
    const optionsChanged = !sameOptions(stored, p.options);
    lockedChanges(before.poll, p, optionsChanged, clock.now()).throwIfAny(409);
    const now = isoNow(clock);
    await trx.updateTable('polls').set({ ...pollValues(p), updated_by_user_id: actor.userId, updated_at: now }).where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    if (optionsChanged) await replaceOptions(trx, actor.siteId, id, before.options, p);
    const after = pollValues(p);
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(after).filter(([k, v]) => before.poll[k as keyof PollRow] !== v).map(([k, v]) => [k, { from: before.poll[k as keyof PollRow], to: v }]));
    if (optionsChanged) changes.options = { from: stored.map((o) => o.label), to: p.options.map((o) => o.label) };
    await appendAudit(trx, actor, { action: 'poll.update', targetType: 'poll', targetId: id, details: changes }, clock);
  });
}

/**
 * The options of a poll without ballots, changed by position: an option whose
 * Vietnamese text is unchanged keeps its row (and id), so a form opened before
 * the edit still counts for it; an option whose text changed gets a new row,
 * so a ballot for the old text is refused (castBallot) instead of counted for
 * a text the voter never saw.
 */
async function replaceOptions(trx: Db, siteId: number, pollId: number, stored: PollOptionRow[], p: PollInput): Promise<void> {
  const gone: number[] = [];
  const added: PollInput['options'] = [];
  const addedAt: number[] = [];
  for (let i = 0; i < Math.max(stored.length, p.options.length); i++) {
    const old = stored[i];
    const next = p.options[i];
    if (old && next && old.label === next.label) {
      if ((old.label_en ?? null) !== next.labelEn) await trx.updateTable('poll_options').set({ label_en: next.labelEn }).where('site_id', '=', siteId).where('id', '=', old.id).execute();
      continue;
    }
    if (old) gone.push(old.id);
    if (next) {
      added.push(next);
      addedAt.push(i + 1);
    }
  }
  if (gone.length > 0) await trx.deleteFrom('poll_options').where('site_id', '=', siteId).where('poll_id', '=', pollId).where('id', 'in', gone).execute();
  if (added.length > 0) await trx.insertInto('poll_options').values(added.map((o, i) => ({ site_id: siteId, poll_id: pollId, position: addedAt[i]!, label: o.label, label_en: o.labelEn }))).execute();
}

/** Opens a draft for votes from its opening time; refused when its period is already over. */
export async function openPoll(db: Db, actor: AuditActor, id: number, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await getPoll(trx, actor.siteId, id);
    if (!found) throw new NotFoundError(NOT_FOUND);
    if (found.poll.status !== 'draft') throw new DomainError({ code: 'not_draft', vi: 'Chỉ mở được cuộc bình chọn đang ở dạng nháp.', en: 'Only a draft poll can be opened.' }, 409);
    const now = isoNow(clock);
    if (found.poll.closes_at <= now) throw new DomainError({ code: 'period_over', field: 'closesAt', vi: 'Thời điểm kết thúc đã qua: hãy sửa thời gian trước khi mở bình chọn.', en: 'The closing time has passed: change the period before opening.' }, 409);
    await trx.updateTable('polls').set({ status: 'open', updated_by_user_id: actor.userId, updated_at: now }).where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'poll.open', targetType: 'poll', targetId: id, details: { question: found.poll.question, opensAt: found.poll.opens_at, closesAt: found.poll.closes_at } }, clock);
  });
}

/** Ends an open poll now (before its closing time): no more votes, results public. */
export async function closePoll(db: Db, actor: AuditActor, id: number, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await getPoll(trx, actor.siteId, id);
    if (!found) throw new NotFoundError(NOT_FOUND);
    if (found.poll.status !== 'open') throw new DomainError({ code: 'not_open', vi: 'Cuộc bình chọn chưa mở hoặc đã kết thúc.', en: 'The poll is not open.' }, 409);
    const now = isoNow(clock);
    await trx.updateTable('polls').set({ status: 'closed', closed_at: now, updated_by_user_id: actor.userId, updated_at: now }).where('site_id', '=', actor.siteId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'poll.close', targetType: 'poll', targetId: id, details: { question: found.poll.question, ballots: found.poll.ballots } }, clock);
  });
}
