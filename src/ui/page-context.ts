// What every back-office page needs to know about the request, gathered by the
// HTTP layer so components never see Fastify objects.
import type { Lang } from './i18n.ts';

export interface NavLink {
  href: string;
  label: string;
}

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

export interface PageContext {
  lang: Lang;
  /** Path and query of this page, for the language switch and "next" after login. */
  path: string;
  csrfToken: string;
  site: {
    name: string;
    agencyName: string;
    boardLabel: string;
    status: 'active' | 'archived' | 'merged';
    notice: string | null;
    mergedIntoName: string | null;
  };
  user: { id: number; name: string; email: string } | null;
  nav: NavLink[];
  flash: Flash | null;
  /** Planned maintenance announced for this site (modules/maintenance). */
  maintenance?: { text: string; reason: string; statusHref: string; statusLabel: string }[];
}
