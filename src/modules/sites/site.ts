// A site (trang thông tin điện tử) as the rest of the application sees it.
import type { SiteKindSettings } from '../../core/entries/registry.ts';
import { DomainError } from '../../core/errors.ts';
import type { Role } from '../../core/permissions.ts';
import type { Lang } from '../../ui/i18n.ts';
import type { SiteRow } from '../../platform/db/schema.ts';

export const SITE_LEVELS = ['province', 'department', 'commune', 'district'] as const;
export type SiteLevel = (typeof SITE_LEVELS)[number];

export const SITE_STATUSES = ['active', 'archived', 'merged'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

/**
 * What a merged site does with its addresses: nothing (every page stays
 * readable, with its notice), or its home page goes to the new site. Nothing
 * else is redirected, since nothing else has a counterpart there (ADR 12).
 */
export const REDIRECT_MODES = ['none', 'home'] as const;
export type RedirectMode = (typeof REDIRECT_MODES)[number];

function redirectModeOf(stored: string): RedirectMode {
  return stored === 'none' ? 'none' : 'home';
}

/** An archived or merged site no longer takes questions, petitions, requests, messages or comments. */
export function siteReceives(site: Pick<Site, 'status'>): boolean {
  return site.status === 'active';
}

/** Refusal of anything sent to a site that no longer operates; nothing is stored. */
export class SiteClosedError extends DomainError {
  constructor() {
    super({ code: 'site_closed', vi: 'Trang thông tin điện tử này đã ngừng hoạt động nên không còn tiếp nhận ý kiến.', en: 'This site no longer operates and takes nothing more.' }, 410);
    this.name = 'SiteClosedError';
  }
}

/** The site's own words for its board and roles ("Tổ biên tập", "Tổ trưởng"…). */
export type SiteLabels = Partial<Record<Role | 'board' | 'owner', string>>;

export interface SiteContact {
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  /** The person responsible for the site, named in the public footer (Circular 32/2017 Art. 16). */
  responsiblePerson?: string | null;
}

export interface SiteBranding {
  /** The emblem or logo shown in the header (an image of the media library). */
  logoMediaId: number | null;
  /** A wide banner image behind the header. */
  bannerMediaId: number | null;
  /** Header colour, #rrggbb; must carry white text at 4.5:1. */
  primaryColor: string | null;
}

export interface SiteLink {
  name: string;
  url: string;
}

/** The licence line of the footer (Circular 32/2017 Art. 16): "Giấy phép … số … do … cấp ngày …". */
export interface SiteLicence {
  number: string | null;
  issuer: string | null;
  /** yyyy-mm-dd */
  issuedOn: string | null;
}

export interface SiteSettings {
  /** Who must use two-factor sign-in on this site. */
  twoFactor: 'off' | 'admins' | 'everyone';
  branding: SiteBranding;
  /** Links to other portals (provincial portal, departments, communes). */
  links: SiteLink[];
  licence?: SiteLicence;
  /** The agency's official channels (Decree 224/2026 Art. 10(3)): Zalo OA, fanpage, hotline (tel:), e-mail (mailto:). */
  channels?: SiteLink[];
  /** The provincial public-service portal, linked on the home page beside the national one. */
  publicServicePortal?: SiteLink | null;
  /** The home page shows a block of the reference section ("tin tham khảo"); off unless chosen. */
  homeShowsReference?: boolean;
  /**
   * The site's own document types and fields, beside the defaults (core/documents documentCatalogue),
   * and other names its agency and units issue documents under (core/documents/own-issuer.ts).
   */
  documents?: { types: { key: string; vi: string; en: string }[]; fields: string[]; ownIssuers?: string[] };
  /** The owning agency's leader, told by mail when a review step stays late (escalation.step_late, level 'owner'). */
  ownerContact?: { email: string | null };
  /** Declared sections this site turns on or off or names its own way (core/entries registry). */
  entryKinds?: SiteKindSettings;
  /** Local passwords accepted on this site's sign-in form (default yes); when false only the shared login (LDAP/OIDC) — ADR 31. */
  localPasswords?: boolean;
  /** An archived site archived with the explicit choice "no successor": its notice says so instead of naming one (ADR 29). */
  noSuccessor?: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = { twoFactor: 'off', branding: { logoMediaId: null, bannerMediaId: null, primaryColor: null }, links: [] };

export interface Site {
  id: number;
  key: string;
  name: string;
  nameEn: string | null;
  agencyName: string;
  agencyNameEn: string | null;
  level: SiteLevel;
  parentSiteId: number | null;
  languages: Lang[];
  labels: SiteLabels;
  contact: SiteContact;
  settings: SiteSettings;
  status: SiteStatus;
  mergedIntoSiteId: number | null;
  statusChangedAt: string | null;
  statusNotice: string | null;
  redirectMode: RedirectMode;
  isDefault: boolean;
  hosts: string[];
  primaryHost: string | null;
}

export const DEFAULT_LABELS: Required<SiteLabels> = {
  board: 'Ban biên tập',
  owner: 'Cơ quan chủ quản',
  site_admin: 'Quản trị hệ thống',
  editor_in_chief: 'Trưởng Ban biên tập',
  deputy: 'Phó Trưởng Ban biên tập',
  secretariat: 'Thường trực Ban biên tập',
  board_member: 'Thành viên Ban biên tập',
  secretary: 'Thư ký Ban biên tập',
  publisher: 'Cán bộ kỹ thuật đăng tải',
  unit_head: 'Lãnh đạo đơn vị',
  contributor: 'Cán bộ cung cấp thông tin, cộng tác viên',
  responder: 'Cán bộ trả lời ý kiến',
};

export const ROLE_LABELS_EN: Record<Role | 'board' | 'owner', string> = {
  board: 'Editorial board',
  owner: 'Owning agency',
  site_admin: 'Site administrator',
  editor_in_chief: 'Editor-in-chief',
  deputy: 'Deputy editor-in-chief',
  secretariat: 'Board secretariat',
  board_member: 'Board member',
  secretary: 'Secretary',
  publisher: 'Publisher',
  unit_head: 'Unit head',
  contributor: 'Contributor',
  responder: 'Responder',
};

/** The label a person sees for a role: the site's own Vietnamese word, or the English name. */
export function roleLabel(site: Pick<Site, 'labels'>, role: Role | 'board' | 'owner', lang: Lang): string {
  if (lang === 'en') return ROLE_LABELS_EN[role];
  return site.labels[role] ?? DEFAULT_LABELS[role];
}

function settingsOf(stored: Partial<SiteSettings>): SiteSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    branding: { ...DEFAULT_SETTINGS.branding, ...(stored.branding ?? {}) },
    links: Array.isArray(stored.links) ? stored.links : [],
    channels: Array.isArray(stored.channels) ? stored.channels : [],
  };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function siteFromRow(row: SiteRow, hosts: { host: string; is_primary: number }[]): Site {
  const primary = hosts.find((h) => h.is_primary === 1) ?? hosts[0];
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    nameEn: row.name_en,
    agencyName: row.agency_name,
    agencyNameEn: row.agency_name_en,
    level: row.level as SiteLevel,
    parentSiteId: row.parent_site_id,
    languages: parseJson<Lang[]>(row.languages, ['vi']),
    labels: parseJson<SiteLabels>(row.labels, {}),
    contact: parseJson<SiteContact>(row.contact, {}),
    settings: settingsOf(parseJson<Partial<SiteSettings>>(row.settings, {})),
    status: row.status as SiteStatus,
    mergedIntoSiteId: row.merged_into_site_id,
    statusChangedAt: row.status_changed_at,
    statusNotice: row.status_notice,
    redirectMode: redirectModeOf(row.redirect_mode),
    isDefault: row.is_default === 1,
    hosts: hosts.map((h) => h.host),
    primaryHost: primary?.host ?? null,
  };
}

/** Host names are compared lower-case without port or trailing dot. */
export function normalizeHost(host: string): string {
  const withoutPort = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;
  return withoutPort.trim().toLowerCase().replace(/\.$/, '');
}

const HOST_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function isValidHost(host: string): boolean {
  return HOST_RE.test(host);
}

export const SITE_KEY_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;
