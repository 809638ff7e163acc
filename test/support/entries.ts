// Entries of declared sections for tests: the body of POST /api/v1/articles
// for an entry, and one taken through the board's chain to publication.
import type { Board, BoardRole } from './editorial.ts';

/** An entry of `kind` with `values`; `overrides` may set article fields (title, summary, bodyHtml…). */
export function entryBody(board: Board, kind: string, values: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'entry', title: 'Mục thử', summary: '', bodyHtml: '', unitId: board.unitId, ...overrides, entry: { kind, values } };
}

/** The whole Như Xuân chain for an entry written by `author` (default the contributor). */
export async function publishEntry(board: Board, kind: string, values: Record<string, unknown>, overrides: Record<string, unknown> = {}, author: BoardRole = 'contributor'): Promise<{ id: number; slug: string }> {
  const created = await board.as(author, 'POST', '/api/v1/articles', entryBody(board, kind, values, overrides));
  if (created.statusCode !== 201) throw new Error(`create entry: ${created.body}`);
  const id = created.json().id as number;
  await takeThroughChain(board, id, author);
  const row = await board.as('publisher', 'GET', `/api/v1/articles/${id}`);
  return { id, slug: row.json().slug as string };
}

/** Submit, every approval of the Như Xuân chain, publish. */
export async function takeThroughChain(board: Board, id: number, author: BoardRole = 'contributor'): Promise<void> {
  const steps: [BoardRole, string][] = [[author, 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'publish']];
  for (const [role, action] of steps) {
    const res = await board.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
    if (res.statusCode !== 200) throw new Error(`entry ${role} ${action}: ${res.body}`);
  }
}
