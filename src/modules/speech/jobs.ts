// Listening to an article: speech for each published revision, generated in
// the background (docs/adr/0025). Publication, correction and urgent
// publication never wait for it: they only change the content, and the sweep
// finds live revisions without speech and queues them; the worker claims one
// row at a time with a lease (one node generates it), and retries a failure
// with a growing delay. A revision is generated once; a correction (a new live
// revision) is generated anew, and the older revision's audio goes as soon as
// it is no longer live (the page never reads out text that was corrected).
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { siteContentChanged } from '../../platform/events.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { runEvery } from '../../platform/interval-job.ts';
import { parseSnapshot } from '../articles/article.ts';
import { bumpContentVersion, itemTag, readContentVersions } from '../public/content-version.ts';
import { missingSpeechTools, synthesize, type SpeechTools } from './synthesize.ts';
import { SPOKEN_KINDS, spokenText } from './text.ts';

export interface SpeechJobContext {
  db: Db;
  files: FileStore;
  tools: SpeechTools;
  clock?: Clock;
  log?: { error(obj: unknown, msg: string): void; info(obj: unknown, msg: string): void; warn(obj: unknown, msg: string): void };
}

/** A generating node holds its row this long; a node that died frees it when the lease ends. */
const LEASE_MS = 10 * 60 * 1000;
/** Tries before a revision is left without speech (its error stays for the operator). */
export const MAX_ATTEMPTS = 5;
/** Rows queued per sweep: a site importing thousands of articles is worked through over several runs. */
const SWEEP_BATCH = 200;

/** The wait before try n+1: one minute, then four times longer each time (1, 4, 16, 64 minutes). */
export function retryDelayMs(attempts: number): number {
  return 60_000 * 4 ** Math.max(0, attempts - 1);
}

const at = (clock: Clock, plusMs = 0) => new Date(clock.now().getTime() + plusMs).toISOString();

/** Live revisions of published news and articles that have no speech row yet get a pending one. */
export async function queueMissingSpeech(ctx: Pick<SpeechJobContext, 'db' | 'clock'>): Promise<number> {
  const clock = ctx.clock ?? systemClock;
  const missing = await ctx.db
    .selectFrom('articles')
    .select(['articles.id', 'articles.site_id', 'articles.live_revision_id', 'articles.language'])
    .where('articles.publication', '=', 'published')
    .where('articles.deleted_at', 'is', null)
    .where('articles.live_revision_id', 'is not', null)
    .where('articles.kind', 'in', [...SPOKEN_KINDS])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('article_speech').select('article_speech.id').whereRef('article_speech.article_id', '=', 'articles.id').whereRef('article_speech.revision_id', '=', 'articles.live_revision_id'))),
    )
    .orderBy('articles.id')
    .limit(SWEEP_BATCH)
    .execute();
  const now = isoNow(clock);
  for (const a of missing) {
    await ctx.db
      .insertInto('article_speech')
      .values({ site_id: a.site_id, article_id: a.id, revision_id: a.live_revision_id!, status: 'pending', language: a.language === 'en' ? 'en' : 'vi', next_attempt_at: now, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['site_id', 'article_id', 'revision_id']).doNothing())
      .execute();
  }
  return missing.length;
}

/**
 * Speech of revisions that are no longer live (a correction, a take-down, a deletion):
 * rows and files go. Returns the sites whose pages showed a player that is gone.
 */
export async function removeStaleSpeech(ctx: Pick<SpeechJobContext, 'db' | 'files'>): Promise<Set<number>> {
  const stale = await ctx.db
    .selectFrom('article_speech')
    .innerJoin('articles', 'articles.id', 'article_speech.article_id')
    .select(['article_speech.id', 'article_speech.site_id', 'article_speech.status', 'article_speech.file_sha256'])
    .where((eb) =>
      eb.or([
        eb('articles.live_revision_id', 'is', null),
        eb('articles.live_revision_id', '!=', eb.ref('article_speech.revision_id')),
        eb('articles.publication', '!=', 'published'),
        eb('articles.deleted_at', 'is not', null),
      ]),
    )
    .limit(SWEEP_BATCH)
    .execute();
  const sites = new Set<number>();
  for (const row of stale) {
    await ctx.db.deleteFrom('article_speech').where('id', '=', row.id).execute();
    if (row.status === 'ready') sites.add(row.site_id);
    await removeFileIfUnused(ctx, row.file_sha256);
  }
  return sites;
}

