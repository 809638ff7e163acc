// Conversion tables for the two legacy 8-bit Vietnamese encodings, written
// as the characters their bytes become when a file is read as Latin-1 /
// Windows-1252 (byte 0xNN shows as U+00NN; all codes used are 0xA0–0xFF).
//
// TCVN3 = TCVN 5712:1993, table VN3 — the "ABC" fonts (.VnTime, .VnArial…).
//   One byte per letter. VN3 has codes for the lowercase toned letters only;
//   the capital fonts (.VnTimeH…) draw those same codes as capitals, so a
//   capital with a tone cannot be told from its lowercase form and decodes to
//   lowercase. Ă Â Ê Ô Ơ Ư Đ have their own codes (0xA1–0xA7). 0xB0–0xB4 are
//   the five tone marks as separate (combining) characters.
//
// VNI = the VNI-Windows code page of the VNI fonts (VNI-Times…). A letter is
//   a base ASCII letter followed by one mark character (tone, circumflex,
//   breve, or circumflex/breve with tone) whose case follows the letter's.
//   ơ ư đ, the toned i letters and ỵ have single codes.

/** Tone order of every row below: none, huyền, hỏi, ngã, sắc, nặng. */
export const TONE_MARKS = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const;

/** The twelve Vietnamese vowels, lowercase. */
export const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
export type Vowel = (typeof VOWELS)[number];

type ToneRow = readonly [none: number, grave: number, hook: number, tilde: number, acute: number, dot: number];

/** A vowel with a tone (index into TONE_MARKS) as one NFC letter. */
export function toneLetter(vowel: string, tone: number): string {
  return (vowel + (TONE_MARKS[tone] ?? '')).normalize('NFC');
}

// ---- TCVN3 (TCVN 5712:1993 VN3) ----------------------------------------

const TCVN3_ROWS: Readonly<Record<Vowel, ToneRow>> = {
  a: [0x61, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9], // a µ ¶ · ¸ ¹
  ă: [0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6], // ¨ » ¼ ½ ¾ Æ
  â: [0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb], // © Ç È É Ê Ë
  e: [0x65, 0xcc, 0xce, 0xcf, 0xd0, 0xd1], // e Ì Î Ï Ð Ñ
  ê: [0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6], // ª Ò Ó Ô Õ Ö
  i: [0x69, 0xd7, 0xd8, 0xdc, 0xdd, 0xde], // i × Ø Ü Ý Þ
  o: [0x6f, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4], // o ß á â ã ä
  ô: [0xab, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9], // « å æ ç è é
  ơ: [0xac, 0xea, 0xeb, 0xec, 0xed, 0xee], // ¬ ê ë ì í î
  u: [0x75, 0xef, 0xf1, 0xf2, 0xf3, 0xf4], // u ï ñ ò ó ô
  ư: [0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9], // (soft hyphen) õ ö ÷ ø ù
  y: [0x79, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe], // y ú û ü ý þ
};

/** Letters that VN3 codes separately in upper case. */
const TCVN3_CAPITALS: Readonly<Record<string, number>> = {
  Ă: 0xa1, // ¡
  Â: 0xa2, // ¢
  Ê: 0xa3, // £
  Ô: 0xa4, // ¤
  Ơ: 0xa5, // ¥
  Ư: 0xa6, // ¦
  Đ: 0xa7, // §
};

const TCVN3_D_STROKE = 0xae; // ® = đ

/** 0xB0–0xB4: the tone marks on their own, written after the vowel. */
export const TCVN3_TONE_CODES: ReadonlyMap<string, string> = new Map([
  ['\u00b0', '\u0300'], // ° huyền
  ['\u00b1', '\u0309'], // ± hỏi
  ['\u00b2', '\u0303'], // ² ngã
  ['\u00b3', '\u0301'], // ³ sắc
  ['\u00b4', '\u0323'], // ´ nặng
]);

function buildTcvn3(): { decode: Map<string, string>; encode: Map<string, string> } {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  for (const vowel of VOWELS) {
    TCVN3_ROWS[vowel].forEach((code, tone) => {
      const lower = toneLetter(vowel, tone);
      const upper = lower.toUpperCase();
      const char = String.fromCharCode(code);
      if (code < 0x80) return; // plain a e i o u y are ASCII
      decode.set(char, lower);
      encode.set(lower, char);
      // Capitals share the lowercase code, unless VN3 has one of their own.
      const capital = TCVN3_CAPITALS[upper];
      encode.set(upper, capital === undefined ? char : String.fromCharCode(capital));
    });
  }
  for (const [upper, code] of Object.entries(TCVN3_CAPITALS)) {
    decode.set(String.fromCharCode(code), upper);
    encode.set(upper, String.fromCharCode(code));
  }
  decode.set(String.fromCharCode(TCVN3_D_STROKE), 'đ');
  encode.set('đ', String.fromCharCode(TCVN3_D_STROKE));
  return { decode, encode };
}

const tcvn3 = buildTcvn3();
/** TCVN3 code (as a Latin-1 char) → Unicode letter. */
export const TCVN3_DECODE: ReadonlyMap<string, string> = tcvn3.decode;
/** Unicode letter (NFC) → TCVN3 code; toned capitals get lowercase codes. */
export const TCVN3_ENCODE: ReadonlyMap<string, string> = tcvn3.encode;

