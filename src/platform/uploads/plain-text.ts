// Plain text has no magic bytes, so .txt/.csv are recognised by what they
// are not: not binary, not in a legacy encoding, not markup a browser could
// run. Files that pass can only ever be shown as text.

export type TextCheck = 'text' | 'not_utf8' | 'binary' | 'markup';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// C0 controls except tab, line feed, form feed and carriage return; DEL.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
// The start of an HTML/SVG/XML document, or a tag that can run or load something.
const MARKUP = /^\s*<|<\s*(?:!doctype|\?xml|html|head|body|script|iframe|frame|frameset|svg|math|object|embed|applet|meta|link|style|base|form|img|video|audio|template)[\s/>]/i;

export function checkPlainText(data: Buffer): TextCheck {
  if (data.includes(0)) return 'binary';
  let text: string;
  try {
    const body = data.subarray(0, 3).equals(BOM) ? data.subarray(3) : data;
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    // Usually Windows-1258 or TCVN3 from old Vietnamese software.
    return 'not_utf8';
  }
  if (CONTROL.test(text)) return 'binary';
  if (MARKUP.test(text)) return 'markup';
  return 'text';
}

/** Cheap check on the first bytes, to describe a refused file that is markup. */
export function looksLikeMarkup(data: Buffer): boolean {
  return MARKUP.test(data.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, ''));
}
