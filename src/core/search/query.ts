// A visitor's search box text, reduced to what the engines can match: folded
// words and quoted phrases. Nothing of the input survives as syntax — only
// tokens [a-z0-9]+ — so no engine operator can be smuggled through it.

import { toNfc } from '../vietnamese/index.ts';
import { searchTokens } from './words.ts';

export interface ParsedQuery {
  /** The input, NFC, control characters as spaces, trimmed (cut to MAX_QUERY_CHARS). */
  raw: string;
  /** Folded words that must all appear (in title or body). */
  words: string[];
  /** Folded phrases (≥ 2 words each) that must appear as consecutive words. */
  phrases: string[][];
  /** The lower-case input without quotes, whitespace collapsed: documents containing it as written rank first. */
  exact: string;
}

/** Words and phrase words together; more are ignored (a query is a few words, not a page). */
export const MAX_QUERY_TOKENS = 12;
/** Longer input is cut before parsing, so a pasted page costs nothing. */
export const MAX_QUERY_CHARS = 500;

// Straight and typographic double quotes (Vietnamese keyboards send “ ” and „).
const QUOTE = /["“”„]/;
const QUOTES = /["“”„]/g;
// Control characters separate words, as spaces do; kept in `exact`, a NUL
// would make PostgreSQL refuse the query (no text parameter may hold one).
const CONTROL = /\p{Cc}/gu;

/** null when the input has no word at all (empty, only punctuation or quotes). */
export function parseQuery(input: string): ParsedQuery | null {
  const raw = cutToChars(toNfc(input), MAX_QUERY_CHARS).replace(CONTROL, ' ').trim();
  const builder = new QueryBuilder();
  // Even segments are outside quotes, odd ones inside; an unclosed quote
  // runs to the end, as in the usual search engines.
  raw.split(QUOTE).forEach((segment, index) => {
    const tokens = searchTokens(segment);
    if (index % 2 === 1) builder.addPhrase(tokens);
    else for (const token of tokens) builder.addWord(token);
  });
  if (builder.words.length === 0 && builder.phrases.length === 0) return null;
  const exact = raw.toLowerCase().replace(QUOTES, ' ').replace(/\s+/g, ' ').trim();
  return { raw, words: builder.words, phrases: builder.phrases, exact };
}

class QueryBuilder {
  readonly words: string[] = [];
  readonly phrases: string[][] = [];
  private budget = MAX_QUERY_TOKENS;
  private readonly phraseKeys = new Set<string>();

  addWord(word: string): void {
    if (this.budget === 0 || this.words.includes(word)) return;
    this.words.push(word);
    this.budget -= 1;
  }

  addPhrase(tokens: string[]): void {
    const kept = tokens.slice(0, this.budget);
    if (kept.length === 1) return this.addWord(kept[0]!);
    if (kept.length === 0) return;
    const key = kept.join(' ');
    if (this.phraseKeys.has(key)) return;
    this.phraseKeys.add(key);
    this.phrases.push(kept);
    this.budget -= kept.length;
  }
}

/** The first `max` code points (never half a surrogate pair). */
function cutToChars(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}
