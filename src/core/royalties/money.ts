// Money on royalty pages and sheets: integer VND, grouped the Vietnamese way.

const VND = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1200000 → "1.200.000" */
export function formatVnd(amount: number): string {
  return VND.format(amount);
}

/** Reads "1.200.000", "1 200 000", "1200000" or "1,200,000 đ" into whole đồng; null when not a whole amount. */
export function parseVnd(raw: string): number | null {
  const cleaned = raw.replace(/\s|đ|VND|vnđ/gi, '').replace(/[.,](?=\d{3}(\D|$))/g, '');
  if (!/^-?\d{1,15}$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isSafeInteger(n) ? n : null;
}
