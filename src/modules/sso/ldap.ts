// Checking a password against the province's directory (LDAP): find the entry by e-mail
// (search with the service account, or a DN built from a pattern), then bind as that entry
// with the password. Values from the form are escaped (RFC 4515 filters, RFC 4514 DNs), so an
// e-mail like "*)(uid=*" matches nothing instead of everyone.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import type { LdapConfig } from './config.ts';

export type DirectoryAnswer =
  | { kind: 'ok'; subject: string; email: string }
  | { kind: 'bad_password' }
  | { kind: 'not_found' }
  | { kind: 'unavailable'; message: string };

/** RFC 4515: a value inside a search filter. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** RFC 4514: a value inside a distinguished name. */
export function escapeDnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=\0]/g, (c) => `\\${c === '\0' ? '00' : c}`)
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

function first(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return null;
}

export async function checkDirectoryPassword(config: LdapConfig, email: string, password: string): Promise<DirectoryAnswer> {
  // An empty password would be an unauthenticated bind, which LDAP servers accept: never a sign-in.
  if (password === '') return { kind: 'bad_password' };
  const tlsOptions: ConnectionOptions | undefined = config.caFile ? { ca: [readFileSync(config.caFile)] } : undefined;
  const newClient = async () => {
    const client = new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs, ...(tlsOptions ? { tlsOptions } : {}) });
    if (config.startTls) await client.startTLS(tlsOptions ?? {});
    return client;
  };
  const attributes = ['entryUUID', config.emailAttribute];
  let lookup: Client | null = null;
  try {
    lookup = await newClient();
    let dn: string;
    let entry: Record<string, unknown> | undefined;
    if (config.searchBase) {
      if (config.serviceDn) await lookup.bind(config.serviceDn, config.servicePassword ?? '');
      const filter = config.searchFilter.replaceAll('{email}', escapeFilterValue(email));
      const { searchEntries } = await lookup.search(config.searchBase, { scope: 'sub', filter, attributes, sizeLimit: 2 });
      // None, or more than one (an ambiguous directory): no sign-in through the directory.
      if (searchEntries.length !== 1) return { kind: 'not_found' };
      entry = searchEntries[0]!;
      dn = entry.dn as string;
    } else {
      dn = config.bindDnPattern!.replaceAll('{email}', escapeDnValue(email));
    }
    const user = await newClient();
    try {
      await user.bind(dn, password);
      if (!entry) {
        try {
          entry = (await user.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes })).searchEntries[0];
        } catch (error) {
          if (!(error instanceof NoSuchObjectError)) throw error;
        }
      }
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return { kind: 'bad_password' };
      throw error;
    } finally {
      await user.unbind().catch(() => undefined);
    }
    const entryEmail = first(entry?.[config.emailAttribute]) ?? (config.searchBase ? null : email);
    if (!entryEmail) return { kind: 'not_found' };
    return { kind: 'ok', subject: first(entry?.entryUUID) ?? dn.toLowerCase(), email: entryEmail.toLowerCase() };
  } catch (error) {
    return { kind: 'unavailable', message: (error as Error).message };
  } finally {
    await lookup?.unbind().catch(() => undefined);
  }
}
