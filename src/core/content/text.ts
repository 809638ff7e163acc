// Plain text out of article HTML, for search indexing, screening and
// revision diffs: one line per block (paragraph, heading, list item, table
// row with cells separated by a tab), whitespace collapsed, NFC.

import { toNfc } from '../vietnamese/index.ts';
import { type HtmlElement, NON_TEXT_ELEMENTS, descendants, isBlock, parseHtml } from './html-tree.ts';

export function htmlToText(html: string): string {
  const out = new TextBuilder();
  writeChildren(parseHtml(html), out);
  return out.finish();
}

class TextBuilder {
  private readonly lines: string[] = [];
  private line = '';

  inline(text: string): void {
    const collapsed = text.replace(/\s+/g, ' ');
    this.line += this.line === '' || this.line.endsWith(' ') || this.line.endsWith('\t') ? collapsed.trimStart() : collapsed;
  }

  /** Text of a <pre>: its own line breaks and spacing are the content. */
  preformatted(text: string): void {
    const [first = '', ...rest] = text.split('\n');
    this.line += first;
    for (const line of rest) {
      this.lines.push(this.line);
      this.line = line;
    }
  }

  cellSeparator(): void {
    this.line = `${this.line.trimEnd()}\t`;
  }

  newline(): void {
    if (this.line.trim() !== '') this.lines.push(this.line.trimEnd());
    this.line = '';
  }

  finish(): string {
    this.newline();
    return toNfc(this.lines.join('\n'));
  }
}

interface Context {
  pre: boolean;
  /** Inside a table cell the row stays on one line: blocks only add a space. */
  cell: boolean;
}

function writeChildren(el: HtmlElement, out: TextBuilder, ctx: Context = { pre: false, cell: false }): void {
  let cells = 0;
  for (const child of el.children) {
    if (child.kind === 'text') {
      if (ctx.pre) out.preformatted(child.text);
      else out.inline(child.text);
    } else if (child.kind !== 'element' || NON_TEXT_ELEMENTS.has(child.name)) {
      continue;
    } else if (child.name === 'td' || child.name === 'th') {
      if (cells++ > 0) out.cellSeparator();
      writeChildren(child, out, { pre: ctx.pre, cell: true });
    } else if (ctx.cell && (child.name === 'br' || isBlock(child))) {
      out.inline(' ');
      writeChildren(child, out, ctx);
      out.inline(' ');
    } else if (child.name === 'br') {
      out.newline();
    } else if (isBlock(child)) {
      out.newline();
      writeChildren(child, out, { pre: ctx.pre || child.name === 'pre', cell: false });
      out.newline();
    } else {
      writeChildren(child, out, ctx);
    }
  }
}

/** The href of every link, in document order, without duplicates. */
export function extractLinks(html: string): string[] {
  const hrefs = descendants(parseHtml(html))
    .filter((el) => el.name === 'a')
    .map((el) => el.attribs['href']?.trim() ?? '')
    .filter((href) => href !== '');
  return [...new Set(hrefs)];
}
