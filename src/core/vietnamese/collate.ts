// Vietnamese alphabetical order via ICU's 'vi' collation (Node ships full
// ICU). Letters: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
// tones as in common dictionaries (e.g. Hoàng Phê's Từ điển tiếng Việt):
// none, huyền (à), hỏi (ả), ngã (ã), sắc (á), nặng (ạ). Tones only decide
// between strings whose letters are equal, so "bà" < "bác" < "băm".
// numeric: digit runs compare as numbers, so "Tổ 2" < "Tổ 10".
const collator = new Intl.Collator('vi', { usage: 'sort', sensitivity: 'variant', numeric: true });

/** Comparator for Array.prototype.sort in Vietnamese dictionary order. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
