// Sites that stop operating (districts abolished on 1 Jul 2025), on SQLite and
// PostgreSQL: their forms close and say where to go instead, nothing sent to
// them is stored, their open cases are handed over to the site that takes
// over (same code, deadlines, history and files; the old tracking address
// follows them) and no digest nags about them, their board still reads what
// they received; and their old addresses are served where they are or
// redirected to a page that exists, never to a 404.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { Migrator, sql } from 'kysely';
import { Agent, mailText, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { addCaseFile, makeCase } from '../../../test/support/citizens.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { publishDocument } from '../../../test/support/documents.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { makeUser, type TestUser } from '../../../test/support/factories.ts';
import { migrations } from '../../migrations/index.ts';
import { engineOf } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrator.ts';
import { runCaseDigests } from '../citizens/digest.ts';
import { receiveCase } from '../citizens/receive.ts';
import { loadDemoProcedures } from '../procedures/demo.ts';

forEachEngine('sites that stop operating', (engine) => {
  let t: TestApp;
  let province: Board;
  let it: Agent;
  let platform: TestUser;
  let boards = 0;
  // Tuesday 10 March 2026, 09:00 in Vietnam: a working morning.
  const clock = new TestClock(new Date('2026-03-10T02:00:00Z'));

  before(async () => {
    t = await buildTestApp(engine, { clock });
    province = await makeBoard(t, 'quangngai', { level: 'province', name: 'Cổng thông tin điện tử tỉnh Quảng Ngãi', languages: ['vi', 'en'], nameEn: 'Quang Ngai Provincial Portal' });
    platform = await makeUser(t.db, province.site, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platform.id).execute();
    it = new Agent(t.app, province.host);
    await it.login(platform.email);
  });
  after(async () => t.close());

  /** A former district's site under the province, with its own board. */
  async function district(opts: { english?: boolean } = {}): Promise<Board> {
    boards += 1;
    return makeBoard(t, `huyen${boards}`, {
      level: 'district',
      parentSiteId: province.site.id,
      name: `Trang thông tin điện tử huyện số ${boards}`,
      ...(opts.english ? { languages: ['vi', 'en'], nameEn: `District ${boards} portal` } : {}),
    });
  }

  const setStatus = (b: Board, form: Record<string, string>) => it.post(`/admin/sites/${b.site.id}/status`, { notice: '', redirectMode: 'none', successorSiteId: String(province.site.id), confirm: '1', ...form });
  const get = (host: string, url: string) => t.app.inject({ url, headers: { host } });
  /** A citizen's POST from the site's own page (public forms check the origin, not a token). */
  const postPublic = (host: string, url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { host, origin: `http://${host}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const countOf = async (table: 'citizen_cases' | 'contact_messages' | 'consultation_comments', siteId: number) =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow()).n);

  /** A draft of the site published for comment, open today. */
  async function openDraft(b: Board): Promise<string> {
    const now = clock.now().toISOString();
    const slug = `du-thao-${b.site.key}`;
    await t.db
      .insertInto('consultations')
      .values({ site_id: b.site.id, slug, title: 'Dự thảo Quy chế quản lý chợ', doc_type: 'quyet-dinh', drafting_agency: 'Phòng Kinh tế', summary: 'Quy định việc quản lý chợ.', body: '<p>Điều 1.</p>', contact: 'Phòng Kinh tế', opens_on: '2026-03-01', closes_on: '2026-03-31', status: 'published', published_at: now, created_at: now, updated_at: now })
      .execute();
    return slug;
  }

  test('the register of an archived site still shows its cases to its board, and nothing there can change them', async () => {
    const d = await district();
    const answered = await makeCase(t.db, d.site, 'question', { status: 'answered', unit_id: d.unitId, answer: 'Đã trả lời.', answered_at: clock.now().toISOString(), closed_at: clock.now().toISOString() }, clock.now());
    assert.equal((await setStatus(d, { status: 'archived' })).statusCode, 303);
    // A case left behind (received before forms were closed): seen, never changed.
    const left = await makeCase(t.db, d.site, 'petition', { status: 'assigned', unit_id: d.unitId, due_at: '2026-03-20T09:00:00.000Z' }, clock.now());

    const secretariat = new Agent(t.app, d.host);
    await secretariat.login(d.people.secretariat.email);
    const closed = await secretariat.get('/admin/cases?tab=closed');
    assert.equal(closed.statusCode, 200);
    assert.ok(closed.body.includes(answered.tracking_code), 'the board still sees what it answered');
    assert.match(textOf(closed.body), /đã ngừng hoạt động/);
    const units = await secretariat.get('/admin/cases?tab=units');
    assert.ok(units.body.includes(left.tracking_code), 'and what was left behind');
    const page = await secretariat.get(`/admin/cases/${left.id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /action="\/admin\/cases\/\d+\/(assign|receipt|refuse)"/, 'no form is offered');

    const head = new Agent(t.app, d.host);
    await head.login(d.people.unit_head.email);
    assert.equal((await head.get(`/admin/cases/${left.id}`)).statusCode, 200, 'the unit sees its case');
    const receipt = await head.post(`/admin/cases/${left.id}/receipt`, { lockVersion: '0' });
    assert.equal(receipt.statusCode, 403, 'recording receipt on a closed site is refused');
    assert.equal((await secretariat.post(`/admin/cases/${left.id}/refuse`, { lockVersion: '0', code: 'spam', refuseReason: 'Thư rác quảng cáo' })).statusCode, 403);
    const after = await t.db.selectFrom('citizen_cases').selectAll().where('id', '=', left.id).executeTakeFirstOrThrow();
    assert.equal(after.status, 'assigned');
    assert.equal(after.lock_version, left.lock_version);
  });

  test('an archived or merged site closes every form: the page says where to go, a POST is refused and stores nothing', async () => {
    const archived = await district({ english: true });
    const merged = await district();
    const archivedDraft = await openDraft(archived);
    await openDraft(merged);
    assert.equal((await setStatus(archived, { status: 'archived', notice: 'Từ ngày 01/7/2025, huyện kết thúc hoạt động.' })).statusCode, 303);
    assert.equal((await setStatus(merged, { status: 'merged', mergedIntoSiteId: String(province.site.id) })).statusCode, 303);

    const forms: [string, string][] = [
      ['/hoi-dap/gui-cau-hoi', '/hoi-dap/gui-cau-hoi'],
      ['/phan-anh-kien-nghi/gui', '/phan-anh-kien-nghi/gui'],
      ['/tiep-can-thong-tin/yeu-cau', '/tiep-can-thong-tin/yeu-cau'],
      ['/tiep-can-thong-tin/de-nghi-dinh-chinh', '/tiep-can-thong-tin/de-nghi-dinh-chinh'],
      ['/lien-he', '/lien-he'],
      ['/en/questions/ask', '/en/questions/ask'],
      ['/en/contact', '/en/contact'],
    ];
    const fields = { name: 'Nguyễn Văn An', email: 'an.nguyen@example.vn', title: 'Hỏi về đất đai', body: 'Xin hỏi thủ tục.', subject: 'Liên hệ', message: 'Xin chào.' };
    for (const b of [archived, merged]) {
      const before = { cases: await countOf('citizen_cases', b.site.id), messages: await countOf('contact_messages', b.site.id) };
      for (const [path, theirs] of forms) {
        if (path.startsWith('/en/') && b === merged) continue; // the merged site has no English pages
        const page = await get(b.host, path);
        assert.equal(page.statusCode, 200, `${b.site.key} GET ${path}`);
        const text = textOf(page.body);
        assert.match(text, path.startsWith('/en/') ? /no longer operates/ : /đã ngừng hoạt động nên không còn tiếp nhận/, `${path} says the site takes nothing more`);
        assert.ok(page.body.includes(`href="http://${province.host}${theirs}"`), `${b.site.key} ${path} links to the same form on the province's site`);
        assert.doesNotMatch(page.body, /name="stamp"/, 'no form to fill in');
        const sent = await postPublic(b.host, path, fields);
        assert.equal(sent.statusCode, 410, `${b.site.key} POST ${path}`);
        assert.match(textOf(sent.body), /ngừng hoạt động|no longer operates/);
      }
      assert.deepEqual({ cases: await countOf('citizen_cases', b.site.id), messages: await countOf('contact_messages', b.site.id) }, before, 'nothing was stored');
    }

    // A draft for comment stays readable, without its form.
    const draft = await get(archived.host, `/lay-y-kien/${archivedDraft}`);
    assert.equal(draft.statusCode, 200);
    assert.match(textOf(draft.body), /Dự thảo Quy chế quản lý chợ/);
    assert.doesNotMatch(draft.body, /name="comment"/);
    assert.ok(draft.body.includes(`href="http://${province.host}/lay-y-kien"`), 'it points to the drafts of the province');
    const comment = await postPublic(archived.host, `/lay-y-kien/${archivedDraft}`, { name: 'Trần Thị Bình', email: 'binh@example.vn', comment: 'Góp ý.' });
    assert.equal(comment.statusCode, 410);
    assert.equal(await countOf('consultation_comments', archived.site.id), 0);

    // A form opened before archiving and sent after (or a node that has not yet seen the change): the use case refuses it too.
    await assert.rejects(
      receiveCase({ db: t.db, files: null, mailer: t.deps.mailer, clock }, archived.site, { kind: 'question', title: 'Hỏi', body: 'Nội dung', field: null, details: {}, requester: { name: 'An', email: null, phone: '0912345678', address: null }, consentPublish: false }),
      (error: { code?: string; status?: number }) => error.code === 'site_closed' && error.status === 410,
    );
    assert.equal(await countOf('citizen_cases', archived.site.id), 0);
  });

  test('archiving hands the open cases over: same code, deadlines, history and files; the old tracking address follows them; the new board answers them', async () => {
    const d = await district();
    const due = '2026-03-24T09:00:00.000Z';
    const question = await makeCase(t.db, d.site, 'question', { status: 'in_progress', unit_id: d.unitId, receipt_recorded_at: '2026-03-05T02:00:00.000Z', due_at: due, answer: 'Bản trả lời đang soạn.' }, new Date('2026-03-04T02:00:00Z'));
    const petition = await makeCase(t.db, d.site, 'petition', { requester_email: 'kien.nghi@example.vn', due_at: due }, new Date('2026-03-09T02:00:00Z'));
    const closed = await makeCase(t.db, d.site, 'question', { status: 'refused', closed_at: '2026-03-06T02:00:00.000Z' }, new Date('2026-03-05T02:00:00Z'));
    const fileId = await addCaseFile(t.db, t.deps.files, d.site, question.id, { name: 'don.pdf', data: Buffer.from('%PDF-1.7\n%%EOF\n'), mime: 'application/pdf', ext: 'pdf' });
    await t.db.insertInto('citizen_case_events').values({ site_id: d.site.id, case_id: question.id, action: 'assign', from_status: 'received', to_status: 'assigned', note: null, actor_user_id: null, on_behalf_of_user_id: null, created_at: '2026-03-04T03:00:00.000Z' }).execute();

    const detail = textOf((await it.get(`/admin/sites/${d.site.id}`)).body);
    assert.match(detail, /Ý kiến chưa xử lý xong: 2/, 'the consequences are shown before confirming');

    const refused = await setStatus(d, { status: 'archived', handoverSiteId: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /còn 2 ý kiến của người dân chưa xử lý xong/);
    assert.equal((await t.db.selectFrom('sites').select('status').where('id', '=', d.site.id).executeTakeFirstOrThrow()).status, 'active', 'nothing changed');

    const mailsBefore = t.sentMail().length;
    const done = await setStatus(d, { status: 'archived', handoverSiteId: String(province.site.id) });
    assert.equal(done.statusCode, 303, textOf(done.body));
    assert.match(textOf((await it.get(done.headers.location as string)).body), /chuyển giao 2 ý kiến/);

    const moved = await t.db.selectFrom('citizen_cases').selectAll().where('id', 'in', [question.id, petition.id]).orderBy('id').execute();
    for (const [row, before] of [[moved[0]!, question], [moved[1]!, petition]] as const) {
      assert.equal(row.site_id, province.site.id);
      assert.equal(row.received_site_id, d.site.id);
      assert.equal(row.tracking_code, before.tracking_code, 'the code stays');
      assert.equal(row.due_at, before.due_at, 'the legal deadline stays');
      assert.equal(row.created_at, before.created_at);
      assert.equal(row.status, 'received', 'routing starts again in the new intake');
      assert.equal(row.unit_id, null);
    }
    assert.equal(moved[0]!.answer, 'Bản trả lời đang soạn.', 'the draft answer is kept');
    assert.equal((await t.db.selectFrom('citizen_cases').select('site_id').where('id', '=', closed.id).executeTakeFirstOrThrow()).site_id, d.site.id, 'closed cases stay in the archive');
    const events = await t.db.selectFrom('citizen_case_events').selectAll().where('case_id', '=', question.id).orderBy('id').execute();
    assert.deepEqual(events.map((e) => [e.site_id, e.action]), [[province.site.id, 'assign'], [province.site.id, 'handover']]);
    assert.equal((await t.db.selectFrom('citizen_case_files').select('site_id').where('id', '=', fileId).executeTakeFirstOrThrow()).site_id, province.site.id);
    const audit = (siteId: number, action: string) => t.db.selectFrom('audit_log').select('details').where('site_id', '=', siteId).where('action', '=', action).execute();
    assert.equal((await audit(d.site.id, 'site.handover')).length, 1);
    assert.equal((await audit(province.site.id, 'citizen_case.handover')).length, 2);

    // The new board is told and answers them.
    const told = await t.db.selectFrom('notifications').selectAll().where('site_id', '=', province.site.id).where('kind', '=', 'citizen_case.handover').where('user_id', '=', province.people.secretariat.id).execute();
    assert.equal(told.length, 1);
    assert.ok(told[0]!.body.includes(question.tracking_code) && told[0]!.body.includes(petition.tracking_code), 'with the codes handed over');
    const secretariat = new Agent(t.app, province.host);
    await secretariat.login(province.people.secretariat.email);
    assert.ok((await secretariat.get('/admin/cases')).body.includes(petition.tracking_code), 'in the new intake');
    const casePage = await secretariat.get(`/admin/cases/${question.id}`);
    assert.equal(casePage.statusCode, 200);
    assert.match(textOf(casePage.body), new RegExp(`Chuyển giao từ ${d.site.name}`));
    assert.equal((await secretariat.get(`/admin/cases/${question.id}/files/${fileId}`)).statusCode, 200, 'with its files');
    const assigned = await secretariat.post(`/admin/cases/${question.id}/assign`, { lockVersion: String(moved[0]!.lock_version), field: 'Đất đai', unitId: String(province.unitId) });
    assert.equal(assigned.statusCode, 303, textOf(assigned.body));

    // The requester learns who answers now, and the code given by the old site still works.
    const mail = t.sentMail().slice(mailsBefore).map(mailText).find((m) => m.includes('To: kien.nghi@example.vn'));
    assert.ok(mail, 'the requester is told');
    assert.ok(mail.includes(petition.tracking_code) && mail.includes(`http://${province.host}/tra-cuu-y-kien`), 'with where to follow it');
    const old = await get(d.host, `/tra-cuu-y-kien?ma=${petition.tracking_code}`);
    assert.equal(old.statusCode, 303);
    const location = new URL(old.headers.location as string);
    assert.equal(location.host, province.host);
    const followed = await get(location.host, `${location.pathname}${location.search}`);
    assert.equal(followed.statusCode, 200);
    assert.ok(followed.body.includes(petition.tracking_code), 'the case is shown where it now is');
    assert.equal((await get(d.host, `/tra-cuu-y-kien?ma=${closed.tracking_code}`)).statusCode, 200, 'a closed case is followed in the archive');
  });

  test('merging hands the open cases over to the site it merged into', async () => {
    const d = await district();
    const open = await makeCase(t.db, d.site, 'info_request', {}, clock.now());
    const res = await setStatus(d, { status: 'merged', mergedIntoSiteId: String(province.site.id), redirectMode: 'home' });
    assert.equal(res.statusCode, 303, textOf(res.body));
    const row = await t.db.selectFrom('citizen_cases').select(['site_id', 'received_site_id']).where('id', '=', open.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { site_id: province.site.id, received_site_id: d.site.id });
  });

  test('the morning digest no longer lists the deadlines of a site that stopped operating; the site that took its cases over does', async () => {
    const d = await district();
    const owed = await makeCase(t.db, d.site, 'question', { status: 'in_progress', unit_id: d.unitId, due_at: '2026-03-02T09:00:00.000Z' }, new Date('2026-02-09T02:00:00Z'));
    assert.equal((await setStatus(d, { status: 'archived', handoverSiteId: String(province.site.id) })).statusCode, 303);
    // A late case left on the archived site (as one received before its forms were closed would be).
    const left = await makeCase(t.db, d.site, 'question', { status: 'in_progress', unit_id: d.unitId, due_at: '2026-03-02T09:00:00.000Z' }, new Date('2026-02-10T02:00:00Z'));
    await runCaseDigests({ db: t.db, mailer: t.deps.mailer, clock });
    const digests = await t.db.selectFrom('notifications').select(['site_id', 'body']).where('kind', '=', 'citizen_case.digest').execute();
    assert.equal(digests.filter((n) => n.site_id === d.site.id).length, 0, 'nobody is told about the archived site');
    assert.ok(!digests.some((n) => n.body.includes(left.tracking_code)), 'its late case is in nobody’s digest');
    assert.ok(digests.some((n) => n.site_id === province.site.id && n.body.includes(owed.tracking_code)), 'the case it owed is late in the province’s digest');
  });

  test('a merged site’s old addresses are served where they are or redirected to a page that exists, never to a 404', async () => {
    const d = await district();
    const article = await publishArticle(d, { title: 'Lễ khánh thành cầu treo bản Mới' });
    const document = await publishDocument(d, { number: '15/2024/QĐ-UBND' }, { title: 'Quyết định về quản lý chợ của huyện' });
    await loadDemoProcedures(t.db, d.site, { userId: null }, clock);
    const procedure = await t.db.selectFrom('procedures').select(['slug', 'name']).where('site_id', '=', d.site.id).where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const stamp = clock.now().toISOString();
    const question = await makeCase(t.db, d.site, 'question', { status: 'answered', unit_id: d.unitId, answer: 'Hồ sơ gồm đơn và bản sao sổ đỏ.', answered_at: stamp, closed_at: stamp, public_title: 'Hồ sơ cấp đổi sổ đỏ gồm những gì?', public_body: 'Xin hỏi hồ sơ cấp đổi.', published_at: stamp }, clock.now());
    const addresses: [string, string][] = [
      [`/bai-viet/${article.slug}`, 'Lễ khánh thành cầu treo bản Mới'],
      [`/van-ban/${document.slug}`, 'Quyết định về quản lý chợ của huyện'],
      [`/thu-tuc-hanh-chinh/${procedure.slug}`, procedure.name],
      [`/hoi-dap/${question.id}`, 'Hồ sơ cấp đổi sổ đỏ gồm những gì?'],
    ];

    /** Requests an old address; a redirect must land on a page that answers 200. */
    async function visit(url: string, content: string | null): Promise<LightMyRequestResponse> {
      const res = await get(d.host, url);
      if (res.statusCode >= 300 && res.statusCode < 400) {
        const to = new URL(res.headers.location as string, `http://${d.host}`);
        const landed = await get(to.host, `${to.pathname}${to.search}`);
        assert.equal(landed.statusCode, 200, `${url} redirects to ${to.href}, which answers ${landed.statusCode}`);
        return landed;
      }
      assert.equal(res.statusCode, 200, `${url} answers ${res.statusCode}`);
      if (content) assert.ok(textOf(res.body).includes(content), `${url} still shows its content`);
      return res;
    }

    // Every redirect mode the site page offers, then a row stored before the modes changed.
    const page = (await it.get(`/admin/sites/${d.site.id}`)).body;
    const select = /<select[^>]*name="redirectMode"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    const modes = [...select.matchAll(/<option[^>]*value="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(modes.includes('none') && modes.includes('home'), `modes offered: ${modes.join(', ')}`);
    for (const mode of modes) {
      const res = await setStatus(d, { status: 'merged', mergedIntoSiteId: String(province.site.id), redirectMode: mode });
      assert.equal(res.statusCode, 303, `${mode}: ${textOf(res.body)}`);
      for (const [url, content] of addresses) {
        const shown = await visit(url, content);
        if (shown.statusCode === 200 && shown.body.includes(content)) assert.match(textOf(shown.body), /đã được hợp nhất vào/, `${url} carries the merged notice`);
      }
      await visit('/', null);
    }
    await t.db.updateTable('sites').set({ redirect_mode: 'all' }).where('id', '=', d.site.id).execute();
    t.refreshSites();
    for (const [url, content] of addresses) await visit(url, content);
    const home = await get(d.host, '/');
    assert.equal(home.statusCode, 301, 'the home page still goes to the new site');
    assert.equal(home.headers.location, `http://${province.host}/`);
  });

  test('migration 0010 turns stored "every address" redirects into home-page redirects', async () => {
    const database = await engine.open({ migrate: false });
    try {
      const schema = engineOf(database.db) === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema : undefined;
      const upTo0009 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0010'));
      const { error } = await new Migrator({ db: database.db, provider: { getMigrations: async () => upTo0009 }, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest();
      assert.equal(error, undefined);
      const now = new Date().toISOString();
      for (const [key, mode] of [['cu', 'all'], ['giu', 'none']] as const) {
        await database.db.insertInto('sites').values({ key, name: key, agency_name: key, level: 'district', languages: '["vi"]', labels: '{}', contact: '{}', settings: '{}', status: 'merged', redirect_mode: mode, is_default: 0, created_at: now, updated_at: now }).execute();
      }
      assert.ok((await migrateToLatest(database.db)).includes('0010_closed_sites'), 'migration 0010 runs');
      const rows = await database.db.selectFrom('sites').select(['key', 'redirect_mode']).orderBy('key').execute();
      assert.deepEqual(rows, [
        { key: 'cu', redirect_mode: 'home' },
        { key: 'giu', redirect_mode: 'none' },
      ]);
    } finally {
      await database.destroy();
    }
  });
  test('archiving names the successor: with a receiver and no parent, after a confirmation, the notice, the forms and the footer all name it', async () => {
    const office = await makeBoard(t, `vanphong${boards}`, { level: 'department', name: 'Trang thông tin điện tử Văn phòng UBND tỉnh', agencyName: 'Văn phòng UBND tỉnh' });
    boards += 1;
    const orphan = await makeBoard(t, `huyen${boards}`, { level: 'district', name: `Trang thông tin điện tử huyện Kon Rẫy ${boards}` });
    assert.equal(orphan.site.parentSiteId, null);
    const open = await makeCase(t.db, orphan.site, 'question', { status: 'assigned', unit_id: orphan.unitId, due_at: '2026-03-20T09:00:00.000Z' }, clock.now());
    assert.ok(open);

    const detail = await it.get(`/admin/sites/${orphan.site.id}`);
    assert.match(textOf(detail.body), /Trang kế thừa nhiệm vụ/);
    const form = { status: 'archived', notice: '', redirectMode: 'none', handoverSiteId: String(office.site.id) };
    // No successor chosen: refused, it must be named or explicitly "none".
    const missing = await it.post(`/admin/sites/${orphan.site.id}/status`, { ...form, successorSiteId: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(textOf(missing.body), /chọn trang kế thừa nhiệm vụ, hoặc chọn “Không có trang kế thừa”/);

    // First step: what will happen, nothing saved yet.
    const confirm = await it.post(`/admin/sites/${orphan.site.id}/status`, { ...form, successorSiteId: String(office.site.id) });
    assert.equal(confirm.statusCode, 200, textOf(confirm.body));
    const summary = textOf(confirm.body);
    assert.match(summary, /1 ý kiến của người dân chưa xử lý xong được chuyển giao cho Trang thông tin điện tử Văn phòng UBND tỉnh/);
    assert.match(summary, /Thông báo lưu trữ chỉ người dân đến Trang thông tin điện tử Văn phòng UBND tỉnh/);
    assert.match(summary, /Xác nhận lưu trữ/);
    assert.equal((await t.db.selectFrom('sites').select('status').where('id', '=', orphan.site.id).executeTakeFirstOrThrow()).status, 'active', 'nothing saved before the confirmation');

    const done = await it.post(`/admin/sites/${orphan.site.id}/status`, { ...form, successorSiteId: String(office.site.id), confirm: '1' });
    assert.equal(done.statusCode, 303, textOf(done.body));
    t.refreshSites();

    const home = await get(orphan.host, '/');
    const notice = textOf(home.body);
    assert.match(notice, /Nhiệm vụ của cơ quan nay do Văn phòng UBND tỉnh thực hiện\./);
    assert.doesNotMatch(notice, /do Trang thông tin điện tử/);
    assert.match(home.body, new RegExp(`<a href="http://${office.host.replace(/\./g, '\\.')}/">Đến trang của Văn phòng UBND tỉnh</a>`));
    const ask = textOf((await get(orphan.host, '/hoi-dap/gui-cau-hoi')).body);
    assert.match(ask, /Vui lòng gửi tại Trang thông tin điện tử Văn phòng UBND tỉnh/);
    assert.doesNotMatch(ask, /Vui lòng liên hệ cơ quan đang thực hiện nhiệm vụ này/);
    const footer = textOf((await get(office.host, '/')).body);
    assert.match(footer, /Trang thông tin của huyện cũ/);
    assert.match(footer, new RegExp(`huyện Kon Rẫy ${boards}`));

    // "No successor", chosen explicitly: the notice says so, the office no longer lists it.
    const none = await it.post(`/admin/sites/${orphan.site.id}/status`, { ...form, successorSiteId: 'none', confirm: '1' });
    assert.equal(none.statusCode, 303, textOf(none.body));
    t.refreshSites();
    const bare = textOf((await get(orphan.host, '/')).body);
    assert.match(bare, /Không có cơ quan nào được chỉ định kế thừa nhiệm vụ của trang này/);
    assert.doesNotMatch(bare, /Đến trang của/);
    assert.doesNotMatch(textOf((await get(office.host, '/')).body), new RegExp(`huyện Kon Rẫy ${boards}`));
  });
});
