// The kinds of issue 14 points 5–9 on a real database, through the articles
// API: each kind's own rules refuse what they must (a project's progress going
// back, a completed project without 100%, a bid closing before its notice),
// a published entry fills entry_fields with what its list filters and sorts
// on, a kind only for communes is refused elsewhere, and a relation to
// another site's project is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../test/support/entries.ts';

const project = {
  status: 'ongoing',
  objective: 'Nâng cấp tuyến đường liên xã dài 6,2 km.',
  field: 'transport',
  group: 'C',
  timeFrame: { from: '2026-01-05', to: '2027-06-30' },
  capitalSource: 'state_budget',
  totalInvestment: '42.500.000.000',
  investor: 'Ban Quản lý dự án đầu tư xây dựng huyện',
  location: 'Xã Xuân Bình',
  progress: [
    { date: '2026-03-01', percent: 15, text: 'Giải phóng mặt bằng' },
    { date: '2026-09-01', percent: 40, text: 'Thi công nền đường' },
  ],
};

forEachEngine('entries: the declared kinds of projects, procurement and disclosure', (engine) => {
  let t: TestApp;
  let district: Board;
  let commune: Board;

  before(async () => {
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
    district = await makeBoard(t, 'duan', { level: 'district' });
    commune = await makeBoard(t, 'xacongkhai');
  });
  after(async () => t.close());

  const fields = async (id: number) =>
    (await t.db.selectFrom('entry_fields').select(['field', 'value', 'number', 'date', 'date_end']).where('article_id', '=', id).orderBy('field').orderBy('value').execute()).map((r) => `${r.field}=${r.value ?? r.number ?? `${r.date}..${r.date_end ?? ''}`}`);
  const problemsOf = (res: { json: () => { error: { details: { field: string; code?: string }[] } } }) => res.json().error.details.map((d) => d.field);

  test('a project whose percent done goes down is refused at once, naming the row', async () => {
    const res = await district.as('contributor', 'POST', '/api/v1/articles', entryBody(district, 'project', { ...project, progress: [...project.progress, { date: '2026-10-15', percent: 35, text: 'Điều chỉnh' }] }, { title: 'Nâng cấp đường liên xã' }));
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(problemsOf(res), ['f.progress.2.percent']);
    assert.match(res.body, /below the earlier update \(40%\)/);
  });

  test('a completed project without a 100% update may be drafted but not submitted', async () => {
    const created = await district.as('contributor', 'POST', '/api/v1/articles', entryBody(district, 'project', { ...project, status: 'completed' }, { title: 'Nhà lớp học 2 tầng' }));
    assert.equal(created.statusCode, 201, created.body);
    const submit = await district.as('contributor', 'POST', `/api/v1/articles/${created.json().id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 422, submit.body);
    assert.deepEqual(problemsOf(submit), ['f.progress']);
    assert.match(submit.body, /100%/);
  });

  let projectId = 0;
  test('a published project is at /du-an/<slug> with its filter values; money typed the Vietnamese way', async () => {
    const { id, slug } = await publishEntry(district, 'project', project, { title: 'Nâng cấp tuyến đường liên xã Xuân Bình', bodyHtml: '<p>Dự án nhóm C.</p>' });
    projectId = id;
    const doc = await t.db.selectFrom('search_documents').select(['url', 'kind', 'body_text']).where('site_id', '=', district.site.id).where('item_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(doc.url, `/du-an/${slug}`);
    assert.match(doc.body_text, /Chủ đầu tư: Ban Quản lý dự án/);
    assert.deepEqual(await fields(id), ['capitalSource=state_budget', 'field=transport', 'group=C', 'investor=Ban Quản lý dự án đầu tư xây dựng huyện', 'status=ongoing', 'timeFrame=2026-01-05..2027-06-30', 'totalInvestment=42500000000']);
  });

  test('procurement: closing before the notice refused; an invitation needs its closing; published with its project', async () => {
    const base = { noticeType: 'invitation', packageName: 'Gói thầu số 05: Thi công cống', project: [projectId], procuringEntity: 'Ban QLDA huyện', method: 'open', noticeDate: '2026-11-20', estimatedPrice: 3_250_000_000, validity: { from: '2026-11-20', to: '2026-12-05' } };
    const early = await district.as('contributor', 'POST', '/api/v1/articles', entryBody(district, 'procurement', { ...base, closingAt: '2026-11-19T09:00:00+07:00' }, { title: 'Mời thầu gói số 05' }));
    assert.equal(early.statusCode, 422, early.body);
    assert.deepEqual(problemsOf(early), ['f.closingAt']);
    const open = await district.as('contributor', 'POST', '/api/v1/articles', entryBody(district, 'procurement', base, { title: 'Mời thầu gói số 05' }));
    assert.equal(open.statusCode, 201, open.body);
    const submit = await district.as('contributor', 'POST', `/api/v1/articles/${open.json().id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 422);
    assert.deepEqual(problemsOf(submit), ['f.closingAt']);

    const { id, slug } = await publishEntry(district, 'procurement', { ...base, closingAt: '2026-12-05T09:00' + ':00+07:00' }, { title: 'Thông báo mời thầu gói thầu số 05' });
    assert.equal((await t.db.selectFrom('search_documents').select('url').where('item_id', '=', id).executeTakeFirstOrThrow()).url, `/dau-thau/${slug}`);
    assert.deepEqual(await fields(id), ['closingAt=2026-12-05T02:00:00.000Z', 'estimatedPrice=3250000000', 'method=open', 'noticeDate=2026-11-20..', 'noticeType=invitation', `project=${projectId}`, 'validity=2026-11-20..2026-12-05']);
  });

  test('another site’s project cannot be linked; a kind for other levels cannot be created', async () => {
    const foreign = await commune.as('contributor', 'POST', '/api/v1/articles', entryBody(commune, 'budget_disclosure', { reportType: 'estimate', year: 2027, disclosedOn: '2026-11-20', documents: [] }, { title: 'Dự toán' }));
    assert.equal(foreign.statusCode, 201, foreign.body);
    const other = await makeBoard(t, 'duankhac', { level: 'district' });
    const linked = await other.as('contributor', 'POST', '/api/v1/articles', entryBody(other, 'procurement', { noticeType: 'plan', packageName: 'Gói thầu', project: [projectId] }, { title: 'Kế hoạch lựa chọn nhà thầu' }));
    assert.equal(linked.statusCode, 422);
    assert.match(linked.body, /invalid_entry_link/);
    const procurementAtCommune = await commune.as('contributor', 'POST', '/api/v1/articles', entryBody(commune, 'procurement', { noticeType: 'plan' }, { title: 'Kế hoạch' }));
    assert.equal(procurementAtCommune.statusCode, 422);
    assert.match(procurementAtCommune.body, /invalid_entry_kind/);
    const grassrootsAtDistrict = await district.as('contributor', 'POST', '/api/v1/articles', entryBody(district, 'grassroots_disclosure', { group: 'budget' }, { title: 'Công khai' }));
    assert.equal(grassrootsAtDistrict.statusCode, 422);
    assert.match(grassrootsAtDistrict.body, /invalid_entry_kind/);
  });

  test('a commune’s grassroots disclosure: the quarter filters the log; a malformed quarter is refused', async () => {
    const bad = await commune.as('contributor', 'POST', '/api/v1/articles', entryBody(commune, 'grassroots_disclosure', { group: 'budget', quarter: 'Q4/2026' }, { title: 'Công khai dự toán' }));
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(problemsOf(bad), ['f.quarter']);
    const { id } = await publishEntry(commune, 'grassroots_disclosure', { group: 'budget', quarter: '2026-Q4', disclosedOn: '2026-11-20', form: ['notice_board', 'loudspeaker'], place: 'Trụ sở UBND xã', duration: '30 ngày' }, { title: 'Công khai dự toán ngân sách xã năm 2027' });
    assert.deepEqual(await fields(id), ['disclosedOn=2026-11-20..', 'form=loudspeaker', 'form=notice_board', 'group=budget', 'quarter=2026-Q4']);
    const log = await t.db.selectFrom('entry_fields').select('article_id').where('site_id', '=', commune.site.id).where('entry_kind', '=', 'grassroots_disclosure').where('field', '=', 'quarter').where('value', '=', '2026-Q4').execute();
    assert.deepEqual(log.map((r) => r.article_id), [id]);
  });

  test('budget disclosure: a settlement before its year refused; the year filters and sorts as a number', async () => {
    const early = await commune.as('contributor', 'POST', '/api/v1/articles', entryBody(commune, 'budget_disclosure', { reportType: 'settlement', year: 2027, disclosedOn: '2026-11-20' }, { title: 'Quyết toán' }));
    assert.equal(early.statusCode, 422);
    assert.deepEqual(problemsOf(early), ['f.disclosedOn']);
    const noFiles = await commune.as('contributor', 'POST', '/api/v1/articles', entryBody(commune, 'budget_disclosure', { reportType: 'yearly', year: 2025, disclosedOn: '2026-02-10' }, { title: 'Thực hiện dự toán năm 2025' }));
    const submit = await commune.as('contributor', 'POST', `/api/v1/articles/${noFiles.json().id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 422, 'a document set without documents cannot be submitted');
    assert.deepEqual(problemsOf(submit), ['f.files']);
  });

  test('enterprise: a dissolved one before its registration refused; published with folded text for filters without diacritics', async () => {
    const bad = await district.as('contributor', 'POST', '/api/v1/articles', entryBody(district, 'enterprise', { status: 'dissolved', registrationDate: '2020-05-01', dissolutionDate: '2019-01-01' }, { title: 'Công ty TNHH A' }));
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(problemsOf(bad), ['f.dissolutionDate']);
    const { id } = await publishEntry(district, 'enterprise', { status: 'new', registrationNumber: '6101234567', registrationDate: '2026-10-30', address: 'Thôn 3, xã Đăk Ruồng', businessField: 'Chế biến nông sản', phone: '0260 3822 111' }, { title: 'Công ty TNHH Nông sản Đăk Ruồng', bodyHtml: '<p>Doanh nghiệp mới đăng ký.</p>' });
    const rows = await t.db.selectFrom('entry_fields').select(['field', 'value', 'folded', 'date']).where('article_id', '=', id).where('field', 'in', ['businessField', 'status', 'registrationDate']).orderBy('field').execute();
    assert.deepEqual(rows.map((r) => [r.field, r.value, r.folded, r.date]), [
      ['businessField', 'Chế biến nông sản', 'che bien nong san', null],
      ['registrationDate', null, null, '2026-10-30'],
      ['status', 'new', 'new', null],
    ]);
  });
});
