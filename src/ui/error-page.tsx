// A plain error page in the reader's language: what happened, what to do, and a
// reference the IT centre can find in the logs. Never a stack trace.
import { asset } from './assets.ts';
import type { Lang } from './i18n.ts';

export interface ErrorPageProps {
  lang: Lang;
  status: number;
  title: string;
  messages: string[];
  requestId: string;
  siteName?: string | undefined;
  homeHref?: string;
  /** The same explanation in the other language, for public pages of a bilingual site. */
  alongside?: { lang: Lang; title: string; messages: string[] } | undefined;
}

const LABELS = {
  vi: { home: 'Về trang chủ', back: 'Quay lại trang trước bằng nút Quay lại của trình duyệt.', reference: 'Mã tham chiếu', error: 'Lỗi' },
  en: { home: 'Go to the home page', back: "Use your browser's Back button to return.", reference: 'Reference', error: 'Error' },
} as const;

export function ErrorPage(props: ErrorPageProps): JSX.Element {
  const l = LABELS[props.lang];
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${props.title} (${l.error} ${props.status})${props.siteName ? ` · ${props.siteName}` : ''}`}</title>
          <link rel="stylesheet" href={asset('admin.css')} />
        </head>
        <body class="bare">
          <header class="site-header">
            <div class="wrap header-row">
              <div class="brand">
                <span class="brand-name" safe>
                  {props.siteName ?? 'trangtin'}
                </span>
              </div>
            </div>
          </header>
          <main id="main" class="wrap">
            <h1 safe>{props.title}</h1>
            {props.messages.map((m) => (
              <p safe>{m}</p>
            ))}
            {props.alongside ? (
              <section lang={props.alongside.lang}>
                <h2 safe>{props.alongside.title}</h2>
                {props.alongside.messages.map((m) => (
                  <p safe>{m}</p>
                ))}
              </section>
            ) : (
              ''
            )}
            <p>{l.back}</p>
            <p>
              <a href={props.homeHref ?? '/'}>{l.home}</a>
            </p>
            <p class="muted">
              {l.reference}: <code safe>{props.requestId}</code>
            </p>
          </main>
        </body>
      </html>
    </>
  );
}
