// Units (phòng, ban, cơ quan, xã…) that provide information and answer citizens.
import { buildTree, createsCycle, flattenTree, type TreeNode } from '../../core/tree.ts';
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

export type UnitNode = TreeNode<UnitRow>;

/** Units nest like every tree of the site (core/tree.ts). */
export function buildUnitTree(units: UnitRow[]): UnitNode[] {
  return buildTree(units);
}

export { createsCycle, flattenTree };
