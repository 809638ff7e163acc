// The frame of public pages: the agency's name, the archive notice of a former
// district, and the footer naming the person responsible (Circular 32/2017).
import type { PropsWithChildren } from '@kitajs/html';
import { asset } from './assets.ts';
import { defineMessages, format, type Lang } from './i18n.ts';

const text = defineMessages({
  vi: {
    skip: 'Bỏ qua đến nội dung chính',
    archived: 'Đây là trang lưu trữ: nội dung vẫn được giữ để tra cứu, không còn cập nhật.',
    merged: 'Trang này đã được hợp nhất vào {name}.',
    visitNew: 'Đến trang mới',
    contact: 'Liên hệ',
    address: 'Địa chỉ',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    responsible: 'Chịu trách nhiệm chính',
    backoffice: 'Trang quản trị',
    otherLang: 'English',
    home: 'Trang chủ',
  },
  en: {
    skip: 'Skip to main content',
    archived: 'This is an archived site: its content is kept for reference and no longer updated.',
    merged: 'This site has been merged into {name}.',
    visitNew: 'Go to the new site',
    contact: 'Contact',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    responsible: 'Responsible',
    backoffice: 'Back office',
    otherLang: 'Tiếng Việt',
    home: 'Home',
  },
});

export interface PublicSiteView {
  name: string;
  agencyName: string;
  languages: Lang[];
  status: 'active' | 'archived' | 'merged';
  statusNotice: string | null;
  mergedInto: { name: string; url: string | null } | null;
  contact: { address?: string | null; phone?: string | null; email?: string | null; responsiblePerson?: string | null };
}

export interface PublicPageProps {
  lang: Lang;
  site: PublicSiteView;
  title: string;
  /** Current path, for the language switch. */
  path: string;
  noindex?: boolean;
  /** Extra head elements (metadata), already escaped. */
  head?: JSX.Element;
}

export function PublicLayout(props: PropsWithChildren<PublicPageProps>): JSX.Element {
  const t = text(props.lang);
  const { site } = props;
  const other = props.lang === 'vi' ? 'en' : 'vi';
  const c = site.contact;
  return (
    <>
      {'<!doctype html>'}
      <html lang={props.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{props.title === site.name ? site.name : `${props.title} · ${site.name}`}</title>
          <link rel="stylesheet" href={asset('admin.css')} />
          {props.noindex ? <meta name="robots" content="noindex, nofollow" /> : ''}
          {props.head ? props.head : ''}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t.skip}
          </a>
          <header class="site-header">
            <div class="wrap header-row">
              <div class="brand">
                <span class="brand-agency" safe>
                  {site.agencyName}
                </span>
                <a class="brand-name" href="/" safe>
                  {site.name}
                </a>
              </div>
              {site.languages.includes('en') ? (
                <div class="header-tools">
                  <a href={`/lang/${other}?next=${encodeURIComponent(props.path)}`} lang={other}>
                    {t.otherLang}
                  </a>
                </div>
              ) : (
                ''
              )}
            </div>
          </header>
          {site.status !== 'active' ? (
            <div class="site-notice wrap" role="note">
              {site.status === 'merged' && site.mergedInto ? (
                <p>
                  <span safe>{format(t.merged, { name: site.mergedInto.name })}</span>{' '}
                  {site.mergedInto.url ? <a href={site.mergedInto.url}>{t.visitNew}</a> : ''}
                </p>
              ) : (
                <p>{t.archived}</p>
              )}
              {site.statusNotice ? <p safe>{site.statusNotice}</p> : ''}
            </div>
          ) : (
            ''
          )}
          <main id="main" class="wrap" tabindex="-1">
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <h2>{t.contact}</h2>
              <p safe>{site.agencyName}</p>
              {c.address ? <p safe>{`${t.address}: ${c.address}`}</p> : ''}
              {c.phone ? <p safe>{`${t.phone}: ${c.phone}`}</p> : ''}
              {c.email ? <p safe>{`${t.email}: ${c.email}`}</p> : ''}
              {c.responsiblePerson ? <p safe>{`${t.responsible}: ${c.responsiblePerson}`}</p> : ''}
              <p>
                <a href="/admin">{t.backoffice}</a>
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
