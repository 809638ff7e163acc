// The provincial roll-up: the headline figures of every member site of a site
// (sites whose parent is this site, and their members in turn), one row per
// site, from the site's latest approved report of the period where there is
// one (frozen, as the member submitted it), else computed now.
//
// What a headline is: for each section, its first table that has a totals
// row; each figure column of that totals row is a column of the roll-up. What
// is summed: only counts (CellKind 'int') are added into the roll-up's total
// row — shares, averages and durations are not additive and stay empty there.
import type { CellKind, Localized, ReportCell, ReportKind, ReportPeriod } from '../../core/reports/section.ts';
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
  for (const member of members) {
    const row = approved.get(member.id);
    const figures = (row && frozenFigures(row)) ?? (await computeReport(db, member, kind, period, now, sections));
    const h = headline(figures);
    for (const c of h.columns) if (!columns.has(c.key)) columns.set(c.key, c);
    rows.push({ site: { id: member.id, key: member.key, name: member.name }, approvedVersion: row?.version ?? null, values: h.values });
  }
  const totals: Record<string, ReportCell> = {};
  for (const c of columns.values()) {
    totals[c.key] = c.kind === 'int' ? rows.reduce((sum, r) => sum + (typeof r.values[c.key] === 'number' ? (r.values[c.key] as number) : 0), 0) : null;
  }
  return { columns: [...columns.values()], rows, totals };
}
