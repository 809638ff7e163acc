// Word-level comparison of two revisions' plain texts. jsdiff's own word
// tokenizer splits Vietnamese syllables at letters outside its Latin ranges
// ("Nội" → "N" + "ội"), so we tokenize ourselves (Unicode letters and
// combining marks make a word) and diff the token arrays.

import { diffArrays } from 'diff';
import { toNfc } from '../vietnamese/index.ts';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface FieldDiff {
  field: string;
  changed: boolean;
  parts: DiffPart[];
}

// A word (letters, marks, digits, with inner apostrophes), a run of
// whitespace, or a single other character (punctuation).
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

const DIFF_TIMEOUT_MS = 500; // for each of the word and line attempts

function tokenize(text: string): string[] {
  return toNfc(text).match(TOKEN) ?? [];
}

/** Lines with their line breaks, so the parts still spell the texts. */
function lines(text: string): string[] {
  return toNfc(text).match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Differences between two texts, word by word; removed text comes before what replaced it. */
export function diffText(a: string, b: string): DiffPart[] {
  // Two long, very different bodies make a word diff slow (O(N·D)); past
  // the time limit, compare line by line, and past that, show a replacement.
  const changes = diffArrays(tokenize(a), tokenize(b), { timeout: DIFF_TIMEOUT_MS }) ??
    diffArrays(lines(a), lines(b), { timeout: DIFF_TIMEOUT_MS }) ?? [
      { value: [toNfc(a)], removed: true, added: false, count: 1 },
      { value: [toNfc(b)], removed: false, added: true, count: 1 },
    ];
  const parts: DiffPart[] = changes.map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value.join(''),
  }));
  return merge(joinChanges(parts));
}

/**
 * "a b c" → "a x y c" reads better as one change ("b" → "x y") than as a
 * patchwork around the shared space: whitespace alone between two changes
 * joins them.
 */
function joinChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  let pending = ''; // whitespace seen since the last change
  const flush = (): void => {
    if (removed !== '') out.push({ kind: 'removed', text: removed });
    if (added !== '') out.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  for (const part of parts) {
    const inChange = removed !== '' || added !== '';
    if (part.kind === 'same' && inChange && part.text.trim() === '' && pending === '') {
      pending = part.text;
      continue;
    }
    if (part.kind === 'same') {
      flush();
      if (pending !== '') out.push({ kind: 'same', text: pending });
      pending = '';
      out.push(part);
      continue;
    }
    if (pending !== '') {
      // Both texts have the shared whitespace here, so both sides of the
      // joined change carry it: each side still spells its text exactly.
      removed += pending;
      added += pending;
      pending = '';
    }
    if (part.kind === 'removed') removed += part.text;
    else added += part.text;
  }
  flush();
  if (pending !== '') out.push({ kind: 'same', text: pending });
  return out;
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = out.at(-1);
    if (last?.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/**
 * Side-by-side comparison of two revisions, field by field (the caller
 * passes plain texts: title, summary, body via htmlToText, source, author…).
 * Fields are listed in the order of `a`, then those only in `b`; a missing
 * field compares as empty.
 */
export function diffFields(a: Record<string, string>, b: Record<string, string>): FieldDiff[] {
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return fields.map((field) => {
    const parts = diffText(a[field] ?? '', b[field] ?? '');
    return { field, changed: parts.some((p) => p.kind !== 'same'), parts };
  });
}
