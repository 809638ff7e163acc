// The contract between what is measured and what is reported. Each capability
// that counts something for the board (provision and quotas, deadlines, review
// timeliness, usage, completeness, citizens' cases) offers report sections;
// the reports capability gathers them into the monthly, 6-monthly and yearly
// reports (pages with charts, XLSX, PDF), freezes them when approved, and rolls
// them up over member sites. A section's figures are plain data — numbers and
// words, no HTML — so they can be stored as a frozen snapshot and rendered in
// any format later. Pure types and helpers: no I/O here.

/** A reporting period: whole Vietnamese calendar days, `from` and `to` inclusive (YYYY-MM-DD). */
export interface ReportPeriod {
  /** 'month' (2026-11), 'half' (2026-H2), 'year' (2026), or 'custom'. */
  kind: 'month' | 'half' | 'year' | 'custom';
  /** The period's label key: "2026-11", "2026-H2", "2026". */
  key: string;
  from: string;
  to: string;
}

export type Localized = { vi: string; en: string };

/** How a cell reads: a count, a share (0–1), a duration in working hours or days, a date, or words. */
export type CellKind = 'int' | 'decimal' | 'percent' | 'working_hours' | 'working_days' | 'date' | 'datetime' | 'text';

export interface ReportColumn {
  key: string;
  label: Localized;
  kind: CellKind;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  key: string;
  title: Localized;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  /** A totals row, keyed like the rows. */
  totals?: Record<string, ReportCell>;
  /** Where a reader opens the items behind a row (a back-office address), keyed by row index. */
  links?: Record<number, string>;
  /** A sentence under the table (what is counted, which rule applied). */
  note?: Localized;
}

/** A bar or line chart drawn from one of the section's tables (rendered as SVG beside the table). */
export interface ReportChart {
  key: string;
  title: Localized;
  kind: 'bar' | 'line';
  /** The table whose rows give the categories (labelColumn) and the values (valueColumns). */
  table: string;
  labelColumn: string;
  valueColumns: string[];
}

export interface SectionFigures {
  /** A short summary in words, one line per finding (e.g. "3 of 12 units under quota"). */
  summary: Localized[];
  tables: ReportTable[];
  charts: ReportChart[];
}

/** Which reports a section belongs in. */
export type ReportKind = 'monthly' | 'half_yearly' | 'yearly';

export interface ReportSectionDefinition<Ctx> {
  key: string;
  title: Localized;
  /** Its place in a report: lower first. */
  order: number;
  reports: ReportKind[];
  compute(ctx: Ctx, period: ReportPeriod): Promise<SectionFigures>;
}

/**
 * A table's link for row `index`, when it is an address on this site ("/admin/…"): a frozen snapshot
 * outlives the code that wrote it, so what reaches an href is checked where it is drawn.
 */
export function rowLink(table: Pick<ReportTable, 'links'>, index: number | null): string | undefined {
  const link = index === null ? undefined : table.links?.[index];
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month "YYYY-MM" as a period, or null when it is not one. */
export function monthPeriod(key: string): ReportPeriod | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { kind: 'month', key, from: `${key}-01`, to: `${key}-${pad(last)}` };
}

/** "YYYY-H1" or "YYYY-H2" as a period. */
export function halfPeriod(key: string): ReportPeriod | null {
  const m = /^(\d{4})-H([12])$/.exec(key);
  if (!m) return null;
  return m[2] === '1' ? { kind: 'half', key, from: `${m[1]}-01-01`, to: `${m[1]}-06-30` } : { kind: 'half', key, from: `${m[1]}-07-01`, to: `${m[1]}-12-31` };
}

/** "YYYY" as a period. */
export function yearPeriod(key: string): ReportPeriod | null {
  return /^\d{4}$/.test(key) ? { kind: 'year', key, from: `${key}-01-01`, to: `${key}-12-31` } : null;
}

/** Any of the three keys. */
export function parsePeriod(key: string): ReportPeriod | null {
  return monthPeriod(key) ?? halfPeriod(key) ?? yearPeriod(key);
}

/** The months (YYYY-MM) a period covers, in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const out: string[] = [];
  let [y, m] = period.from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(m)}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}
