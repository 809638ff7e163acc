// The declared kinds by key and by public address, and what a site enables:
// each site may turn a kind off or rename it (settings.entryKinds); unless it
// says otherwise, a kind is on for the levels it declares.
import type { Bilingual, SectionKind } from './declaration.ts';
import { DECLARED_KINDS } from './kinds/index.ts';

const BY_KEY = new Map(DECLARED_KINDS.map((k) => [k.key, k]));
const BY_PATH = new Map(DECLARED_KINDS.map((k) => [k.path, k]));

export function allSectionKinds(): readonly SectionKind[] {
  return DECLARED_KINDS;
}

export function sectionKind(key: string | null | undefined): SectionKind | undefined {
  return key ? BY_KEY.get(key) : undefined;
}

export function sectionKindAt(path: string): SectionKind | undefined {
  return BY_PATH.get(path);
}

/** What a site stores per kind in settings.entryKinds. */
export interface SiteKindSetting {
  enabled?: boolean;
  /** The site's own name for the section (e.g. "Thông báo, mời họp"). */
  label?: Bilingual | null;
}

export type SiteKindSettings = Record<string, SiteKindSetting>;

/** A kind as one site has it: enabled or not, under its own name. */
export interface SiteKind {
  kind: SectionKind;
  enabled: boolean;
  plural: Bilingual;
}

export function siteKinds(level: string, settings: SiteKindSettings | undefined): SiteKind[] {
  return DECLARED_KINDS.map((kind) => {
    const own = settings?.[kind.key];
    const enabled = own?.enabled ?? (kind.levels ? kind.levels.includes(level) : true);
    return { kind, enabled, plural: own?.label?.vi ? { vi: own.label.vi, en: own.label.en || kind.plural.en } : kind.plural };
  });
}

export function siteKind(level: string, settings: SiteKindSettings | undefined, key: string): SiteKind | undefined {
  return siteKinds(level, settings).find((k) => k.kind.key === key);
}

/** The dated rule holding a kind's own review chain (falls back to chain.article). */
export function entryChainRule(key: string): string {
  return `chain.entry.${key}`;
}
