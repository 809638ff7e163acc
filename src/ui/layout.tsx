// The back-office page frame: skip link, header, navigation, main, footer.
// Landmarks and a single h1 per page keep it usable with a screen reader.
import type { PropsWithChildren } from '@kitajs/html';
import { asset } from './assets.ts';
import { format } from './i18n.ts';
import { common } from './messages.ts';
import type { PageContext } from './page-context.ts';
import { FlashMessage } from './components/flash.tsx';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** Pages without a signed-in user (login, reset) get a narrow frame without navigation. */
  bare?: boolean;
  /** Fingerprinted script URLs (asset(...)) that enhance a page that works without them. */
  scripts?: string[];
}

export function AdminLayout({ ctx, title, bare, scripts, children }: PropsWithChildren<LayoutProps>): JSX.Element {
  const t = common(ctx.lang);
  const otherLang = ctx.lang === 'vi' ? 'en' : 'vi';
  return (
    <>
      {'<!doctype html>'}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${title} · ${t.backoffice} · ${ctx.site.name}`}</title>
          <link rel="stylesheet" href={asset('admin.css')} />
          <meta name="robots" content="noindex, nofollow" />
        </head>
        <body class={bare ? 'bare' : undefined}>
          <a class="skip-link" href="#main">
            {t.skipToContent}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <div class="brand">
                <span class="brand-agency" safe>
                  {ctx.site.agencyName}
                </span>
                <span class="brand-name">
                  <span safe>{ctx.site.name}</span> · {t.backoffice}
                </span>
              </div>
              <div class="header-tools">
                <a href={`/lang/${otherLang}?next=${encodeURIComponent(ctx.path)}`} lang={otherLang} aria-label={t.switchLanguageLabel}>
                  {t.switchLanguage}
                </a>
                {!!ctx.user && (
                  <>
                    <span class="who" safe>
                      {format(t.loggedInAs, { name: ctx.user.name })}
                    </span>
                    <form method="post" action="/admin/logout" class="inline">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button">
                        {t.logout}
                      </button>
                    </form>
                  </>
                )}
              </div>
            </div>
            {!bare && ctx.nav.length > 0 && (
              <nav class="main-nav" aria-label={t.mainNav}>
                <ul class="wrap">
                  {ctx.nav.map((link) => (
                    <li>
                      <a href={link.href} aria-current={isCurrent(ctx.path, link.href) ? 'page' : undefined} safe>
                        {link.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
          </header>
          {ctx.site.status !== 'active' && (
            <div class="wrap">
              <div class="site-notice" role="note">
                {ctx.site.status === 'merged' && ctx.site.mergedIntoName ? (
                  <p safe>{format(t.mergedNotice, { name: ctx.site.mergedIntoName })}</p>
                ) : (
                  <p>{t.archivedNotice}</p>
                )}
                {ctx.site.notice ? <p safe>{ctx.site.notice}</p> : ''}
              </div>
            </div>
          )}
          {ctx.maintenance && ctx.maintenance.length > 0 ? (
            <div class="wrap">
              <div class="site-notice maintenance-notice" role="note">
                {ctx.maintenance.map((m) => (
                  <p>
                    <strong safe>{m.text}</strong> <span safe>{m.reason}</span> <a href={m.statusHref} safe>{m.statusLabel}</a>
                  </p>
                ))}
              </div>
            </div>
          ) : (
            ''
          )}
          <main id="main" class="wrap" tabindex="-1">
            <FlashMessage flash={ctx.flash} />
            {children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>{t.footer}</p>
            </div>
          </footer>
          {(scripts ?? []).map((src) => (
            <script src={src} defer></script>
          ))}
        </body>
      </html>
    </>
  );
}

function isCurrent(path: string, href: string): boolean {
  const pathOnly = path.split('?')[0] ?? path;
  return href === '/admin' ? pathOnly === '/admin' : pathOnly === href || pathOnly.startsWith(`${href}/`);
}
