// The public face of a site, as far as the foundation goes: the agency's name,
// the archive notice of a former district, contact and the person responsible.
// The full public site (sections, articles, search) is its own capability.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/http/context.ts';
import { originOf } from '../../platform/http/request-info.ts';
import { asset } from '../../ui/assets.ts';
import { defineMessages, format } from '../../ui/i18n.ts';

const text = defineMessages({
  vi: {
    skip: 'Bỏ qua đến nội dung chính',
    welcome: 'Chào mừng bạn đến với {name}.',
    archived: 'Đây là trang lưu trữ: nội dung vẫn được giữ để tra cứu, không còn cập nhật.',
    merged: 'Trang này đã được hợp nhất vào {name}.',
    visitNew: 'Đến trang mới',
    contact: 'Liên hệ',
    address: 'Địa chỉ',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    responsible: 'Chịu trách nhiệm chính',
    backoffice: 'Trang quản trị',
    english: 'English',
  },
  en: {
    skip: 'Skip to main content',
    welcome: 'Welcome to {name}.',
    archived: 'This is an archived site: its content is kept for reference and no longer updated.',
    merged: 'This site has been merged into {name}.',
    visitNew: 'Go to the new site',
    contact: 'Contact',
    address: 'Address',
    phone: 'Phone',
    email: 'E-mail',
    responsible: 'Responsible',
    backoffice: 'Back office',
    english: 'Tiếng Việt',
  },
});

export function registerPublicSite(app: FastifyInstance, deps: AppDeps): void {
  app.get('/', { config: { access: { kind: 'public' } } }, async (request, reply) => {
    const site = request.site;
    const lang = request.lang === 'en' && site.languages.includes('en') ? 'en' : 'vi';
    const t = text(lang);
    const name = lang === 'en' && site.nameEn ? site.nameEn : site.name;
    const agency = lang === 'en' && site.agencyNameEn ? site.agencyNameEn : site.agencyName;
    const mergedInto = site.mergedIntoSiteId ? await deps.sites.byIdOrNull(site.mergedIntoSiteId) : null;
    const c = site.contact;
    const html = (
      <>
        {'<!doctype html>'}
        <html lang={lang}>
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title safe>{name}</title>
            <link rel="stylesheet" href={asset('admin.css')} />
            <meta name="DC.title" content={name} />
            <meta name="DC.publisher" content={agency} />
            <meta name="DC.language" content={lang} />
          </head>
          <body>
            <a class="skip-link" href="#main">
              {t.skip}
            </a>
            <header class="site-header">
              <div class="wrap header-row">
                <div class="brand">
                  <span class="brand-agency" safe>
                    {agency}
                  </span>
                  <span class="brand-name" safe>
                    {name}
                  </span>
                </div>
                {site.languages.includes('en') ? (
                  <div class="header-tools">
                    <a href={`/lang/${lang === 'vi' ? 'en' : 'vi'}?next=/`} lang={lang === 'vi' ? 'en' : 'vi'}>
                      {t.english}
                    </a>
                  </div>
                ) : (
                  ''
                )}
              </div>
            </header>
            {site.status !== 'active' ? (
              <div class="site-notice wrap" role="note">
                {site.status === 'merged' && mergedInto ? (
                  <p>
                    <span safe>{format(t.merged, { name: mergedInto.name })}</span>{' '}
                    {mergedInto.primaryHost ? <a href={`${originOf(request, mergedInto.primaryHost)}/`}>{t.visitNew}</a> : ''}
                  </p>
                ) : (
                  <p>{t.archived}</p>
                )}
                {site.statusNotice ? <p safe>{site.statusNotice}</p> : ''}
              </div>
            ) : (
              ''
            )}
            <main id="main" class="wrap">
              <h1 safe>{name}</h1>
              <p class="lead" safe>
                {format(t.welcome, { name: agency })}
              </p>
            </main>
            <footer class="site-footer">
              <div class="wrap">
                <h2>{t.contact}</h2>
                <p safe>{agency}</p>
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
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
