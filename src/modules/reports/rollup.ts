// The provincial roll-up: the headline figures of every member site of a site
// (sites whose parent is this site, and their members in turn), one row per
// site, from the site's latest approved report of the period where there is
// one (frozen, as the member submitted it), else computed now.
//
// What a headline is: for each section, its first table that has a totals
// row; each figure column of that totals row is a column of the roll-up. What
// is summed: only counts (CellKind 'int') are added into the roll-up's total
// row — shares, averages and durations are not additive and stay empty there.
//
// Beyond the headlines, a section's table whose rows are named (first column
// is text) is summed by row name across the member sites — the counts of rows
// with the same name are added (kinds of case, fields, sections of the same
// name), with the number of sites that had the row — when at least one row
// name occurs on two sites or more; a table none of whose rows is shared
// (each site's own units or items) is not summed, as adding it means nothing.
import type { CellKind, Localized, ReportCell, ReportKind, ReportPeriod, ReportTable } from '../../core/reports/section.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Site } from '../sites/site.ts';
import { listSites } from '../sites/store.ts';
import { computeReport, type ReportFigures } from './compute.ts';
import type { ReportSection } from './context.ts';
import { REPORT_SECTIONS } from './registry.ts';
import { approvedReports, frozenFigures } from './store.ts';
import { isNumeric } from './format.ts';

export interface RollupColumn {
  key: string;
  section: Localized;
  label: Localized;
  kind: CellKind;
}

export interface RollupRow {
  site: Pick<Site, 'id' | 'key' | 'name'>;
  /** The approved version the figures come from; null when computed now. */
  approvedVersion: number | null;
  values: Record<string, ReportCell>;
}

export interface Rollup {
  columns: RollupColumn[];
  rows: RollupRow[];
  totals: Record<string, ReportCell>;
  /** Tables summed by row name across the member sites. */
  tables: { section: Localized; table: ReportTable }[];
}

/** The named tables of the sites' figures, summed by row name where some row is shared. */
export function sumTables(all: ReportFigures[]): { section: Localized; table: ReportTable }[] {
  const acc = new Map<string, { section: Localized; base: ReportTable; rows: Map<string, { cells: Record<string, number>; sites: Set<number> }>; totals: Record<string, number> }>();
  all.forEach((figures, site) => {
    for (const section of figures.sections) {
      for (const table of section.figures.tables) {
        const label = table.columns[0];
        if (!label || label.kind !== 'text') continue;
        const key = `${section.key}.${table.key}`;
        const entry = acc.get(key) ?? { section: section.title, base: table, rows: new Map(), totals: {} as Record<string, number> };
        acc.set(key, entry);
        const counts = table.columns.filter((c) => c.kind === 'int');
        for (const row of table.rows) {
          const name = String(row[label.key] ?? '');
          const r = entry.rows.get(name) ?? { cells: {} as Record<string, number>, sites: new Set<number>() };
          entry.rows.set(name, r);
          r.sites.add(site);
          for (const c of counts) r.cells[c.key] = (r.cells[c.key] ?? 0) + (typeof row[c.key] === 'number' ? (row[c.key] as number) : 0);
        }
        for (const c of counts) {
          const total = table.totals ? table.totals[c.key] : table.rows.reduce((n, row) => n + (typeof row[c.key] === 'number' ? (row[c.key] as number) : 0), 0);
          entry.totals[c.key] = (entry.totals[c.key] ?? 0) + (typeof total === 'number' ? total : 0);
        }
      }
    }
  });
  const out: { section: Localized; table: ReportTable }[] = [];
  for (const { section, base, rows, totals } of acc.values()) {
    if (![...rows.values()].some((r) => r.sites.size >= 2)) continue;
    const label = base.columns[0]!;
    const counts = base.columns.filter((c) => c.kind === 'int');
    const sites = { key: 'sites', label: { vi: 'Số trang có số liệu', en: 'Sites with figures' }, kind: 'int' as const };
    out.push({
      section,
      table: {
        key: base.key,
        title: base.title,
        columns: [label, ...counts, sites],
        rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b, 'vi')).map(([name, r]) => ({ [label.key]: name, ...r.cells, sites: r.sites.size })),
        totals: { [label.key]: 'Tổng cộng', ...totals, sites: all.length },
        note: { vi: 'Cộng các dòng cùng tên của các trang thành viên; chỉ cộng số đếm, không cộng tỉ lệ và thời gian bình quân.', en: 'Rows of the same name are added over the member sites; only counts are added, not shares or averages.' },
      },
    });
  }
  return out;
}

/** The member sites of a site, at any depth, in id order; never the site itself. */
export function membersOf(siteId: number, sites: readonly Site[]): Site[] {
  const found = new Map<number, Site>();
  let frontier = [siteId];
  while (frontier.length > 0) {
    const next = sites.filter((s) => s.parentSiteId !== null && frontier.includes(s.parentSiteId) && !found.has(s.id) && s.id !== siteId);
    for (const s of next) found.set(s.id, s);
    frontier = next.map((s) => s.id);
  }
  return [...found.values()].sort((a, b) => a.id - b.id);
}

/** The headline columns and values of one report's figures. */
export function headline(figures: ReportFigures): { columns: RollupColumn[]; values: Record<string, ReportCell> } {
  const columns: RollupColumn[] = [];
  const values: Record<string, ReportCell> = {};
  for (const section of figures.sections) {
    const table = section.figures.tables.find((t) => t.totals);
    if (!table?.totals) continue;
    for (const column of table.columns) {
      if (!isNumeric(column.kind)) continue;
      const key = `${section.key}.${table.key}.${column.key}`;
      columns.push({ key, section: section.title, label: column.label, kind: column.kind });
      values[key] = table.totals[column.key] ?? null;
    }
  }
  return { columns, values };
}

export async function computeRollup(db: Db, site: Site, kind: ReportKind, period: ReportPeriod, now: Date, sections: readonly ReportSection[] = REPORT_SECTIONS): Promise<Rollup> {
  const members = membersOf(site.id, await listSites(db));
  const approved = await approvedReports(db, members.map((m) => m.id), kind, period.key);
  const columns = new Map<string, RollupColumn>();
  const rows: RollupRow[] = [];
  const all: ReportFigures[] = [];
  for (const member of members) {
    const row = approved.get(member.id);
    const figures = (row && frozenFigures(row)) ?? (await computeReport(db, member, kind, period, now, sections));
    all.push(figures);
    const h = headline(figures);
    for (const c of h.columns) if (!columns.has(c.key)) columns.set(c.key, c);
    rows.push({ site: { id: member.id, key: member.key, name: member.name }, approvedVersion: row?.version ?? null, values: h.values });
  }
  const totals: Record<string, ReportCell> = {};
  for (const c of columns.values()) {
    totals[c.key] = c.kind === 'int' ? rows.reduce((sum, r) => sum + (typeof r.values[c.key] === 'number' ? (r.values[c.key] as number) : 0), 0) : null;
  }
  return { columns: [...columns.values()], rows, totals, tables: sumTables(all) };
}
