// An editorial board for tests: a site with the Như Xuân review chain (unit
// head → secretariat → deputy → editor-in-chief → publisher), a unit, one
// person per role, and an API token for each.
import type { Role } from '../../src/core/permissions.ts';
import { PRESET_CHAINS } from '../../src/core/workflow/index.ts';
import { createApiToken } from '../../src/modules/api-tokens/tokens.ts';
import { CHAIN_RULE } from '../../src/modules/articles/workflow-context.ts';
import { addRuleVersion } from '../../src/modules/rules/store.ts';
import { createSection } from '../../src/modules/sections/manage-sections.ts';
import type { SiteInput } from '../../src/modules/sites/manage-sites.ts';
import type { Site } from '../../src/modules/sites/site.ts';
import type { TestApp } from './app.ts';
import { api } from './agent.ts';
import { makeSite, makeUnit, makeUser, systemActor, type TestUser } from './factories.ts';

export const BOARD_ROLES = ['contributor', 'unit_head', 'secretariat', 'deputy', 'editor_in_chief', 'publisher', 'site_admin', 'board_member'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

export interface Board {
  site: Site;
  host: string;
  unitId: number;
  sectionId: number;
  referenceSectionId: number;
  people: Record<BoardRole, TestUser & { token: string }>;
  /** JSON API call as a person. */
  as(role: BoardRole, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): ReturnType<typeof api>;
}

export async function makeBoard(t: TestApp, key: string, siteOverrides: Partial<SiteInput> = {}): Promise<Board> {
  const site = await makeSite(t.db, key, { name: `Trang thông tin điện tử ${key}`, ...siteOverrides });
  const unitId = await makeUnit(t.db, site, 'Phòng Văn hóa và Thông tin');
  const actor = systemActor(site.id);
  const sectionId = await createSection(t.db, actor, { name: 'Tin tức, sự kiện', nameEn: 'News' });
  const referenceSectionId = await createSection(t.db, actor, { name: 'Tin tham khảo', isReference: true });
  await addRuleVersion(t.db, actor, { siteId: site.id, key: CHAIN_RULE, value: PRESET_CHAINS.nhuxuan, effectiveFrom: '2012-03-12', citation: '003 Đ15' });
  const people = {} as Board['people'];
  for (const role of BOARD_ROLES) {
    const inUnit = role === 'contributor' || role === 'unit_head';
    const user = await makeUser(t.db, site, [role as Role], { unitId: inUnit ? unitId : null, name: `Người ${role}` });
    const { token } = await createApiToken(t.db, actor, { siteId: site.id, userId: user.id, name: 'test', scopes: ['read', 'write', 'admin'], expiresInDays: null });
    people[role] = { ...user, token };
  }
  t.refreshSites();
  const host = `${key}.test`;
  return {
    site,
    host,
    unitId,
    sectionId,
    referenceSectionId,
    people,
    as: (role, method, url, body) => api(t.app, host, method, url, people[role].token, body),
  };
}

/** A complete article (source, author, unit) written by the contributor. */
export function articleBody(board: Board, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Như Xuân khánh thành cầu treo bản Mới',
    summary: 'Sáng 20/11, huyện tổ chức lễ khánh thành cầu treo phục vụ hơn 300 hộ dân.',
    bodyHtml: '<p>Cầu dài 80 mét, tổng mức đầu tư 3,2 tỷ đồng.</p>',
    sectionId: board.sectionId,
    source: 'Phòng Văn hóa và Thông tin',
    authorName: 'Lê Văn Tâm',
    unitId: board.unitId,
    tags: ['giao thông', 'nông thôn mới'],
    ...overrides,
  };
}

/** Writes an article as the contributor and takes it through the whole chain to publication. */
export async function publishArticle(board: Board, overrides: Record<string, unknown> = {}): Promise<{ id: number; slug: string }> {
  const created = await board.as('contributor', 'POST', '/api/v1/articles', articleBody(board, overrides));
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const id = created.json().id as number;
  const steps: [BoardRole, string][] = [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'publish']];
  let slug = '';
  for (const [role, action] of steps) {
    const res = await board.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
    if (res.statusCode !== 200) throw new Error(`${role} ${action}: ${res.body}`);
    slug = res.json().slug;
  }
  return { id, slug };
}
