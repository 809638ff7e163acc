import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';

const base = () => ({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'trangtin-sso-config-')) });

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base(), ...env });
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

test('no single sign-on unless configured', () => {
  const config = loadConfig(base());
  assert.deepEqual(config.sso, { oidc: null, ldap: null });
});

test('OpenID Connect: issuer, client and secret together; https except on loopback', () => {
  const ok = loadConfig({ ...base(), OIDC_ISSUER: 'https://sso.tinh.gov.vn/realms/canbo', OIDC_CLIENT_ID: 'trangtin', OIDC_CLIENT_SECRET: 's3cret', OIDC_DISPLAY_NAME: 'SSO tỉnh' });
  assert.equal(ok.sso?.oidc?.issuer.href, 'https://sso.tinh.gov.vn/realms/canbo');
  assert.equal(ok.sso?.oidc?.trustMfa, false, 'the local second factor stays unless the installation trusts the provider');
  assert.match(problems({ OIDC_ISSUER: 'https://sso.tinh.gov.vn' }).join('\n'), /OIDC_CLIENT_ID is required[\s\S]*OIDC_CLIENT_SECRET is required/);
  assert.match(problems({ OIDC_ISSUER: 'http://sso.tinh.gov.vn', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }).join('\n'), /must use https/);
  assert.equal(loadConfig({ ...base(), OIDC_ISSUER: 'http://127.0.0.1:8080', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }).sso?.oidc?.allowHttp, true);
  assert.match(problems({ OIDC_CLIENT_ID: 'a' }).join('\n'), /OIDC_ISSUER is not/);
  assert.match(problems({ OIDC_ISSUER: 'x', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b', OIDC_TRUST_MFA: 'maybe' }).join('\n'), /OIDC_ISSUER must be[\s\S]*OIDC_TRUST_MFA must be true or false/);
});

test('LDAP: encrypted unless on loopback or explicitly allowed; a way to find the user', () => {
  assert.match(problems({ LDAP_URL: 'ldap://ldap.tinh.gov.vn', LDAP_SEARCH_BASE: 'dc=tinh' }).join('\n'), /clear text/);
  assert.equal(problems({ LDAP_URL: 'ldap://ldap.tinh.gov.vn', LDAP_STARTTLS: 'true', LDAP_SEARCH_BASE: 'dc=tinh' }).length, 0);
  assert.equal(problems({ LDAP_URL: 'ldap://ldap.tinh.gov.vn', LDAP_ALLOW_PLAIN: 'true', LDAP_SEARCH_BASE: 'dc=tinh' }).length, 0);
  assert.equal(problems({ LDAP_URL: 'ldap://127.0.0.1:3890', LDAP_SEARCH_BASE: 'dc=tinh' }).length, 0);
  assert.match(problems({ LDAP_URL: 'ldaps://ldap.tinh.gov.vn' }).join('\n'), /LDAP_SEARCH_BASE[\s\S]*LDAP_BIND_DN_PATTERN/);
  assert.match(problems({ LDAP_URL: 'ldaps://ldap.tinh.gov.vn', LDAP_BIND_DN_PATTERN: 'uid=x,dc=tinh' }).join('\n'), /must contain \{email\}/);
  assert.match(problems({ LDAP_URL: 'http://ldap', LDAP_SEARCH_BASE: 'dc=tinh', LDAP_SERVICE_DN: 'cn=svc' }).join('\n'), /ldaps:\/\/ or ldap:\/\/[\s\S]*LDAP_SERVICE_PASSWORD is required/);
  const ldap = loadConfig({ ...base(), LDAP_URL: 'ldaps://ldap.tinh.gov.vn', LDAP_SEARCH_BASE: 'ou=people,dc=tinh' }).sso?.ldap;
  assert.equal(ldap?.searchFilter, '(mail={email})');
  assert.equal(ldap?.emailAttribute, 'mail');
});

test('after the shared login, the site\'s two-step rule still applies unless the provider\'s MFA is trusted', async () => {
  const { stageAfterExternal } = await import('./external-login.ts');
  const { DEFAULT_SETTINGS } = await import('../sites/site.ts');
  const site = { settings: { ...DEFAULT_SETTINGS, twoFactor: 'everyone' } } as unknown as Parameters<typeof stageAfterExternal>[1];
  const grants = { platformAdmin: false, ownRoles: ['contributor'], delegated: [] } as unknown as Parameters<typeof stageAfterExternal>[2];
  const enrolled = { totp_enabled_at: '2026-12-01T00:00:00Z', must_change_password: 0 } as unknown as Parameters<typeof stageAfterExternal>[0];
  const notEnrolled = { totp_enabled_at: null, must_change_password: 1 } as unknown as Parameters<typeof stageAfterExternal>[0];
  assert.equal(stageAfterExternal(enrolled, site, grants, false), 'mfa');
  assert.equal(stageAfterExternal(notEnrolled, site, grants, false), 'enroll_mfa');
  assert.equal(stageAfterExternal(enrolled, site, grants, true), 'active');
  const relaxed = { settings: { ...DEFAULT_SETTINGS, twoFactor: 'off' } } as unknown as Parameters<typeof stageAfterExternal>[1];
  assert.equal(stageAfterExternal(notEnrolled, relaxed, grants, false), 'active', 'no local password was used: no forced password change');
});
