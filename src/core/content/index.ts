// Content processing for articles: the allow-list for stored rich text,
// legacy-encoding repair, plain text, screening for prohibited content and
// revision diffs. Pure functions, no I/O.

export { sanitizeArticleHtml } from './sanitize.ts';
export type { SanitizeOptions, SanitizeResult } from './sanitize.ts';
export { repairHtmlText } from './legacy-html.ts';
export type { HtmlRepairResult } from './legacy-html.ts';
export { extractLinks, htmlToText } from './text.ts';
export { highlightMatches, screen } from './screening.ts';
export type { ScreeningField, ScreeningInput, ScreeningMatch, ScreeningRule } from './screening.ts';
export { diffFields, diffText } from './diff.ts';
export type { DiffPart, FieldDiff } from './diff.ts';
export { applyPictureTexts, pictureField, picturesOf, picturesWithoutAlt } from './pictures.ts';
export type { BodyPicture, PictureText } from './pictures.ts';
