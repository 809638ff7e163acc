// The board's reports on SQLite and PostgreSQL, with fixture sections beside
// the real ones: the page, the XLSX and the PDF show the same figures; the
// secretariat prepares, a board member cannot approve, the head approves and
// the figures freeze — items published afterwards change a new version, not
// the approved one, and both versions stay listed; a contributor sees no
// report; another site's reports are not found; the roll-up adds the member
// sites' counts, from their approved reports where there are some.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, publishArticle, type Board } from '../../../test/support/editorial.ts';
import { makeSite, makeUser, systemActor } from '../../../test/support/factories.ts';
import { htmlCheckerUnavailable, htmlErrors } from '../../../test/support/html-checker.ts';
import type { ReportTable, SectionFigures } from '../../core/reports/section.ts';
import { addDays, startOfVietnamDate } from '../../core/time.ts';
import type { SiteSettings } from '../sites/site.ts';
import { computeReport, periodOf } from './compute.ts';
import type { ReportSection } from './context.ts';
import { approveReport, prepareReport } from './manage-reports.ts';
import { REPORT_SECTIONS } from './registry.ts';
import { computeRollup } from './rollup.ts';
import { readContentVersions } from '../public/content-version.ts';
import { LANG_COOKIE } from '../sites/http.ts';
import { updateSiteRow } from '../sites/store.ts';

/** Items first published in the period, per unit; and the period's working time on the site's calendar. */
const itemsSection: ReportSection = {
  key: 'fixture_items',
  title: { vi: 'Tin bài đã đăng theo đơn vị', en: 'Items published per unit' },
  order: 1,
  reports: ['monthly', 'half_yearly', 'yearly'],
  async compute(ctx, period): Promise<SectionFigures> {
    const start = startOfVietnamDate(period.from).toISOString();
    const end = startOfVietnamDate(addDays(period.to, 1)).toISOString();
    const rows = await ctx.db
      .selectFrom('articles')
      .leftJoin('units', 'units.id', 'articles.unit_id')
      .select(['units.name as unit', sql<number>`count(*)`.as('n')])
      .where('articles.site_id', '=', ctx.site.id)
      .where('articles.first_published_at', '>=', start)
      .where('articles.first_published_at', '<', end)
      .groupBy('units.name')
      .execute();
    const total = rows.reduce((s, r) => s + Number(r.n), 0);
    let days = 0;
    for (let d = period.from; d <= period.to; d = addDays(d, 1)) if (ctx.calendar.isWorkingDay(d)) days += 1;
    const units: ReportTable = {
      key: 'units',
      title: { vi: 'Theo đơn vị cung cấp', en: 'By providing unit' },
      columns: [
        { key: 'unit', label: { vi: 'Đơn vị', en: 'Unit' }, kind: 'text' },
        { key: 'items', label: { vi: 'Số tin bài', en: 'Items' }, kind: 'int' },
        { key: 'share', label: { vi: 'Tỉ lệ', en: 'Share' }, kind: 'percent' },
      ],
      rows: rows.map((r) => ({ unit: r.unit ?? 'Không rõ', items: Number(r.n), share: Number(r.n) / total })),
      totals: { unit: 'Tổng cộng', items: total, share: total > 0 ? 1 : null },
    };
    const calendar: ReportTable = {
      key: 'calendar',
      title: { vi: 'Thời gian làm việc trong kỳ', en: 'Working time in the period' },
      columns: [
        { key: 'what', label: { vi: 'Nội dung', en: 'What' }, kind: 'text' },
        { key: 'days', label: { vi: 'Ngày làm việc', en: 'Working days' }, kind: 'int' },
        { key: 'hours', label: { vi: 'Giờ làm việc', en: 'Working hours' }, kind: 'working_hours' },
      ],
      rows: [{ what: 'Cả kỳ', days, hours: days * ctx.calendar.hoursPerDay }],
    };
    return {
      summary: [{ vi: `Đã đăng ${total} tin bài trong kỳ.`, en: `${total} items published in the period.` }],
      tables: [units, calendar],
      charts: [{ key: 'items', title: { vi: 'Tin bài theo đơn vị', en: 'Items by unit' }, kind: 'bar', table: 'units', labelColumn: 'unit', valueColumns: ['items'] }],
    };
  },
};

