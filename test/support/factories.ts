// Minimal rows for tests, made through the real use cases.
import type { Role } from '../../src/core/permissions.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import type { AuditActor } from '../../src/modules/audit/store.ts';
import { addMember } from '../../src/modules/members/manage-members.ts';
import { createSite, type SiteInput } from '../../src/modules/sites/manage-sites.ts';
import type { Site } from '../../src/modules/sites/site.ts';
import { createUnit } from '../../src/modules/units/manage-units.ts';

export const TEST_PASSWORD = 'Mật-khẩu-thử-2026!';
let hashed: Promise<string> | null = null;
/** One argon2 hash shared by test accounts: hashing is deliberately slow. */
export function testPasswordHash(): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

export function systemActor(siteId: number): AuditActor {
  return { siteId, userId: null, onBehalfOfUserId: null, label: 'test', ip: null, userAgent: null };
}

export async function makeSite(db: Db, key: string, overrides: Partial<SiteInput> = {}): Promise<Site> {
  return createSite(
    db,
    { userId: null, onBehalfOfUserId: null, label: 'test', ip: null, userAgent: null },
    { key, name: `Trang thông tin điện tử ${key}`, agencyName: `Ủy ban nhân dân ${key}`, level: 'commune', hosts: [`${key}.test`], ...overrides },
  );
}

export interface TestUser {
  id: number;
  email: string;
  name: string;
}

let counter = 0;
export async function makeUser(db: Db, site: Site, roles: Role[], opts: { email?: string; name?: string; unitId?: number | null } = {}): Promise<TestUser> {
  counter += 1;
  const email = opts.email ?? `user${counter}-${roles.join('-') || 'none'}@${site.key}.test`;
  const name = opts.name ?? `Người dùng ${counter}`;
  const result = await addMember(db, systemActor(site.id), { email, name, roles, unitId: opts.unitId ?? null, passwordHash: await testPasswordHash() });
  return { id: result.userId, email, name };
}

export async function makeUnit(db: Db, site: Site, name: string, parentId: number | null = null): Promise<number> {
  return createUnit(db, systemActor(site.id), { name, kind: 'phong', parentId });
}
