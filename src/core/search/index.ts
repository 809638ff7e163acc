// Site search, the pure part: what is indexed, how a query is read and how
// results are excerpted and highlighted. No I/O; the storage is in
// modules/search.

export { foldedWords, indexedFields, MAX_WORD_LENGTH, searchTokens } from './words.ts';
export type { IndexedFields } from './words.ts';
export { MAX_QUERY_CHARS, MAX_QUERY_TOKENS, parseQuery } from './query.ts';
export type { ParsedQuery } from './query.ts';
export { highlight, snippet, snippetSource } from './snippet.ts';
