// The query string: one value per name. Every page reads a parameter as one
// string; a name repeated in a hand-made or doubled link keeps its first value
// instead of arriving as a list that a handler would trip on. Escapes that are
// not UTF-8 become U+FFFD, as in browsers: a bad link still gets its page.

export function parseQueryString(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) out[key] ??= value;
  return out;
}
