// Pictures in articles over HTTP, as a browser without JavaScript sees them:
// what Word says of a picture is kept, every picture of the body can be
// described in the editor form, a refused submission names each picture that
// lacks a description and links to its field, the library's description is
// offered, and the rich editor's picture picker is for those who edit content.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeDocx, makePng, type DocxBlock } from '../../../test/support/docx.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';

forEachEngine('pictures in articles', (engine) => {
  let t: TestApp;
  let b: Board;
  let contributor: Agent;

  before(async () => {
    t = await buildTestApp(engine);
    b = await makeBoard(t, 'hinhanh');
    contributor = new Agent(t.app, b.host);
    await contributor.login(b.people.contributor.email);
  });
  after(async () => t.close());

  async function importWord(name: string, blocks: DocxBlock[]): Promise<number> {
    const res = await contributor.upload('/admin/articles/import', { sectionId: String(b.sectionId) }, { name, data: await makeDocx({ blocks: [{ kind: 'title', text: `Tin ${name}` }, ...blocks] }) });
    assert.equal(res.statusCode, 303, textOf(res.body));
    return Number(/\/admin\/articles\/(\d+)/.exec(String(res.headers.location))![1]);
  }

  const article = (id: number) => t.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const srcs = (html: string) => [...html.matchAll(/src="(\/media\/[0-9a-f]{64}\/original\.png)"/g)].map((m) => m[1]!);

  /** The editor form as a browser without JavaScript sends it, with source, author and unit filled in. */
  async function save(id: number, fields: Record<string, string>) {
    const row = await article(id);
    return contributor.post(`/admin/articles/${id}`, {
      lockVersion: String(row.lock_version),
      title: row.title,
      kind: 'news',
      language: 'vi',
      bodyHtml: row.body_html,
      sectionId: String(b.sectionId),
      source: 'Huyện đoàn Như Xuân',
      authorName: 'Nguyễn Văn Hùng',
      unitId: String(b.unitId),
      ...fields,
    });
  }

  test('a Word picture keeps the description and the caption Word gave it, in the body and in the media library', async () => {
    const id = await importWord('khanh-thanh.docx', [
      { kind: 'paragraph', content: 'Sáng 20/11, huyện khánh thành cầu treo bản Mới.' },
      { kind: 'image', data: makePng(40, 30), alt: 'Người dân đi qua cầu treo mới', caption: 'Cầu treo bản Mới sau khánh thành' },
    ]);
    const row = await article(id);
    const [src] = srcs(row.body_html);
    assert.ok(src, row.body_html);
    assert.match(row.body_html, new RegExp(`<figure><img alt="Người dân đi qua cầu treo mới" src="${src}" /><figcaption>Cầu treo bản Mới sau khánh thành</figcaption></figure>`));
    const media = await t.db.selectFrom('media').selectAll().where('site_id', '=', b.site.id).where('original_name', '=', 'khanh-thanh-anh-1.png').executeTakeFirstOrThrow();
    assert.equal(media.alt, 'Người dân đi qua cầu treo mới');
    assert.equal(media.caption, 'Cầu treo bản Mới sau khánh thành');
  });

  test('without JavaScript, the editor lists each picture of the body with a description and a caption field, and saving writes them in', async () => {
    const id = await importWord('ra-quan.docx', [
      { kind: 'paragraph', content: 'Hơn 500 đoàn viên ra quân làm đường.' },
      { kind: 'image', data: makePng(60, 40) },
    ]);
    const [src] = srcs((await article(id)).body_html);
    const page = await contributor.get(`/admin/articles/${id}`);
    assert.match(textOf(page.body), /Ảnh trong nội dung .*Ảnh 1 — ra-quan-anh-1\.png Mô tả ảnh 1 Chú thích ảnh 1/);
    assert.match(page.body, /<input id="picture-1-alt" name="picture-1-alt" type="text" value=""/);
    assert.match(page.body, new RegExp(`name="picture-1-src" value="${src}"`));

    const saved = await save(id, { pictureCount: '1', 'picture-1-src': src!, 'picture-1-alt': 'Đoàn viên thanh niên làm đường bê tông', 'picture-1-caption': 'Ảnh: Huyện đoàn Như Xuân' });
    assert.equal(saved.statusCode, 303, textOf(saved.body));
    const row = await article(id);
    assert.match(row.body_html, new RegExp(`<figure><img src="${src}" alt="Đoàn viên thanh niên làm đường bê tông" /><figcaption>Ảnh: Huyện đoàn Như Xuân</figcaption></figure>`));
    const again = await contributor.get(`/admin/articles/${id}`);
    assert.match(again.body, /id="picture-1-alt" name="picture-1-alt" type="text" value="Đoàn viên thanh niên làm đường bê tông"/);
    assert.match(again.body, /id="picture-1-caption" name="picture-1-caption" type="text" value="Ảnh: Huyện đoàn Như Xuân"/);
    const submitted = await contributor.post(`/admin/articles/${id}/actions`, { action: 'submit' });
    assert.equal(submitted.statusCode, 303, textOf(submitted.body));
    assert.equal((await article(id)).review_state, 'in_review');
  });

  test('a Word article whose only photo is in its text shows that photo in the public lists, and its page does not repeat it as a cover', async () => {
    const id = await importWord('le-hoi-lua-moi.docx', [
      { kind: 'paragraph', content: 'Bản Mới tổ chức lễ hội mừng lúa mới.' },
      { kind: 'image', data: makePng(48, 32), alt: 'Bà con gặt lúa trên ruộng bậc thang', caption: 'Mùa vàng bản Mới' },
    ]);
    const [src] = srcs((await article(id)).body_html);
    const sha = src!.split('/')[2]!;
    assert.equal((await save(id, { title: 'Lễ hội mừng lúa mới ở bản Mới' })).statusCode, 303);
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'publish']] as const) {
      const res = await b.as(role, 'POST', `/api/v1/articles/${id}/actions`, { action });
      assert.equal(res.statusCode, 200, `${role} ${action}: ${res.body}`);
    }
    const reader = new Agent(t.app, b.host);
    const home = await reader.get('/');
    assert.equal(home.statusCode, 200);
    const teaser = new RegExp(`<img[^>]*src="/media/${sha}/[^"]*"[^>]*>(?:(?!</article>|</li>)[\\s\\S])*Lễ hội mừng lúa mới ở bản Mới`);
    assert.match(home.body, teaser, 'the home page shows the photo beside the title');
    assert.match(home.body, /alt="Bà con gặt lúa trên ruộng bậc thang"/);
    const slug = (await article(id)).slug;
    const page = await reader.get(`/bai-viet/${slug}`);
    assert.equal(page.statusCode, 200);
    assert.equal(page.body.split(`/media/${sha}/`).length - 1 - (page.body.match(new RegExp(`<meta[^>]*/media/${sha}/`, 'g'))?.length ?? 0), 1, 'the photo once, in the text');
  });

  test('a refused submission names each picture without a description and links to its field, in the back office’s language', async () => {
    const id = await importWord('hoi-nghi.docx', [
      { kind: 'image', data: makePng(20, 20), alt: 'Toàn cảnh hội nghị' },
      { kind: 'paragraph', content: 'Hội nghị tổng kết năm.' },
      { kind: 'image', data: makePng(30, 20) },
    ]);
    assert.equal((await save(id, {})).statusCode, 303);
    const refused = await contributor.post(`/admin/articles/${id}/actions`, { action: 'submit' });
    assert.equal(refused.statusCode, 422);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(refused.body)?.[0] ?? '';
    assert.match(summary, /<a href="#picture-2-alt">Ảnh 2 \(hoi-nghi-anh-2\.png\) trong nội dung chưa có mô tả \(văn bản thay thế\) cho người khiếm thị; hãy nhập mô tả ở mục «Ảnh trong nội dung»/);
    assert.doesNotMatch(summary, /#picture-1-alt/, 'the described picture is not listed');
    assert.match(refused.body, /<input id="picture-2-alt" name="picture-2-alt"[^>]*aria-invalid="true"/, 'the link leads to the field, marked');
    assert.equal((await article(id)).review_state, 'draft');

    const english = new Agent(t.app, b.host);
    english.setCookie('tt_lang', 'en');
    await english.login(b.people.contributor.email);
    const en = await english.post(`/admin/articles/${id}/actions`, { action: 'submit' });
    assert.match(en.body, /<a href="#picture-2-alt">Picture 2 \(hoi-nghi-anh-2\.png\) in the body has no description \(alt text\)/);

    const api = await b.as('contributor', 'POST', `/api/v1/articles/${id}/actions`, { action: 'submit' });
    assert.deepEqual(api.json().error.details.filter((d: { code: string }) => d.code === 'image_alt_required').map((d: { field: string }) => d.field), ['picture-2-alt']);
  });

  test('the media library’s description of a picture is offered in the editor while the body gives none', async () => {
    const uploaded = await contributor.upload('/admin/media', { purpose: 'image', alt: 'Cầu treo bản Mới nhìn từ bờ sông', caption: '' }, { name: 'cau-treo.png', data: makePng(50, 30), contentType: 'image/png' });
    assert.equal(uploaded.statusCode, 303);
    const media = await t.db.selectFrom('media').selectAll().where('original_name', '=', 'cau-treo.png').executeTakeFirstOrThrow();
    const url = `/media/${media.sha256}/original.png`;
    const created = await b.as('contributor', 'POST', '/api/v1/articles', { title: 'Tin dùng ảnh thư viện', bodyHtml: `<p>Cầu mới.</p><p><img src="${url}"></p>`, sectionId: b.sectionId });
    const page = await contributor.get(`/admin/articles/${created.json().id}`);
    assert.match(page.body, /id="picture-1-alt" name="picture-1-alt" type="text" value="Cầu treo bản Mới nhìn từ bờ sông"/);
    assert.match(textOf(page.body), /Mô tả lấy từ thư viện tệp; hãy kiểm tra lại trước khi lưu\./);
  });

  test('the rich editor’s picture picker lists the latest images with their descriptions to those who edit content, and uploads return JSON', async () => {
    const list = await contributor.get('/admin/media/pictures', { accept: 'application/json' });
    assert.equal(list.statusCode, 200);
    const items = list.json().items as { url: string; thumb: string; name: string; alt: string | null }[];
    const bridge = items.find((i) => i.name === 'cau-treo.png');
    assert.equal(bridge?.alt, 'Cầu treo bản Mới nhìn từ bờ sông');
    assert.match(bridge!.url, /^\/media\/[0-9a-f]{64}\/original\.png$/);
    assert.match(bridge!.thumb, /^\/media\/[0-9a-f]{64}\/\d+\.webp$/);

    for (const role of ['site_admin'] as const) {
      const other = new Agent(t.app, b.host);
      await other.login(b.people[role].email);
      assert.equal((await other.get('/admin/media/pictures', { accept: 'application/json' })).statusCode, 403, `${role} has no content rights`);
    }
    assert.notEqual((await new Agent(t.app, b.host).get('/admin/media/pictures')).statusCode, 200, 'nobody signed in');

    const json = { accept: 'application/json' };
    const up = await contributor.upload('/admin/media', { purpose: 'image', alt: 'Lễ ra quân', caption: 'Ảnh: Huyện đoàn' }, { name: 'ra-quan.png', data: makePng(30, 30), contentType: 'image/png' }, json);
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.json().alt, 'Lễ ra quân');
    assert.equal(up.json().caption, 'Ảnh: Huyện đoàn');
    assert.match(up.json().url, /^\/media\/[0-9a-f]{64}\/original\.png$/);
    const fake = await contributor.upload('/admin/media', { purpose: 'image', alt: 'x' }, { name: 'anh.png', data: Buffer.from('<svg onload="alert(1)"/>'), contentType: 'image/png' }, json);
    assert.equal(fake.statusCode, 400);
    assert.match(fake.json().error.message, /ảnh|JPG|PNG/);
  });
});
