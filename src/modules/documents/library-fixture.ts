// Test fixture of the document library: a published document as the sync
// leaves it (an article row and its legal_documents rows), written directly.
// Used by the library tests until they go through the real publication chain.
import type { EffectStatus } from '../../core/documents/index.ts';
import { foldNumber } from '../../core/documents/index.ts';
import { fold, slugify } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';

export interface Row {
  number: string;
  title: string;
  docType?: string;
  issuer?: string;
  level?: string;
  signer?: string | null;
  issuedOn?: string;
  effectiveOn?: string | null;
  expiresOn?: string | null;
  statusOverride?: EffectStatus | null;
  replacedOn?: string | null;
  partlyRepealedOn?: string | null;
  fields?: string[];
}

let seq = 0;
/** A published document as the sync leaves it: an article row and its legal_documents rows. */
export async function insertPublished(db: Db, site: Site, userId: number, r: Row & { attachmentIds?: number[]; language?: string }): Promise<{ id: number; slug: string }> {
  seq += 1;
  const now = '2026-11-20T02:00:00.000Z';
  const slug = `${slugify(r.title, 60)}-${seq}`;
  const article = await db
    .insertInto('articles')
    .values({ site_id: site.id, kind: 'document', title: r.title, title_folded: fold(r.title), slug, reader_contribution: 0, is_reference: 0, has_pending_changes: 0, urgent_pending_approval: 0, takedown_notice: 0, author_user_id: userId, created_at: now, updated_at: now, cover_media_id: null, cover_caption: null, cover_alt: null, section_id: null, source: null, author_name: null, unit_id: null, event_at: null, translation_of_id: null, step_index: null, step_entered_at: null, step_due_at: null, assignee_user_id: null, chain: null, publish_at: null, unpublish_at: null, urgent_published_by: null, live_revision_id: null, first_published_at: now, last_published_at: now, takedown_reason_code: null, takedown_reason: null, taken_down_at: null, schedule_alerted_at: null, details: null, document_key: null, deleted_at: null, deleted_by_user_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const issuer = r.issuer ?? 'Ủy ban nhân dân tỉnh Kon Tum';
  await db
    .insertInto('legal_documents')
    .values({
      article_id: article.id,
      site_id: site.id,
      slug,
      language: r.language ?? 'vi',
      number: r.number,
      number_folded: foldNumber(r.number),
      doc_type: r.docType ?? 'quyet-dinh',
      issuer,
      issuer_folded: fold(issuer),
      level: r.level ?? 'provincial',
      signer: r.signer ?? null,
      signer_folded: r.signer ? fold(r.signer) : null,
      title: r.title,
      title_folded: fold(r.title),
      issued_on: r.issuedOn ?? '2025-01-10',
      effective_on: r.effectiveOn ?? null,
      expires_on: r.expiresOn ?? null,
      status_override: r.statusOverride ?? null,
      replaced_on: r.replacedOn ?? null,
      partly_repealed_on: r.partlyRepealedOn ?? null,
      published_at: now,
      attachment_ids: JSON.stringify(r.attachmentIds ?? []),
    })
    .execute();
  for (const field of r.fields ?? []) await db.insertInto('legal_document_fields').values({ site_id: site.id, article_id: article.id, field }).execute();
  return { id: article.id, slug };
}
