// Documents for tests: a complete document (kind 'document') as the articles
// API takes it, and one taken through the board's whole chain to publication,
// which fills legal_documents, its fields and relations, and the search index.
import type { DocumentDetails } from '../../src/core/documents/index.ts';
import type { Board, BoardRole } from './editorial.ts';

/** Complete details of a provincial decision; override any of them. */
export function documentDetails(overrides: Partial<DocumentDetails> = {}): DocumentDetails {
  return {
    number: '42/2022/QĐ-UBND',
    docType: 'quyet-dinh',
    issuer: 'Ủy ban nhân dân tỉnh Thanh Hóa',
    fields: ['Giao thông'],
    level: 'provincial',
    signer: 'Nguyễn Văn Thi',
    issuedOn: '2022-03-15',
    effectiveOn: '2022-04-01',
    expiresOn: null,
    statusOverride: null,
    statusNote: null,
    relations: [],
    ...overrides,
  };
}

/**
 * The body of POST /api/v1/articles for a document: `overrides` may set
 * article fields (title, summary, attachmentIds…) and `document` (partial
 * details, merged over documentDetails()).
 */
export function documentBody(board: Board, overrides: Record<string, unknown> & { document?: Partial<DocumentDetails> } = {}): Record<string, unknown> {
  const { document, ...article } = overrides;
  return {
    kind: 'document',
    title: 'Quyết định ban hành quy định quản lý đường giao thông nông thôn trên địa bàn tỉnh',
    summary: 'Quy định về quản lý, bảo trì đường giao thông nông thôn.',
    bodyHtml: '',
    unitId: board.unitId,
    ...article,
    document: documentDetails(document ?? {}),
  };
}

/** Writes a document as the contributor and takes it through the whole chain to publication. */
export async function publishDocument(board: Board, detailsOverrides: Partial<DocumentDetails> = {}, articleOverrides: Record<string, unknown> = {}): Promise<{ id: number; slug: string }> {
  const created = await board.as('contributor', 'POST', '/api/v1/articles', documentBody(board, { ...articleOverrides, document: detailsOverrides }));
  if (created.statusCode !== 201) throw new Error(`create document: ${created.body}`);
  const id = created.json().id as number;
  const steps: [BoardRole, string][] = [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'publish']];
  let slug = '';
  for (const [role, action] of steps) {
    const res = await board.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
    if (res.statusCode !== 200) throw new Error(`document ${role} ${action}: ${res.body}`);
    slug = res.json().slug;
  }
  return { id, slug };
}
