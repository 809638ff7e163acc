// Uploaded bytes, kept by content hash outside the database.
export { checkFileId, fileTooLarge, formatMegabytes, isFileId } from './file-store.ts';
export type { FileStore, StoredFile } from './file-store.ts';
export { createLocalFileStore } from './local-file-store.ts';
