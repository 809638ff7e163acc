// The five seed regulations as site presets (presets/*.json), read and checked.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sectionKind, type Bilingual, type SiteKindSettings } from '../../core/entries/index.ts';
import { projectPath } from '../../platform/project-root.ts';

export const PRESETS_DIR = projectPath('presets');

export interface PresetUnit {
  name: string;
  kind: string;
  source?: string;
  children?: PresetUnit[];
}

export interface SitePreset {
  key: string;
  host: string;
  seed: string;
  regulation: { title: string; decision: string | null; year: number };
  name: string;
  nameEn?: string;
  agencyName: string;
  agencyNameEn?: string;
  level: 'province' | 'department' | 'commune' | 'district';
  province?: string;
  languages: ('vi' | 'en')[];
  labels: Record<string, string>;
  contact: { address: string | null; phone: string | null; email: string | null; responsiblePerson: string | null };
  /** Illustrative demo values (presets/README.md): the footer's licence line, official channels, links. */
  licence?: { number: string; issuer: string; issuedOn: string | null };
  channels?: { name: string; url: string }[];
  links?: { name: string; url: string }[];
  publicServicePortal?: { name: string; url: string };
  units: PresetUnit[];
  reviewChain?: unknown;
  deadlines: { key: string; amount: number; unit: string; text?: string; source: string }[];
  quotas: { who: 'unit' | 'boardMember'; min: number; per: 'week' | 'month' | 'year'; source: string }[];
  sections: { name: string; nameEn?: string; source?: string }[];
  /** Declared sections the site has on or off, under its own names, with the seed article that asks for them. */
  entryKinds?: Record<string, { enabled?: boolean; label?: Bilingual | null; source?: string | null }>;
  notes?: string;
}

/** Reads one preset file and checks the fields the loader relies on. */
export function readPreset(file: string): SitePreset {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<SitePreset>;
  const missing = (['key', 'host', 'name', 'agencyName', 'level', 'units', 'labels'] as const).filter((k) => data[k] === undefined);
  if (missing.length > 0) throw new Error(`Preset ${path.basename(file)} lacks: ${missing.join(', ')}`);
  return { languages: ['vi'], deadlines: [], quotas: [], sections: [], ...data } as SitePreset;
}

export function readAllPresets(dir = PRESETS_DIR): SitePreset[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readPreset(path.join(dir, f)));
}

/** The date a regulation took effect: its decision date when written, else 1 January of its year. */
export function regulationDate(preset: SitePreset): string {
  const m = /ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(preset.regulation.decision ?? '');
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return `${preset.regulation.year}-01-01`;
}

/**
 * The preset's declared sections as sites.settings.entryKinds: only kinds the
 * registry knows (a preset may name kinds still being built; they are ignored
 * until declared), only what a site stores (on/off and its own name).
 */
export function presetKindSettings(preset: SitePreset): SiteKindSettings {
  const out: SiteKindSettings = {};
  for (const [key, setting] of Object.entries(preset.entryKinds ?? {})) {
    if (!sectionKind(key)) continue;
    out[key] = { enabled: setting.enabled !== false, ...(setting.label ? { label: { vi: setting.label.vi.normalize('NFC'), en: setting.label.en } } : {}) };
  }
  return out;
}
