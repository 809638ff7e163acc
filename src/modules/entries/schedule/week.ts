// The week as it is shown and fed: rows sorted by day and time, each with a
// key that stays the same while its day and start stay the same (the n-th row
// starting then), what a correction added or changed against the week
// published before, and which invitation belongs on which row. Pure.
import { vietnamDate } from '../../../core/time.ts';
import { formatDateTime } from '../../../core/time.ts';

export interface ScheduleRow {
  day: string;
  start: string;
  end?: string;
  content: string;
  chair?: string;
  participants?: string;
  place?: string;
  preparedBy?: string;
  note?: string;
}

export type RowMark = 'added' | 'changed' | null;

export interface KeyedRow {
  key: string;
  row: ScheduleRow;
}

/** Rows of a week's values, by day and time (the order they were written in within one start time). */
export function sortedRows(values: Record<string, unknown> | undefined): KeyedRow[] {
  const rows = (Array.isArray(values?.rows) ? values.rows : []) as ScheduleRow[];
  const sorted = rows.filter((r) => typeof r.day === 'string' && typeof r.start === 'string').map((row, i) => ({ row, i }));
  sorted.sort((a, b) => a.row.day.localeCompare(b.row.day) || a.row.start.localeCompare(b.row.start) || a.i - b.i);
  const seen = new Map<string, number>();
  return sorted.map(({ row }) => {
    const base = `${row.day}T${row.start}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { key: `${base}#${n}`, row };
  });
}

const COMPARED: (keyof ScheduleRow)[] = ['end', 'content', 'chair', 'participants', 'place', 'preparedBy', 'note'];

/** What changed since the previously published week: a mark per current row, and the rows taken out. */
export function diffRows(current: KeyedRow[], previous: KeyedRow[] | null): { marks: Map<string, RowMark>; removed: KeyedRow[] } {
  const marks = new Map<string, RowMark>();
  if (!previous) return { marks, removed: [] };
  const before = new Map(previous.map((r) => [r.key, r.row]));
  for (const { key, row } of current) {
    const old = before.get(key);
    marks.set(key, !old ? 'added' : COMPARED.some((f) => (old[f] ?? '') !== (row[f] ?? '')) ? 'changed' : null);
  }
  const now = new Set(current.map((r) => r.key));
  return { marks, removed: previous.filter((r) => !now.has(r.key)) };
}

/** 'HH:MM' of an instant in Vietnam. */
export function vietnamTime(iso: string): string {
  return formatDateTime(iso).slice(11, 16);
}

/** The row an invitation's meeting is on: same day and start time in Vietnam (the first such row). */
export function rowOfMeeting(rows: KeyedRow[], meetingAt: string): string | null {
  const day = vietnamDate(new Date(meetingAt));
  const time = vietnamTime(meetingAt);
  return rows.find((r) => r.row.day === day && r.row.start === time)?.key ?? null;
}