/** A figure per site for the roll-up: 3 on the first member, 4 on the second, 7 elsewhere. */
const siteSection: ReportSection = {
  key: 'fixture_site',
  title: { vi: 'Số liệu của trang', en: 'Site figures' },
  order: 2,
  reports: ['monthly'],
  async compute(ctx): Promise<SectionFigures> {
    const n = ctx.site.key === 'tv-mot' ? 3 : ctx.site.key === 'tv-hai' ? 4 : 7;
    return {
      summary: [],
      charts: [],
      tables: [
        {
          key: 'count',
          title: { vi: 'Đếm', en: 'Count' },
          columns: [
            { key: 'what', label: { vi: 'Nội dung', en: 'What' }, kind: 'text' },
            { key: 'n', label: { vi: 'Số văn bản', en: 'Documents' }, kind: 'int' },
            { key: 'onTime', label: { vi: 'Tỉ lệ đúng hạn', en: 'On time' }, kind: 'percent' },
          ],
          rows: [{ what: 'Văn bản', n, onTime: 0.5 }],
          totals: { what: 'Tổng cộng', n, onTime: 0.5 },
        },
      ],
    };
  },
};

const FIXTURES = [itemsSection, siteSection];
const nfc = (s: string) => s.normalize('NFC');

forEachEngine('board reports', (engine) => {
  let t: TestApp;
  let a: Board;
  let b: Board;
  const clock = new TestClock(new Date('2026-09-08T02:00:00Z'));
  const agents = new Map<string, Agent>();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bao-cao-'));

  async function as(board: Board, role: keyof Board['people']): Promise<Agent> {
    const key = `${board.site.key}:${role}`;
    let agent = agents.get(key);
    if (!agent) {
      agent = new Agent(t.app, board.host);
      await agent.login(board.people[role].email);
      agents.set(key, agent);
    }
    return agent;
  }

  const draft = {
    number: '12/BC-BBT',
    subject: 'Kết quả hoạt động Trang thông tin điện tử tháng 9 năm 2026',
    place: 'Thanh Hóa',
    signerTitle: 'Trưởng Ban biên tập',
    recipients: 'Ủy ban nhân dân huyện\nVăn phòng HĐND và UBND huyện',
    assessment: 'Các đơn vị cơ bản hoàn thành nhiệm vụ cung cấp thông tin; một số đơn vị còn chậm.',
    proposals: 'Đề nghị nhắc nhở các đơn vị chưa đạt chỉ tiêu.',
  };

  before(async () => {
    REPORT_SECTIONS.push(...FIXTURES);
    t = await buildTestApp(engine, { clock });
    // A make-up working day on Saturday 12 Sep 2026 (làm bù), beside the National Day holidays of 1–2 Sep.
    const calendar = { extraWorkingDays: [{ date: '2026-09-12', name: 'Làm bù' }] };
    a = await makeBoard(t, 'bc-a', { settings: { calendar } as Partial<SiteSettings> });
    b = await makeBoard(t, 'bc-b');
    clock.set('2026-09-08T02:00:00Z');
    await publishArticle(a, { title: 'Tin thứ nhất tháng 9' });
    clock.set('2026-09-15T02:00:00Z');
    await publishArticle(a, { title: 'Tin thứ hai tháng 9' });
    // Published on 1 Oct, Vietnam time (30 Sep 18:00 UTC): not in September.
    clock.set('2026-09-30T18:00:00Z');
    await publishArticle(a, { title: 'Tin tháng 10' });
    clock.set('2026-10-05T03:00:00Z');
  });
  after(async () => {
    REPORT_SECTIONS.splice(REPORT_SECTIONS.length - FIXTURES.length, FIXTURES.length);
    rmSync(tmp, { recursive: true, force: true });
    await t.close();
  });

  test('a first report starts from the place of the agency’s address (its commune, for a commune); it is still the preparer’s to change', async () => {
    await updateSiteRow(t.db, b.site.id, { contact: JSON.stringify({ ...b.site.contact, address: '123 Trần Hưng Đạo, phường Quyết Thắng, tỉnh Kon Tum' }) });
    t.refreshSites();
    try {
      const page = await (await as(b, 'secretariat')).get('/admin/reports/monthly/2026-09');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /name="place"[^>]*value="Quyết Thắng"|value="Quyết Thắng"[^>]*name="place"/);
    } finally {
      await updateSiteRow(t.db, b.site.id, { contact: JSON.stringify(b.site.contact) });
      t.refreshSites();
    }
  });

  test('figures computed on the fixture: items per unit, and September 2026 across the holiday and the make-up day', async () => {
    const figures = await computeReport(t.db, a.site, 'monthly', periodOf('monthly', '2026-09')!, clock.now(), FIXTURES);
    const tables = figures.sections[0]!.figures.tables;
    assert.deepEqual(tables[0]!.rows, [{ unit: 'Phòng Văn hóa và Thông tin', items: 2, share: 1 }]);
    // 22 weekdays − 1 and 2 Sep (Quốc khánh) + Saturday 12 Sep (làm bù) = 21 days of 7.5 hours.
    assert.deepEqual(tables[1]!.rows, [{ what: 'Cả kỳ', days: 21, hours: 157.5 }]);
    const onB = await computeReport(t.db, b.site, 'monthly', periodOf('monthly', '2026-09')!, clock.now(), FIXTURES);
    assert.deepEqual(onB.sections[0]!.figures.tables[0]!.rows, [], "B's figures hold none of A's items");
  });

  test('the preview page: summary, a table with caption and header cells, right-aligned figures, and an SVG chart beside it', async () => {
    const res = await (await as(a, 'board_member')).get('/admin/reports/monthly/2026-09');
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const html = res.body;
    assert.match(html, /<a href="\/admin\/reports"[^>]*>Báo cáo<\/a>/, 'the nav link');
    assert.match(textOf(html), /Đã đăng 2 tin bài trong kỳ\./);
    assert.match(html, /<caption>Theo đơn vị cung cấp<\/caption>/);
    assert.match(html, /<th scope="row"><span>Phòng Văn hóa và Thông tin<\/span><\/th><td class="num"><span>2<\/span><\/td><td class="num"><span>100 %<\/span><\/td>/);
    assert.match(html, /<td class="num"><span>157,5 giờ làm việc<\/span><\/td>/);
    assert.match(html, /<svg [^>]*role="img" aria-labelledby="phan-1-items-title phan-1-items-desc"/);
    assert.match(html, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.doesNotMatch(html, /style="/, 'nothing the CSP would block');
    assert.match(textOf(html), /Tiếp nhận và trả lời ý kiến của người dân/, "the citizens' section is there");
    assert.doesNotMatch(html, /action="\/admin\/reports\/monthly\/2026-09\/prepare"/, 'a board member does not prepare');
  });

  test('the report page, with its SVG charts and forms, is valid HTML (Nu HTML Checker)', { skip: engine.name !== 'sqlite' || htmlCheckerUnavailable() !== null }, async () => {
    const pages = [];
    for (const url of ['/admin/reports', '/admin/reports/monthly/2026-09', '/admin/reports/rollup']) {
      pages.push({ label: url, html: (await (await as(a, 'secretariat')).get(url)).body });
    }
    assert.deepEqual(await htmlErrors(pages), []);
  });

  test('in English: the same figures with English words and separators', async () => {
    const member = new Agent(t.app, a.host);
    await member.login(a.people.board_member.email);
    member.setCookie(LANG_COOKIE, 'en');
    const res = await member.get('/admin/reports/monthly/2026-09');
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(text, /Monthly report, September 2026/);
    assert.match(text, /2 items published in the period\./);
    assert.match(text, /157\.5 working hours/);
  });

  test('a contributor sees no report; a board member cannot prepare or approve', async () => {
    const contributor = await as(a, 'contributor');
    for (const url of ['/admin/reports', '/admin/reports/monthly/2026-09', '/admin/reports/monthly/2026-09/pdf', '/admin/reports/rollup']) {
      assert.equal((await contributor.get(url)).statusCode, 403, url);
    }
    const member = await as(a, 'board_member');
    assert.equal((await member.post('/admin/reports/monthly/2026-09/prepare', draft)).statusCode, 403);
    assert.equal((await member.post('/admin/reports/monthly/2026-09/approve', { version: '1' })).statusCode, 403);
    // Without the form's CSRF token even the head is refused.
    const head = await as(a, 'editor_in_chief');
    assert.equal((await head.post('/admin/reports/monthly/2026-09/prepare', draft, { csrf: false })).statusCode, 403);
    assert.equal(await t.db.selectFrom('reports').select('id').where('site_id', '=', a.site.id).executeTakeFirst(), undefined);
  });

  test('prepared by the secretariat, approved by the head: the figures freeze, page, XLSX and PDF agree', async () => {
    const secretariat = await as(a, 'secretariat');
    const missing = await secretariat.post('/admin/reports/monthly/2026-09/prepare', { ...draft, number: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(textOf(missing.body), /Số/);
    const prepared = await secretariat.post('/admin/reports/monthly/2026-09/prepare', draft);
    assert.equal(prepared.statusCode, 303, prepared.body.slice(0, 400));
    const head = await as(a, 'editor_in_chief');
    const page = await head.get('/admin/reports/monthly/2026-09');
    assert.match(page.body, /action="\/admin\/reports\/monthly\/2026-09\/approve"/);
    const approved = await head.post('/admin/reports/monthly/2026-09/approve', { version: '1' });
    assert.equal(approved.statusCode, 303);
    const row = await t.db.selectFrom('reports').selectAll().where('site_id', '=', a.site.id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'approved');
    assert.equal(row.signer_name, a.people.editor_in_chief.name);
    assert.equal(JSON.parse(row.figures!).sections.find((s: { key: string }) => s.key === 'fixture_items').figures.tables[0].rows[0].items, 2);
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', a.site.id).where('action', 'like', 'report.%').orderBy('seq').execute();
    assert.deepEqual(audit.map((r) => r.action), ['report.prepare', 'report.approve']);
    // Approving again is refused: nothing is waiting.
    assert.equal((await head.post('/admin/reports/monthly/2026-09/approve', { version: '1' })).statusCode, 303);
    assert.equal((await t.db.selectFrom('reports').select('id').where('site_id', '=', a.site.id).execute()).length, 1);

    // XLSX: numbers as numbers, equal to the frozen figures.
    const xlsx = await head.get('/admin/reports/monthly/2026-09/xlsx?phien-ban=1');
    assert.equal(xlsx.statusCode, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values: unknown[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    const unitRow = values.find((r) => r[0] === 'Phòng Văn hóa và Thông tin')!;
    assert.deepEqual(unitRow, [ 'Phòng Văn hóa và Thông tin', 2, 1 ]);
    assert.deepEqual(values.find((r) => r[0] === 'Cả kỳ'), ['Cả kỳ', 21, 157.5]);
    assert.ok(values.some((r) => r[0] === 'Số: 12/BC-BBT'));
    // Each table also on its own sheet, heads in the first row, equal to the frozen rows.
    const own = workbook.worksheets.find((w) => w.name === '1.1 Theo đơn vị cung cấp')!;
    const ownRows: unknown[][] = [];
    own.eachRow((r) => ownRows.push((r.values as unknown[]).slice(1)));
    assert.deepEqual(ownRows, [['Đơn vị', 'Số tin bài', 'Tỉ lệ'], ['Phòng Văn hóa và Thông tin', 2, 1], ['Tổng cộng', 2, 1]]);
    assert.ok(workbook.worksheets.some((w) => w.name.endsWith('Theo loại ý kiến')), "the citizens' tables too");
    assert.ok(values.some((r) => String(r[0]).endsWith('. Tiếp nhận và trả lời ý kiến của người dân')));

    // PDF: real text in the embedded font, with the figures and the Vietnamese words intact.
    const pdf = await head.get('/admin/reports/monthly/2026-09/pdf?phien-ban=1');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const file = path.join(tmp, `a-${engine.name}.pdf`);
    writeFileSync(file, pdf.rawPayload);
    const text = nfc(execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8'));
    for (const words of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 12/BC-BBT', 'Thanh Hóa, ngày 05 tháng 10 năm 2026', 'BÁO CÁO', draft.subject, 'Phòng Văn hóa và Thông tin', '157,5 giờ làm việc', '100 %', 'Nơi nhận:', 'Ủy ban nhân dân huyện', 'TRƯỞNG BAN BIÊN TẬP', a.people.editor_in_chief.name, 'Đề nghị nhắc nhở các đơn vị chưa đạt chỉ tiêu.']) {
      assert.ok(text.includes(nfc(words)), `the PDF has «${words}»`);
    }
    assert.match(execFileSync('pdffonts', [file]).toString(), /NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  test('published afterwards: the approved version keeps its figures, a new version shows the new ones, both are listed', async () => {
    clock.set('2026-09-20T02:00:00Z');
    await publishArticle(a, { title: 'Tin đăng muộn tháng 9' });
    clock.set('2026-10-06T03:00:00Z');
    // Sessions idle for a day have ended: everyone signs in again.
    agents.clear();
    const head = await as(a, 'editor_in_chief');
    const v1 = await head.get('/admin/reports/monthly/2026-09?phien-ban=1');
    assert.match(textOf(v1.body), /Đã đăng 2 tin bài trong kỳ\./, 'frozen');
    const secretariat = await as(a, 'secretariat');
    const noReason = await secretariat.post('/admin/reports/monthly/2026-09/prepare', draft);
    assert.equal(noReason.statusCode, 400);
    assert.match(textOf(noReason.body), /lý do ban hành phiên bản mới/);
    const reissued = await secretariat.post('/admin/reports/monthly/2026-09/prepare', { ...draft, number: '13/BC-BBT', reason: 'Bổ sung tin bài đăng muộn' });
    assert.equal(reissued.statusCode, 303);
    const draftPage = await head.get('/admin/reports/monthly/2026-09');
    assert.match(textOf(draftPage.body), /Đã đăng 3 tin bài trong kỳ\./, 'the draft is live');
    assert.equal((await head.post('/admin/reports/monthly/2026-09/approve', { version: '2' })).statusCode, 303);
    const latest = await head.get('/admin/reports/monthly/2026-09');
    assert.match(textOf(latest.body), /Đã đăng 3 tin bài trong kỳ\./);
    assert.match(textOf(latest.body), /Bổ sung tin bài đăng muộn/);
    assert.match(textOf((await head.get('/admin/reports/monthly/2026-09?phien-ban=1')).body), /Đã đăng 2 tin bài trong kỳ\./, 'version 1 unchanged');
    const list = textOf((await head.get('/admin/reports')).body);
    assert.match(list, /12\/BC-BBT/);
    assert.match(list, /13\/BC-BBT/);
    const rows = await t.db.selectFrom('reports').select(['version', 'state', 'number']).where('site_id', '=', a.site.id).orderBy('version').execute();
    assert.deepEqual(rows, [{ version: 1, state: 'approved', number: '12/BC-BBT' }, { version: 2, state: 'approved', number: '13/BC-BBT' }]);
    const x1 = await head.get('/admin/reports/monthly/2026-09/xlsx?phien-ban=1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x1.rawPayload as unknown as ArrayBuffer);
    const found: unknown[] = [];
    wb.worksheets[0]!.eachRow((r) => (r.getCell(1).value === 'Phòng Văn hóa và Thông tin' ? found.push(r.getCell(2).value) : undefined));
    // The unit is named by the fixture section and by the provision section: both frozen at 2.
    assert.ok(found.length > 0, 'the unit is in the XLSX of version 1');
    assert.deepEqual(found, found.map(() => 2), 'the XLSX of version 1 is frozen too');
  });

  test("another site's reports are not found, and not listed", async () => {
    const actor = { ...systemActor(b.site.id), userId: b.people.secretariat.id };
    const id = await prepareReport(t.db, actor, 'monthly', '2026-08', { ...draft, number: '99/BC-BIMAT', reason: null }, clock);
    const figures = await computeReport(t.db, b.site, 'monthly', periodOf('monthly', '2026-08')!, clock.now(), FIXTURES);
    await approveReport(t.db, { ...actor, userId: b.people.editor_in_chief.id }, id, { id: b.people.editor_in_chief.id, name: 'Trưởng ban B' }, figures, clock);
    const head = await as(a, 'editor_in_chief');
    for (const url of ['/admin/reports/monthly/2026-08?phien-ban=1', '/admin/reports/monthly/2026-08/pdf?phien-ban=1', '/admin/reports/monthly/2026-08/xlsx?phien-ban=1']) {
      assert.equal((await head.get(url)).statusCode, 404, url);
    }
    assert.doesNotMatch((await head.get('/admin/reports')).body, /BIMAT/);
    // Approving on A cannot reach B's draft either.
    await prepareReport(t.db, actor, 'monthly', '2026-07', { ...draft, number: '98/BC-BIMAT', reason: null }, clock);
    assert.equal((await head.post('/admin/reports/monthly/2026-07/approve', { version: '1' })).statusCode, 303);
    assert.equal((await t.db.selectFrom('reports').select('state').where('site_id', '=', b.site.id).where('period_key', '=', '2026-07').executeTakeFirstOrThrow()).state, 'draft');
  });

  test('the 6-monthly and yearly reports gather the months of their period; the period form leads there', async () => {
    const member = await as(a, 'board_member');
    const half = await member.get('/admin/reports/half_yearly/2026-H2');
    assert.equal(half.statusCode, 200);
    assert.match(textOf(half.body), /Báo cáo sơ kết 6 tháng cuối năm 2026/);
    assert.match(textOf(half.body), /Đã đăng 4 tin bài trong kỳ\./, 'September and October');
    const year = await member.get('/admin/reports/yearly/2026');
    assert.match(textOf(year.body), /Đã đăng 4 tin bài trong kỳ\./);
    const open = await member.get('/admin/reports/open?loai=half_yearly&ky=2026-h2');
    assert.equal(open.statusCode, 303);
    assert.equal(open.headers.location, '/admin/reports/half_yearly/2026-H2');
    const bad = await member.get('/admin/reports/open?loai=monthly&ky=2026-13');
    assert.equal(bad.statusCode, 400);
    assert.match(textOf(bad.body), /Kỳ báo cáo không hợp lệ/);
    assert.equal((await member.get('/admin/reports/monthly/2026-H2')).statusCode, 404, 'a half year is not a month');
    assert.equal((await member.get('/admin/reports/weekly/2026-11')).statusCode, 404);
  });

  test('preparing and approving a report changes nothing public', async () => {
    const before = await readContentVersions(t.db);
    const secretariat = await as(a, 'secretariat');
    assert.equal((await secretariat.post('/admin/reports/yearly/2026/prepare', { ...draft, subject: 'Báo cáo năm 2026' })).statusCode, 303);
    assert.equal((await (await as(a, 'editor_in_chief')).post('/admin/reports/yearly/2026/approve', { version: '1' })).statusCode, 303);
    assert.deepEqual(await readContentVersions(t.db), before);
  });

  test('a period still running cannot be approved: its figures would be frozen short', async () => {
    const head = await as(a, 'editor_in_chief');
    const refused = await head.post('/admin/reports/yearly/2026/approve', { version: '1' });
    assert.equal(refused.statusCode, 303, `${refused.statusCode} ${String(refused.headers.location)}`);
    const row = await t.db.selectFrom('reports').select('state').where('site_id', '=', a.site.id).where('kind', '=', 'yearly').where('period_key', '=', '2026').executeTakeFirstOrThrow();
    assert.equal(row.state, 'draft');
    // The reason goes back with the redirect, as the flash message the report page shows.
    assert.match(decodeURIComponent(String(refused.headers['set-cookie'])), /Chưa thể phê duyệt: kỳ báo cáo kết thúc ngày 31\/12\/2026/);
  });

  test('a section that fails is said on the page and blocks approval; the others still show', async () => {
    const broken: ReportSection = { key: 'fixture_broken', title: { vi: 'Phần lỗi', en: 'Broken' }, order: 3, reports: ['monthly'], compute: async () => { throw new Error('boom'); } };
    REPORT_SECTIONS.push(broken);
    try {
      const secretariat = await as(a, 'secretariat');
      assert.equal((await secretariat.post('/admin/reports/monthly/2026-10/prepare', draft)).statusCode, 303);
      const page = await secretariat.get('/admin/reports/monthly/2026-10');
      assert.equal(page.statusCode, 200);
      assert.match(textOf(page.body), /Không tính được số liệu của phần này/);
      assert.match(textOf(page.body), /Đã đăng 1 tin bài trong kỳ\./);
      const head = await as(a, 'editor_in_chief');
      const refused = await head.post('/admin/reports/monthly/2026-10/approve', { version: '1' });
      assert.equal(refused.statusCode, 303);
      assert.match(textOf((await head.get('/admin/reports/monthly/2026-10')).body), /Chưa thể phê duyệt: không tính được số liệu của phần «Phần lỗi»/);
      assert.equal((await t.db.selectFrom('reports').select('state').where('site_id', '=', a.site.id).where('period_key', '=', '2026-10').executeTakeFirstOrThrow()).state, 'draft');
    } finally {
      REPORT_SECTIONS.splice(REPORT_SECTIONS.indexOf(broken), 1);
    }
  });

  describe('provincial roll-up', () => {
    test('a table per member site, from the approved report where there is one, counts summed', async () => {
      const province = await makeSite(t.db, 'tinh-bc', { level: 'province' });
      const one = await makeSite(t.db, 'tv-mot', { parentSiteId: province.id });
      const two = await makeSite(t.db, 'tv-hai', { parentSiteId: province.id });
      // A member of a member is rolled up too; an unrelated site is not.
      const three = await makeSite(t.db, 'tv-ba', { parentSiteId: two.id });
      await makeSite(t.db, 'khac', {});
      // The first member approved its report when it counted 10 documents.
      const chair = await makeUser(t.db, one, ['editor_in_chief']);
      const actor = { ...systemActor(one.id), userId: chair.id };
      const id = await prepareReport(t.db, actor, 'monthly', '2026-09', { ...draft, reason: null }, clock);
      const live = await computeReport(t.db, one, 'monthly', periodOf('monthly', '2026-09')!, clock.now(), [siteSection]);
      live.sections[0]!.figures.tables[0]!.totals!.n = 10;
      live.sections[0]!.figures.tables[0]!.rows[0]!.n = 10;
      await approveReport(t.db, actor, id, { id: chair.id, name: chair.name }, live, clock);
      const rollup = await computeRollup(t.db, province, 'monthly', periodOf('monthly', '2026-09')!, clock.now(), [siteSection]);
      assert.deepEqual(rollup.columns.map((c) => [c.key, c.kind]), [['fixture_site.count.n', 'int'], ['fixture_site.count.onTime', 'percent']]);
      assert.deepEqual(
        rollup.rows.map((r) => [r.site.key, r.approvedVersion, r.values['fixture_site.count.n']]),
        [['tv-mot', 1, 10], ['tv-hai', null, 4], ['tv-ba', null, 7]],
      );
      assert.deepEqual(rollup.totals, { 'fixture_site.count.n': 21, 'fixture_site.count.onTime': null });
      assert.equal(three.parentSiteId, two.id);
      // The named table summed by row name over the three sites.
      assert.deepEqual(
        rollup.tables.map(({ table }) => [table.key, table.columns.map((c) => c.key), table.rows, table.totals]),
        [['count', ['what', 'n', 'sites'], [{ what: 'Văn bản', n: 21, sites: 3 }], { what: 'Tổng cộng', n: 21, sites: 3 }]],
      );

      // The province's board reads it on its page.
      const head = await makeUser(t.db, province, ['editor_in_chief']);
      t.refreshSites();
      const agent = new Agent(t.app, 'tinh-bc.test');
      await agent.login(head.email);
      const page = await agent.get('/admin/reports/rollup?loai=monthly&ky=2026-09');
      assert.equal(page.statusCode, 200);
      const text = textOf(page.body);
      assert.match(text, /Trang thông tin điện tử tv-mot/);
      assert.match(text, /Báo cáo đã phê duyệt \(phiên bản 1\)/);
      assert.match(page.body, /<th scope="row">Tổng cộng<\/th><td><\/td><td class="num">21<\/td>/);
      assert.doesNotMatch(text, /Trang thông tin điện tử khac/);
      const xlsx = await agent.get('/admin/reports/rollup/xlsx?loai=monthly&ky=2026-09');
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheetRows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((r) => sheetRows.push((r.values as unknown[]).slice(1)));
      assert.deepEqual(sheetRows.map((r) => [r[0], r[2]]), [['Trang thành viên', 'Số liệu của trang: Số văn bản'], ['Trang thông tin điện tử tv-mot', 10], ['Trang thông tin điện tử tv-hai', 4], ['Trang thông tin điện tử tv-ba', 7], ['Tổng cộng', 21]]);
    });
  });
});
