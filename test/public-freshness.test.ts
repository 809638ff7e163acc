// Every change to what the public sees reaches the public at once, through the
// render cache: for each action, an anonymous reader's pages (cached first) are
// read before and after, and must show the change. A correction that stays
// private, a take-down still listed, a renamed section still in the menu — each
// is a row here.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from './support/agent.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createDeps } from '../src/deps.ts';
import { buildTestApp, TestClock, testConfig, type TestApp } from './support/app.ts';
import { makeCase } from './support/citizens.ts';
import { forEachEngine } from './support/databases.ts';
import { publishDocument } from './support/documents.ts';
import { makeBoard, publishArticle, type Board, type BoardRole } from './support/editorial.ts';
import { makeUser } from './support/factories.ts';
import { caseFields } from '../src/modules/citizens/store.ts';
import { loadDemoProcedures } from '../src/modules/procedures/demo.ts';

interface Row {
  name: string;
  /** Public addresses that must show the change. */
  pages: () => string[];
  /** What each page shows before (checked on the first, cached, read). */
  before: (text: string, url: string) => void;
  act: () => Promise<void>;
  after: (text: string, url: string, status: number) => void;
}

forEachEngine('public pages follow every change at once', (engine) => {
  let t: TestApp;
  let b: Board;
  const agents = new Map<BoardRole | 'responder', Agent>();
  const ids: Record<string, number> = {};
  const slugs: Record<string, string> = {};

  const reader = () => new Agent(t.app, b.host);
  const as = async (role: BoardRole | 'responder', email: string) => {
    if (!agents.has(role)) {
      const agent = new Agent(t.app, b.host);
      await agent.login(email);
      agents.set(role, agent);
    }
    return agents.get(role)!;
  };
  const staff = (role: BoardRole) => as(role, b.people[role].email);
  async function ok(res: { statusCode: number; body: string }, what: string): Promise<void> {
    assert.ok([200, 201, 303].includes(res.statusCode), `${what}: ${res.statusCode} ${textOf(res.body).slice(0, 400)}`);
  }
  const apiAct = async (role: BoardRole, id: number, body: Record<string, unknown>) => ok(await b.as(role, 'POST', `/api/v1/articles/${id}/actions`, body), `${role} ${String(body.action)}`);

  before(async () => {
    // Monday 23 Nov 2026, 09:00 in Vietnam.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    b = await makeBoard(t, 'tuoimoi');
    const article = await publishArticle(b, { title: 'Khánh thành cầu treo bản Mới' });
    ids.article = article.id;
    slugs.article = article.slug;
    const taken = await publishArticle(b, { title: 'Hội nghị tổng kết công tác dân vận' });
    ids.taken = taken.id;
    slugs.taken = taken.slug;
    const old = await publishDocument(b, { number: '05/2020/QĐ-UBND', issuedOn: '2020-02-01', effectiveOn: '2020-02-15' }, { title: 'Quyết định về quản lý chợ năm 2020' });
    ids.oldDocument = old.id;
    slugs.oldDocument = old.slug;
    await loadDemoProcedures(t.db, b.site, { userId: b.people.publisher.id }, t.clock);
    const procedure = await t.db.selectFrom('procedures').select(['id', 'slug', 'name']).where('site_id', '=', b.site.id).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    ids.procedure = procedure.id;
    slugs.procedure = procedure.slug;
    slugs.procedureName = procedure.name;
  });
  after(async () => t.close());

  const articleUrl = () => `/bai-viet/${slugs.article}`;
  const sectionUrl = () => '/chuyen-muc/tin-tuc-su-kien';

  const rows: Row[] = [
    {
      name: 'a correction note on a published article (đính chính)',
      pages: () => [articleUrl()],
      before: (text) => assert.doesNotMatch(text, /cầu dài 85 mét/),
      act: () => apiAct('publisher', ids.article!, { action: 'correct', note: 'Đính chính: cầu dài 85 mét, không phải 80 mét.' }),
      after: (text) => assert.match(text, /cầu dài 85 mét, không phải 80 mét/),
    },
    {
      name: 'a corrected title and text that passed the chain',
      pages: () => [articleUrl(), '/', sectionUrl(), '/rss.xml'],
      before: (text) => assert.doesNotMatch(text, /Khánh thành cầu treo bản Mới và đường liên thôn/),
      act: async () => {
        const current = await b.as('contributor', 'GET', `/api/v1/articles/${ids.article}`);
        await ok(await b.as('contributor', 'PATCH', `/api/v1/articles/${ids.article}`, { lockVersion: current.json().lockVersion, title: 'Khánh thành cầu treo bản Mới và đường liên thôn', bodyHtml: '<p>Cầu dài 85 mét, đường liên thôn dài 2 km.</p>' }), 'edit');
        for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve']] as const) await apiAct(role, ids.article!, { action });
        await apiAct('publisher', ids.article!, { action: 'correct', note: 'Bổ sung thông tin đường liên thôn.' });
      },
      after: (text) => assert.match(text, /Khánh thành cầu treo bản Mới và đường liên thôn/),
    },
    {
      name: 'a take-down',
      pages: () => [`/bai-viet/${slugs.taken}`, '/', sectionUrl(), '/rss.xml', '/sitemap.xml', `/tim-kiem?q=${encodeURIComponent('dan van')}`],
      before: (text, url) => assert.match(text, url.startsWith('/bai-viet') ? /Hội nghị tổng kết công tác dân vận/ : new RegExp(url === '/sitemap.xml' ? slugs.taken! : 'Hội nghị tổng kết công tác dân vận')),
      act: () => apiAct('secretariat', ids.taken!, { action: 'take_down', reasonCode: 'violation', note: 'Nội dung chưa được kiểm chứng.' }),
      after: (text, url, status) => {
        if (url.startsWith('/bai-viet')) assert.ok(status === 404 || status === 410, `taken-down article answers ${status}`);
        assert.doesNotMatch(text, url === '/sitemap.xml' ? new RegExp(slugs.taken!) : /Hội nghị tổng kết công tác dân vận/);
      },
    },
    {
      name: 'a section renamed (the menu)',
      pages: () => ['/', sectionUrl(), articleUrl()],
      before: (text) => assert.doesNotMatch(text, /Tin hoạt động của xã/),
      act: async () => {
        const admin = await staff('site_admin');
        await ok(await admin.post(`/admin/sections/${b.sectionId}`, { name: 'Tin hoạt động của xã', nameEn: 'News', slug: 'tin-tuc-su-kien', description: '', sortOrder: '0' }), 'rename section');
      },
      after: (text) => assert.match(text, /Tin hoạt động của xã/),
    },
    {
      name: 'the site settings (footer contact)',
      pages: () => ['/', articleUrl(), '/lien-he'],
      before: (text) => assert.doesNotMatch(text, /0237 3880 999/),
      act: async () => {
        const admin = await staff('site_admin');
        await ok(await admin.post('/admin/site', { name: b.site.name, agencyName: b.site.agencyName, address: 'Thị trấn Yên Cát', phone: '0237 3880 999', email: 'bbt@tuoimoi.test', responsiblePerson: 'Chánh Văn phòng', twoFactor: 'off' }), 'settings');
      },
      after: (text) => assert.match(text, /0237 3880 999/),
    },
    {
      name: 'a procedure taken off the site',
      pages: () => ['/thu-tuc-hanh-chinh', `/thu-tuc-hanh-chinh/${slugs.procedure}`],
      before: (text) => assert.match(text, new RegExp(slugs.procedureName!)),
      act: async () => ok(await (await staff('publisher')).post(`/admin/procedures/${ids.procedure}/unpublish`), 'unpublish procedure'),
      after: (text, url, status) => {
        if (url === '/thu-tuc-hanh-chinh') assert.doesNotMatch(text, new RegExp(slugs.procedureName!));
        else assert.equal(status, 404);
      },
    },
    {
      name: 'a question’s answer published',
      pages: () => ['/hoi-dap'],
      before: (text) => assert.doesNotMatch(text, /Thời hạn cấp giấy phép xây dựng nhà ở/),
      act: async () => {
        const responder = await makeUser(t.db, b.site, ['responder'], { unitId: b.unitId });
        const q = await makeCase(t.db, b.site, 'question', {}, t.clock.now());
        const lock = async () => String((await t.db.selectFrom('citizen_cases').select('lock_version').where('id', '=', q.id).executeTakeFirstOrThrow()).lock_version);
        const step = async (agent: Agent, path: string, form: Record<string, string>) => ok(await agent.post(`/admin/cases/${q.id}/${path}`, { lockVersion: await lock(), ...form }), path);
        await step(await staff('secretariat'), 'assign', { field: caseFields(b.site)[0]!, unitId: String(b.unitId) });
        const unit = await as('responder', responder.email);
        await step(unit, 'receipt', {});
        await step(unit, 'answer', { answer: 'Thời hạn là 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.', intent: 'submit' });
        await step(await staff('unit_head'), 'review', { decision: 'approve' });
        await step(await staff('editor_in_chief'), 'review', { decision: 'approve' });
        await step(await staff('secretariat'), 'send', { publish: 'on', publicTitle: 'Thời hạn cấp giấy phép xây dựng nhà ở', publicBody: 'Một công dân hỏi thời hạn cấp giấy phép xây dựng nhà ở riêng lẻ.' });
      },
      after: (text) => assert.match(text, /Thời hạn cấp giấy phép xây dựng nhà ở/),
    },
    {
      name: 'a draft opened for comment',
      pages: () => ['/lay-y-kien'],
      before: (text) => assert.doesNotMatch(text, /Dự thảo Quy chế quản lý chợ/),
      act: async () => {
        const secretariat = await staff('secretariat');
        const created = await secretariat.post('/admin/consultations', {
          title: 'Dự thảo Quy chế quản lý chợ',
          docType: 'quyet-dinh',
          draftingAgency: 'Phòng Kinh tế',
          summary: 'Quy định việc quản lý chợ.',
          body: '<p>Điều 1. Phạm vi điều chỉnh</p>',
          parts: 'Điều 1',
          contact: 'Phòng Kinh tế, Ủy ban nhân dân xã',
          opensOn: '2026-11-23',
          closesOn: '2026-12-31',
          lockVersion: '0',
        });
        await ok(created, 'create draft');
        ids.consultation = Number(/\/admin\/consultations\/(\d+)/.exec(String(created.headers.location))![1]);
        await ok(await secretariat.post(`/admin/consultations/${ids.consultation}/publish`), 'publish draft');
      },
      after: (text) => assert.match(text, /Dự thảo Quy chế quản lý chợ/),
    },
    {
      name: 'a correction on a published document',
      pages: () => [`/van-ban/${slugs.oldDocument}`],
      before: (text) => assert.doesNotMatch(text, /ngày ký là 01\/02\/2020/),
      act: () => apiAct('publisher', ids.oldDocument!, { action: 'correct', note: 'Đính chính: ngày ký là 01/02/2020, không phải 02/01/2020.' }),
      after: (text) => assert.match(text, /Đính chính[\s\S]*ngày ký là 01\/02\/2020, không phải 02\/01\/2020/),
    },
    {
      name: 'a document replacing another: the old one says so',
      pages: () => [`/van-ban/${slugs.oldDocument}`],
      before: (text) => assert.doesNotMatch(text, /Bị thay thế bởi/),
      act: async () => {
        await publishDocument(b, { number: '12/2026/QĐ-UBND', issuedOn: '2026-11-20', effectiveOn: '2026-11-20', relations: [{ relation: 'replaces', toArticleId: ids.oldDocument! }] }, { title: 'Quyết định về quản lý chợ năm 2026' });
      },
      after: (text) => assert.match(text, /Bị thay thế bởi[\s\S]*12\/2026\/QĐ-UBND/),
    },
    {
      name: 'the list of information disclosed',
      pages: () => ['/tiep-can-thong-tin'],
      before: (text) => assert.doesNotMatch(text, /Kế hoạch đầu tư công năm 2027/),
      act: async () => ok(await (await staff('secretariat')).post('/admin/disclosure', { category: 'legal', title: 'Kế hoạch đầu tư công năm 2027', url: '', note: '' }), 'disclose'),
      after: (text) => assert.match(text, /Kế hoạch đầu tư công năm 2027/),
    },
  ];

  for (const row of rows) {
    test(row.name, async () => {
      const visitor = reader();
      for (const url of row.pages()) {
        const first = await visitor.get(url);
        assert.equal(first.statusCode, 200, `${url} before`);
        row.before(textOf(first.body) + (url.endsWith('.xml') ? first.body : ''), url);
        // Served again from the cache: the change must reach it.
        assert.equal((await visitor.get(url)).statusCode, 200);
      }
      await row.act();
      for (const url of row.pages()) {
        const res = await reader().get(url);
        row.after(textOf(res.body) + (url.endsWith('.xml') ? res.body : ''), url, res.statusCode);
      }
    });
  }
});

