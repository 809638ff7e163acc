// The public document library through HTTP, as a citizen uses it: the list
// with its filters, the number and keyword search, a document with its
// relations both ways, counted downloads, the feed and the open data — on
// SQLite and PostgreSQL. Every document is written and published through the
// board's real chain (test/support/documents.ts), which fills the library's tables.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { publishDocument } from '../../../test/support/documents.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { systemActor } from '../../../test/support/factories.ts';
import { uploadMedia, type MediaItem } from '../media/media.ts';

const pdfBytes = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item'].includes(name) });

forEachEngine('public document library', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let pdf: MediaItem;
  let docx: MediaItem;
  const docs: Record<string, { id: number; slug: string }> = {};
  const get = (url: string, host = 'thuvien.test', method: 'GET' | 'HEAD' = 'GET') => t.app.inject({ method, url, headers: { host } });

  before(async () => {
    // Sunday 22 Nov 2026, 10:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-22T03:00:00Z')) });
    b = await makeBoard(t, 'thuvien', { name: 'Trang thông tin điện tử tỉnh Kon Tum', agencyName: 'Ủy ban nhân dân tỉnh Kon Tum', languages: ['vi', 'en'], nameEn: 'Kon Tum e-Information Page' });
    other = await makeBoard(t, 'khac');
    const actor = { ...systemActor(b.site.id), userId: b.people.contributor.id };
    pdf = await uploadMedia(t.db, t.deps.files, actor, { data: pdfBytes, originalName: 'Nghị định 42-2022.pdf', purpose: 'attachment' });
    docx = await uploadMedia(t.db, t.deps.files, actor, { data: Buffer.from('{\\rtf1\\ansi Phu luc}'), originalName: 'Phụ lục.rtf', purpose: 'attachment' });
    docs.decree = await publishDocument(b, { number: '42/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', signer: 'Lê Văn Thành', issuedOn: '2022-06-24', effectiveOn: '2022-08-01', fields: ['Thông tin và truyền thông'] }, { title: 'Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến', summary: 'Nghị định quy định việc cung cấp thông tin trên môi trường mạng.', attachmentIds: [pdf.id, docx.id] });
    docs.other142 = await publishDocument(b, { number: '142/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', level: 'central', signer: null, issuedOn: '2022-12-30', effectiveOn: null, fields: [] }, { title: 'Về thanh tra chuyên ngành' });
    docs.old = await publishDocument(b, { number: '07/2019/QĐ-UBND', issuer: 'Ủy ban nhân dân tỉnh Kon Tum', issuedOn: '2019-02-01', effectiveOn: '2019-02-15', fields: [] }, { title: 'Quy định cũ về bồi thường' });
    docs.land = await publishDocument(b, { number: '15/2024/QĐ-UBND', issuer: 'Ủy ban nhân dân tỉnh Kon Tum', signer: 'Nguyễn Đức Tuy', issuedOn: '2024-03-05', effectiveOn: '2024-03-15', fields: ['Đất đai'], relations: [{ relation: 'replaces', toArticleId: docs.old.id }] }, { title: 'Ban hành quy định về bồi thường khi Nhà nước thu hồi đất đai' });
    docs.foreign = await publishDocument(other, { number: '99/2025/QĐ-UBND', issuedOn: '2025-01-01', effectiveOn: null }, { title: 'Văn bản của trang khác về dịch vụ công' });
  });
  after(async () => t.close());

  test('the list: every published document with number, trích yếu, type, issuer, date and effect status in words; open data linked', async () => {
    const res = await get('/van-ban');
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(text, /Có 4 văn bản/);
    assert.match(text, /42\/2022\/NĐ-CP : Quy định về việc cung cấp thông tin/);
    assert.match(text, /Loại văn bản Nghị định Cơ quan ban hành Chính phủ Ngày ban hành 24\/06\/2022 Tình trạng hiệu lực Còn hiệu lực/);
    assert.match(text, /07\/2019\/QĐ-UBND.*Hết hiệu lực/);
    assert.doesNotMatch(text, /Văn bản của trang khác/, "another site's documents are not listed");
    assert.match(res.body, /<a href="\/van-ban" aria-current="page">/, 'the menu marks the library');
    assert.match(res.body, /<label for="doc-q">/);
    assert.match(res.body, /<label for="doc-status">/);
    assert.match(res.body, /href="\/van-ban\/du-lieu\.csv"/);
    assert.match(res.body, /href="\/van-ban\/du-lieu\.json"/);
    assert.match(res.body, /href="\/api\/v1\/open\/documents"/);
    assert.match(res.body, /<link rel="canonical" href="http:\/\/thuvien\.test\/van-ban"/);
    const en = await get('/en/documents');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<html lang="en"/);
    assert.match(textOf(en.body), /4 documents\..*Type of document Decree/);
    assert.equal((await get('/en/documents', 'khac.test')).statusCode, 404, 'no English pages on a site without English');
  });

  test('filters and search through the form: number with and without symbol, without diacritics, bad values ignored with a message', async () => {
    const found = async (qs: string) => [...textOf((await get(`/van-ban?${qs}`)).body).matchAll(/(\d+\/\d{4}\/[A-ZĐ-]+) :/g)].map((m) => m[1]).sort();
    assert.deepEqual(await found('q=42%2F2022'), ['42/2022/NĐ-CP']);
    assert.deepEqual(await found(`q=${encodeURIComponent('42/2022/nd-cp')}`), ['42/2022/NĐ-CP']);
    assert.deepEqual(await found(`q=${encodeURIComponent('dich vu cong truc tuyen')}`), ['42/2022/NĐ-CP']);
    assert.deepEqual(await found('loai=nghi-dinh'), ['142/2022/NĐ-CP', '42/2022/NĐ-CP']);
    assert.deepEqual(await found(`co-quan=${encodeURIComponent('Ủy ban nhân dân tỉnh Kon Tum')}`), ['07/2019/QĐ-UBND', '15/2024/QĐ-UBND']);
    assert.deepEqual(await found(`linh-vuc=${encodeURIComponent('Đất đai')}`), ['15/2024/QĐ-UBND']);
    assert.deepEqual(await found('cap=central'), ['142/2022/NĐ-CP', '42/2022/NĐ-CP']);
    assert.deepEqual(await found('nam=2024'), ['15/2024/QĐ-UBND']);
    assert.deepEqual(await found('tu=01%2F01%2F2022&den=2022-07-01'), ['42/2022/NĐ-CP']);
    assert.deepEqual(await found('nguoi-ky=nguyen+duc+tuy'), ['15/2024/QĐ-UBND']);
    assert.deepEqual(await found('hieu-luc=het-hieu-luc'), ['07/2019/QĐ-UBND']);
    const bad = await get('/van-ban?hieu-luc=abc&nam=20x2&cap=%3Cscript%3E&trang=-1');
    assert.equal(bad.statusCode, 200);
    assert.match(textOf(bad.body), /Một số điều kiện không hợp lệ nên đã được bỏ qua: Cấp ban hành, Năm ban hành, Tình trạng hiệu lực/);
    assert.doesNotMatch(bad.body, /<script>/);
    assert.match(textOf(bad.body), /Có 4 văn bản/);
  });

  test('a document: metadata table, status for today, relations both ways, PDF shown in the page, downloads counted', async () => {
    const res = await get(`/van-ban/${docs.decree!.slug}`);
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(res.body, /<caption>Thông tin văn bản<\/caption>/);
    assert.match(text, /Số, ký hiệu 42\/2022\/NĐ-CP/);
    assert.match(text, /Cơ quan ban hành Chính phủ/);
    assert.match(text, /Lĩnh vực Thông tin và truyền thông/);
    assert.match(text, /Cấp ban hành Trung ương/);
    assert.match(text, /Người ký Lê Văn Thành/);
    assert.match(text, /Ngày có hiệu lực 01\/08\/2022/);
    assert.match(text, /Ngày hết hiệu lực Không ghi/);
    assert.match(text, /Tình trạng hiệu lực \(tính đến ngày 22\/11\/2026\) Còn hiệu lực/);
    assert.match(res.body, /<th scope="row">Số, ký hiệu<\/th>/);
    assert.match(res.body, new RegExp(`<iframe class="doc-preview" src="${pdf.url}"`));
    // The PDF itself is served unsandboxed (browsers' viewers refuse a sandboxed PDF) but still loads nothing else.
    const file = await get(pdf.url);
    assert.equal(file.statusCode, 200);
    assert.doesNotMatch(String(file.headers['content-security-policy']), /sandbox/);
    assert.match(String(file.headers['content-security-policy']), /default-src 'none'/);
    assert.match(text, /Tải về Phụ lục\.rtf \(RTF, [^)]*định dạng không mở; 0 lượt tải\)/);
    assert.match(text, /Tải về Nghị định 42-2022\.pdf \(PDF, [^)]*định dạng mở; 0 lượt tải\)/);
    assert.match(res.body, /<meta name="DC\.title" content="42\/2022\/NĐ-CP — Quy định về việc/);
    assert.match(res.body, /<meta name="DC\.creator" content="Chính phủ"/);
    assert.match(res.body, /<meta property="og:url" content="http:\/\/thuvien\.test\/van-ban\//);

    const land = textOf((await get(`/van-ban/${docs.land!.slug}`)).body);
    assert.match(land, /Thay thế 07\/2019\/QĐ-UBND Quy định cũ về bồi thường/);
    const old = textOf((await get(`/van-ban/${docs.old!.slug}`)).body);
    assert.match(old, /Bị thay thế bởi 15\/2024\/QĐ-UBND Ban hành quy định/);
    assert.match(old, /Hết hiệu lực/);

    // Downloads: attachment under its name, counted per GET, not per HEAD; another site cannot reach it.
    const head = await get(`/tai-ve/${pdf.id}`, 'thuvien.test', 'HEAD');
    assert.equal(head.statusCode, 200);
    const dl = await get(`/tai-ve/${pdf.id}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.match(String(dl.headers['content-disposition']), /^attachment; filename="nghi_dinh_42-2022\.pdf"; filename\*=UTF-8''Ngh%E1%BB%8B%20%C4%91%E1%BB%8Bnh%2042-2022\.pdf$/);
    assert.ok(dl.rawPayload.equals(pdfBytes));
    await get(`/tai-ve/${pdf.id}`);
    assert.equal((await get(`/tai-ve/${pdf.id}`, 'khac.test')).statusCode, 404);
    assert.equal((await get('/tai-ve/abc')).statusCode, 404);
    assert.equal((await get('/tai-ve/999999')).statusCode, 404);
    // A file only a draft uses is not served by its (guessable) id.
    const draftFile = await uploadMedia(t.db, t.deps.files, { ...systemActor(b.site.id), userId: b.people.contributor.id }, { data: Buffer.concat([pdfBytes, Buffer.from('% chưa ký\n')]), originalName: 'Dự thảo chưa ký.pdf', purpose: 'attachment' });
    assert.equal((await get(`/tai-ve/${draftFile.id}`)).statusCode, 404);
    const row = await t.db.selectFrom('download_counts').select('count').where('site_id', '=', b.site.id).where('media_id', '=', pdf.id).executeTakeFirstOrThrow();
    assert.equal(Number(row.count), 2);
    t.deps.pageCache.invalidateSite(b.site.id);
    assert.match(textOf((await get(`/van-ban/${docs.decree!.slug}`)).body), /Nghị định 42-2022\.pdf \(PDF, [^)]*; 2 lượt tải\)/);

    assert.equal((await get(`/van-ban/${docs.foreign!.slug}`)).statusCode, 404, "another site's document");
    assert.equal((await get('/van-ban/khong-co')).statusCode, 404);
  });

  test('the feed, the CSV and JSON downloads and the open API list the published documents of the site only', async () => {
    const feed = await get('/van-ban/rss.xml');
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
    assert.equal(XMLValidator.validate(feed.body), true);
    const items = xml.parse(feed.body).rss.channel.item as { title: string; link: string }[];
    assert.equal(items.length, 4);
    assert.ok(items.some((i) => i.title === '42/2022/NĐ-CP: Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến'));
    assert.ok(items.every((i) => i.link.startsWith('http://thuvien.test/van-ban/')));

    const csv = await get('/van-ban/du-lieu.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment/);
    const rows = parseCsv(csv.body.replace(/^\ufeff/, ''), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 4);
    const decree = rows.find((r) => r['Số, ký hiệu'] === '42/2022/NĐ-CP')!;
    assert.equal(decree['Loại văn bản'], 'Nghị định');
    assert.equal(decree['Tình trạng hiệu lực'], 'Còn hiệu lực');
    assert.equal(decree['Lĩnh vực'], 'Thông tin và truyền thông');
    assert.equal(decree['Tệp đính kèm'], `http://thuvien.test/tai-ve/${pdf.id} http://thuvien.test/tai-ve/${docx.id}`);

    const json = await get('/van-ban/du-lieu.json');
    const data = JSON.parse(json.body) as { documents: { number: string; status: string; attachments: { openFormat: boolean }[] }[] };
    assert.equal(data.documents.length, 4);
    assert.deepEqual(data.documents.find((d) => d.number === '42/2022/NĐ-CP')!.attachments.map((a) => a.openFormat), [true, false]);
    assert.ok(!json.body.includes('trang khác'));

    const api = await get('/api/v1/open/documents?perPage=2&page=1&type=nghi-dinh&status=in_force');
    assert.equal(api.statusCode, 200, api.body);
    const body = api.json() as { data: { number: string }[]; total: number; page: number; perPage: number; ignored: string[] };
    assert.equal(body.total, 2);
    assert.equal(body.data.length, 2);
    assert.deepEqual(body.ignored, []);
    const byNumber = (await get('/api/v1/open/documents?q=42%2F2022&year=2022')).json() as { data: { number: string }[] };
    assert.deepEqual(byNumber.data.map((d) => d.number), ['42/2022/NĐ-CP']);
    assert.equal((await get('/api/v1/open/documents?status=bogus')).statusCode, 400);
    assert.deepEqual(((await get('/api/v1/open/documents?type=khong-co')).json() as { ignored: string[] }).ignored, ['type']);
    const other = (await get('/api/v1/open/documents', 'khac.test')).json() as { data: { number: string }[] };
    assert.deepEqual(other.data.map((d) => d.number), ['99/2025/QĐ-UBND']);
    const openapi = (await get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    assert.ok(openapi.paths['/api/v1/open/documents'], 'in the OpenAPI document');
  });

  test('the home page shows the newest documents in their own block, not among the news; the news feed leaves them out; the article address leads to the library', async () => {
    const home = await get('/');
    assert.equal(home.statusCode, 200);
    const block = /<h2[^>]*>\s*<a href="\/van-ban">Văn bản mới<\/a>[\s\S]*?<\/section>/.exec(home.body)?.[0] ?? '';
    assert.match(block, new RegExp(`href="/van-ban/${docs.decree!.slug}"`), 'the decree is in the documents block');
    const news = home.body.replace(block, '');
    assert.doesNotMatch(news, /\/van-ban\/[a-z0-9-]+"/, 'no document among the news blocks');
    const rss = await get('/rss.xml');
    assert.doesNotMatch(rss.body, /42\/2022\/NĐ-CP|Quy định về việc cung cấp thông tin/, 'the news feed has no documents');
    const moved = await get(`/bai-viet/${docs.decree!.slug}`);
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, `/van-ban/${docs.decree!.slug}`);
  });

  test('a document taken down disappears from the list, the feed and the open data, and its page says it was taken down', async () => {
    const gone = await publishDocument(b, { number: '300/2026/QĐ-UBND', issuedOn: '2026-11-20', effectiveOn: null, fields: [] }, { title: 'Quyết định đăng nhầm về lịch trực' });
    t.deps.pageCache.invalidateSite(b.site.id);
    assert.match(textOf((await get('/van-ban')).body), /300\/2026\/QĐ-UBND/);
    const down = await b.as('secretariat', 'POST', `/api/v1/articles/${gone.id}/actions`, { action: 'take_down', reasonCode: 'published_in_error', note: 'Đăng nhầm.', publicNotice: true });
    assert.equal(down.statusCode, 200, down.body);
    assert.doesNotMatch(textOf((await get('/van-ban')).body), /300\/2026\/QĐ-UBND/);
    assert.doesNotMatch((await get('/van-ban/rss.xml')).body, /300\/2026/);
    assert.doesNotMatch((await get('/van-ban/du-lieu.json')).body, /300\/2026/);
    assert.doesNotMatch((await get('/van-ban/du-lieu.csv')).body, /300\/2026/);
    const page = await get(`/van-ban/${gone.slug}`);
    assert.equal(page.statusCode, 410);
    assert.doesNotMatch(textOf(page.body), /lịch trực/);
  });
  test('the filter form offers an issuer and a year as soon as a document of theirs is published (read once per content version)', async () => {
    const issuerOption = /<option value="Sở Xây dựng tỉnh Kon Tum">/;
    const before = await get('/van-ban?trang=1');
    assert.doesNotMatch(before.body, issuerOption);
    assert.doesNotMatch(before.body, /<option value="2017">/);
    await publishDocument(b, { number: '03/2017/QĐ-SXD', issuer: 'Sở Xây dựng tỉnh Kon Tum', issuedOn: '2017-05-02', effectiveOn: null, fields: [] }, { title: 'Quy định về cấp phép xây dựng' });
    const after = await get('/van-ban?trang=1');
    assert.match(after.body, issuerOption);
    assert.match(after.body, /<option value="2017">/);
    assert.doesNotMatch((await get('/van-ban', 'khac.test')).body, issuerOption, "another site's form does not offer it");
  });
});
