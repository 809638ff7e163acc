// Reader tools on the demo sites, on both engines: print, save and send on
// every kind of public page (not only articles), and the high-contrast switch
// beside the text size, without JavaScript, kept apart in the render cache.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { Site } from '../sites/site.ts';
import { savedFileName } from './reader-tools.tsx';

forEachEngine('reader tools', (engine) => {
  let t: TestApp;
  let sites: Site[];
  /** One address per page type, with the host of the site that has it. */
  const pages: Record<string, { host: string; url: string }> = {};
  const get = (p: { host: string; url: string }, suffix = '', headers: Record<string, string> = {}) => t.app.inject({ url: `${p.url}${suffix}`, headers: { host: p.host, ...headers } });

  before(async () => {
    t = await buildTestApp(engine);
    sites = (await loadDemo(t.db, { password: 'Demo-Hợp-lệ-2026', clock: t.clock })).sites;
    t.refreshSites();
    const docs = await t.db.selectFrom('search_documents').select(['site_id', 'item_type', 'kind', 'url']).orderBy('id').execute();
    const host = (siteId: number) => sites.find((s) => s.id === siteId)!.primaryHost!;
    const first = (item: string, kind: string) => docs.find((d) => d.item_type === item && d.kind === kind)!;
    for (const [name, item, kind] of [['document', 'article', 'document'], ['procedure', 'procedure', 'procedure'], ['entry', 'entry', 'announcement'], ['article', 'article', 'news']] as const) {
      const d = first(item, kind);
      pages[name] = { host: host(d.site_id), url: d.url };
    }
    const entrySite = sites.find((s) => s.primaryHost === pages.entry!.host)!;
    pages.entryList = { host: entrySite.primaryHost!, url: '/thong-bao' };
    const section = await t.db.selectFrom('sections').select(['site_id', 'slug']).where('site_id', '=', entrySite.id).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    pages.section = { host: entrySite.primaryHost!, url: `/chuyen-muc/${section.slug}` };
    pages.search = { host: entrySite.primaryHost!, url: '/tim-kiem?q=th%C3%B4ng+b%C3%A1o' };
    pages.documents = { host: entrySite.primaryHost!, url: '/van-ban' };
  });
  after(async () => t.close());

  test('every page type offers print, save and send', async () => {
    for (const [name, p] of Object.entries(pages)) {
      const res = await get(p);
      assert.equal(res.statusCode, 200, `${name} ${p.url}`);
      const tools = /<nav class="page-tools"[\s\S]*?<\/nav>/.exec(res.body)?.[0]?.replace(/&amp;/g, '&');
      assert.ok(tools, `${name}: page tools`);
      const sep = p.url.includes('?') ? '&' : '?';
      assert.ok(tools.includes(`href="${p.url}${sep}ban-in=1"`), `${name}: print link in ${tools}`);
      assert.ok(tools.includes(`href="${p.url}${sep}luu=1"`), `${name}: save link`);
      assert.match(tools, /href="mailto:\?subject=[^"]+&body=[^"]*http%3A%2F%2F/, `${name}: send by e-mail with the address`);
      assert.match(textOf(tools), /In trang.*Lưu trang \(HTML\).*Gửi qua thư điện tử/);
    }
    // Sharing on Zalo and Facebook as before, on item pages.
    assert.match((await get(pages.article!)).body, /sp\.zalo\.me\/share_inline\?d=http%3A%2F%2F/);
  });

  test('the print version of any page has no navigation nor tools and is not indexed', async () => {
    for (const name of ['document', 'procedure', 'entry', 'section', 'entryList'] as const) {
      const p = pages[name]!;
      const res = await get(p, '?ban-in=1');
      assert.equal(res.statusCode, 200, name);
      assert.match(res.body, /<body class="print-view">/, name);
      assert.match(res.body, /<meta name="robots" content="noindex, nofollow"\/>/, name);
      assert.doesNotMatch(res.body, /class="page-tools"|class="main-menu"|class="text-size"/, `${name}: nothing to click on paper`);
      assert.match(textOf(res.body), /Bản in: dùng lệnh In của trình duyệt/);
      // The page's own content is there.
      const normal = textOf((await get(p)).body);
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec((await get(p)).body)?.[1];
      assert.ok(h1 && textOf(res.body).includes(textOf(h1)), `${name}: its title`);
      assert.ok(normal.length > 0);
    }
  });

  test('saving answers the print version as a self-contained HTML file named after the page', async () => {
    for (const name of ['document', 'procedure', 'entry', 'section'] as const) {
      const p = pages[name]!;
      const res = await get(p, '?luu=1');
      assert.equal(res.statusCode, 200, name);
      const slug = p.url.split('/').at(-1)!;
      assert.equal(res.headers['content-disposition'], `attachment; filename="${slug}.html"; filename*=UTF-8''${slug}.html`, name);
      assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(res.headers['x-robots-tag'], 'noindex');
      assert.match(res.body, /<meta name="robots" content="noindex, nofollow"\/>/);
      assert.match(res.body, /<style>[\s\S]*\.page-tools[\s\S]*<\/style>/, `${name}: styles inside the file`);
      assert.doesNotMatch(res.body, /<link rel="stylesheet"/, `${name}: no stylesheet to fetch`);
      assert.match(res.body, new RegExp(`<base href="http://${p.host.replace(/\./g, '\\.')}(:\\d+)?/"/>`), `${name}: links and pictures resolve to the site`);
      assert.match(textOf(res.body), /Lưu từ http:\/\//);
      // The print and save versions are cached apart from the page.
      assert.equal((await get(p)).headers['content-disposition'], undefined);
    }
    assert.equal(savedFileName('/'), 'trang-chu.html');
    assert.equal(savedFileName('/van-ban/quyet-dinh-12?luu=1'), 'quyet-dinh-12.html');
  });

  test('the high-contrast switch sets a cookie, marks <html>, and is cached apart', async () => {
    const p = pages.section!;
    // Normal first: cached.
    const plain = await get(p);
    assert.doesNotMatch(plain.body, /<html[^>]*contrast-/);
    assert.match(plain.body, /<nav class="contrast-switch" aria-label="Độ tương phản">/);
    assert.match(plain.body, new RegExp(`href="/tuong-phan/cao\\?next=${encodeURIComponent(p.url)}"`));
    assert.doesNotMatch(plain.body, /contrast-link-cao" aria-current/);
    // Without a choice the page is in normal contrast, and the switch says so.
    assert.match(plain.body, /class="contrast-link contrast-link-thuong" aria-current="true"/);

    const set = await t.app.inject({ url: `/tuong-phan/cao?next=${encodeURIComponent(p.url)}`, headers: { host: p.host } });
    assert.equal(set.statusCode, 303);
    assert.equal(set.headers.location, p.url);
    const cookie = String(set.headers['set-cookie']);
    assert.match(cookie, /^tt_contrast=cao;/);
    assert.match(cookie, /HttpOnly/);
    const high = await get(p, '', { cookie: 'tt_contrast=cao' });
    assert.match(high.body, /<html lang="vi" class="size-vua contrast-cao">/);
    assert.match(high.body, /<a href="\/tuong-phan\/cao[^"]*" class="contrast-link contrast-link-cao" aria-current="true"/);
    assert.doesNotMatch(high.body, /contrast-link-thuong" aria-current/, 'only the mode in use is marked');
    assert.match(String(high.headers.vary), /Cookie/);
    // The normal page from the cache is still normal; normal chosen against the system's wish is its own variant.
    assert.doesNotMatch((await get(p)).body, /<html[^>]*contrast-cao/);
    assert.match((await get(p, '', { cookie: 'tt_contrast=thuong' })).body, /<html lang="vi" class="size-vua contrast-thuong">/);
    // With the text size too.
    assert.match((await get(p, '', { cookie: 'tt_contrast=cao; tt_size=lon' })).body, /<html lang="vi" class="size-lon contrast-cao">/);

    const bad = await t.app.inject({ url: '/tuong-phan/tim?next=https%3A%2F%2Fevil.example%2F', headers: { host: p.host } });
    assert.equal(bad.statusCode, 303);
    assert.equal(bad.headers.location, '/', 'never sends the reader to another site');
    assert.equal(bad.headers['set-cookie'], undefined, 'an unknown mode sets nothing');
  });

  test('the stylesheet turns to high contrast on the switch and on the system wish, unless normal was chosen', async () => {
    const page = (await get(pages.section!)).body;
    const href = /<link rel="stylesheet" href="(\/assets\/reader\.[0-9a-f]+\.css)"/.exec(page)?.[1];
    assert.ok(href);
    const css = (await get({ host: pages.section!.host, url: href })).body;
    assert.match(css, /html\.contrast-cao \{[^}]*--paper: #000;[^}]*--link: #ff0;/);
    assert.match(css, /@media screen and \(prefers-contrast: more\) \{\s*html:not\(\.contrast-thuong\)/);
    assert.match(css, /background-image: none !important/);
  });
});
