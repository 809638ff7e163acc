// A browser-like client over Fastify inject: keeps cookies per host, sends the
// CSRF token with forms, signs in through the real login form.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { TEST_PASSWORD } from './factories.ts';

let nextIp = 1;

export type Form = Record<string, string | string[] | number | undefined>;

export class Agent {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  /** Each agent comes from its own address, as separate people would (rate limits are per address), unless given one (an office's). */
  readonly ip: string;

  constructor(
    private readonly app: FastifyInstance,
    public host: string,
    ip?: string,
  ) {
    this.ip = ip ?? `10.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp++ & 255}`;
  }

  private remember(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { host: this.host, cookie: this.cookieHeader(), ...headers } });
    this.remember(response);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  /** A CSRF token valid for this agent's cookie secret (fetched from a page when needed). */
  async csrf(): Promise<string> {
    if (!this.csrfToken || !this.cookies.has('tt_csrf')) {
      this.csrfToken = null;
      await this.get('/admin/login');
    }
    return this.csrfToken!;
  }

  async post(url: string, form: Form = {}, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    if (opts.csrf !== false) params.append('_csrf', await this.csrf());
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { host: this.host, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
    this.remember(response);
    return response;
  }

  /** A multipart form with one file, as a browser sends an upload; the CSRF token goes in the query. */
  async upload(url: string, fields: Record<string, string>, file: { field?: string; name: string; data: Buffer; contentType?: string }, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const boundary = `----trangtin${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    const token = await this.csrf();
    const response = await this.app.inject({
      method: 'POST',
      url: `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(token)}`,
      remoteAddress: this.ip,
      headers: { host: this.host, cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
      payload: Buffer.concat(parts),
    });
    this.remember(response);
    return response;
  }

  async login(email: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    const response = await this.post('/admin/login', { email, password, next: '/admin' });
    if (response.statusCode !== 303) throw new Error(`login of ${email} failed: ${response.statusCode}`);
    return response;
  }
}

export async function api(app: FastifyInstance, host: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, token?: string, body?: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: { host, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** Text of a page without tags, for assertions on what a person reads. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** Decodes the quoted-printable body of an .eml written by the outbox. */
export function mailText(eml: string): string {
  return eml.replace(/=\r?\n/g, '').replace(/((?:=[0-9A-F]{2})+)/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
}
