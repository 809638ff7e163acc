// What a reader can do with any public page, without JavaScript: print it
// (?ban-in=1, a version without navigation), send it (e-mail, Zalo, Facebook),
// save it (?luu=1: the print version as a self-contained HTML file to keep),
// and switch to high contrast beside the text size (a cookie set by following
// a link, like the text size; the browser's "more contrast" wish is honoured
// until the reader chooses).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cookieSecure, safeLocalPath } from '../../platform/http/request-info.ts';
import { PUBLIC_DIR, asset } from '../../ui/assets.ts';
import type { Lang } from '../../ui/i18n.ts';

export const CONTRAST_COOKIE = 'tt_contrast';
/** cao: high contrast; thuong: normal, even when the system asks for more; auto: as the system asks. */
export type Contrast = 'cao' | 'thuong' | 'auto';

const text = {
  vi: {
    contrast: 'Độ tương phản',
    contrastHigh: 'Tương phản cao',
    contrastNormal: 'Tương phản thường',
    // What a phone shows beside the switch's icon; the link keeps the whole name.
    contrastHighShort: 'Cao',
    contrastNormalShort: 'Thường',
    tools: 'Công cụ trang',
    print: 'In trang',
    save: 'Lưu trang (HTML)',
    send: 'Gửi qua thư điện tử',
    facebook: 'Chia sẻ lên Facebook',
    zalo: 'Chia sẻ qua Zalo',
    link: 'Địa chỉ trang',
    pageAddress: 'Địa chỉ trang',
    printNote: 'Bản in: dùng lệnh In của trình duyệt (Ctrl+P) để in hoặc lưu thành PDF.',
    back: 'Trở về trang',
    savedFrom: 'Lưu từ',
  },
  en: {
    contrast: 'Contrast',
    contrastHigh: 'High contrast',
    contrastNormal: 'Normal contrast',
    contrastHighShort: 'High',
    contrastNormalShort: 'Normal',
    tools: 'Page tools',
    print: 'Print',
    save: 'Save page (HTML)',
    send: 'Send by e-mail',
    facebook: 'Share on Facebook',
    zalo: 'Share on Zalo',
    link: 'Page address',
    printNote: "Printable version: use your browser's Print command (Ctrl+P) to print or save as PDF.",
    back: 'Back to the page',
    pageAddress: 'Page address',
    savedFrom: 'Saved from',
  },
} as const;

export function readerText(lang: Lang) {
  return text[lang];
}

export function contrastOf(request: FastifyRequest): Contrast {
  const value = request.cookies[CONTRAST_COOKIE];
  return value === 'cao' || value === 'thuong' ? value : 'auto';
}

/** Query parameters that choose a reader's version of a page, not the page itself. */
const READER_PARAMS = ['ban-in', 'luu'];

function query(request: FastifyRequest): URLSearchParams {
  const q = request.url.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : request.url.slice(q + 1));
}

/** The page's address (path and its own query) without the print and save switches. */
export function pageAddress(request: FastifyRequest): string {
  const [pathname] = request.url.split('?');
  const params = query(request);
  for (const p of READER_PARAMS) params.delete(p);
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname!;
}

function withParam(address: string, param: string): string {
  return `${address}${address.includes('?') ? '&' : '?'}${param}=1`;
}

export interface ReaderChrome {
  /** The print version (?ban-in=1) or the saved file (?luu=1): no navigation, no tools, not indexed. */
  print: boolean;
  save: boolean;
  contrast: Contrast;
  contrastLinks: { href: string; label: string; short: string; mode: 'cao' | 'thuong'; pressed: boolean }[];
  /** The absolute address of the page, for sending and sharing. */
  pageUrl: string;
  pageHref: string;
  printHref: string;
  saveHref: string;
  /** The saved file links and loads pictures from the site (a <base>). */
  origin: string;
}

export function readerChrome(request: FastifyRequest, lang: Lang): ReaderChrome {
  const params = query(request);
  const save = params.get('luu') === '1';
  const print = save || params.get('ban-in') === '1';
  const address = pageAddress(request);
  const contrast = contrastOf(request);
  const t = text[lang];
  return {
    print,
    save,
    contrast,
    contrastLinks: (['cao', 'thuong'] as const).map((mode) => ({
      mode,
      href: `/tuong-phan/${mode}?next=${encodeURIComponent(request.url)}`,
      label: mode === 'cao' ? t.contrastHigh : t.contrastNormal,
      short: mode === 'cao' ? t.contrastHighShort : t.contrastNormalShort,
      // Without a choice the page is drawn in normal contrast (reader.css moves the mark when the system asks for more).
      pressed: contrast === mode || (contrast === 'auto' && mode === 'thuong'),
    })),
    pageUrl: `${request.siteOrigin}${address}`,
    pageHref: address,
    printHref: withParam(address, 'ban-in'),
    saveHref: withParam(address, 'luu'),
    origin: request.siteOrigin,
  };
}

