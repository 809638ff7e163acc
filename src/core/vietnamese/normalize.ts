// Unicode normalisation for Vietnamese text. TCVN 6909:2001 (the Vietnamese
// 16-bit Unicode standard) uses precomposed letters, i.e. NFC: "ệ" is one
// code point, not e + U+0323 + U+0302 as some macOS tools and old IMEs send.

// Zero-width space/joiners, word joiner and BOM: invisible, break matching.
// The soft hyphen (U+00AD) is kept on purpose: it is the TCVN3 code of "ư".
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF]/g;
const NO_BREAK_SPACE = /[\u00A0\u202F]/g;
const LINE_BREAK = /\r\n?|[\u2028\u2029]/g;

/** NFC, without zero-width chars/BOM, NBSP as space, line endings as \n. */
export function toNfc(text: string): string {
  // Strip invisibles before composing, so "e\u200B\u0301" still becomes "é".
  return text
    .replace(INVISIBLE, '')
    .replace(NO_BREAK_SPACE, ' ')
    .replace(LINE_BREAK, '\n')
    .normalize('NFC');
}

/** toNfc + trim, for single form fields. */
export function normalizeInput(text: string): string {
  return toNfc(text).trim();
}

/** True when the text is already in NFC. */
export function isNfc(text: string): boolean {
  return text === text.normalize('NFC');
}

/**
 * A copy of a JSON-like value with every string (values and keys) passed
 * through toNfc. Only plain objects and arrays are walked; class instances
 * (Date, Buffer, Map…) are returned as they are. Iterative, with its own work
 * list, so a value nested thousands of levels deep cannot overflow the stack.
 */
export function normalizeDeep<T>(value: T): T {
  const seen = new WeakMap<object, unknown>();
  const pending: [source: unknown[] | Record<string, unknown>, copy: unknown[] | Record<string, unknown>][] = [];
  // Strings are converted now; containers get an empty copy, filled from the work list below.
  const copyOf = (item: unknown): unknown => {
    if (typeof item === 'string') return toNfc(item);
    if (!Array.isArray(item) && !isPlainObject(item)) return item;
    const done = seen.get(item);
    if (done !== undefined) return done; // cycles and shared parts map to the one copy
    const copy: unknown[] | Record<string, unknown> = Array.isArray(item) ? [] : Object.getPrototypeOf(item) === null ? Object.create(null) : {};
    seen.set(item, copy);
    pending.push([item, copy]);
    return copy;
  };
  const root = copyOf(value);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [source, copy] = next;
    if (Array.isArray(source)) {
      for (const item of source) (copy as unknown[]).push(copyOf(item));
      continue;
    }
    for (const key of Object.keys(source)) {
      // defineProperty, not assignment: a "__proto__" key from JSON.parse must
      // stay a plain own property instead of replacing the copy's prototype.
      Object.defineProperty(copy, toNfc(key), { value: copyOf(source[key]), enumerable: true, writable: true, configurable: true });
    }
  }
  return root as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
