// Site search storage: the index kept in step with publication, and queries
// that behave the same on SQLite (FTS5) and PostgreSQL (tsvector).

export { indexDocument, latestDocuments, removeDocument, searchDocuments } from './store.ts';
export { COUNT_CAP, EXACT_TEXT_WINDOW } from './ranking.ts';
export type { SearchDoc, SearchFilters, SearchHit, SearchPage, SearchResult } from './store.ts';
