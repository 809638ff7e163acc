// Word (and Outlook) put list items on the clipboard as paragraphs, not
// <ul>/<ol>: <p class=MsoListParagraph style='mso-list:l0 level1 lfo1'> with
// the bullet or number typed out in a marker span, wrapped in
// <![if !supportLists]> … <![endif]> (or, after a browser has parsed it, in
// <span style='mso-list:Ignore'>). Without this pass the items would become
// paragraphs starting with "·" from the Symbol font.

import {
  type HtmlElement,
  type HtmlNode,
  appendChild,
  descendants,
  detach,
  element,
  isElement,
  replaceWith,
  textContent,
} from './html-tree.ts';

interface ListItem {
  paragraph: HtmlElement;
  listId: string;
  level: number;
  ordered: boolean;
}

const LIST_STYLE = /mso-list\s*:\s*(l\d+)(?:\s+level(\d+))?/i;
const LIST_CLASS = /^MsoListParagraph/i;
const IGNORE_STYLE = /mso-list\s*:\s*ignore/i;
const SUPPORT_LISTS_START = /^!?\[if !supportLists\]/i;
const CONDITION_END = /^!?\[endif\]/i;
// "1.", "a)", "(iv)", "IV." are numbers; "·", "o", "§", "-" are bullets.
const ORDERED_MARKER = /^\(?(\d+|[a-z]|[ivxlcdm]+)[.)]/i;

/** Turn Word's list paragraphs under `root` into nested <ul>/<ol>. */
export function convertWordLists(root: HtmlElement): void {
  const parents = new Set<HtmlElement>();
  const items = new Map<HtmlElement, ListItem>();
  for (const el of descendants(root)) {
    const item = readListItem(el);
    if (item === null || el.parent === null) continue;
    items.set(el, item);
    parents.add(el.parent);
  }
  for (const parent of parents) {
    for (const run of consecutiveRuns(parent, items)) buildList(run);
  }
}

function readListItem(el: HtmlElement): ListItem | null {
  if (el.name !== 'p') return null;
  const style = el.attribs['style'] ?? '';
  const styled = LIST_STYLE.exec(style);
  const classed = LIST_CLASS.test(el.attribs['class'] ?? '');
  if (styled === null && !classed) return null;
  const marker = takeMarker(el);
  // A ListParagraph without numbering is just an indented paragraph.
  if (styled === null && marker === null) return null;
  return {
    paragraph: el,
    listId: styled?.[1]?.toLowerCase() ?? 'l?',
    level: Math.min(Math.max(Number(styled?.[2] ?? 1), 1), 9),
    ordered: marker !== null && ORDERED_MARKER.test(marker.trim()),
  };
}

/** Remove the typed-out bullet/number from the paragraph and return its text. */
function takeMarker(paragraph: HtmlElement): string | null {
  const conditional = takeConditionalMarker(paragraph);
  if (conditional !== null) return conditional;
  const span = descendants(paragraph).find((el) => IGNORE_STYLE.test(el.attribs['style'] ?? ''));
  if (span === undefined) return null;
  const text = textContent(span);
  detach(span);
  return text;
}

function takeConditionalMarker(paragraph: HtmlElement): string | null {
  let inside = false;
  let found = false;
  let text = '';
  const doomed: HtmlNode[] = [];
  const visit = (el: HtmlElement): void => {
    for (const child of el.children) {
      if (child.kind === 'element') {
        if (inside && child.name === 'img') doomed.push(child);
        else visit(child);
      } else if (child.kind === 'text') {
        if (inside) {
          text += child.text;
          doomed.push(child);
        }
      } else if (SUPPORT_LISTS_START.test(child.data.trim())) {
        inside = true;
        found = true;
      } else if (CONDITION_END.test(child.data.trim())) {
        inside = false;
      }
    }
  };
  visit(paragraph);
  // Only the marker's text goes; the spans that held it end up empty and
  // are dropped with the other empty inline elements.
  for (const node of doomed) detach(node);
  return found ? text : null;
}

/** Runs of list paragraphs that follow each other (whitespace and comments between are fine). */
function consecutiveRuns(parent: HtmlElement, items: Map<HtmlElement, ListItem>): ListItem[][] {
  const runs: ListItem[][] = [];
  let run: ListItem[] = [];
  const close = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const child of parent.children) {
    const item = isElement(child) ? items.get(child) : undefined;
    if (item !== undefined) {
      // Another list at the top level starts a new <ul>/<ol>.
      if (item.level === 1 && run.length > 0 && run[0]!.listId !== item.listId) close();
      run.push(item);
    } else if (!isIgnorable(child)) {
      close();
    }
  }
  close();
  return runs;
}

function isIgnorable(node: HtmlNode): boolean {
  return node.kind === 'comment' || node.kind === 'directive' || (node.kind === 'text' && node.text.trim() === '');
}

interface OpenList {
  level: number;
  list: HtmlElement;
}

function buildList(run: ListItem[]): void {
  const first = run[0];
  if (first === undefined) return;
  const stack: OpenList[] = [];
  for (const item of run) {
    // Never pop the outermost list: an item shallower than the first one
    // joins it rather than starting a detached list.
    while (stack.length > 1 && stack.at(-1)!.level > item.level) stack.pop();
    const top = stack.at(-1);
    if (top === undefined || top.level < item.level) {
      const list = element(item.ordered ? 'ol' : 'ul');
      if (top !== undefined) appendChild(lastItemOf(top.list), list);
      stack.push({ level: item.level, list });
    }
    appendChild(stack.at(-1)!.list, element('li', {}, [...item.paragraph.children]));
  }
  replaceWith(first.paragraph, [stack[0]!.list]);
  for (const item of run.slice(1)) detach(item.paragraph);
}

function lastItemOf(list: HtmlElement): HtmlElement {
  const last = list.children.at(-1);
  if (isElement(last, 'li')) return last;
  const li = element('li');
  appendChild(list, li);
  return li;
}
