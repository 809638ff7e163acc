// Interface language: Vietnamese first, English alongside. Each capability
// keeps its own message catalogue; the English half must have the same keys.

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/**
 * Declare a catalogue; TypeScript checks that English has every Vietnamese key.
 * Strings keep their literal types, which tells the XSS scan they are ours, not user input.
 */
export function defineMessages<const V extends Record<string, string>, const E extends { [K in keyof V]: string }>(catalogue: {
  vi: V;
  en: E;
}): (lang: Lang) => V | E {
  return (lang) => catalogue[lang];
}

/** Replace {name} placeholders; values are plain text (escape when rendering). */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