/** Files are kept by content: the same bytes may belong to another row (two identical articles). */
async function removeFileIfUnused(ctx: Pick<SpeechJobContext, 'db' | 'files'>, sha: string | null): Promise<void> {
  if (!sha) return;
  const still = await ctx.db.selectFrom('article_speech').select('id').where('file_sha256', '=', sha).executeTakeFirst();
  const media = await ctx.db.selectFrom('media').select('id').where('sha256', '=', sha).executeTakeFirst();
  if (!still && !media) await ctx.files.remove(sha);
}

/** Takes the next due row for this node, or null; the lease keeps other nodes off it. */
export async function claimSpeech(ctx: Pick<SpeechJobContext, 'db' | 'clock'>) {
  const clock = ctx.clock ?? systemClock;
  const now = at(clock);
  const candidates = await ctx.db
    .selectFrom('article_speech')
    .selectAll()
    .where('status', 'in', ['pending', 'failed'])
    .where('attempts', '<', MAX_ATTEMPTS)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(5)
    .execute();
  for (const row of candidates) {
    const taken = await ctx.db
      .updateTable('article_speech')
      .set({ lease_until: at(clock, LEASE_MS) })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return row;
  }
  return null;
}

/** `stopped`: the server stopped mid-article; the row is given back unchanged for the next run. */
export type SpeechOutcome = 'ready' | 'skipped' | 'failed' | 'gone' | 'stopped';

