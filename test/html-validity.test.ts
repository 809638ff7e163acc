// Every public page of the five demo sites is valid HTML for the Nu HTML
// Checker (the W3C's validator): the pages a crawler reaches from each home page
// (sections and their next pages, articles and their print version, documents,
// procedures, published questions and petitions, drafts for comment, every
// form, the sitemap page, the disclosure page), plus what no link leads to:
// search with and without results, tracking, the 404 page, a rating's thanks,
// each form refused and shown again with its errors, and a form's receipt.
// The checker runs once over all of them (one JVM start).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loadDemo } from '../src/modules/demo/load-demo.ts';
import type { Site } from '../src/modules/sites/site.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { testEngines } from './support/databases.ts';
import { htmlCheckerUnavailable, htmlErrors, type CheckedPage } from './support/html-checker.ts';
import { seedEngagementPages } from './support/engagement-pages.ts';
import { Agent } from './support/agent.ts';
import { scheduleMaintenance } from '../src/modules/maintenance/store.ts';
import { signInPages } from './support/sign-in-pages.ts';
import { readFileSync as readFile, mkdtempSync as tempDir, rmSync as removeDir } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { exportsSettled, runExport } from '../src/modules/archive/jobs.ts';
import { listFiles } from '../src/modules/archive/export-site.ts';

const skip = htmlCheckerUnavailable();

/** Addresses a crawler leaves alone: the back office, files, feeds, and the text-size switch (a redirect). */
const NOT_PAGES = /^\/(?:admin|api\/|media\/|tai-ve\/|assets\/|co-chu\/|tuong-phan\/|am-thanh\/|tra-cuu-y-kien\/tep\/)|\.(?:xml|csv|json|css|js|png|jpe?g|webp|svg|ico|pdf|txt|docx?|xlsx?)$/;
/** More than any demo site has; a crawl that reaches it is following a loop. */
const MAX_PAGES_PER_SITE = 400;

/** The citizens' forms (multipart, with a signed time stamp) and the contact form. */
const FORMS = [
  { path: '/hoi-dap/gui-cau-hoi', multipart: true },
  { path: '/phan-anh-kien-nghi/gui', multipart: true },
  { path: '/tiep-can-thong-tin/yeu-cau', multipart: true },
  { path: '/tiep-can-thong-tin/de-nghi-dinh-chinh', multipart: true },
  { path: '/lien-he', multipart: false },
];

