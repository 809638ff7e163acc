// "Theo dòng sự kiện" on an article's page: the story threads (declared kind
// story_thread) that hold the article, each with its other latest published
// articles and a link to the whole thread. The threads are found by an indexed
// lookup of entry_fields (site, kind, field, value), written when a thread's
// live revision changes; publishing, correcting or taking a thread down moves
// the site's public content version (ADR 10), so cached article pages showing
// the box are dropped with the rest of the site's pages.
import { sectionKind, siteKind } from '../../core/entries/index.ts';
import { formatDate, vietnamDate } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import { THREAD_ARTICLE_KINDS } from '../entries/check-entry.ts';
import { liveContents } from '../entries/public/queries.ts';
import { ENTRY_ITEM } from '../entries/sync.ts';
import type { Site } from '../sites/site.ts';
import { habitsText } from './habits-messages.ts';
import { prepared, type Param } from '../../platform/db/prepared.ts';

export const STORY_THREAD_KIND = 'story_thread';
/** An article in more than this many threads shows the newest ones. */
const MAX_THREADS = 2;
/** The other articles shown per thread. */
const OTHERS = 5;

export interface ThreadBox {
  threadId: number;
  url: string;
  title: string;
  /** How many of its articles are published (this one included). */
  count: number;
  others: { url: string; title: string; publishedAt: string }[];
}

/** The fields of a thread's entry that list articles. */
function articleFields(kind: NonNullable<ReturnType<typeof sectionKind>>): string[] {
  return kind.fields.filter((f) => f.type === 'articles').map((f) => f.key);
}

/** The entries of story threads that list an article (`articleKey`: its id as text, as entry_fields holds it). */
export function threadHoldersOf(db: Db, siteId: number, articleKey: string) {
  const kind = sectionKind(STORY_THREAD_KIND)!;
  return db.selectFrom('entry_fields').where('site_id', '=', siteId).where('entry_kind', '=', kind.key).where('field', 'in', articleFields(kind)).where('value', '=', articleKey);
}

/** Read for an article page that has threads: compiled once (platform/db/prepared.ts). The kind and its fields are fixed by the catalogue. */
const threadHolders = prepared((db, p: Param<{ siteId: number; articleId: string }>) => threadHoldersOf(db, p('siteId'), p('articleId')).select('article_id'));

/** Whether the site shows story threads at all (a declared kind it may turn off). */
export function showsStoryThreads(site: Pick<Site, 'level' | 'settings'>): boolean {
  const kind = sectionKind(STORY_THREAD_KIND);
  return Boolean(kind && siteKind(site.level, site.settings.entryKinds, kind.key)?.enabled);
}

export async function threadBoxesOf(db: Db, site: Pick<Site, 'id' | 'level' | 'settings'>, articleId: number): Promise<ThreadBox[]> {
  const kind = sectionKind(STORY_THREAD_KIND);
  if (!kind || !showsStoryThreads(site)) return [];
  const holders = await threadHolders.all(db, { siteId: site.id, articleId: String(articleId) });
  if (holders.length === 0) return [];
  const fields = articleFields(kind);
  const threads = await db
    .selectFrom('search_documents')
    .select(['item_id', 'url', 'title'])
    .where('site_id', '=', site.id)
    .where('item_type', '=', ENTRY_ITEM)
    .where('kind', '=', kind.key)
    .where('item_id', 'in', [...new Set(holders.map((h) => h.article_id))])
    .orderBy('published_at', 'desc')
    .limit(MAX_THREADS)
    .execute();
  const contents = await liveContents(db, site.id, threads.map((t) => t.item_id));
  const boxes: ThreadBox[] = [];
  for (const thread of threads) {
    const values = contents.get(thread.item_id)?.entry?.values ?? {};
    const ids = [...new Set(fields.flatMap((k) => (Array.isArray(values[k]) ? (values[k] as number[]) : [])))];
    const published = ids.length
      ? await db
          .selectFrom('search_documents')
          .select(['item_id', 'url', 'title', 'published_at'])
          .where('site_id', '=', site.id)
          .where('item_type', '=', 'article')
          .where('kind', 'in', [...THREAD_ARTICLE_KINDS])
          .where('item_id', 'in', ids)
          .orderBy('published_at', 'desc')
          .execute()
      : [];
    const others = published.filter((d) => d.item_id !== articleId).slice(0, OTHERS);
    boxes.push({ threadId: thread.item_id, url: thread.url, title: thread.title, count: published.length, others: others.map((d) => ({ url: d.url, title: d.title, publishedAt: d.published_at })) });
  }
  return boxes;
}

/** The boxes, one section each; '' when the article is in no thread. */
export function StoryThreadBoxes({ boxes, lang }: { boxes: ThreadBox[]; lang: Lang }): JSX.Element {
  if (boxes.length === 0) return '';
  const t = habitsText(lang);
  return (
    <>
      {boxes.map((b) => (
        <section class="story-thread-box" aria-labelledby={`thread-${b.threadId}-h`}>
          <h2 id={`thread-${b.threadId}-h`}>
            <span safe>{`${t.threadBox}: `}</span>
            <a href={b.url} safe>
              {b.title}
            </a>
          </h2>
          {b.others.length > 0 ? (
            <ul>
              {b.others.map((o) => (
                <li>
                  <a href={o.url} safe>
                    {o.title}
                  </a>{' '}
                  <time class="muted" datetime={o.publishedAt} safe>
                    {`(${formatDate(vietnamDate(new Date(o.publishedAt)))})`}
                  </time>
                </li>
              ))}
            </ul>
          ) : (
            ''
          )}
          <p class="more">
            <a href={b.url} safe>
              {format(t.threadAll, { count: b.count })}
            </a>
          </p>
        </section>
      ))}
    </>
  );
}
