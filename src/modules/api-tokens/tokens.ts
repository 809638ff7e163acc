// API tokens for integrations (a document-management system, the provincial
// portal): one user, one site, narrowed by scopes, stored as a hash, revocable.
import { DomainError, NotFoundError } from '../../core/errors.ts';
import { isTokenScope, TOKEN_SCOPES, type TokenScope } from '../../core/permissions.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import { randomToken, sha256Hex } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ApiTokenRow, UserRow } from '../../platform/db/schema.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';

export const TOKEN_PREFIX = 'tt_';
const TOKEN_RE = /^tt_[A-Za-z0-9_-]{43}$/;

export interface NewToken {
  siteId: number;
  userId: number;
  name: string;
  scopes: TokenScope[];
  /** Days until it stops working; null = until revoked. */
  expiresInDays: number | null;
}

export async function createApiToken(db: Db, actor: AuditActor, input: NewToken, clock: Clock = systemClock): Promise<{ token: string; row: ApiTokenRow }> {
  const name = normalizeInput(input.name);
  const problems = [];
  if (!name || [...name].length > 100) {
    problems.push({ code: 'invalid_name', field: 'name', vi: 'Vui lòng đặt tên cho khóa (tối đa 100 ký tự), ví dụ: "Phần mềm iOffice".', en: 'Name the token (at most 100 characters), e.g. "iOffice".' });
  }
  const scopes = [...new Set(input.scopes)].filter(isTokenScope);
  if (scopes.length === 0) {
    problems.push({ code: 'invalid_scopes', field: 'scopes', vi: `Chọn ít nhất một phạm vi (${TOKEN_SCOPES.join(', ')}).`, en: `Choose at least one scope (${TOKEN_SCOPES.join(', ')}).` });
  }
  if (input.expiresInDays !== null && (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > 730)) {
    problems.push({ code: 'invalid_expiry', field: 'expiresInDays', vi: 'Thời hạn phải từ 1 đến 730 ngày.', en: 'Expiry must be 1 to 730 days.' });
  }
  if (problems.length > 0) throw new DomainError(problems);

  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        site_id: input.siteId,
        user_id: input.userId,
        name,
        token_hash: sha256Hex(token),
        token_prefix: token.slice(0, 10),
        scopes: JSON.stringify(scopes),
        created_by_user_id: actor.userId ?? input.userId,
        created_at: now.toISOString(),
        expires_at: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'token.create', targetType: 'api_token', targetId: row.id, details: { name, scopes, forUserId: input.userId, expiresAt: row.expires_at } }, clock);
    return { token, row };
  });
}

export interface TokenAuth {
  token: ApiTokenRow;
  user: UserRow;
  scopes: TokenScope[];
}

/** The token's owner if the token is live and belongs to this site; null otherwise. */
export async function authenticateToken(db: Db, presented: string, siteId: number, clock: Clock = systemClock): Promise<TokenAuth | null> {
  if (!TOKEN_RE.test(presented)) return null;
  const token = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256Hex(presented)).executeTakeFirst();
  const now = clock.now();
  if (!token || token.revoked_at !== null || token.site_id !== siteId) return null;
  if (token.expires_at !== null && Date.parse(token.expires_at) <= now.getTime()) return null;
  const user = await db.selectFrom('users').selectAll().where('id', '=', token.user_id).executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  // Written at most once a minute: integrations may call many times a second.
  if (!token.last_used_at || now.getTime() - Date.parse(token.last_used_at) > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', token.id).execute();
  }
  return { token, user, scopes: (JSON.parse(token.scopes) as string[]).filter(isTokenScope) };
}

export async function listApiTokens(db: Db, siteId: number, userId?: number) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.name', 't.token_prefix', 't.scopes', 't.created_at', 't.expires_at', 't.last_used_at', 't.revoked_at', 't.user_id', 'u.name as user_name', 'u.email as user_email'])
    .where('t.site_id', '=', siteId)
    .$if(userId !== undefined, (q) => q.where('t.user_id', '=', userId!))
    .orderBy('t.revoked_at', 'desc')
    .orderBy('t.created_at', 'desc')
    .execute();
}

/** Revokes a token of this site; `ownerOnly` limits it to the actor's own tokens. */
export async function revokeApiToken(db: Db, actor: AuditActor, tokenId: number, ownerOnly: boolean, clock: Clock = systemClock): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const token = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).where('site_id', '=', actor.siteId).executeTakeFirst();
    if (!token || (ownerOnly && token.user_id !== actor.userId)) throw new NotFoundError({ vi: 'khóa truy cập', en: 'API token' });
    if (token.revoked_at !== null) return;
    await trx.updateTable('api_tokens').set({ revoked_at: isoNow(clock) }).where('id', '=', tokenId).execute();
    await appendAudit(trx, actor, { action: 'token.revoke', targetType: 'api_token', targetId: tokenId, details: { name: token.name, forUserId: token.user_id } }, clock);
  });
}

/** When someone leaves a site, their tokens there stop working. */
export async function revokeUserTokens(db: Db, siteId: number, userId: number, clock: Clock = systemClock): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: isoNow(clock) }).where('site_id', '=', siteId).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
