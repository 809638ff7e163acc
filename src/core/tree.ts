// Trees of rows that point at their parent (units, sections): nesting for
// display, and the loop check when a row is moved.

export interface TreeRow {
  id: number;
  parent_id: number | null;
  sort_order: number;
  name: string;
}

export interface TreeNode<T extends TreeRow> {
  unit: T;
  depth: number;
  children: TreeNode<T>[];
}

/** Nests rows under their parents, siblings by sort order then Vietnamese name order. */
export function buildTree<T extends TreeRow>(rows: T[]): TreeNode<T>[] {
  const byParent = new Map<number | null, T[]>();
  const ids = new Set(rows.map((u) => u.id));
  for (const row of rows) {
    const parent = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  const build = (parent: number | null, depth: number): TreeNode<T>[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'vi'))
      .map((unit) => ({ unit, depth, children: build(unit.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first list, for <select> options indented by depth. */
export function flattenTree<T extends TreeRow>(nodes: TreeNode<T>[]): TreeNode<T>[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** Would making `parentId` the parent of `id` create a loop? */
export function createsCycle(rows: Pick<TreeRow, 'id' | 'parent_id'>[], id: number, parentId: number | null): boolean {
  const parentOf = new Map(rows.map((u) => [u.id, u.parent_id]));
  let cursor = parentId;
  const seen = new Set<number>();
  while (cursor !== null && cursor !== undefined) {
    if (cursor === id || seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return false;
}
