// The royalty pages' own navigation, shown at the top of each of them; links
// a person cannot use are left out.
import { can, type Grants, type Permission } from '../../core/permissions.ts';
import type { Lang } from '../../ui/i18n.ts';

export const ROYALTY_LINKS: { href: string; vi: string; en: string; permission: Permission }[] = [
  { href: '/admin/royalties', vi: 'Chấm nhuận bút', en: 'Assessment queue', permission: 'royalties.view' },
  { href: '/admin/royalties/periods', vi: 'Bảng kê theo kỳ', en: 'Monthly sheets', permission: 'royalties.view' },
  { href: '/admin/royalties/payees', vi: 'Người nhận', en: 'Payees', permission: 'royalties.view' },
  { href: '/admin/royalties/allowances', vi: 'Thù lao Ban biên tập', en: 'Board allowances', permission: 'royalties.view' },
  { href: '/admin/royalties/budget', vi: 'Dự toán kinh phí', en: 'Budget', permission: 'royalties.view' },
  { href: '/admin/royalties/policy', vi: 'Chế độ nhuận bút', en: 'Royalty policy', permission: 'royalties.view' },
];

export function RoyaltyNav({ grants, lang, current }: { grants: Grants; lang: Lang; current: string }): JSX.Element {
  return (
    <nav aria-label={lang === 'vi' ? 'Nhuận bút, thù lao' : 'Royalties'}>
      <ul class="tabs">
        {ROYALTY_LINKS.filter((l) => can(grants, l.permission)).map((l) => (
          <li>
            <a href={l.href} aria-current={l.href === current ? 'page' : undefined} safe>
              {lang === 'vi' ? l.vi : l.en}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