// ---- VNI (VNI-Windows) --------------------------------------------------

type MarkRow = readonly [none: string, grave: string, hook: string, tilde: string, acute: string, dot: string];
interface CaseRow {
  lower: MarkRow;
  upper: MarkRow;
}

const VNI_TONE: CaseRow = {
  lower: ['', '\u00f8', '\u00fb', '\u00f5', '\u00f9', '\u00ef'], //    ø û õ ù ï
  upper: ['', '\u00d8', '\u00db', '\u00d5', '\u00d9', '\u00cf'], //    Ø Û Õ Ù Ï
};
const VNI_CIRCUMFLEX: CaseRow = {
  lower: ['\u00e2', '\u00e0', '\u00e5', '\u00e3', '\u00e1', '\u00e4'], // â à å ã á ä
  upper: ['\u00c2', '\u00c0', '\u00c5', '\u00c3', '\u00c1', '\u00c4'], // Â À Å Ã Á Ä
};
const VNI_BREVE: CaseRow = {
  lower: ['\u00ea', '\u00e8', '\u00fa', '\u00fc', '\u00e9', '\u00eb'], // ê è ú ü é ë
  upper: ['\u00ca', '\u00c8', '\u00da', '\u00dc', '\u00c9', '\u00cb'], // Ê È Ú Ü É Ë
};
// i takes no mark character: each toned i is a single code.
const VNI_I: CaseRow = {
  lower: ['i', '\u00ec', '\u00e6', '\u00f3', '\u00ed', '\u00f2'], // i ì æ ó í ò
  upper: ['I', '\u00cc', '\u00c6', '\u00d3', '\u00cd', '\u00d2'], // I Ì Æ Ó Í Ò
};

/** How each vowel is spelt: base character(s) and the mark row appended. */
const VNI_VOWELS: Readonly<Record<Vowel, { base: readonly [string, string]; marks: CaseRow }>> = {
  a: { base: ['a', 'A'], marks: VNI_TONE },
  ă: { base: ['a', 'A'], marks: VNI_BREVE },
  â: { base: ['a', 'A'], marks: VNI_CIRCUMFLEX },
  e: { base: ['e', 'E'], marks: VNI_TONE },
  ê: { base: ['e', 'E'], marks: VNI_CIRCUMFLEX },
  i: { base: ['', ''], marks: VNI_I },
  o: { base: ['o', 'O'], marks: VNI_TONE },
  ô: { base: ['o', 'O'], marks: VNI_CIRCUMFLEX },
  ơ: { base: ['\u00f4', '\u00d4'], marks: VNI_TONE }, // ô Ô
  u: { base: ['u', 'U'], marks: VNI_TONE },
  ư: { base: ['\u00f6', '\u00d6'], marks: VNI_TONE }, // ö Ö
  y: { base: ['y', 'Y'], marks: VNI_TONE },
};

const VNI_Y_DOT: readonly [string, string] = ['\u00ee', '\u00ce']; // î Î = ỵ Ỵ
const VNI_D_STROKE: readonly [string, string] = ['\u00f1', '\u00d1']; // ñ Ñ = đ Đ

function vniSpelling(vowel: Vowel, tone: number, upper: boolean): string {
  if (vowel === 'y' && tone === 5) return upper ? VNI_Y_DOT[1] : VNI_Y_DOT[0];
  const { base, marks } = VNI_VOWELS[vowel];
  const row = upper ? marks.upper : marks.lower;
  return (upper ? base[1] : base[0]) + (row[tone] ?? '');
}

function buildVni(): { decode: Map<string, string>; encode: Map<string, string> } {
  const decode = new Map<string, string>();
  const encode = new Map<string, string>();
  const add = (letter: string, code: string): void => {
    if (letter.charCodeAt(0) < 0x80) return; // plain ASCII vowels
    decode.set(code, letter);
    encode.set(letter, code);
  };
  for (const vowel of VOWELS) {
    for (let tone = 0; tone < TONE_MARKS.length; tone++) {
      const lower = toneLetter(vowel, tone);
      add(lower, vniSpelling(vowel, tone, false));
      add(lower.toUpperCase(), vniSpelling(vowel, tone, true));
    }
  }
  add('đ', VNI_D_STROKE[0]);
  add('Đ', VNI_D_STROKE[1]);
  return { decode, encode };
}

const vni = buildVni();
/** VNI code (one or two Latin-1 chars) → Unicode letter. */
export const VNI_DECODE: ReadonlyMap<string, string> = vni.decode;
/** Unicode letter (NFC) → VNI code. */
export const VNI_ENCODE: ReadonlyMap<string, string> = vni.encode;

/** All 134 Vietnamese letters with a diacritic (67 lowercase, 67 capitals). */
export const VIETNAMESE_LETTERS: readonly string[] = (() => {
  const letters: string[] = [];
  for (const vowel of VOWELS) {
    for (let tone = 0; tone < TONE_MARKS.length; tone++) {
      const lower = toneLetter(vowel, tone);
      if (lower !== vowel || vowel.normalize('NFD') !== vowel) letters.push(lower, lower.toUpperCase());
    }
  }
  letters.push('đ', 'Đ');
  return letters;
})();
