// Debian's OpenLDAP server (slapd) started by a test: a slapd.conf in a temporary folder, an
// mdb database there, entries loaded with slapadd, listening on a random loopback port.
// Without slapd the LDAP tests are skipped with the reason — except in CI (CI=1), where
// .ci/run installs it and a missing slapd is a failure.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SLAPD = process.env.SLAPD_PATH ?? '/usr/sbin/slapd';
const SLAPADD = path.join(path.dirname(SLAPD), 'slapadd');

export function slapdUnavailable(): string | null {
  if (existsSync(SLAPD) && existsSync(SLAPADD)) return null;
  const reason = `OpenLDAP's slapd not found at ${SLAPD}: LDAP tests skipped (install Debian's "slapd ldap-utils"; .ci/run does)`;
  console.warn(`\n⚠ ${reason}\n`);
  if (process.env.CI) throw new Error(`${reason} — required in CI`);
  return reason;
}

export interface Slapd {
  url: string;
  suffix: string;
  rootDn: string;
  rootPassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`slapd exited (${child.exitCode}):\n${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`slapd did not listen on ${port}:\n${log()}`);
}

/** Starts slapd with the entries (LDIF, below the suffix dc=tinh,dc=test). */
export async function startSlapd(entries: string): Promise<Slapd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-slapd-'));
  mkdirSync(path.join(dir, 'db'));
  const suffix = 'dc=tinh,dc=test';
  const rootDn = `cn=admin,${suffix}`;
  const rootPassword = 'mat-khau-quan-tri-thu-muc';
  const conf = path.join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      `pidfile ${dir}/slapd.pid`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'database mdb',
      `suffix "${suffix}"`,
      `rootdn "${rootDn}"`,
      `rootpw ${rootPassword}`,
      `directory ${dir}/db`,
      'maxsize 10485760',
      'access to attrs=userPassword by anonymous auth by self read by * none',
      'access to * by * read',
      '',
    ].join('\n'),
  );
  const ldif = path.join(dir, 'entries.ldif');
  writeFileSync(ldif, `dn: ${suffix}\nobjectClass: dcObject\nobjectClass: organization\ndc: tinh\no: Tinh thu\n\ndn: ou=people,${suffix}\nobjectClass: organizationalUnit\nou: people\n\n${entries}`);
  execFileSync(SLAPADD, ['-f', conf, '-l', ldif], { stdio: 'pipe' });
  const port = await freePort();
  let output = '';
  // -d 0: stay in the foreground (a child of the test), no debug output.
  const child = spawn(SLAPD, ['-f', conf, '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await waitForPort(port, child, () => output);
  return {
    url: `ldap://127.0.0.1:${port}`,
    suffix,
    rootDn,
    rootPassword,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An inetOrgPerson under ou=people with a clear-text password (slapd hashes nothing; fine for a test). */
export function personLdif(uid: string, email: string, password: string): string {
  return `dn: uid=${uid},ou=people,dc=tinh,dc=test\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid}\nsn: ${uid}\nmail: ${email}\nuserPassword: ${password}\n\n`;
}
