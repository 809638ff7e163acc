// The parsed query in each engine's own full-text syntax. These strings are
// bound as parameters, never spliced into SQL; and they are built only from
// tokens [a-z0-9]+ (parseQuery and searchTokens guarantee it, `token`
// re-checks it), so nothing a visitor types can become an operator, a column
// filter or a prefix search.

import type { ParsedQuery } from '../../core/search/index.ts';

const TOKEN = /^[a-z0-9]+$/;

function token(word: string): string {
  if (!TOKEN.test(word)) throw new Error(`Not a search token: ${JSON.stringify(word)}`);
  return word;
}

export type Field = 'title' | 'body';

// ---- SQLite FTS5 -------------------------------------------------------------

/**
 * Every word and phrase a quoted string, joined by spaces (implicit AND):
 * `"ha" "noi" "dang vien"`. An FTS5 phrase matches consecutive tokens within
 * one column, i.e. in the title or in the body, as required.
 */
export function ftsMatchQuery(query: ParsedQuery): string {
  const words = query.words.map((w) => `"${token(w)}"`);
  const phrases = query.phrases.map((p) => `"${p.map(token).join(' ')}"`);
  return [...words, ...phrases].join(' ');
}

/** The tokens as one phrase in one column: `folded_title : "ha noi"`. */
export function ftsPhraseIn(field: Field, tokens: string[]): string {
  return `${field === 'title' ? 'folded_title' : 'folded_body'} : "${tokens.map(token).join(' ')}"`;
}

/** Both FTS5 expressions must match. */
export function ftsAnd(left: string, right: string): string {
  return `(${left}) AND (${right})`;
}

// ---- PostgreSQL tsquery ------------------------------------------------------

/**
 * For to_tsquery('simple', …): `ha & noi & (dang:A <-> vien:A | dang:B <-> vien:B)`.
 * The tsvector is title (weight A) || body (weight B), which puts the last
 * title word next to the first body word; pinning every phrase word to one
 * weight keeps a phrase from running across the two, as in FTS5.
 */
export function tsQuery(query: ParsedQuery): string {
  const words = query.words.map(token);
  const phrases = query.phrases.map((p) => `(${tsPhraseIn('title', p)} | ${tsPhraseIn('body', p)})`);
  return [...words, ...phrases].join(' & ');
}

/** The tokens as one phrase in one field: `ha:A <-> noi:A`. */
export function tsPhraseIn(field: Field, tokens: string[]): string {
  const weight = field === 'title' ? 'A' : 'B';
  return tokens.map((w) => `${token(w)}:${weight}`).join(' <-> ');
}