forEachEngine('a change committed by another node reaches this node’s cache within its poll', (engine) => {
  let t: TestApp;
  let other: FastifyInstance;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    // A second node: its own render cache and poll, the same database.
    other = await buildApp(createDeps(testConfig(t.dataDir), t.database, t.clock), { logger: false });
  });
  after(async () => {
    await other.close();
    await t.close();
  });

  test('a correction made through node A shows on node B’s cached article page', async () => {
    const b = await makeBoard(t, 'hainut');
    const { id, slug } = await publishArticle(b, { title: 'Khai mạc lễ hội cồng chiêng' });
    const readOnB = async () => textOf((await other.inject({ url: `/bai-viet/${slug}`, headers: { host: b.host } })).body);
    assert.doesNotMatch(await readOnB(), /diễn ra trong 3 ngày/);
    const res = await b.as('publisher', 'POST', `/api/v1/articles/${id}/actions`, { action: 'correct', note: 'Đính chính: lễ hội diễn ra trong 3 ngày.' });
    assert.equal(res.statusCode, 200, res.body);
    let seen = false;
    for (let i = 0; i < 40 && !seen; i += 1) {
      seen = /diễn ra trong 3 ngày/.test(await readOnB());
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(seen, 'node B shows the correction within its poll');
  });
});
