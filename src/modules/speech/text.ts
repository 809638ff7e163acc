// What is read aloud: the title, the summary and the body's text, blocks ended
// with a full stop so the voice pauses between them, no markup, NFC. Numbers
// are left to espeak-ng, which reads them in the voice's language.
import { htmlToText } from '../../core/content/text.ts';
import { toNfc } from '../../core/vietnamese/index.ts';
import type { ArticleContent } from '../articles/article.ts';

/** The kinds read aloud: news and articles (pages, documents, entries have their own forms of reading). */
export const SPOKEN_KINDS: readonly string[] = ['news', 'article', 'translation', 'collected'];
/** Shorter than this (title included) there is nothing worth listening to. */
export const MIN_SPOKEN_CHARS = 200;
/** Longer bodies are cut at a sentence end near this size: about twenty minutes of speech. */
export const MAX_SPOKEN_CHARS = 20_000;

/** A line ends with punctuation that makes the voice pause; otherwise it gets a full stop. */
function sentence(line: string): string {
  const trimmed = line.replace(/\t+/g, ', ').replace(/\s+/g, ' ').trim();
  if (trimmed === '') return '';
  return /[.!?…:;,]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function capped(text: string): string {
  if (text.length <= MAX_SPOKEN_CHARS) return text;
  const cut = text.slice(0, MAX_SPOKEN_CHARS);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  return end > MAX_SPOKEN_CHARS / 2 ? cut.slice(0, end + 1) : cut;
}

export type SpokenText = { text: string } | { skip: string };

/** The text of a revision to read, or why it is not read. */
export function spokenText(content: Pick<ArticleContent, 'kind' | 'title' | 'summary' | 'bodyHtml'>): SpokenText {
  if (!SPOKEN_KINDS.includes(content.kind)) return { skip: `kind ${content.kind} is not read aloud` };
  const lines = [content.title, content.summary, ...htmlToText(content.bodyHtml).split('\n')].map(sentence).filter((l) => l !== '');
  const text = toNfc(lines.join('\n\n'));
  if (text.length < MIN_SPOKEN_CHARS) return { skip: `text too short (${text.length} characters)` };
  return { text: capped(text) };
}
