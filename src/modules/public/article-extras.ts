// What an article's page shows besides its revision: the corrections published on it, its spoken
// version, the story threads that hold it and the link to its translation (or original). Most
// articles have no correction and are in no thread; one statement finds out whether they have any,
// reads the spoken version and the translation's address, so such a page makes one round trip where
// it made four (issue 18: on PostgreSQL each statement is a round trip, ~0.2 ms of the server's CPU;
// article-statements.test.ts counts them). The rare page with corrections or threads reads them after.
// The translation comes from the public index (what is published: migration 0034), never a working copy.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { prepared, type Param } from '../../platform/db/prepared.ts';
import { ARTICLE_ITEM } from '../articles/public-index.ts';
import { listCorrections } from '../articles/store.ts';
import type { Site } from '../sites/site.ts';
import { readySpeechOf } from '../speech/jobs.ts';
import { showsStoryThreads, threadBoxesOf, threadHoldersOf, type ThreadBox } from './story-thread-box.tsx';

export interface ArticleExtras {
  corrections: Awaited<ReturnType<typeof listCorrections>>;
  /** The live revision's ready speech, or null while there is none. */
  speech: { revisionId: number; sha256: string; bytes: number; durationMs: number } | null;
  threads: ThreadBox[];
  /**
   * The language switch's target: the published original in another language, else the first
   * published translation; `ids` are the articles it looked at, for the page's tags (ADR 33): a
   * translation published, moved or taken down names its original or itself in its change.
   */
  translation: { url: string | null; ids: number[] };
}

const presence = prepared((db, p: Param<{ siteId: number; articleId: number; articleKey: string; revisionId: number; language: string; originalId: number }>) => {
  const speech = () => readySpeechOf(db, p('siteId'), p('articleId'), p('revisionId'));
  const published = () => db.selectFrom('search_documents').where('site_id', '=', p('siteId')).where('item_type', '=', ARTICLE_ITEM).where('language', '!=', p('language'));
  const translation = () => published().where('translation_of_id', '=', p('articleId')).orderBy('item_id').limit(1);
  return db.selectNoFrom((eb) => [
    eb.exists(db.selectFrom('article_corrections').select(sql.lit(1).as('one')).where('site_id', '=', p('siteId')).where('article_id', '=', p('articleId'))).as('has_corrections'),
    eb.exists(threadHoldersOf(db, p('siteId'), p('articleKey')).select(sql.lit(1).as('one'))).as('has_threads'),
    speech().select('file_sha256').limit(1).as('speech_sha256'),
    speech().select('bytes').limit(1).as('speech_bytes'),
    speech().select('duration_ms').limit(1).as('speech_duration_ms'),
    translation().select('item_id').as('translation_id'),
    translation().select('url').as('translation_url'),
    published().where('item_id', '=', p('originalId')).select('url').limit(1).as('original_url'),
  ]);
});

/**
 * The extras of an article's page: the print view leaves out speech and threads, a preview all but
 * the language switch. SQLite answers the tests with 0/1, PostgreSQL with booleans: both read as truthy.
 */
export async function articleExtras(
  db: Db,
  site: Pick<Site, 'id' | 'level' | 'settings'>,
  article: { id: number; live_revision_id: number | null },
  content: { language: string; translationOfId: number | null },
  show: { corrections: boolean; speech: boolean; threads: boolean },
): Promise<ArticleExtras> {
  const found = await presence.first(db, {
    siteId: site.id,
    articleId: article.id,
    articleKey: String(article.id),
    revisionId: article.live_revision_id ?? 0,
    language: content.language,
    originalId: content.translationOfId ?? 0,
  });
  const sha = show.speech && article.live_revision_id !== null ? (found?.speech_sha256 ?? null) : null;
  const translationId = found?.translation_id === null || found?.translation_id === undefined ? null : Number(found.translation_id);
  return {
    corrections: show.corrections && found?.has_corrections ? await listCorrections(db, site.id, article.id) : [],
    speech: sha ? { revisionId: article.live_revision_id!, sha256: sha, bytes: Number(found?.speech_bytes ?? 0), durationMs: Number(found?.speech_duration_ms ?? 0) } : null,
    threads: show.threads && found?.has_threads && showsStoryThreads(site) ? await threadBoxesOf(db, site, article.id) : [],
    translation: {
      url: found?.original_url ?? found?.translation_url ?? null,
      ids: [...(translationId !== null ? [translationId] : []), ...(content.translationOfId ? [content.translationOfId] : [])],
    },
  };
}
