// A small browser over real HTTP for sign-in flows that cross hosts (the site and an identity
// provider): every host name resolves to 127.0.0.1, cookies are kept per host, redirects followed.
import http from 'node:http';

export interface HttpAnswer {
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const loopback = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as http.RequestOptions['lookup'];

export class HttpBrowser {
  private readonly jar = new Map<string, Map<string, string>>();
  /** Every address visited, in order (redirects included). */
  readonly visited: string[] = [];

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string): void {
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  request(address: string, opts: { method?: string; form?: Record<string, string> } = {}): Promise<HttpAnswer> {
    const url = new URL(address);
    const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
    const cookies = [...(this.jar.get(url.host)?.entries() ?? [])].map(([k, v]) => `${k}=${v}`).join('; ');
    this.visited.push(url.href);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: opts.method ?? 'GET',
          lookup: loopback,
          headers: {
            ...(cookies ? { cookie: cookies } : {}),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair, ...attrs] = line.split(';');
            const eq = pair!.indexOf('=');
            const name = pair!.slice(0, eq).trim();
            const value = pair!.slice(eq + 1).trim();
            const expired = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
            if (expired) this.jar.get(url.host)?.delete(name);
            else this.setCookie(url.host, name, value);
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ url: url.href, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
  }

  /** Requests, then follows redirects (as GET) until a page answers. */
  async go(address: string, opts: { method?: string; form?: Record<string, string>; stopAt?: (url: URL) => boolean } = {}): Promise<HttpAnswer> {
    let answer = await this.request(address, opts);
    for (let i = 0; i < 20 && answer.status >= 300 && answer.status < 400 && answer.headers.location; i += 1) {
      const next = new URL(answer.headers.location, answer.url);
      if (opts.stopAt?.(next)) return { ...answer, url: next.href };
      answer = await this.request(next.href);
    }
    return answer;
  }
}

/** The action of the first form on a page whose HTML contains `marker`, as an absolute address. */
export function formAction(page: HttpAnswer, marker: string): string {
  const forms = [...page.body.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => f[2]!.includes(marker));
  if (!form) throw new Error(`no form with ${marker} on ${page.url}:\n${page.body.slice(0, 2000)}`);
  return new URL(form[1]!.replace(/&amp;/g, '&'), page.url).href;
}

/** The address of the first link whose text contains `text`, as an absolute address. */
export function linkTo(page: HttpAnswer, text: string): string {
  const link = [...page.body.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].find((a) => a[2]!.includes(text));
  if (!link) throw new Error(`no link "${text}" on ${page.url}`);
  return new URL(link[1]!.replace(/&amp;/g, '&'), page.url).href;
}
