// Royalty periods are calendar months in Vietnam time, keyed "YYYY-MM".

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The period a Vietnam date falls in. */
export function periodOfDate(date: string): string {
  return date.slice(0, 7);
}

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** "Tháng 11/2026" */
export function periodLabel(period: string, lang: 'vi' | 'en' = 'vi'): string {
  const [y, m] = period.split('-');
  return lang === 'vi' ? `Tháng ${Number(m)}/${y}` : `${y}-${m}`;
}
