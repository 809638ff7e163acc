// Word .docx import for article drafts.
export { importDocx } from './import-docx.ts';
export type { DocxImage, DocxImport } from './import-docx.ts';
