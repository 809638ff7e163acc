import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, type TestUser } from '../../../test/support/factories.ts';
import { normalizeHost, type Site } from './site.ts';

test('host names are compared without port, case or trailing dot', () => {
  assert.equal(normalizeHost('NhuXuan.ThanhHoa.gov.vn.:8080'), 'nhuxuan.thanhhoa.gov.vn');
  assert.equal(normalizeHost('[::1]:3000'), '[::1]');
});

forEachEngine('sites: host names, archive, merge', (engine) => {
  let t: TestApp;
  let province: Site;
  let district: Site;
  let admin: TestUser;
  let platform: TestUser;

  before(async () => {
    t = await buildTestApp(engine);
    province = await makeSite(t.db, 'quangngai', { level: 'province', name: 'Cổng thông tin điện tử tỉnh Quảng Ngãi', hosts: ['quangngai.test', 'www.quangngai.test'], isDefault: true });
    district = await makeSite(t.db, 'konray', { level: 'district', name: 'Trang thông tin điện tử huyện Kon Rẫy', hosts: ['konray.test'] });
    admin = await makeUser(t.db, district, ['site_admin', 'editor_in_chief', 'contributor']);
    platform = await makeUser(t.db, province, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platform.id).execute();
    t.refreshSites();
  });
  after(async () => t.close());

  test('each host serves its own site; an unknown host is sent to the default site', async () => {
    const get = (host: string) => t.app.inject({ url: '/', headers: { host } });
    assert.match(textOf((await get('konray.test')).body), /huyện Kon Rẫy/);
    assert.match(textOf((await get('WWW.QUANGNGAI.TEST:8080')).body), /tỉnh Quảng Ngãi/);
    const unknown = await get('khong-co.example');
    assert.equal(unknown.statusCode, 301);
    assert.equal(unknown.headers.location, 'http://quangngai.test/');
  });

  test('the IT centre archives a former district: readable with a notice, administration kept', async () => {
    const it = new Agent(t.app, 'quangngai.test');
    await it.login(platform.email);
    const archive = { status: 'archived', notice: 'Từ ngày 01/7/2025, huyện Kon Rẫy kết thúc hoạt động.', redirectMode: 'none', successorSiteId: 'none' };
    // Saving asks first, without JavaScript, and says what will happen.
    const ask = await it.post(`/admin/sites/${district.id}/status`, archive);
    assert.equal(ask.statusCode, 200, textOf(ask.body));
    assert.match(textOf(ask.body), /Xác nhận lưu trữ trang Trang thông tin điện tử huyện Kon Rẫy/);
    assert.match(textOf(ask.body), /Không có ý kiến chưa xử lý xong cần chuyển giao\..*ngừng nhận\..*Thông báo lưu trữ ghi rõ không có trang kế thừa/s);
    assert.match(ask.body, /<input type="hidden" name="confirm" value="1"/);
    assert.equal((await t.app.inject({ url: '/', headers: { host: 'konray.test' } })).statusCode, 200);
    assert.doesNotMatch(textOf((await t.app.inject({ url: '/', headers: { host: 'konray.test' } })).body), /trang lưu trữ/, 'not archived before the confirmation');
    const res = await it.post(`/admin/sites/${district.id}/status`, { ...archive, confirm: '1' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const page = await t.app.inject({ url: '/', headers: { host: 'konray.test' } });
    assert.equal(page.statusCode, 200);
    assert.match(textOf(page.body), /trang lưu trữ/);
    assert.match(textOf(page.body), /kết thúc hoạt động/);
    assert.match(textOf(page.body), /Không có cơ quan nào được chỉ định kế thừa nhiệm vụ của trang này/, 'the explicit "no successor" is said');

    // The register: the default site tagged in Vietnamese, apart from its name; a level that claims no status.
    const list = await it.get('/admin/sites');
    assert.match(list.body, /Quảng Ngãi<\/a> <span class="tag">mặc định<\/span>/);
    assert.match(textOf(list.body), /Huyện \(cấp cũ\)/);
    assert.doesNotMatch(list.body, /đã giải thể, lưu trữ|>default</);

    const agent = new Agent(t.app, 'konray.test');
    await agent.login(admin.email);
    assert.match(textOf((await agent.get('/admin')).body), /đã chuyển sang lưu trữ/);
    assert.equal((await agent.get('/admin/users')).statusCode, 200, 'administration stays available');
    const status = await t.db.selectFrom('audit_log').selectAll().where('site_id', '=', district.id).where('action', '=', 'site.status').executeTakeFirstOrThrow();
    assert.match(status.details, /"to":"archived"/);
  });

  test('a site merged into another redirects as configured, and keeps its back office', async () => {
    const it = new Agent(t.app, 'quangngai.test');
    await it.login(platform.email);
    const bad = await it.post(`/admin/sites/${district.id}/status`, { status: 'merged', redirectMode: 'home' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /chọn trang tiếp nhận/);

    await it.post(`/admin/sites/${district.id}/status`, { status: 'merged', mergedIntoSiteId: province.id, redirectMode: 'home', notice: '', confirm: '1' });
    let home = await t.app.inject({ url: '/', headers: { host: 'konray.test:3000' } });
    assert.equal(home.statusCode, 301);
    assert.equal(home.headers.location, 'http://quangngai.test/', 'the configured address, not the port the request named');
    const old = await t.app.inject({ url: '/tin-tuc/bai-cu', headers: { host: 'konray.test' } });
    assert.notEqual(old.statusCode, 301, 'other addresses stay on the archive');

    // Every address to the same path on the new site, where nothing moved, sent visitors to 404s: no longer offered.
    const all = await it.post(`/admin/sites/${district.id}/status`, { status: 'merged', mergedIntoSiteId: province.id, redirectMode: 'all' });
    assert.equal(all.statusCode, 400);
    const backOffice = await t.app.inject({ url: '/admin/login', headers: { host: 'konray.test' } });
    assert.equal(backOffice.statusCode, 200, 'the back office of the old site is never redirected');

    await it.post(`/admin/sites/${district.id}/status`, { status: 'active', redirectMode: 'none' });
    assert.equal((await t.app.inject({ url: '/', headers: { host: 'konray.test' } })).statusCode, 200);
  });

  test('the IT centre creates a site; a taken host or a bad key is refused with reasons', async () => {
    const it = new Agent(t.app, 'quangngai.test');
    await it.login(platform.email);
    const bad = await it.post('/admin/sites', { key: 'Xã Ba Tơ', level: 'commune', hosts: 'konray.test', name: 'Trang xã Ba Tơ', agencyName: 'UBND xã Ba Tơ' });
    assert.equal(bad.statusCode, 400);
    const text = textOf(bad.body);
    assert.match(text, /Mã trang chỉ gồm chữ thường/);
    assert.match(text, /Tên miền đã thuộc trang khác: konray.test/);
    const ok = await it.post('/admin/sites', { key: 'bato', level: 'commune', parentSiteId: province.id, hosts: 'bato.quangngai.test', name: 'Trang thông tin điện tử xã Ba Tơ', agencyName: 'Ủy ban nhân dân xã Ba Tơ' });
    assert.equal(ok.statusCode, 303, textOf(ok.body).slice(0, 600));
    const page = await t.app.inject({ url: '/', headers: { host: 'bato.quangngai.test' } });
    assert.match(textOf(page.body), /xã Ba Tơ/);
    // A site administrator is not the IT centre.
    const agent = new Agent(t.app, 'konray.test');
    await agent.login(admin.email);
    assert.equal((await agent.get('/admin/sites')).statusCode, 403);
  });

  test('a site administrator edits names, contacts, labels and the 2FA rule; the public footer shows them', async () => {
    const agent = new Agent(t.app, 'konray.test');
    await agent.login(admin.email);
    const res = await agent.post('/admin/site', {
      name: 'Trang thông tin điện tử huyện Kon Rẫy',
      agencyName: 'Ủy ban nhân dân huyện Kon Rẫy',
      english: 'on',
      nameEn: 'Kon Ray District Portal',
      address: 'Thị trấn Đăk Rve, huyện Kon Rẫy',
      phone: '0260 3823 456',
      email: 'konray@kontum.gov.vn',
      responsiblePerson: 'Chánh Văn phòng HĐND và UBND huyện',
      label_board: 'Tổ biên tập',
      label_editor_in_chief: 'Tổ trưởng',
      twoFactor: 'admins',
    });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const home = textOf((await agent.get('/admin')).body);
    assert.match(home, /Tổ trưởng/);
    const pub = textOf((await t.app.inject({ url: '/', headers: { host: 'konray.test' } })).body);
    assert.match(pub, /Chịu trách nhiệm chính: Chánh Văn phòng HĐND và UBND huyện/);
    assert.match(pub, /0260 3823 456/);
    const bad = await agent.post('/admin/site', { name: '', agencyName: 'x', phone: 'gọi tôi', twoFactor: 'admins' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Vui lòng nhập Tên trang/);
    assert.match(textOf(bad.body), /chỉ gồm chữ số/);
  });

  test('a site administrator records the licence, the official channels and the provincial portal; malformed ones are refused line by line', async () => {
    // The province's administrator (Kon Rẫy's now asks its administrators for two-step sign-in).
    const agent = new Agent(t.app, 'quangngai.test');
    await agent.login(platform.email);
    const base = { name: 'Cổng thông tin điện tử tỉnh Quảng Ngãi', agencyName: 'Ủy ban nhân dân tỉnh Quảng Ngãi', twoFactor: 'off' };
    const bad = await agent.post('/admin/site', {
      ...base,
      licenceNumber: '03/GP-TTĐT',
      channels: 'Zalo OA | https://zalo.me/konray\nĐường dây nóng | 0260 3822 108\nThư điện tử | mailto:khong-phai-thu',
      publicServicePortal: 'Cổng Dịch vụ công tỉnh | dichvucong.kontum.gov.vn',
    });
    assert.equal(bad.statusCode, 400);
    const problems = textOf(bad.body);
    assert.match(problems, /Giấy phép cần đủ số giấy phép và cơ quan cấp/);
    assert.match(problems, /Dòng 2, 3 của kênh thông tin chưa đúng dạng/);
    assert.match(problems, /Cổng dịch vụ công cấp tỉnh chưa đúng dạng/);
    const ok = await agent.post('/admin/site', {
      ...base,
      licenceNumber: '03/GP-TTĐT',
      licenceIssuer: 'Sở Thông tin và Truyền thông tỉnh Kon Tum',
      licenceDate: '20/08/2015',
      channels: 'Zalo OA | https://zalo.me/konray\nĐường dây nóng | tel:0260 3822 108',
      publicServicePortal: 'Cổng Dịch vụ công tỉnh Kon Tum | https://dichvucong.kontum.gov.vn',
    });
    assert.equal(ok.statusCode, 303, textOf(ok.body).slice(0, 600));
    const html = (await t.app.inject({ url: '/', headers: { host: 'quangngai.test' } })).body;
    const pub = textOf(html);
    assert.match(pub, /Giấy phép thiết lập trang thông tin điện tử số 03\/GP-TTĐT do Sở Thông tin và Truyền thông tỉnh Kon Tum cấp ngày 20\/08\/2015\./);
    assert.match(pub, /Kênh thông tin chính thức Zalo OA Đường dây nóng: 0260 3822 108/);
    assert.match(html, /<a href="tel:02603822108">/);
    assert.match(html, /<a class="tile tile-provincial" href="https:\/\/dichvucong\.kontum\.gov\.vn" rel="noopener">[\s\S]*?<span class="tile-name">Cổng Dịch vụ công tỉnh Kon Tum<\/span>/);
    // The form shows what was saved, as typed.
    const form = (await agent.get('/admin/site')).body;
    assert.match(form, /value="20\/08\/2015"/);
    assert.match(form, /Đường dây nóng \| tel:0260 3822 108<\/textarea>/);
  });
});
