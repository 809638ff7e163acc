// Units (phòng, ban, cơ quan, xã…) that provide information and answer citizens.
import type { UnitRow } from '../../platform/db/schema.ts';

export const UNIT_KINDS = ['co_quan', 'phong', 'ban', 'don_vi', 'xa', 'phuong', 'thi_tran', 'to_dan_pho', 'khoi', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, { vi: string; en: string }> = {
  co_quan: { vi: 'Cơ quan', en: 'Agency' },
  phong: { vi: 'Phòng', en: 'Division' },
  ban: { vi: 'Ban', en: 'Board' },
  don_vi: { vi: 'Đơn vị', en: 'Unit' },
  xa: { vi: 'Xã', en: 'Commune' },
  phuong: { vi: 'Phường', en: 'Ward' },
  thi_tran: { vi: 'Thị trấn', en: 'Township' },
  to_dan_pho: { vi: 'Tổ dân phố', en: 'Residential group' },
  khoi: { vi: 'Khối', en: 'Block' },
  other: { vi: 'Khác', en: 'Other' },
};

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

export interface UnitNode {
  unit: UnitRow;
  depth: number;
  children: UnitNode[];
}

/** Nests units under their parents, siblings by sort order then name. */
export function buildUnitTree(units: UnitRow[]): UnitNode[] {
  const byParent = new Map<number | null, UnitRow[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const unit of units) {
    const parent = unit.parent_id !== null && ids.has(unit.parent_id) ? unit.parent_id : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), unit]);
  }
  const build = (parent: number | null, depth: number): UnitNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'vi'))
      .map((unit) => ({ unit, depth, children: build(unit.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first list, for <select> options indented by depth. */
export function flattenTree(nodes: UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** Would making `parentId` the parent of `unitId` create a loop? */
export function createsCycle(units: Pick<UnitRow, 'id' | 'parent_id'>[], unitId: number, parentId: number | null): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
  let cursor = parentId;
  const seen = new Set<number>();
  while (cursor !== null && cursor !== undefined) {
    if (cursor === unitId || seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return false;
}