describe('valid HTML on every public page of the demo sites (Nu HTML Checker)', { skip: skip ?? false }, () => {
  let t: TestApp;
  let sites: Site[];
  const pages: CheckedPage[] = [];

  before(async () => {
    t = await buildTestApp(testEngines()[0]!);
    sites = (await loadDemo(t.db, { password: 'Demo-Hợp-lệ-2026', clock: t.clock, files: t.deps.files })).sites;
    t.refreshSites();
    await withSpeech();
    // A planned maintenance of every site: every page crawled carries its notice (ADR 0030).
    await scheduleMaintenance(t.db, { userId: null, onBehalfOfUserId: null, label: 'test', ip: null, userAgent: null }, { sites: 'all', startsAt: new Date(t.clock.now().getTime() + 30 * 86_400_000), endsAt: new Date(t.clock.now().getTime() + 30 * 86_400_000 + 4 * 3_600_000), reason: 'Nâng cấp máy chủ <cơ sở dữ liệu> & mạng', reasonEn: 'Server upgrade' }, t.clock);
    for (const site of sites) await collect(site);
    await collectEngagement();
    await collectMaintenance();
    // Single sign-on (ADR 31): the sign-in page with the shared-login button, its refusals, the site's sign-in methods.
    pages.push(...(await signInPages(testEngines()[0]!)));
    await collectArchiveAndLifecycle();
  });
  after(async () => t?.close());

  const ip = (site: Site) => `10.77.${sites.indexOf(site)}.1`;

  function get(site: Site, url: string): Promise<LightMyRequestResponse> {
    return t.app.inject({ method: 'GET', url, remoteAddress: ip(site), headers: { host: site.primaryHost! } });
  }

  function keep(site: Site, what: string, res: LightMyRequestResponse): void {
    if (String(res.headers['content-type'] ?? '').startsWith('text/html')) pages.push({ label: `${site.key} ${what} (${res.statusCode})`, html: res.body });
  }

  /** Same-site page addresses linked from a page (fragments dropped). */
  function linksOf(html: string): string[] {
    const out: string[] = [];
    for (const m of html.matchAll(/href="([^"]*)"/g)) {
      const href = m[1]!.replace(/&amp;/g, '&').replace(/#.*$/, '');
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      if (NOT_PAGES.test(href.split('?')[0]!)) continue;
      // Every page links its print and save versions (reader tools): a few are checked below, not all.
      if (/[?&](?:ban-in|luu)=1(?:&|$)/.test(href)) continue;
      out.push(href);
    }
    return out;
  }

  async function crawl(site: Site, seeds: string[]): Promise<Set<string>> {
    const seen = new Set<string>(seeds);
    const queue = [...seeds];
    while (queue.length > 0) {
      const url = queue.shift()!;
      const res = await get(site, url);
      const next: string[] = [];
      if (res.statusCode >= 300 && res.statusCode < 400) {
        const location = String(res.headers.location ?? '').replace(/^https?:\/\/[^/]+/, '');
        if (location.startsWith('/')) next.push(location);
      } else {
        keep(site, `GET ${url}`, res);
        next.push(...linksOf(res.body));
      }
      for (const link of next) {
        if (seen.has(link) || seen.size >= MAX_PAGES_PER_SITE) continue;
        seen.add(link);
        queue.push(link);
      }
    }
    return seen;
  }

  /** A form sent as a browser sends it, after the time a person needs (the forms refuse senders that are too fast). */
  async function send(site: Site, path: string, multipart: boolean, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const page = await get(site, path);
    const stamp = /name="stamp" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    t.clock.advance(60_000);
    const all = { stamp, website: '', ...fields };
    const headers = { host: site.primaryHost!, origin: `http://${site.primaryHost!}` };
    if (!multipart) {
      return t.app.inject({ method: 'POST', url: path, remoteAddress: ip(site), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(all).toString() });
    }
    const boundary = '----htmlvalidity';
    const body = Object.entries(all).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
    return t.app.inject({ method: 'POST', url: path, remoteAddress: ip(site), headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  }

  async function collect(site: Site): Promise<void> {
    // The organisation chart and the directory are reached from the sections' pages once linked; crawled from here meanwhile.
    const seeds = ['/', '/co-cau-to-chuc', '/danh-ba', '/danh-ba?q=tai+chinh', ...(site.languages.includes('en') ? ['/en', '/en/organisation'] : [])];
    const crawled = [...(await crawl(site, seeds))];
    // Story threads (issue 16): their list, besides the thread pages the articles' boxes link to.
    keep(site, 'GET /dong-su-kien', await get(site, '/dong-su-kien'));
    // What no link leads to: search with and without results, tracking, a missing page.
    for (const url of ['/tim-kiem?q=h%C6%B0%E1%BB%9Bng+d%E1%BA%ABn', '/tim-kiem?q=khongcoketquanao', '/tra-cuu-y-kien?ma=HD-AAAA-BBBB', '/trang-khong-co']) keep(site, `GET ${url}`, await get(site, url));
    // The week of the work schedule and its print version (/lich-cong-tac/tuan redirects to this week).
    for (const url of ['/lich-cong-tac/tuan', '/lich-cong-tac/tuan?in=1']) keep(site, `GET ${url} (this week)`, await get(site, String((await get(site, url)).headers.location ?? url)));
    for (const c of await t.db.selectFrom('citizen_cases').select('tracking_code').where('site_id', '=', site.id).execute()) {
      keep(site, 'GET /tra-cuu-y-kien (a case)', await get(site, `/tra-cuu-y-kien?ma=${c.tracking_code}`));
    }
    // The print and save versions of an article, a document and a section list (reader tools).
    for (const pattern of [/^\/bai-viet\/[a-z0-9-]+$/, /^\/van-ban\/[a-z0-9-]+$/, /^\/chuyen-muc\/[a-z0-9-]+$/]) {
      const url = crawled.find((u) => pattern.test(u));
      if (url) for (const v of ['ban-in=1', 'luu=1']) keep(site, `GET ${url}?${v}`, await get(site, `${url}?${v}`));
    }
    // A rating's thanks, counted or given before from this browser.
    const rated = crawled.find((u) => /^\/van-ban\/[a-z0-9-]+$/.test(u));
    if (rated) for (const thanks of ['1', 'truoc']) keep(site, `GET ${rated}?da-danh-gia=${thanks}`, await get(site, `${rated}?da-danh-gia=${thanks}`));
    // Each form refused and shown again with its errors.
    const consultation = crawled.find((u) => /^\/lay-y-kien\/[a-z0-9-]+$/.test(u));
    for (const form of [...FORMS, ...(consultation ? [{ path: consultation, multipart: false }] : [])]) {
      keep(site, `POST ${form.path} refused`, await send(site, form.path, form.multipart, {}));
    }
    // The forum's forms where the site has the forum on: a new topic and a reply, refused and shown again.
    const forumTopic = crawled.find((u) => /^\/dien-dan\/chu-de\/\d+$/.test(u));
    if (crawled.includes('/dien-dan')) for (const path of ['/dien-dan/gui-bai', ...(forumTopic ? [forumTopic] : [])]) keep(site, `POST ${path} refused`, await send(site, path, false, {}));
    // A form received: the receipt with its tracking code.
    const sent = await send(site, '/hoi-dap/gui-cau-hoi', true, { name: 'Người dân kiểm thử', email: `kiemthu@${site.key}.example.invalid`, title: 'Câu hỏi kiểm thử', body: 'Nội dung câu hỏi để kiểm thử trang.' });
    assert.equal(sent.statusCode, 200, `${site.key}: ${sent.body.slice(0, 200)}`);
    keep(site, 'POST /hoi-dap/gui-cau-hoi received', sent);
  }

  /** Polls and business promotion (issue 16) on a site of their own: every page type, and a ballot refused and shown again. */
  async function collectEngagement(): Promise<void> {
    const seeded = await seedEngagementPages(t, 'hopleengagement');
    const host = seeded.board.host;
    const inject = (method: 'GET' | 'POST', url: string, cookie = '', payload?: string) =>
      t.app.inject({ method, url, remoteAddress: '10.77.99.1', headers: { host, cookie, ...(payload !== undefined ? { origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(payload !== undefined ? { payload } : {}) });
    for (const [label, url] of Object.entries(seeded.pages)) pages.push({ label: `engagement ${label} (GET ${url})`, html: (await inject('GET', url)).body });
    const form = await inject('GET', `/binh-chon/${seeded.running}`);
    const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const stamp = /name="stamp" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const refused = await inject('POST', `/binh-chon/${seeded.running}`, cookie, new URLSearchParams({ stamp, website: '' }).toString());
    pages.push({ label: `engagement ballot refused (${refused.statusCode})`, html: refused.body });
  }
  /** The installation's status page (vi, en) and the administrator's maintenance page, with a form refused. */
  async function collectMaintenance(): Promise<void> {
    const site = sites[0]!;
    for (const url of ['/trang-thai', '/en/status']) keep(site, `GET ${url}`, await get(site, url));
    const it = new Agent(t.app, site.primaryHost!);
    await it.login('admin@trangtin.localhost', 'Demo-Hợp-lệ-2026');
    pages.push({ label: 'admin GET /admin/maintenance', html: (await it.get('/admin/maintenance')).body });
    pages.push({ label: 'admin POST /admin/maintenance refused', html: (await it.post('/admin/maintenance', { startDate: '2020-01-01', startTime: '25:00', endDate: '', endTime: '', reason: '' })).body });
    // The edit page, the cancel confirmation (and its refusal without a reason), the health page.
    const window = await t.db.selectFrom('maintenance_windows').select('id').where('cancelled_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    pages.push({ label: 'admin GET /admin/maintenance/:id', html: (await it.get(`/admin/maintenance/${window.id}`)).body });
    pages.push({ label: 'admin GET /admin/maintenance/:id/cancel', html: (await it.get(`/admin/maintenance/${window.id}/cancel`)).body });
    pages.push({ label: 'admin POST /admin/maintenance/:id/cancel refused', html: (await it.post(`/admin/maintenance/${window.id}/cancel`, { cancelReason: '' })).body });
    pages.push({ label: 'admin GET /admin/healthz', html: (await it.get('/admin/healthz')).body });
  }
  test('the status and maintenance pages are among them, every page with the maintenance notice', () => {
    const labels = pages.map((p) => p.label);
    for (const kind of ['GET /trang-thai (200)', 'GET /en/status (200)']) assert.ok(labels.some((l) => l.includes(kind)), kind);
    assert.ok(labels.includes('admin GET /admin/maintenance') && labels.includes('admin POST /admin/maintenance refused'));
    for (const label of ['admin GET /admin/maintenance/:id', 'admin GET /admin/maintenance/:id/cancel', 'admin POST /admin/maintenance/:id/cancel refused', 'admin GET /admin/healthz']) assert.ok(labels.includes(label), label);
    assert.ok(!pages.find((p) => p.label === 'admin GET /admin/healthz')!.html.startsWith('{'), '/admin/healthz is a page');
    const home = pages.find((p) => p.label === `${sites[0]!.key} GET / (200)`)!;
    assert.match(home.html, /Thông báo bảo trì theo kế hoạch/);
  });
  test('a story thread page was checked on the demo sites that have one (issue 16)', () => {
    for (const key of ['nhuxuan', 'vpubnd-kontum']) assert.ok(pages.some((p) => p.label.startsWith(`${key} GET /dong-su-kien/`)), `${key}: no story thread page`);
  });
  /** One published news item per site has its speech ready, so its page shows the listening block. */
  async function withSpeech(): Promise<void> {
    const now = t.clock.now().toISOString();
    for (const site of sites) {
      const a = await t.db.selectFrom('articles').select(['id', 'live_revision_id']).where('site_id', '=', site.id).where('kind', '=', 'news').where('publication', '=', 'published').where('live_revision_id', 'is not', null).orderBy('id').executeTakeFirst();
      if (!a) continue;
      await t.db.insertInto('article_speech').values({ site_id: site.id, article_id: a.id, revision_id: a.live_revision_id!, status: 'ready', language: 'vi', voice: 'vi', file_sha256: 'a'.repeat(64), bytes: 1_234_567, duration_ms: 245_000, created_at: now, updated_at: now, ready_at: now }).execute();
    }
  }

  test('the crawl reached every kind of public page on every site', () => {
    assert.ok(pages.some((p) => p.html.includes('<audio controls="" preload="none"')), 'an article page with its audio block');
    assert.ok(pages.some((p) => p.label.includes('?luu=1')) && pages.some((p) => p.label.includes('?ban-in=1')), 'print and save versions');
    for (const site of sites) {
      const mine = pages.filter((p) => p.label.startsWith(`${site.key} `)).map((p) => p.label);
      for (const kind of ['/chuyen-muc/', '/bai-viet/', '/van-ban/', '/thu-tuc-hanh-chinh/', '/hoi-dap/', '/phan-anh-kien-nghi', '/lay-y-kien/', '/tiep-can-thong-tin', '/so-do-trang', '/lien-he', '/tim-kiem', '/tra-cuu-y-kien', 'da-danh-gia=1', 'refused (400)', 'received (200)']) {
        assert.ok(mine.some((label) => label.includes(kind)), `${site.key}: no page with ${kind}`);
      }
      // The forum, on the demo site that has it on.
      if (site.key === 'sxd-kontum') for (const kind of ['GET /dien-dan ', '/dien-dan/chu-de/', 'GET /dien-dan/gui-bai', '/dien-dan/bao-vi-pham/', 'POST /dien-dan/gui-bai refused']) assert.ok(mine.some((label) => label.includes(kind)), `${site.key}: no page with ${kind}`);
    }
  });

  test('the poll and promotion pages are among them', () => {
    const labels = pages.map((p) => p.label);
    for (const kind of ['poll list', 'running poll', 'multiple-choice poll', 'closed poll', 'promotion list', 'promotion (GET', 'ballot refused (400)']) assert.ok(labels.some((l) => l.startsWith(`engagement ${kind}`)), kind);
    for (const site of sites) assert.ok(labels.some((l) => l.startsWith(`${site.key} GET /binh-chon/`)), `${site.key}: a demo poll`);
  });

  test('the crawl reached the galleries, their list and albums, where the demo has them', () => {
    for (const key of ['thanhchuong', 'sxd-kontum']) assert.ok(pages.some((p) => p.label.startsWith(`${key} GET /thu-vien-anh-video/`)), `${key}: no album page`);
  });

  /**
   * Archive export and site lifecycle (ADR 29), after the crawl: every page of Kon Rẫy's archive export,
   * its administrator's export page, then Kon Rẫy archived under the Kon Tum office's site (its notice
   * links the successor, whose footer lists the former district site).
   */
  async function collectArchiveAndLifecycle(): Promise<void> {
    const konray = sites.find((s) => s.key === 'konray')!;
    const successor = sites.find((s) => s.key === 'vpubnd-kontum')!;
    const dir = tempDir(joinPath(tmpdir(), 'trangtin-export-html-'));
    try {
      const { folder } = await runExport(t.db, t.deps.files, konray, dir, { origin: `http://${konray.primaryHost}`, now: t.clock.now().toISOString() });
      for (const rel of listFiles(folder).filter((f) => f.endsWith('.html'))) pages.push({ label: `archive export ${rel}`, html: readFile(joinPath(folder, rel), 'utf8') });
    } finally {
      removeDir(dir, { recursive: true, force: true });
    }
    const admin = new Agent(t.app, konray.primaryHost!);
    await admin.login('quantri@konray.localhost', 'Demo-Hợp-lệ-2026');
    // With one export listed (its download and delete buttons).
    await admin.post('/admin/archive');
    await exportsSettled();
    keep(konray, 'GET /admin/archive', await admin.get('/admin/archive'));
    // The register of sites, a site's page with its status form, and the confirmation before archiving (ADR 29).
    const platform = new Agent(t.app, successor.primaryHost!);
    await platform.login('admin@trangtin.localhost', 'Demo-Hợp-lệ-2026');
    keep(successor, 'lifecycle GET /admin/sites', await platform.get('/admin/sites'));
    keep(successor, 'lifecycle GET /admin/sites/:id', await platform.get(`/admin/sites/${konray.id}`));
    const ask = { status: 'archived', notice: '', redirectMode: 'none', handoverSiteId: String(successor.id), successorSiteId: String(successor.id) };
    keep(successor, 'lifecycle POST /admin/sites/:id/status confirmation', await platform.post(`/admin/sites/${konray.id}/status`, ask));
    keep(successor, 'lifecycle POST /admin/sites/:id/status refused', await platform.post(`/admin/sites/${konray.id}/status`, { ...ask, successorSiteId: '' }));
    // The sign-in methods of a site when the installation has no shared login, and a refused save.
    keep(successor, 'lifecycle GET /admin/site/sign-in (no shared login)', await platform.get('/admin/site/sign-in'));
    keep(successor, 'lifecycle POST /admin/site/sign-in refused', await platform.post('/admin/site/sign-in', {}));
    await t.db.updateTable('sites').set({ status: 'archived', parent_site_id: successor.id }).where('id', '=', konray.id).execute();
    t.refreshSites();
    keep(konray, 'lifecycle archived GET /', await get(konray, '/'));
    keep(successor, 'lifecycle successor GET /', await get(successor, '/'));
  }

  test('the archive export and the site lifecycle pages are among them', () => {
    const labels = pages.map((p) => p.label);
    for (const label of ['archive export index.html', 'archive export sections/', 'archive export items/', 'konray GET /admin/archive (200)', 'konray lifecycle archived GET / (200)', 'vpubnd-kontum lifecycle successor GET / (200)', 'vpubnd-kontum lifecycle POST /admin/sites/:id/status confirmation (200)', 'vpubnd-kontum lifecycle GET /admin/site/sign-in (no shared login) (200)']) {
      assert.ok(labels.some((l) => l.startsWith(label)), label);
    }
    assert.ok(pages.some((p) => p.label.startsWith('vpubnd-kontum lifecycle') && p.html.includes('footer-former-h')), 'the successor lists its former district site');
    assert.ok(pages.some((p) => p.label.startsWith('konray GET /admin/archive') && /action="\/admin\/archive\/[0-9a-f-]+\/delete"/.test(p.html)), 'the export page is checked with an export listed');
  });

  test('the Nu HTML Checker finds no error on any of them', async (ctx) => {
    const errors = await htmlErrors(pages);
    ctx.diagnostic(`${pages.length} pages checked`);
    assert.deepEqual(errors.map((e) => `${e.page} line ${e.line}: ${e.message} «${e.extract}»`), []);
  });
});
