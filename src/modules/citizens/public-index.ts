// Published questions and petitions in the site search, sitemap.xml and the
// "Sơ đồ trang": the index holds a case exactly while its answer is public,
// written in the same transaction as the change. Only what the board made
// public goes in (its public title, text and answer): never the requester.
import type { Db } from '../../platform/db/database.ts';
import type { CitizenCaseRow } from '../../platform/db/schema.ts';
import { paths } from '../public/site-view.ts';
import { indexDocument, removeDocument } from '../search/index.ts';

/** The item types (and kinds) of published cases in search_documents. */
export const CASE_ITEM_TYPES = { question: 'question', petition: 'petition' } as const;
type IndexedKind = keyof typeof CASE_ITEM_TYPES;

function isIndexedKind(kind: string): kind is IndexedKind {
  return kind in CASE_ITEM_TYPES;
}

export function isPublicRow(row: CitizenCaseRow): boolean {
  return row.published_at !== null && row.unpublished_at === null && Boolean(row.public_title) && row.status === 'answered';
}

export async function syncCaseIndex(db: Db, row: CitizenCaseRow): Promise<void> {
  if (!isIndexedKind(row.kind)) return;
  const itemType = CASE_ITEM_TYPES[row.kind];
  if (!isPublicRow(row)) {
    await removeDocument(db, row.site_id, itemType, row.id);
    return;
  }
  await indexDocument(db, {
    siteId: row.site_id,
    itemType,
    itemId: row.id,
    language: 'vi',
    sectionId: null,
    kind: itemType,
    url: row.kind === 'question' ? paths.question(row.id) : paths.petition(row.id),
    title: row.public_title!,
    summary: [row.field, row.public_body].filter(Boolean).join(' · ').slice(0, 300),
    bodyText: `${row.public_body ?? ''}\n${row.public_answer ?? ''}`,
    publishedAt: row.published_at!,
  });
}
