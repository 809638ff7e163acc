// Repair of text typed in the legacy TCVN3 (ABC) or VNI encodings and then
// read as Latin-1 / Windows-1252, e.g. "Hµ Néi" (TCVN3), "Haø Noäi" (VNI).
// Tables: ./legacy-tables.ts.

import { TCVN3_DECODE, TCVN3_ENCODE, TCVN3_TONE_CODES, VNI_DECODE, VNI_ENCODE } from './legacy-tables.ts';
import { toNfc } from './normalize.ts';
import { isVietnameseSyllable } from './syllable.ts';

export type LegacyEncoding = 'tcvn3' | 'vni';

export interface RepairResult {
  text: string;
  converted: LegacyEncoding | null;
}

const ENCODINGS: readonly LegacyEncoding[] = ['tcvn3', 'vni'];

// ---- conversion -----------------------------------------------------------

/** Decode TCVN3 or VNI mojibake into Unicode (NFC). Other chars pass through. */
export function convertLegacy(text: string, encoding: LegacyEncoding): string {
  // NFC first: a pipeline may have decomposed the Latin-1 letters ("é").
  const input = text.normalize('NFC');
  const output = encoding === 'tcvn3' ? decodeTcvn3(input) : decodeVni(input);
  return output.normalize('NFC');
}

/** Encode Unicode text into TCVN3 or VNI (as Latin-1 chars); for tests and tools. */
export function encodeLegacy(text: string, encoding: LegacyEncoding): string {
  const table = encoding === 'tcvn3' ? TCVN3_ENCODE : VNI_ENCODE;
  let out = '';
  for (const char of text.normalize('NFC')) out += table.get(char) ?? char;
  return out;
}

// A TCVN3 separate tone mark (0xB0–0xB4) only counts right after a bare
// vowel; elsewhere those bytes are more likely °, ±, ², ³, ´ from other fonts.
const BARE_VOWEL_AT_END = /[aăâeêioôơuưy]$/i;

function decodeTcvn3(text: string): string {
  let out = '';
  for (const char of text) {
    const letter = TCVN3_DECODE.get(char);
    const tone = TCVN3_TONE_CODES.get(char);
    if (letter !== undefined) out += letter;
    else if (tone !== undefined && BARE_VOWEL_AT_END.test(out)) out += tone;
    else out += char;
  }
  return out;
}

function decodeVni(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    // Longest match first: "aâ" is â, "oâ" ô, while "â" alone is not a letter.
    const pair = VNI_DECODE.get(text.slice(i, i + 2));
    if (pair !== undefined) {
      out += pair;
      i += 2;
      continue;
    }
    const char = text.charAt(i);
    out += VNI_DECODE.get(char) ?? char;
    i += 1;
  }
  return out;
}

// ---- detection ------------------------------------------------------------
//
// Heuristic, per word (a run of letters and Latin-1 symbols; digits,
// spaces and ASCII punctuation split words):
//   * A word is a candidate only if it contains a char in U+00A1–U+00FF, has
//     at least two chars, and is NOT already a valid Vietnamese syllable as
//     it stands ("sè", "vô", "thé" are neutral: they read fine either way).
//   * For each encoding, a candidate is a HIT when its decoding is a valid
//     Vietnamese syllable ("c¸c" → "các", "ngµy" → "ngày", "Haø" → "Hà"),
//     else a MISS ("café", "naïve", "°C" decode to no syllable).
//   * A hit is TELLTALE when it shows the encoding's own shape: for TCVN3 a
//     code in U+00A1–U+00BF, × or ÷ (symbols no Latin-script language puts
//     inside words: ¸ µ ¹ ® ¬ « …); for VNI a vowel + mark pair ("aø", "eä").
//     Hits from Latin-1 letters alone (Danish "på" → TCVN3 "pồ") are weak.
//   * Words with Vietnamese letters outside Latin-1 (ă đ ơ ư ạ ả ấ …) show the
//     text is already Unicode and count as misses for both encodings.
// An encoding is reported when it has at least MIN_HITS hits from at least
// MIN_DISTINCT different words, at least one of them telltale, and hits are
// at least MIN_SHARE of hits + misses. If both qualify, the higher share
// wins; a tie gives null. The syllable check (./syllable.ts) carries the
// weight: Latin-1 letters in English, French or German words almost never
// decode to Vietnamese syllables.