/** Generates the speech of one claimed row and records the outcome. */
export async function generateSpeech(ctx: SpeechJobContext, row: { id: number; site_id: number; article_id: number; revision_id: number; attempts: number }, keepGoing: () => boolean = () => true): Promise<SpeechOutcome> {
  const clock = ctx.clock ?? systemClock;
  const article = await ctx.db.selectFrom('articles').select(['live_revision_id', 'publication', 'deleted_at']).where('id', '=', row.article_id).where('site_id', '=', row.site_id).executeTakeFirst();
  if (!article || article.live_revision_id !== row.revision_id || article.publication !== 'published' || article.deleted_at !== null) {
    // Corrected or taken down while it waited: nothing to read any more.
    await ctx.db.deleteFrom('article_speech').where('id', '=', row.id).execute();
    return 'gone';
  }
  const revision = await ctx.db.selectFrom('article_revisions').select('snapshot').where('id', '=', row.revision_id).executeTakeFirst();
  const content = revision ? parseSnapshot(revision.snapshot) : null;
  const spoken = content ? spokenText(content) : { skip: 'revision missing' };
  if ('skip' in spoken) {
    await ctx.db.updateTable('article_speech').set({ status: 'skipped', error: spoken.skip, lease_until: null, updated_at: isoNow(clock) }).where('id', '=', row.id).execute();
    return 'skipped';
  }
  const language = content!.language === 'en' ? 'en' : 'vi';
  try {
    const speech = await synthesize(spoken.text, language, ctx.tools);
    const stored = await ctx.files.put(speech.mp3);
    const now = isoNow(clock);
    await ctx.db
      .updateTable('article_speech')
      .set({ status: 'ready', language, voice: speech.voice, file_sha256: stored.sha256, bytes: stored.size, duration_ms: speech.durationMs, text_chars: spoken.text.length, attempts: row.attempts + 1, error: null, lease_until: null, ready_at: now, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    // The article's cached pages now lack the player: the run drops the site's pages (ADR 0010), once for many files.
    return 'ready';
  } catch (error) {
    // The server's stop reaches the programs too (same process group): not the article's fault.
    if (!keepGoing()) {
      await ctx.db.updateTable('article_speech').set({ lease_until: null }).where('id', '=', row.id).execute();
      return 'stopped';
    }
    const attempts = row.attempts + 1;
    const message = (error as Error).message.slice(0, 500);
    await ctx.db
      .updateTable('article_speech')
      .set({ status: 'failed', attempts, error: message, next_attempt_at: at(clock, retryDelayMs(attempts)), lease_until: null, updated_at: isoNow(clock) })
      .where('id', '=', row.id)
      .execute();
    ctx.log?.warn({ articleId: row.article_id, revisionId: row.revision_id, attempts, err: { message } }, 'speech not generated; will retry');
    return 'failed';
  }
}

/** One run: queue what lacks speech, drop what is no longer live, then generate due rows one at a time. */
/** `keepGoing` turns false when the server stops: the run ends after the article in hand (ADR 0026). */
export async function runSpeechJobs(ctx: SpeechJobContext, opts: { maxItems?: number; budgetMs?: number; keepGoing?: () => boolean } = {}): Promise<SpeechOutcome[]> {
  const keepGoing = opts.keepGoing ?? (() => true);
  const clock = ctx.clock ?? systemClock;
  await queueMissingSpeech(ctx);
  // Sites whose cached pages must drop (a player appeared or went): every node drops them (ADR 0010),
  // at most every few seconds per run, so a batch of files does not empty a site's cache a hundred times.
  // A player that went (stale speech) drops the site's pages; one that appeared drops its article's page only (ADR 33).
  const stale = new Set(await removeStaleSpeech(ctx));
  const changed = new Map<number, Set<number>>();
  let flushedAt = Date.now();
  const flush = async () => {
    for (const siteId of stale) {
      await bumpContentVersion(ctx.db, siteId, isoNow(clock));
      siteContentChanged(siteId);
    }
    stale.clear();
    for (const [siteId, articles] of changed) {
      const tags = [...articles].map(itemTag);
      // The player shows on the article's own page only.
      await bumpContentVersion(ctx.db, siteId, isoNow(clock), { tags, menus: 'same', exact: true });
      siteContentChanged(siteId, tags);
    }
    changed.clear();
    flushedAt = Date.now();
  };
  const outcomes: SpeechOutcome[] = [];
  const started = Date.now();
  const maxItems = opts.maxItems ?? 100;
  while (outcomes.length < maxItems && Date.now() - started < (opts.budgetMs ?? 50_000) && keepGoing()) {
    const row = await claimSpeech(ctx);
    if (!row) break;
    const outcome = await generateSpeech(ctx, row, keepGoing);
    outcomes.push(outcome);
    if (outcome === 'ready') changed.set(row.site_id, (changed.get(row.site_id) ?? new Set()).add(row.article_id));
    if (Date.now() - flushedAt > FLUSH_MS) await flush();
  }
  await flush();
  return outcomes;
}

/** How long a finished file may wait before the cached pages that lack its player are dropped. */
const FLUSH_MS = 10_000;

/** How often the worker looks whether any site's public content moved on (a publication, a correction). */
const WATCH_MS = 5000;

/** Whether this process generates speech: null until the worker started, then whether the programs were found. */
let availability: 'on' | 'off' | null = null;
export function speechAvailability(): 'on' | 'off' | null {
  return availability;
}

/**
 * Runs the speech worker in this process; returns a stop function. Without espeak-ng
 * or lame (a developer machine) it says so once in the log and does nothing: pages
 * simply show no player. A publication is picked up within seconds: the worker
 * watches the public content versions (ADR 10), and runs fully every interval for retries.
 */
export function startSpeechJobs(ctx: SpeechJobContext, intervalMs = 60_000): () => void {
  const missing = missingSpeechTools(ctx.tools);
  availability = missing.length > 0 ? 'off' : 'on';
  if (missing.length > 0) {
    ctx.log?.info({ missing }, 'listening to articles is off: install espeak-ng and lame (Debian packages) to generate speech');
    return () => undefined;
  }
  let seen = '';
  let lastRun = -Infinity;
  return runEvery(
    Math.min(WATCH_MS, intervalMs),
    async (tick) => {
      const versions = JSON.stringify([...(await readContentVersions(ctx.db)).entries()]);
      if (versions === seen && Date.now() - lastRun < intervalMs) return;
      seen = versions;
      lastRun = Date.now();
      await runSpeechJobs(ctx, { keepGoing: () => tick.stillHolding() });
    },
    (error) => ctx.log?.error({ err: { message: error.message } }, 'speech jobs failed'),
    { db: ctx.db, name: 'speech' },
  );
}

/** The ready speech of a revision (the article page reads it inside its extras statement: public/article-extras.ts). */
export function readySpeechOf(db: Db, siteId: number, articleId: number, revisionId: number) {
  return db.selectFrom('article_speech').where('site_id', '=', siteId).where('article_id', '=', articleId).where('revision_id', '=', revisionId).where('status', '=', 'ready');
}