/** The class of <html> for the contrast: none when the system decides (site.css reads prefers-contrast). */
export function contrastClass(contrast: Contrast | undefined): string {
  return contrast === 'cao' || contrast === 'thuong' ? ` contrast-${contrast}` : '';
}

/** The switch in the header, beside the text size. */
export function ContrastSwitch({ lang, reader }: { lang: Lang; reader: ReaderChrome }): JSX.Element {
  return (
    <nav class="contrast-switch" aria-label={text[lang].contrast}>
      {reader.contrastLinks.map((l) => (
        // A phone shows the short word after the switch's icon (reader.css), so the header stays one row; the name stays whole.
        <a href={l.href} class={`contrast-link contrast-link-${l.mode}`} aria-current={l.pressed ? 'true' : undefined} aria-label={l.label} rel="nofollow">
          <span class="contrast-long" safe>
            {l.label}
          </span>
          <span class="contrast-short" safe>
            {l.short}
          </span>
        </a>
      ))}
    </nav>
  );
}

/** Print, save and send, at the foot of every public page. */
export function PageTools({ lang, reader, title }: { lang: Lang; reader: ReaderChrome; title: string }): JSX.Element {
  const t = text[lang];
  const url = encodeURIComponent(reader.pageUrl);
  return (
    <nav class="page-tools" aria-label={t.tools}>
      <ul>
        <li>
          <a href={reader.printHref} rel="nofollow" class="tool-print">
            {t.print}
          </a>
        </li>
        <li>
          <a href={reader.saveHref} rel="nofollow" class="tool-save">
            {t.save}
          </a>
        </li>
        <li>
          <a href={`mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${title}\n${reader.pageUrl}`)}`} class="tool-send">
            {t.send}
          </a>
        </li>
        <li>
          <a href={`https://www.facebook.com/sharer/sharer.php?u=${url}`} rel="noopener nofollow">
            {t.facebook}
          </a>
        </li>
        <li>
          <a href={`https://sp.zalo.me/share_inline?d=${url}`} rel="noopener nofollow">
            {t.zalo}
          </a>
        </li>
      </ul>
      <label for="share-url" class="visually-hidden">
        {t.link}
      </label>
      <input id="share-url" class="share-url" type="text" value={reader.pageUrl} readonly />
    </nav>
  );
}

/** Above a print version: how to print it, and the way back (hidden on paper). */
export function PrintBar({ lang, reader }: { lang: Lang; reader: ReaderChrome }): JSX.Element {
  const t = text[lang];
  if (reader.save) {
    return (
      <p class="print-bar">
        {t.savedFrom}{' '}
        <a href={reader.pageUrl} safe>
          {reader.pageUrl}
        </a>
      </p>
    );
  }
  return (
    <>
      <p class="print-bar">
        <span>{t.printNote}</span>{' '}
        <a href={reader.pageHref}>
          {t.back}
        </a>
      </p>
      {/* On paper too: where the printed page lives. */}
      <p class="print-address">
        {t.pageAddress}:{' '}
        <a href={reader.pageUrl} safe>
          {reader.pageUrl}
        </a>
      </p>
    </>
  );
}

let inlineCss: string | null = null;
/** The stylesheets a saved page carries inside itself, so it reads the same offline. */
export function savedPageCss(): string {
  inlineCss ??= ['site.css', 'reader.css']
    .map((name) => readFileSync(path.join(PUBLIC_DIR, name), 'utf8'))
    .join('\n')
    // No fonts offline: the system's sans-serif has the Vietnamese letters; "</" cannot end the <style>.
    .replace(/@font-face\s*\{[^}]*\}/g, '')
    .replace(/<\//g, '<\\/');
  return inlineCss;
}

export function readerCssUrl(): string {
  return asset('reader.css');
}

/** The saved file's name: the page's last path segment (the slug), or the site's home. */
export function savedFileName(url: string): string {
  const segments = url.split('?')[0]!.split('/').filter(Boolean);
  const last = segments.at(-1) ?? 'trang-chu';
  return `${/^[a-z0-9-]{1,200}$/i.test(last) ? last : 'trang'}.html`;
}

export function registerReaderTools(app: FastifyInstance): void {
  app.get('/tuong-phan/:mode', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    const { mode } = request.params as { mode: string };
    const next = safeLocalPath((request.query as { next?: unknown }).next, '/');
    if (mode === 'cao' || mode === 'thuong') {
      reply.setCookie(CONTRAST_COOKIE, mode, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400, secure: cookieSecure(request) });
    }
    return reply.redirect(next, 303);
  });
  // ?luu=1 answers the print version as a file to keep (any public HTML page, from the cache or not).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || request.url.startsWith('/admin')) return payload;
    if (!/[?&]luu=1(&|$)/.test(request.url)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const name = savedFileName(request.url);
    reply.header('content-disposition', `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    reply.header('x-robots-tag', 'noindex');
    return payload;
  });
}