const MIN_HITS = 2;
const MIN_DISTINCT = 2;
const MIN_SHARE = 0.6;
const MAX_WORDS = 20_000; // enough evidence; keeps huge inputs cheap

const WORD = /[A-Za-z\u00A1-\u00FF\u0100-\u024F\u0300-\u036F\u1E00-\u1EFF]+/g;
const LATIN1_HIGH = /[\u00A1-\u00FF]/;
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/;

const TCVN3_TELLTALE = /[\u00A1-\u00BF\u00D7\u00F7]/;

const isTelltale: Record<LegacyEncoding, (word: string) => boolean> = {
  tcvn3: (word) => TCVN3_TELLTALE.test(word),
  vni: (word) => hasVniPair(word),
};

function hasVniPair(word: string): boolean {
  for (let i = 0; i + 1 < word.length; i++) if (VNI_DECODE.has(word.slice(i, i + 2))) return true;
  return false;
}

interface Score {
  hits: number;
  misses: number;
  telltales: number;
  distinct: Set<string>;
}

/** Which legacy encoding the text is mojibake of, or null when unsure. */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  const scores = scoreText(toNfc(text));
  const qualified = ENCODINGS.filter((enc) => qualifies(scores[enc]));
  if (qualified.length <= 1) return qualified[0] ?? null;
  const [tcvn3, vni] = [share(scores.tcvn3), share(scores.vni)];
  if (tcvn3 === vni) return null;
  return tcvn3 > vni ? 'tcvn3' : 'vni';
}

function scoreText(text: string): Record<LegacyEncoding, Score> {
  const scores = { tcvn3: newScore(), vni: newScore() };
  let seen = 0;
  for (const [word] of text.matchAll(WORD)) {
    if (++seen > MAX_WORDS) break;
    if (UNICODE_VIETNAMESE.test(word)) {
      scores.tcvn3.misses++;
      scores.vni.misses++;
    } else if (isCandidate(word)) {
      for (const enc of ENCODINGS) tally(scores[enc], enc, word);
    }
  }
  return scores;
}

function isCandidate(word: string): boolean {
  return word.length >= 2 && LATIN1_HIGH.test(word) && !isVietnameseSyllable(word);
}

function tally(score: Score, enc: LegacyEncoding, word: string): void {
  if (isVietnameseSyllable(convertLegacy(word, enc))) {
    score.hits++;
    if (isTelltale[enc](word)) score.telltales++;
    score.distinct.add(word.toLowerCase());
  } else {
    score.misses++;
  }
}

function newScore(): Score {
  return { hits: 0, misses: 0, telltales: 0, distinct: new Set() };
}

function share(score: Score): number {
  const total = score.hits + score.misses;
  return total === 0 ? 0 : score.hits / total;
}

function qualifies(score: Score): boolean {
  return (
    score.hits >= MIN_HITS &&
    score.distinct.size >= MIN_DISTINCT &&
    score.telltales >= 1 &&
    share(score) >= MIN_SHARE
  );
}

// ---- repair ---------------------------------------------------------------

/**
 * Detect and convert legacy mojibake. The whole text is tried first (a fully
 * legacy document converts even its short lines); failing that, each line on
 * its own, for Unicode documents with a pasted legacy line. Output is NFC
 * (toNfc); `converted` names the encoding used, or the one used on most
 * lines (TCVN3 on a tie).
 */
export function repairVietnamese(text: string): RepairResult {
  const clean = toNfc(text);
  const whole = detectLegacyEncoding(clean);
  if (whole !== null) return { text: convertLegacy(clean, whole), converted: whole };
  return repairLines(clean);
}

function repairLines(text: string): RepairResult {
  const count: Record<LegacyEncoding, number> = { tcvn3: 0, vni: 0 };
  const lines = text.split('\n').map((line) => {
    const enc = detectLegacyEncoding(line);
    if (enc === null) return line;
    count[enc]++;
    return convertLegacy(line, enc);
  });
  if (count.tcvn3 + count.vni === 0) return { text, converted: null };
  return { text: lines.join('\n'), converted: count.vni > count.tcvn3 ? 'vni' : 'tcvn3' };
}
