// What a Vietnamese government portal must show, on the five demo sites as a visitor
// sees them: the footer of Circular 32/2017 Art. 16 and the agency's channels (Decree
// 224/2026 Art. 10(3)); a menu without repeats or empty seed sections; a home page with
// the lead story, section blocks with thumbnails, documents, procedures, Q&A and the
// public-service portals; search results before the filters; error summaries that take
// the focus; a page without the web font for Save-Data; a favicon.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { formatDate } from '../../core/time.ts';
import { fold } from '../../core/vietnamese/index.ts';
import { loadDemo, type DemoResult } from '../demo/load-demo.ts';
import { readAllPresets, type SitePreset } from '../demo/presets.ts';
import type { Site } from '../sites/site.ts';

/** The links of the main menu, as a visitor reads them. */
function menuOf(html: string): { href: string; label: string }[] {
  const menu = /<ul class="main-menu">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...menu.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => ({ href: m[1]!, label: textOf(m[2]!) }));
}

forEachEngine('public site: what a government portal shows', (engine) => {
  let t: TestApp;
  let demo: DemoResult;
  const presets = new Map<string, SitePreset>(readAllPresets().map((p) => [p.key, p]));

  before(async () => {
    t = await buildTestApp(engine);
    demo = await loadDemo(t.db, { password: 'Demo-Cổng-thông-tin-2026', clock: t.clock, files: t.deps.files });
    t.refreshSites();
  });
  after(async () => t.close());

  const get = (site: Site, url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host: site.primaryHost!, ...headers } });
  const site = (key: string) => demo.sites.find((s) => s.key === key)!;

  test('every demo site names the person responsible, its address, phone, e-mail, licence and official channels in the footer', async () => {
    for (const s of demo.sites) {
      const preset = presets.get(s.key)!;
      const html = (await get(s, '/')).body;
      const footer = textOf(/<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '');
      assert.ok(preset.contact.responsiblePerson && preset.contact.address && preset.contact.phone && preset.contact.email && preset.licence, `${s.key}: the preset fills every footer line`);
      assert.ok(footer.includes(`Chịu trách nhiệm chính: ${preset.contact.responsiblePerson}`), `${s.key}: ${footer}`);
      assert.ok(footer.includes(`Địa chỉ: ${preset.contact.address}`), s.key);
      assert.ok(footer.includes(`Điện thoại: ${preset.contact.phone}`), s.key);
      assert.ok(footer.includes(`Thư điện tử: ${preset.contact.email}`), s.key);
      const licence = preset.licence!;
      assert.ok(footer.includes(`Giấy phép thiết lập trang thông tin điện tử số ${licence.number} do ${licence.issuer} cấp ngày ${formatDate(licence.issuedOn!)}.`), `${s.key}: ${footer}`);
      assert.ok(footer.includes('Kênh thông tin chính thức'), s.key);
      for (const channel of preset.channels ?? []) assert.ok(footer.includes(channel.name), `${s.key}: ${channel.name}`);
      // A hotline is a link to call, its number without spaces.
      assert.match(html, /<a href="tel:0\d{9,10}">Đường dây nóng: 0\d{3} \d{3,4} \d{3}<\/a>/, s.key);
      // The contact page gives the same details beside the form.
      const contact = textOf(/<main[\s\S]*<\/main>/.exec((await get(s, '/lien-he')).body)![0]);
      assert.ok(contact.includes(`Địa chỉ: ${preset.contact.address}`), `${s.key}: contact page`);
      assert.ok(contact.includes(`Điện thoại: ${preset.contact.phone}`), `${s.key}: contact page`);
      for (const channel of preset.channels ?? []) assert.ok(contact.includes(channel.name), `${s.key}: contact page, ${channel.name}`);
    }
  });

  test('the menu names each entry once and leaves out the seed sections nothing was published in', async () => {
    for (const s of demo.sites) {
      const menu = menuOf((await get(s, '/')).body);
      assert.ok(menu.length >= 5, s.key);
      const labels = menu.map((m) => fold(m.label));
      assert.deepEqual(labels.filter((l, i) => labels.indexOf(l) !== i), [], `${s.key}: ${menu.map((m) => m.label).join(' | ')}`);
      for (const entry of menu.filter((m) => m.href.startsWith('/chuyen-muc/'))) {
        const section = textOf((await get(s, entry.href)).body);
        assert.doesNotMatch(section, /Chưa có tin bài nào/, `${s.key}: ${entry.label} in the menu has content`);
      }
    }
    // The seed sections that repeat the library or hold nothing are not offered.
    const labelsOf = async (key: string) => menuOf((await get(site(key), '/')).body).map((m) => m.label);
    assert.deepEqual((await labelsOf('nhuxuan')).filter((l) => l === 'Văn bản'), ['Văn bản']);
    assert.deepEqual((await labelsOf('thanhchuong')).filter((l) => l === 'Thủ tục hành chính'), ['Thủ tục hành chính']);
    assert.ok(!(await labelsOf('sxd-kontum')).includes('Văn bản quy phạm pháp luật'));
    assert.ok(!(await labelsOf('konray')).includes('Văn bản quy phạm pháp luật, phổ biến pháp luật'));
  });

  test('sitemap.xml and the sitemap page list no empty section', async () => {
    const konray = site('konray');
    const xml = (await get(konray, '/sitemap.xml')).body;
    const sections = [...xml.matchAll(/<loc>[^<]*(\/chuyen-muc\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
    assert.ok(sections.includes('/chuyen-muc/tin-tuc-su-kien'), xml);
    assert.ok(!sections.includes('/chuyen-muc/van-ban-quy-pham-phap-luat-pho-bien-phap-luat'), 'an empty seed section is not in sitemap.xml');
    for (const path of sections) assert.doesNotMatch(textOf((await get(konray, path)).body), /Chưa có tin bài nào/, path);
    const page = textOf((await get(konray, '/so-do-trang')).body);
    assert.match(page, /Tin tức, sự kiện/);
    assert.doesNotMatch(page, /Văn bản quy phạm pháp luật, phổ biến pháp luật/);
  });

  test('the home page leads with a story and its picture, then section blocks with thumbnails, documents, procedures, Q&A and the public-service portals', async () => {
    for (const s of demo.sites) {
      const preset = presets.get(s.key)!;
      const html = (await get(s, '/')).body;
      const lead = /<section class="lead-story"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      assert.match(lead, /<img src="\/media\/[0-9a-f]{64}\/\d+\.webp" alt="Ảnh minh họa: [^"]+"/, `${s.key}: the lead story has its picture`);
      assert.match(textOf(lead), /Ban hành quy chế/, s.key);
      const blocks = [...html.matchAll(/<section class="home-block"[\s\S]*?<\/section>/g)].map((m) => m[0]);
      const withThumbs = blocks.filter((b) => /<li class="card has-thumb[^"]*"><img src="\/media\//.test(b));
      assert.ok(withThumbs.length >= 2, `${s.key}: ${withThumbs.length} section blocks with thumbnails`);
      const text = textOf(html);
      assert.match(text, /Văn bản mới.*Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến/s, `${s.key}: documents`);
      assert.match(html, /<a href="\/thu-tuc-hanh-chinh\/[a-z0-9-]+">Thủ tục/, `${s.key}: procedures`);
      assert.match(html, /<a href="\/hoi-dap\/\d+">Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu<\/a>/, `${s.key}: Q&A`);
      assert.match(html, /<a class="button" href="\/hoi-dap\/gui-cau-hoi">Gửi câu hỏi<\/a>/, s.key);
      assert.match(html, /<a class="tile tile-national" href="https:\/\/dichvucong\.gov\.vn" rel="noopener">[\s\S]*?Cổng Dịch vụ công quốc gia/, `${s.key}: national portal`);
      assert.ok(html.includes(`href="${preset.publicServicePortal!.url}" rel="noopener"`) && html.includes(`<span class="tile-name">${preset.publicServicePortal!.name}</span>`), `${s.key}: provincial portal`);
    }
  });

  test('reference information stays off the home page unless the site chooses to show it', async () => {
    const thanhchuong = site('thanhchuong');
    const mainOf = (html: string) => textOf(/<main[\s\S]*<\/main>/.exec(html)![0]);
    const home = mainOf((await get(thanhchuong, '/')).body);
    assert.doesNotMatch(home, /Tin tham khảo/);
    assert.doesNotMatch(home, /Một số cách nhận biết tin giả trên mạng xã hội/);
    // Still published in its own section.
    assert.match(textOf((await get(thanhchuong, '/chuyen-muc/tin-tham-khao')).body), /Một số cách nhận biết tin giả trên mạng xã hội/);
    const admin = new Agent(t.app, thanhchuong.primaryHost!);
    await admin.login('quantri@thanhchuong.localhost', 'Demo-Cổng-thông-tin-2026');
    const form = (await admin.get('/admin/site')).body;
    // The settings as the form shows them (entities decoded, lines kept), with one box ticked.
    const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const values = Object.fromEntries([...form.matchAll(/<input id="([^"]+)" name="[^"]+" type="(?:text|tel|email)" value="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
    const areas = Object.fromEntries([...form.matchAll(/<textarea id="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)].map((m) => [m[1]!, unescape(m[2]!)]));
    const saved = await admin.post('/admin/site', { ...values, ...areas, twoFactor: 'off', homeShowsReference: 'on', ownerEmail: 'lanhdao@chuquan.test' });
    assert.equal(saved.statusCode, 303, textOf(saved.body).slice(0, 3000));
    // The owning agency's leader, told when a review step stays late: kept, never shown to the public.
    const row = await t.db.selectFrom('sites').select('settings').where('id', '=', thanhchuong.id).executeTakeFirstOrThrow();
    assert.deepEqual((JSON.parse(row.settings) as { ownerContact?: unknown }).ownerContact, { email: 'lanhdao@chuquan.test' });
    assert.match((await admin.get('/admin/site')).body, /value="lanhdao@chuquan\.test"/);
    assert.doesNotMatch((await get(thanhchuong, '/')).body, /lanhdao@chuquan/);
    const shown = mainOf((await get(thanhchuong, '/')).body);
    assert.match(shown, /Tin tham khảo/);
    assert.match(shown, /Một số cách nhận biết tin giả trên mạng xã hội/);
  });

  test('search results come before the filters, which are folded away', async () => {
    const res = await get(site('nhuxuan'), '/tim-kiem?q=huong+dan+tim+kiem');
    const firstResult = res.body.indexOf('<ol class="items"');
    const filters = res.body.indexOf('class="filters"');
    assert.ok(firstResult > 0 && filters > firstResult, 'results first in the page');
    assert.match(res.body, /<details class="filters-panel"><summary>Lọc kết quả<\/summary>/);
    // Without a search yet, the filters are open: they are all the page has.
    assert.match((await get(site('nhuxuan'), '/tim-kiem')).body, /<details class="filters-panel" open><summary>Lọc kết quả<\/summary>/);
  });

  test('a refused form opens on its error summary, each problem a link to its field', async () => {
    const nhuxuan = site('nhuxuan');
    // A person who opened the form a while ago and sent it empty (the signed stamp says when).
    const stampOf = async (path: string) => /name="stamp" value="([^"]+)"/.exec((await get(nhuxuan, path)).body)![1]!;
    const contactStamp = await stampOf('/lien-he');
    const stamp = await stampOf('/hoi-dap/gui-cau-hoi');
    t.clock.advance(30_000);
    const contact = await t.app.inject({ method: 'POST', url: '/lien-he', headers: { host: nhuxuan.primaryHost!, origin: `http://${nhuxuan.primaryHost}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ stamp: contactStamp, website: '', name: '', subject: '', message: '' }).toString() });
    assert.equal(contact.statusCode, 400);
    const part = (name: string, value: string) => `--x\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const question = await t.app.inject({ method: 'POST', url: '/hoi-dap/gui-cau-hoi', headers: { host: nhuxuan.primaryHost!, origin: `http://${nhuxuan.primaryHost}`, 'content-type': 'multipart/form-data; boundary=x' }, payload: `${part('stamp', stamp)}${part('website', '')}${part('name', '')}--x--\r\n` });
    assert.equal(question.statusCode, 400);
    for (const res of [contact, question]) {
      const main = /<main[\s\S]*<\/main>/.exec(res.body)![0];
      const summary = /<div class="error-summary" role="alert" tabindex="-1" autofocus>([\s\S]*?)<\/div>/.exec(main);
      assert.ok(summary, 'the summary takes the focus when the page opens');
      assert.ok(main.indexOf('error-summary') < main.indexOf('<form'), 'the summary comes before the form');
      const targets = [...summary[1]!.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]!);
      assert.ok(targets.length >= 2, summary[1]);
      for (const id of targets) assert.match(main, new RegExp(`id="${id}"`), `a field with id ${id}`);
    }
  });

  test('a browser that asks to save data gets the page without the web font, cached apart', async () => {
    const nhuxuan = site('nhuxuan');
    const plain = await get(nhuxuan, '/');
    const light = await get(nhuxuan, '/', { 'save-data': 'on' });
    assert.match(plain.body, /<html lang="vi" class="size-vua">/);
    assert.match(light.body, /<html lang="vi" class="size-vua save-data">/);
    assert.match(String(light.headers.vary), /Save-Data/);
    // Each from its own cache entry: asking again gives the same answer.
    assert.match((await get(nhuxuan, '/')).body, /class="size-vua">/);
    assert.match((await get(nhuxuan, '/', { 'save-data': 'on' })).body, /class="size-vua save-data">/);
  });

  test('each site has a favicon drawn from its emblem', async () => {
    const res = await get(site('konray'), '/favicon.ico');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/x-icon');
    const ico = res.rawPayload;
    assert.deepEqual([...ico.subarray(0, 6)], [0, 0, 1, 0, 3, 0], 'an ICO with three images');
    assert.deepEqual([ico[6], ico[22], ico[38]], [16, 32, 48]);
    const first = ico.readUInt32LE(18);
    assert.equal(ico.subarray(first, first + 4).toString('latin1'), '\x89PNG');
    assert.match((await get(site('konray'), '/')).body, /<link rel="icon" href="\/favicon.ico"/);
  });
});
