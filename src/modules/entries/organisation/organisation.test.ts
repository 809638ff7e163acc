// The organisation of a site on a real database: a unit's functions and own
// site are saved from the admin form, a bad address is refused with nothing
// saved, and every change is audited; the organisation chart lists units in
// tree order with their heads and leaders, the leadership first; the directory
// finds people and units without diacritics and shows who receives
// information requests first with the request form's link; a draft leader and
// another site's units and people never appear; English only where the site has it.
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../../test/support/app.ts';
import { forEachEngine } from '../../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../../test/support/entries.ts';
import { systemActor } from '../../../../test/support/factories.ts';
import { htmlCheckerUnavailable, htmlErrors } from '../../../../test/support/html-checker.ts';
import { uploadMedia } from '../../media/media.ts';
import { createUnit, removeUnit, updateUnit } from '../../units/manage-units.ts';

forEachEngine('organisation: units, leaders and the directory', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let office: number;
  let desk: number;
  let finance: number;

  const page = async (host: string, url: string) => t.app.inject({ method: 'GET', url, headers: { host } });

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'tochuc', { languages: ['vi', 'en'], agencyName: 'Ủy ban nhân dân huyện Tổ Chức' });
    other = await makeBoard(t, 'tochuckhac');
    const actor = systemActor(b.site.id);
    await updateUnit(t.db, actor, b.unitId, { name: 'Phòng Văn hóa và Thông tin', kind: 'phong', sortOrder: 3 });
    office = await createUnit(t.db, actor, { name: 'Văn phòng HĐND và UBND huyện', nameEn: 'Office of the People’s Council and Committee', kind: 'co_quan', sortOrder: 1, headName: 'Hoàng Văn Chánh', headTitle: 'Chánh Văn phòng', phone: '0237 3848 013' });
    desk = await createUnit(t.db, actor, { name: 'Bộ phận Một cửa', kind: 'don_vi', parentId: office, sortOrder: 1, email: 'motcua@tochuc.test' });
    finance = await createUnit(t.db, actor, { name: 'Phòng Tài chính - Kế hoạch', nameEn: 'Finance and Planning Division', kind: 'phong', sortOrder: 2, headName: 'Lò Thị Hạnh', headTitle: 'Trưởng phòng', phone: '0237 3848 100', email: 'tckh@tochuc.test', functions: 'Tham mưu về tài chính, ngân sách.\nTham mưu về kế hoạch, đầu tư.' });
    const portrait = await uploadMedia(t.db, t.deps.files, { ...actor, userId: b.people.contributor.id }, { data: await sharp({ create: { width: 300, height: 400, channels: 3, background: '#8899aa' } }).jpeg().toBuffer(), originalName: 'chan-dung.jpg', purpose: 'image' });
    await publishEntry(b, 'leader', { photo: { mediaId: portrait.id, alt: 'Chân dung ông Lê Văn Chủ' }, position: 'Chủ tịch UBND huyện', order: 1, phone: '0237 3848 001', terms: [{ from: '2021-06-01', position: 'Chủ tịch UBND huyện', body: 'UBND huyện' }] }, { title: 'Lê Văn Chủ' });
    await publishEntry(b, 'leader', { position: 'Phó Chủ tịch UBND huyện', order: 2 }, { title: 'Đinh Thị Phó' });
    await publishEntry(b, 'leader', { position: 'Trưởng phòng', unit: [finance], order: 1, email: 'hanh.tckh@tochuc.test' }, { title: 'Lò Thị Hạnh' });
    await publishEntry(b, 'official', { position: 'Chuyên viên Văn phòng', unit: [office], phone: '0237 3848 222', email: 'an.vp@tochuc.test', receivesRequests: 'yes' }, { title: 'Nguyễn Văn An' });
    await publishEntry(b, 'official', { position: 'Kế toán', unit: [finance], email: 'binh.tckh@tochuc.test' }, { title: 'Phạm Thị Bình' });
    await publishEntry(b, 'official', { position: 'Chuyên viên', unit: [b.unitId] }, { title: 'Vi Văn Cường' });
    // A leader still in draft, and another site's leader and unit.
    const draft = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'leader', { position: 'Phó Chủ tịch UBND huyện', order: 3 }, { title: 'Trương Văn Nháp' }));
    assert.equal(draft.statusCode, 201, draft.body);
    await createUnit(t.db, systemActor(other.site.id), { name: 'Phòng Tài chính huyện khác', kind: 'phong' });
    await publishEntry(other, 'leader', { position: 'Chủ tịch' }, { title: 'Người Trang Khác' });
    await publishEntry(other, 'official', { position: 'Chuyên viên', receivesRequests: 'yes' }, { title: 'Nguyễn Văn Khác' });
  });
  after(async () => t.close());

  test('a unit’s functions and own site are saved from the form and audited; a bad address, phone or e-mail is refused and nothing is saved', async () => {
    const agent = new Agent(t.app, b.host);
    await agent.login(b.people.site_admin.email);
    const form = { name: 'Phòng Tài chính - Kế hoạch', nameEn: 'Finance and Planning Division', kind: 'phong', sortOrder: '2', headName: 'Lò Thị Hạnh', headTitle: 'Trưởng phòng', phone: '0237 3848 100', email: 'tckh@tochuc.test' };
    const bad = await agent.post(`/admin/units/${finance}`, { ...form, siteUrl: 'javascript:alert(1)', functions: 'Tham mưu mới.' });
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Địa chỉ trang riêng phải bắt đầu bằng http:\/\/ hoặc https:\/\//);
    assert.match(bad.body, /Tham mưu mới\./, 'what was typed is kept');
    const badContacts = await agent.post(`/admin/units/${finance}`, { ...form, phone: 'gọi tôi', email: 'không-phải-thư' });
    assert.equal(badContacts.statusCode, 400);
    assert.match(textOf(badContacts.body), /Điện thoại chỉ gồm chữ số/);
    assert.match(textOf(badContacts.body), /Thư điện tử không đúng dạng/);
    let row = await t.db.selectFrom('units').selectAll().where('id', '=', finance).executeTakeFirstOrThrow();
    assert.equal(row.site_url, null);
    assert.match(row.functions ?? '', /ngân sách/);

    const ok = await agent.post(`/admin/units/${finance}`, { ...form, siteUrl: 'https://tckh.tochuc.test/', functions: 'Tham mưu về tài chính, ngân sách.\r\nTham mưu về kế hoạch, đầu tư.' });
    assert.equal(ok.statusCode, 303, ok.body);
    row = await t.db.selectFrom('units').selectAll().where('id', '=', finance).executeTakeFirstOrThrow();
    assert.equal(row.site_url, 'https://tckh.tochuc.test/');
    assert.equal(row.functions, 'Tham mưu về tài chính, ngân sách.\nTham mưu về kế hoạch, đầu tư.');
    const audit = await t.db.selectFrom('audit_log').select('details').where('site_id', '=', b.site.id).where('action', '=', 'unit.update').where('target_id', '=', String(finance)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.match(audit.details, /"site_url":\{"from":null,"to":"https:\/\/tckh\.tochuc\.test\/"\}/);
    const edit = await agent.get(`/admin/units/${finance}`);
    assert.match(edit.body, /value="https:\/\/tckh\.tochuc\.test\/"/);

    // An API client that does not know the profile keeps it; one that sends a bad address is refused.
    const patched = await b.as('site_admin', 'PATCH', `/api/v1/units/${finance}`, { address: 'Khu phố 1, thị trấn Tổ Chức' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().siteUrl, 'https://tckh.tochuc.test/');
    assert.match(patched.json().functions, /ngân sách/);
    const refused = await b.as('site_admin', 'PATCH', `/api/v1/units/${finance}`, { siteUrl: 'javascript:alert(1)' });
    assert.equal(refused.statusCode, 422, refused.body);
    // The use case checks too, whatever the caller.
    await assert.rejects(createUnit(t.db, systemActor(b.site.id), { name: 'Phòng thử', kind: 'phong', siteUrl: 'ftp://tochuc.test' }), /must start with http/);
  });

  test('the organisation chart: the leadership first, then the units in tree order with heads, contacts, functions and their leaders; no draft, no other site', async () => {
    const res = await page(b.host, '/co-cau-to-chuc');
    assert.equal(res.statusCode, 200, res.body);
    const text = textOf(res.body);
    const order = ['Lãnh đạo Ủy ban nhân dân huyện Tổ Chức', 'Lê Văn Chủ', 'Đinh Thị Phó', 'Văn phòng HĐND và UBND huyện', 'Chánh Văn phòng Hoàng Văn Chánh', 'Bộ phận Một cửa', 'Phòng Tài chính - Kế hoạch', 'Trưởng phòng Lò Thị Hạnh', 'Tham mưu về tài chính', 'Phòng Văn hóa và Thông tin'];
    const at = order.map((s) => text.indexOf(s));
    assert.ok(at.every((i) => i >= 0), `all present: ${order.filter((_, i) => at[i]! < 0).join(', ')}`);
    assert.deepEqual([...at].sort((x, y) => x - y), at, 'in tree order, the leadership first');
    // The unit's leader is under it, linked to their page; the nested unit is inside its parent's list.
    const financeBlock = res.body.slice(res.body.indexOf(`id="don-vi-${finance}"`), res.body.indexOf(`id="don-vi-${b.unitId}"`));
    assert.match(financeBlock, /href="\/lanh-dao\/[a-z0-9-]+"[^>]*>Lò Thị Hạnh</);
    assert.match(financeBlock, /href="tel:02373848100"/);
    assert.match(financeBlock, /href="https:\/\/tckh\.tochuc\.test\/"/);
    assert.match(res.body, new RegExp(`<h3 id="don-vi-${office}">[\\s\\S]*?<ul class="org-children">[\\s\\S]*?<h4 id="don-vi-${desk}">`), 'a sub-unit is a nested list item, one heading level down');
    assert.match(res.body, /<img src="\/media\/[0-9a-f]+\/[^"]+" alt="Chân dung ông Lê Văn Chủ"/, 'the portrait with its description');
    assert.doesNotMatch(text, /Trương Văn Nháp/, 'a draft leader is not shown');
    assert.doesNotMatch(text, /Người Trang Khác|huyện khác/, 'nothing of another site');
    // The other site's chart has none of this one's.
    const theirs = textOf((await page(other.host, '/co-cau-to-chuc')).body);
    assert.match(theirs, /Người Trang Khác/);
    assert.doesNotMatch(theirs, /Lê Văn Chủ|Phòng Tài chính - Kế hoạch/);
  });

  test('the directory: who receives information requests first with the request form; search without diacritics by name and by unit', async () => {
    const all = await page(b.host, '/danh-ba');
    assert.equal(all.statusCode, 200, all.body);
    const text = textOf(all.body);
    const receivers = text.indexOf('Đầu mối tiếp nhận yêu cầu cung cấp thông tin');
    assert.ok(receivers >= 0 && receivers < text.indexOf('Nguyễn Văn An') && text.indexOf('Nguyễn Văn An') < text.indexOf('Lê Văn Chủ'), 'the receiver comes first');
    assert.match(all.body, /href="\/tiep-can-thong-tin\/yeu-cau"/);
    for (const s of ['Văn phòng HĐND và UBND huyện', 'Bộ phận Một cửa', 'motcua@tochuc.test', 'Phạm Thị Bình', 'binh.tckh@tochuc.test', 'Vi Văn Cường', '0237 3848 001']) assert.ok(text.includes(s), s);
    assert.doesNotMatch(text, /Trương Văn Nháp|Nguyễn Văn Khác|Người Trang Khác/);

    const byName = textOf((await page(b.host, '/danh-ba?q=nguyen%20van')).body);
    const results = byName.slice(byName.indexOf('kết quả'));
    assert.match(results, /Nguyễn Văn An/);
    assert.doesNotMatch(results, /Phạm Thị Bình|Lò Thị Hạnh|Phòng Văn hóa và Thông tin/);

    const byUnit = textOf((await page(b.host, '/danh-ba?q=TAI+chinh')).body);
    const unitResults = byUnit.slice(byUnit.indexOf('kết quả'));
    assert.match(unitResults, /Phòng Tài chính - Kế hoạch.*Lò Thị Hạnh.*Phạm Thị Bình/);
    assert.doesNotMatch(unitResults, /Vi Văn Cường|Bộ phận Một cửa/);

    const none = await page(b.host, '/danh-ba?q=%3Cscript%3Ekhong+co%3C%2Fscript%3E');
    assert.equal(none.statusCode, 200);
    assert.doesNotMatch(none.body.replace(/value="[^"]*"/g, ''), /<script>khong/, 'escaped outside the (quoted) field value');
    assert.match(textOf(none.body), /Không tìm thấy ai/);
  });

  test('English where the site has it: unit names in English; a site without English has no English pages', async () => {
    const en = await page(b.host, '/en/organisation');
    assert.equal(en.statusCode, 200, en.body);
    assert.match(textOf(en.body), /Finance and Planning Division/);
    assert.match(en.body, /<html lang="en"/);
    assert.equal((await page(b.host, '/en/directory')).statusCode, 200);
    assert.equal((await page(other.host, '/en/organisation')).statusCode, 404);
  });

  test('a leader whose unit was removed (archived) is not shown as the agency’s leadership, and stays in the directory', async () => {
    const gone = await createUnit(t.db, systemActor(b.site.id), { name: 'Ban Quản lý dự án (đã giải thể)', kind: 'ban', sortOrder: 9 });
    await publishEntry(b, 'leader', { position: 'Trưởng ban', unit: [gone], order: 1 }, { title: 'Kha Văn Cũ' });
    // A unit an entry names is archived, not deleted: the entry keeps its reference.
    assert.equal(await removeUnit(t.db, systemActor(b.site.id), gone), 'archived');
    const chart = textOf((await page(b.host, '/co-cau-to-chuc')).body);
    assert.doesNotMatch(chart, /Kha Văn Cũ/);
    assert.match(textOf((await page(b.host, '/danh-ba')).body), /Kha Văn Cũ Trưởng ban/);
    // The site map leads to the chart and the directory.
    const sitemap = (await page(b.host, '/so-do-trang')).body;
    assert.match(sitemap, /<a href="\/co-cau-to-chuc"[^>]*>Cơ cấu tổ chức<\/a>/);
    const main = sitemap.slice(sitemap.indexOf('<main'), sitemap.indexOf('</main>'));
    assert.equal((main.match(/href="\/danh-ba"/g) ?? []).length, 1, 'the directory once, though its kind has entries');
    // An article's providing unit is kept too (its foreign key would otherwise refuse the deletion).
    const provider = await createUnit(t.db, systemActor(b.site.id), { name: 'Tổ công tác tạm thời', kind: 'ban', sortOrder: 10 });
    const draft = await b.as('secretariat', 'POST', '/api/v1/articles', { title: 'Tin của tổ công tác', unitId: provider });
    assert.equal(draft.statusCode, 201, draft.body);
    assert.equal(await removeUnit(t.db, systemActor(b.site.id), provider), 'archived');
  });

  test('the chart, the directory, a search and the English page are valid HTML (Nu HTML Checker)', { skip: engine.name !== 'sqlite' ? 'one engine is enough for markup' : (htmlCheckerUnavailable() ?? false) }, async () => {
    const urls = ['/co-cau-to-chuc', '/danh-ba', '/danh-ba?q=tai+chinh', '/danh-ba?q=khong+co+ai', '/en/organisation', '/en/directory'];
    const pages = await Promise.all(urls.map(async (url) => ({ label: url, html: (await page(b.host, url)).body })));
    assert.deepEqual(await htmlErrors(pages), []);
  });
});
