// The addresses of the organisation chart and the directory (the sitemap page links them too).
import type { Lang } from '../../../ui/i18n.ts';

export const orgPaths = {
  chart: (lang: Lang) => (lang === 'en' ? '/en/organisation' : '/co-cau-to-chuc'),
  directory: (lang: Lang) => (lang === 'en' ? '/en/directory' : '/danh-ba'),
};

/** Every site has units, so every site has a chart and a directory. */
export function organisationLinks(lang: Lang): { href: string; name: string }[] {
  return [
    { href: orgPaths.chart(lang), name: lang === 'en' ? 'Organisation chart' : 'Cơ cấu tổ chức' },
    { href: orgPaths.directory(lang), name: lang === 'en' ? 'Directory' : 'Danh bạ' },
  ];
}
