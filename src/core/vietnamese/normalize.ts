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
 * (Date, Buffer, Map…) are returned as they are.
 */
export function normalizeDeep<T>(value: T): T {
  return walk(value, new WeakMap()) as T;
}

function walk(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'string') return toNfc(value);
  if (Array.isArray(value)) return walkArray(value, seen);
  if (isPlainObject(value)) return walkObject(value, seen);
  return value;
}

function walkArray(value: unknown[], seen: WeakMap<object, unknown>): unknown[] {
  const done = seen.get(value);
  if (done !== undefined) return done as unknown[];
  const out: unknown[] = [];
  seen.set(value, out); // cycles map to the copy instead of recursing forever
  for (const item of value) out.push(walk(item, seen));
  return out;
}

function walkObject(value: Record<string, unknown>, seen: WeakMap<object, unknown>): object {
  const done = seen.get(value);
  if (done !== undefined) return done as object;
  const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  seen.set(value, out);
  for (const key of Object.keys(value)) {
    // defineProperty, not assignment: a "__proto__" key from JSON.parse must
    // stay a plain own property instead of replacing the copy's prototype.
    Object.defineProperty(out, toNfc(key), {
      value: walk(value[key], seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
