// The forum's shapes and rules that need no database: statuses, limits, the
// public addresses, and what holds a post for moderation. Pure.
import { screen, type ScreeningRule } from '../../core/content/index.ts';
import { findPersonalData } from '../../core/citizens/personal-data.ts';
import type { Lang } from '../../ui/i18n.ts';

export type Moderation = 'before' | 'after';
export const MODERATIONS: readonly Moderation[] = ['before', 'after'];
export type PostStatus = 'pending' | 'published' | 'rejected' | 'removed';
/** Why a post waits even where the site publishes at once. */
export type HoldReason = 'screening' | 'personal_data';

export const LIMITS = { title: 200, body: 5000, name: 80, reason: 500, categoryName: 120, categoryDescription: 500 } as const;
export const TOPICS_PER_PAGE = 20;
export const REPLIES_PER_PAGE = 20;

/** Statuses a reader sees: published posts, and removed ones as the removal notice. */
export const PUBLIC_STATUSES: readonly PostStatus[] = ['published', 'removed'];

export interface ForumSettings {
  enabled: boolean;
  moderation: Moderation;
}
export const DEFAULT_FORUM: ForumSettings = { enabled: false, moderation: 'before' };

/** Segments after /dien-dan that are pages of their own, never a category. */
export const RESERVED_SLUGS = ['chu-de', 'gui-bai', 'bao-vi-pham', 'topic', 'new', 'report'];

export const forumPaths = {
  index: (lang: Lang) => (lang === 'en' ? '/en/forum' : '/dien-dan'),
  category: (lang: Lang, slug: string) => (lang === 'en' ? `/en/forum/${slug}` : `/dien-dan/${slug}`),
  topic: (lang: Lang, id: number) => (lang === 'en' ? `/en/forum/topic/${id}` : `/dien-dan/chu-de/${id}`),
  newTopic: (lang: Lang) => (lang === 'en' ? '/en/forum/new' : '/dien-dan/gui-bai'),
  report: (lang: Lang, postId: number) => (lang === 'en' ? `/en/forum/report/${postId}` : `/dien-dan/bao-vi-pham/${postId}`),
};

/**
 * What in a citizen's post needs a moderator's eye before it may appear: a
 * term or link of the site's screening list, or personal data (a phone, an
 * e-mail, an identity number; the agency's own published contacts excepted).
 * The display name is public too, so it is screened like the text.
 */
export function holdReasons(text: { title: string; body: string; name: string }, rules: ScreeningRule[], publicContacts: (string | null | undefined)[]): HoldReason[] {
  const reasons: HoldReason[] = [];
  // Screened apart, so that no match is made across the end of one and the start of the other.
  const parts = [{ title: text.title, summary: text.body, html: '' }, { title: text.name, summary: '', html: '' }];
  if (rules.length > 0 && parts.some((p) => screen(p, rules).length > 0)) reasons.push('screening');
  const personal = (s: string) => findPersonalData(s, {}, { publicContacts }).some((f) => f.kind !== 'name' && f.kind !== 'address');
  if (personal(`${text.title}\n${text.body}`) || personal(text.name)) reasons.push('personal_data');
  return reasons;
}

export function heldForOf(json: string): HoldReason[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is HoldReason => x === 'screening' || x === 'personal_data') : [];
  } catch {
    return [];
  }
}

/** The visible page count for `total` items. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
