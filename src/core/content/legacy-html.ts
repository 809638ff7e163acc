// Legacy TCVN3/VNI text inside HTML (a paste from an old .doc typed in
// .VnTime or VNI-Times): convert the text, never the markup. Only the source
// ranges of text nodes are rewritten, so tags, attributes and entities
// outside converted text stay byte for byte as they were.

import { type LegacyEncoding, convertLegacy, detectLegacyEncoding } from '../vietnamese/index.ts';
import { type HtmlElement, type HtmlText, NON_TEXT_ELEMENTS, escapeText, isBlock, parseHtml } from './html-tree.ts';

export interface HtmlRepairResult {
  html: string;
  converted: LegacyEncoding | null;
}

// Letters Unicode Vietnamese has and neither legacy encoding produces
// (both map every letter into Latin-1): a block with one is already Unicode.
const UNICODE_ONLY_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01A0\u01A1\u01AF\u01B0\u1EA0-\u1EF9]/;

interface Block {
  texts: HtmlText[];
}

/**
 * Detect legacy-encoded Vietnamese in the text of an HTML fragment and
 * convert it: the whole text first (a fully legacy document converts even
 * its short lines), then block by block (a legacy paragraph pasted into a
 * Unicode article). `converted` is the encoding used, or the one used by most
 * blocks.
 */
export function repairHtmlText(html: string): HtmlRepairResult {
  const blocks = collectBlocks(parseHtml(html));
  const whole = detectLegacyEncoding(blocks.map(blockText).join('\n'));
  const plan = new Map<Block, LegacyEncoding>();
  for (const block of blocks) {
    const text = blockText(block);
    if (UNICODE_ONLY_VIETNAMESE.test(text)) continue; // a Unicode block in a legacy document
    const encoding = whole ?? detectLegacyEncoding(text);
    if (encoding !== null) plan.set(block, encoding);
  }
  if (plan.size === 0) return { html, converted: null };
  return { html: applyPlan(html, plan), converted: whole ?? mostUsed(plan) };
}

function blockText(block: Block): string {
  return block.texts.map((t) => t.text).join('');
}

/** Text nodes grouped by their nearest block ancestor, in document order. */
function collectBlocks(root: HtmlElement): Block[] {
  const blocks: Block[] = [];
  const visit = (el: HtmlElement, block: Block): void => {
    for (const child of el.children) {
      if (child.kind === 'text') block.texts.push(child);
      else if (child.kind !== 'element' || NON_TEXT_ELEMENTS.has(child.name)) continue;
      else if (isBlock(child)) {
        const inner: Block = { texts: [] };
        blocks.push(inner);
        visit(child, inner);
      } else visit(child, block);
    }
  };
  const top: Block = { texts: [] };
  blocks.push(top);
  visit(root, top);
  return blocks.filter((b) => b.texts.length > 0);
}

function applyPlan(html: string, plan: Map<Block, LegacyEncoding>): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [block, encoding] of plan) {
    for (const node of block.texts) {
      const converted = convertLegacy(node.text, encoding);
      if (converted !== node.text) edits.push({ start: node.start, end: node.end, text: escapeText(converted) });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += html.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + html.slice(at);
}

function mostUsed(plan: Map<Block, LegacyEncoding>): LegacyEncoding {
  let vni = 0;
  for (const encoding of plan.values()) if (encoding === 'vni') vni++;
  return vni > plan.size - vni ? 'vni' : 'tcvn3';
}
