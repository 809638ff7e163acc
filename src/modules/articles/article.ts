// An article (tin, bài, ảnh, video, bài dịch, tin sưu tầm) as the application
// sees it: the working copy that editors change, and snapshots of it (revisions).
import { documentKey, type DocumentDetails } from '../../core/documents/index.ts';
import { sectionKind, type EntryValues } from '../../core/entries/index.ts';
import { fold } from '../../core/vietnamese/index.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';

export const ARTICLE_KINDS = ['news', 'article', 'photo', 'video', 'translation', 'collected', 'page', 'document', 'entry'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const ARTICLE_KIND_LABELS: Record<ArticleKind, { vi: string; en: string }> = {
  news: { vi: 'Tin', en: 'News' },
  article: { vi: 'Bài viết', en: 'Article' },
  photo: { vi: 'Tin ảnh', en: 'Photo story' },
  video: { vi: 'Video', en: 'Video' },
  translation: { vi: 'Bài dịch', en: 'Translation' },
  collected: { vi: 'Tin sưu tầm', en: 'Collected news' },
  // Introduction, organisation, history…: reviewed like news, shown without dates.
  page: { vi: 'Trang giới thiệu', en: 'Static page' },
  // A legal or guiding document: its details are in `document`, its title is the trích yếu.
  document: { vi: 'Văn bản', en: 'Document' },
  // An entry of a declared section (schedule week, announcement, project…): its fields are in `entry` (core/entries).
  entry: { vi: 'Mục chuyên mục', en: 'Section entry' },
};

/** An entry's declared kind and its field values (core/entries). */
export interface EntryContent {
  kind: string;
  values: EntryValues;
}

export function isArticleKind(value: string): value is ArticleKind {
  return (ARTICLE_KINDS as readonly string[]).includes(value);
}

/** Everything a revision keeps: the content, not the workflow. */
export interface ArticleContent {
  kind: ArticleKind;
  title: string;
  summary: string;
  bodyHtml: string;
  coverMediaId: number | null;
  coverCaption: string | null;
  coverAlt: string | null;
  sectionId: number | null;
  tags: string[];
  source: string | null;
  authorName: string | null;
  readerContribution: boolean;
  unitId: number | null;
  eventAt: string | null;
  language: 'vi' | 'en';
  translationOfId: number | null;
  isReference: boolean;
  relatedIds: number[];
  attachmentIds: number[];
  slug: string;
  /** The document's details when kind is 'document'; null for every other kind. */
  document: DocumentDetails | null;
  /** The entry's kind and values when kind is 'entry'; null for every other kind. */
  entry: EntryContent | null;
}

function parseJsonArray<T>(text: string): T[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function contentOfRow(row: ArticleRow): ArticleContent {
  return {
    kind: isArticleKind(row.kind) ? row.kind : 'news',
    title: row.title,
    summary: row.summary,
    bodyHtml: row.body_html,
    coverMediaId: row.cover_media_id,
    coverCaption: row.cover_caption,
    coverAlt: row.cover_alt,
    sectionId: row.section_id,
    tags: parseJsonArray<string>(row.tags),
    source: row.source,
    authorName: row.author_name,
    readerContribution: row.reader_contribution === 1,
    unitId: row.unit_id,
    eventAt: row.event_at,
    language: row.language === 'en' ? 'en' : 'vi',
    translationOfId: row.translation_of_id,
    isReference: row.is_reference === 1,
    relatedIds: parseJsonArray<number>(row.related_ids),
    attachmentIds: parseJsonArray<number>(row.attachment_ids),
    slug: row.slug,
    document: row.kind === 'document' ? parseDetails(row.details) : null,
    entry: row.kind === 'entry' && row.entry_kind ? { kind: row.entry_kind, values: parseValues(row.details) } : null,
  };
}

function parseValues(text: string | null): EntryValues {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as EntryValues) : {};
  } catch {
    return {};
  }
}

function parseDetails(text: string | null): DocumentDetails | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as DocumentDetails) : null;
  } catch {
    return null;
  }
}

/** The columns of the working copy for a content. */
export function rowOfContent(c: ArticleContent) {
  return {
    kind: c.kind,
    title: c.title,
    title_folded: fold(c.title),
    summary: c.summary,
    body_html: c.bodyHtml,
    cover_media_id: c.coverMediaId,
    cover_caption: c.coverCaption,
    cover_alt: c.coverAlt,
    section_id: c.sectionId,
    tags: JSON.stringify(c.tags),
    source: c.source,
    author_name: c.authorName,
    reader_contribution: c.readerContribution ? 1 : 0,
    unit_id: c.unitId,
    event_at: c.eventAt,
    language: c.language,
    translation_of_id: c.translationOfId,
    is_reference: c.isReference ? 1 : 0,
    related_ids: JSON.stringify(c.relatedIds),
    attachment_ids: JSON.stringify(c.attachmentIds),
    slug: c.slug,
    details: c.document ? JSON.stringify(c.document) : c.entry ? JSON.stringify(c.entry.values) : null,
    entry_kind: c.entry ? c.entry.kind : null,
    // How a pushed or imported document is found again (number + issuing body).
    document_key: c.document ? documentKey(c.document.number, c.document.issuer) : null,
  };
}

/** A revision's content; revisions saved before documents (or entries) existed have no `document` (`entry`). */
export function parseSnapshot(text: string): ArticleContent {
  const c = JSON.parse(text) as ArticleContent;
  return { ...c, document: c.kind === 'document' ? (c.document ?? null) : null, entry: c.kind === 'entry' ? (c.entry ?? null) : null };
}

/** Two contents are the same publication-wise when every field is equal. */
export function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Documents live in the library (/van-ban), entries under their section's address, everything else at /bai-viet. */
export function publicPathOf(row: { kind: string; slug: string; entry_kind?: string | null }): string {
  if (row.kind === 'entry') {
    const kind = sectionKind(row.entry_kind);
    if (kind) return `/${kind.path}/${row.slug}`;
  }
  return row.kind === 'document' ? `/van-ban/${row.slug}` : `/bai-viet/${row.slug}`;
}
