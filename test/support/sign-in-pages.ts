// The single sign-on pages (ADR 31) for the HTML checker: the sign-in page with the shared-login
// button, its refusals, and the site's sign-in methods. An app of their own, configured with a
// provider and a directory that are never contacted by these requests.
import type { CheckedPage } from './html-checker.ts';
import { Agent } from './agent.ts';
import { buildTestApp } from './app.ts';
import type { TestEngine } from './databases.ts';
import { makeSite, makeUser } from './factories.ts';

export async function signInPages(engine: TestEngine): Promise<CheckedPage[]> {
  const t = await buildTestApp(engine, {
    config: {
      sso: {
        oidc: { issuer: new URL('https://sso.tinh.example.invalid'), clientId: 'trangtin', clientSecret: 'khong-dung', displayName: 'Hệ thống đăng nhập một lần của tỉnh', trustMfa: false, mfaAcr: [], allowHttp: false },
        ldap: null,
      },
    },
  });
  try {
    const site = await makeSite(t.db, 'hoplesso');
    const admin = await makeUser(t.db, site, ['site_admin']);
    const author = await makeUser(t.db, site, ['contributor']);
    await t.db.updateTable('sites').set({ settings: JSON.stringify({ ...site.settings, localPasswords: false }) }).where('id', '=', site.id).execute();
    t.refreshSites();
    const pages: CheckedPage[] = [];
    const visitor = new Agent(t.app, 'hoplesso.test');
    pages.push({ label: 'sso GET /admin/login (shared-login button)', html: (await visitor.get('/admin/login')).body });
    pages.push({ label: 'sso POST /admin/login refused (local passwords off)', html: (await visitor.post('/admin/login', { email: author.email, password: 'Mat-khau-rieng-2026' })).body });
    pages.push({ label: 'sso GET /admin/login/sso/callback refused (no transaction)', html: (await visitor.get('/admin/login/sso/callback?code=x&state=y')).body });
    const manager = new Agent(t.app, 'hoplesso.test');
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', admin.id).execute();
    await manager.login(admin.email);
    pages.push({ label: 'sso GET /admin/site/sign-in', html: (await manager.get('/admin/site/sign-in')).body });
    return pages;
  } finally {
    await t.close();
  }
}
