// Single sign-on settings of the installation (README "Single sign-on (OIDC, LDAP)", ADR 31):
// the province's OpenID Connect provider and its LDAP directory. Parsed with the rest of the
// environment in src/config.ts; every problem is reported together, with what to fix.
import { existsSync } from 'node:fs';

export interface OidcConfig {
  readonly issuer: URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The provider's name on the sign-in button, e.g. "Hệ thống đăng nhập một lần tỉnh Thanh Hóa". */
  readonly displayName: string | null;
  /** Accept the provider's multi-factor assertion (amr "mfa", or an acr listed in mfaAcr) instead of the local 2FA step. */
  readonly trustMfa: boolean;
  readonly mfaAcr: readonly string[];
  /** Plain http to the provider: only for a provider on the loopback interface (tests, a local proxy). */
  readonly allowHttp: boolean;
}

export interface LdapConfig {
  readonly url: string;
  readonly startTls: boolean;
  /** Direct bind: a DN with {email} (escaped as a DN value), e.g. mail={email},ou=people,dc=tinh,dc=gov,dc=vn. */
  readonly bindDnPattern: string | null;
  /** Search: the base, the filter ({email} is escaped as a filter value), and the service account (anonymous when absent). */
  readonly searchBase: string | null;
  readonly searchFilter: string;
  readonly serviceDn: string | null;
  readonly servicePassword: string | null;
  readonly emailAttribute: string;
  readonly caFile: string | null;
  readonly timeoutMs: number;
}

export interface SsoConfig {
  readonly oidc: OidcConfig | null;
  readonly ldap: LdapConfig | null;
}

type Read = (name: string) => string | undefined;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function flag(name: string, raw: string | undefined, problems: string[]): boolean {
  if (raw === undefined || /^(0|false|no)$/i.test(raw)) return false;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  problems.push(`${name} must be true or false, got "${raw}".`);
  return false;
}

export function parseSsoConfig(read: Read, problems: string[]): SsoConfig {
  return { oidc: parseOidc(read, problems), ldap: parseLdap(read, problems) };
}

function parseOidc(read: Read, problems: string[]): OidcConfig | null {
  const raw = read('OIDC_ISSUER');
  const clientId = read('OIDC_CLIENT_ID');
  const clientSecret = read('OIDC_CLIENT_SECRET');
  if (raw === undefined) {
    if (clientId !== undefined || clientSecret !== undefined) problems.push('OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set but OIDC_ISSUER is not: set the provider\'s issuer address (e.g. https://sso.thanhhoa.gov.vn/realms/canbo).');
    return null;
  }
  let issuer: URL | null = null;
  try {
    issuer = new URL(raw);
    if (issuer.protocol !== 'https:' && issuer.protocol !== 'http:') throw new Error('protocol');
  } catch {
    problems.push(`OIDC_ISSUER must be the provider's https:// issuer address, got "${raw}".`);
  }
  const allowHttp = issuer !== null && issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
  if (issuer && issuer.protocol === 'http:' && !allowHttp) problems.push(`OIDC_ISSUER must use https:// (plain http is allowed only for a provider on 127.0.0.1 or localhost), got "${raw}".`);
  if (issuer && (issuer.search || issuer.hash)) problems.push(`OIDC_ISSUER must have no query or fragment, got "${raw}".`);
  if (clientId === undefined) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER: the client id the provider registered for this installation.');
  if (clientSecret === undefined) problems.push('OIDC_CLIENT_SECRET is required with OIDC_ISSUER (the client secret the provider issued; keep it out of the repository).');
  const trustMfa = flag('OIDC_TRUST_MFA', read('OIDC_TRUST_MFA'), problems);
  const mfaAcr = (read('OIDC_MFA_ACR') ?? '').split(/[\s,]+/).filter(Boolean);
  if (!issuer || clientId === undefined || clientSecret === undefined) return null;
  return Object.freeze({ issuer, clientId, clientSecret, displayName: read('OIDC_DISPLAY_NAME') ?? null, trustMfa, mfaAcr: Object.freeze(mfaAcr), allowHttp });
}

function parseLdap(read: Read, problems: string[]): LdapConfig | null {
  const url = read('LDAP_URL');
  if (url === undefined) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
    if (parsed.protocol !== 'ldap:' && parsed.protocol !== 'ldaps:') throw new Error('protocol');
  } catch {
    problems.push(`LDAP_URL must be an ldaps:// or ldap:// address (e.g. ldaps://ldap.thanhhoa.gov.vn:636), got "${url}".`);
  }
  const startTls = flag('LDAP_STARTTLS', read('LDAP_STARTTLS'), problems);
  const allowPlain = flag('LDAP_ALLOW_PLAIN', read('LDAP_ALLOW_PLAIN'), problems);
  if (parsed?.protocol === 'ldap:' && !startTls && !allowPlain && !isLoopbackHost(parsed.hostname)) {
    problems.push(`LDAP_URL "${url}" sends passwords in clear text: use ldaps://, or set LDAP_STARTTLS=true, or (only on a network you trust) LDAP_ALLOW_PLAIN=true.`);
  }
  if (parsed?.protocol === 'ldaps:' && startTls) problems.push('LDAP_STARTTLS applies to ldap:// only; an ldaps:// address is already encrypted.');
  const bindDnPattern = read('LDAP_BIND_DN_PATTERN') ?? null;
  const searchBase = read('LDAP_SEARCH_BASE') ?? null;
  const searchFilter = read('LDAP_SEARCH_FILTER') ?? '(mail={email})';
  if (!bindDnPattern && !searchBase) problems.push('LDAP_URL needs either LDAP_SEARCH_BASE (search the user by e-mail, then bind) or LDAP_BIND_DN_PATTERN (bind directly, e.g. mail={email},ou=people,dc=tinh,dc=gov,dc=vn).');
  if (bindDnPattern && !bindDnPattern.includes('{email}')) problems.push('LDAP_BIND_DN_PATTERN must contain {email}.');
  if (!searchFilter.includes('{email}') || !/^\(.*\)$/.test(searchFilter)) problems.push(`LDAP_SEARCH_FILTER must be an LDAP filter in parentheses containing {email}, got "${searchFilter}".`);
  const serviceDn = read('LDAP_SERVICE_DN') ?? null;
  const servicePassword = read('LDAP_SERVICE_PASSWORD') ?? null;
  if (serviceDn && servicePassword === null) problems.push('LDAP_SERVICE_PASSWORD is required with LDAP_SERVICE_DN.');
  const emailAttribute = read('LDAP_EMAIL_ATTRIBUTE') ?? 'mail';
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(emailAttribute)) problems.push(`LDAP_EMAIL_ATTRIBUTE must be an attribute name such as mail, got "${emailAttribute}".`);
  const caFile = read('LDAP_CA_FILE') ?? null;
  if (caFile && !existsSync(caFile)) problems.push(`LDAP_CA_FILE ${caFile} does not exist (the PEM file of the directory's certificate authority).`);
  const timeoutRaw = read('LDAP_TIMEOUT_MS') ?? '5000';
  const timeoutMs = Number(timeoutRaw);
  if (!/^\d+$/.test(timeoutRaw) || timeoutMs < 100 || timeoutMs > 60000) problems.push(`LDAP_TIMEOUT_MS must be a number of milliseconds from 100 to 60000, got "${timeoutRaw}".`);
  if (!parsed) return null;
  return Object.freeze({ url, startTls, bindDnPattern, searchBase, searchFilter, serviceDn, servicePassword, emailAttribute, caFile, timeoutMs });
}
