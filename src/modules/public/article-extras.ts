// What an article's page shows besides its revision: the corrections published on it, its spoken
// version and the story threads that hold it. Most articles have no correction and are in no
// thread; one statement finds out whether they have any and reads the spoken version, so such a
// page makes one round trip where it made three (issue 18: on PostgreSQL each statement is a round
// trip, ~0.2 ms of the server's CPU). The rare page that has them reads them after.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { prepared, type Param } from '../../platform/db/prepared.ts';
import { listCorrections } from '../articles/store.ts';
import type { Site } from '../sites/site.ts';
import { readySpeechOf } from '../speech/jobs.ts';
import { showsStoryThreads, threadBoxesOf, threadHoldersOf, type ThreadBox } from './story-thread-box.tsx';

export interface ArticleExtras {
  corrections: Awaited<ReturnType<typeof listCorrections>>;
  /** The live revision's ready speech, or null while there is none. */
  speech: { revisionId: number; sha256: string; bytes: number; durationMs: number } | null;
  threads: ThreadBox[];
}

const presence = prepared((db, p: Param<{ siteId: number; articleId: number; articleKey: string; revisionId: number }>) => {
  const speech = () => readySpeechOf(db, p('siteId'), p('articleId'), p('revisionId'));
  return db.selectNoFrom((eb) => [
    eb.exists(db.selectFrom('article_corrections').select(sql.lit(1).as('one')).where('site_id', '=', p('siteId')).where('article_id', '=', p('articleId'))).as('has_corrections'),
    eb.exists(threadHoldersOf(db, p('siteId'), p('articleKey')).select(sql.lit(1).as('one'))).as('has_threads'),
    speech().select('file_sha256').limit(1).as('speech_sha256'),
    speech().select('bytes').limit(1).as('speech_bytes'),
    speech().select('duration_ms').limit(1).as('speech_duration_ms'),
  ]);
});

/**
 * The extras of a published article's page (the print view leaves out speech and threads, a preview
 * everything). SQLite answers the tests with 0/1, PostgreSQL with booleans: both read as truthy.
 */
export async function articleExtras(db: Db, site: Pick<Site, 'id' | 'level' | 'settings'>, article: { id: number; live_revision_id: number | null }, show: { speech: boolean; threads: boolean }): Promise<ArticleExtras> {
  const found = await presence.first(db, { siteId: site.id, articleId: article.id, articleKey: String(article.id), revisionId: article.live_revision_id ?? 0 });
  const sha = show.speech && article.live_revision_id !== null ? (found?.speech_sha256 ?? null) : null;
  return {
    corrections: found?.has_corrections ? await listCorrections(db, site.id, article.id) : [],
    speech: sha ? { revisionId: article.live_revision_id!, sha256: sha, bytes: Number(found?.speech_bytes ?? 0), durationMs: Number(found?.speech_duration_ms ?? 0) } : null,
    threads: show.threads && found?.has_threads && showsStoryThreads(site) ? await threadBoxesOf(db, site, article.id) : [],
  };
}
