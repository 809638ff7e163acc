// An amount of money in Vietnamese words, as accountants write it under a
// total ("Bằng chữ: Một triệu hai trăm nghìn đồng"). Groups of three digits
// are read from the top; an all-zero group is skipped, and a group after the
// first is read in full ("không trăm linh năm").

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ', 'triệu tỷ'];

/** Reads 0–999; `full` reads the hundreds and "linh" even when the group starts with zeros. */
function readGroup(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && (full || h > 0)) words.push('linh');
  } else if (t === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[t]!, 'mươi');
  }
  if (u > 0) {
    if (u === 1 && t >= 2) words.push('mốt');
    else if (u === 4 && t >= 2) words.push('tư');
    else if (u === 5 && t >= 1) words.push('lăm');
    else words.push(DIGITS[u]!);
  }
  return words.join(' ');
}

/** 1200000 → "Một triệu hai trăm nghìn đồng"; 0 → "Không đồng". Whole đồng up to 10^18. */
export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError('vndInWords: a whole number of đồng is expected');
  const negative = amount < 0;
  let n = Math.abs(amount);
  let text: string;
  if (n === 0) {
    text = 'không';
  } else {
    const groups: number[] = [];
    while (n > 0) {
      groups.push(n % 1000);
      n = Math.floor(n / 1000);
    }
    const parts: string[] = [];
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i]!;
      if (g === 0) continue;
      const read = readGroup(g, i !== groups.length - 1);
      parts.push(SCALES[i] ? `${read} ${SCALES[i]}` : read);
    }
    text = parts.join(' ');
  }
  const sentence = `${negative ? 'âm ' : ''}${text} đồng`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
