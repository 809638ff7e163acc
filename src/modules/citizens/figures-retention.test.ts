// The monthly figures of citizens' cases and the erasure of personal data
// after the retention period, on both engines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeBoard, type Board } from '../../../test/support/editorial.ts';
import { makeUnit, systemActor } from '../../../test/support/factories.ts';
import { newTrackingCode, type CaseKind, type CaseStatus } from '../../core/citizens/index.ts';
import { createCalendar } from '../../core/calendar/index.ts';
import { readTable } from '../../platform/spreadsheet.ts';
import { addRuleVersion } from '../rules/store.ts';
import { computeFigures, monthRange, previousMonth } from './figures.ts';
import { erasePersonalData, ERASED, withoutPersonalDetails } from './retention.ts';
import { runRetention } from './jobs.ts';

test('monthRange is the Vietnamese month; previousMonth steps back over a year', () => {
  const r = monthRange('2026-11')!;
  assert.equal(r.start.toISOString(), '2026-10-31T17:00:00.000Z');
  assert.equal(r.end.toISOString(), '2026-11-30T17:00:00.000Z');
  assert.equal(monthRange('2026-13'), null);
  assert.equal(monthRange('nov'), null);
  assert.equal(previousMonth('2026-01-15'), '2025-12');
});

test('computeFigures counts per field and unit, late answers, overdue open cases and the average time', () => {
  const range = monthRange('2026-11')!;
  const calendar = createCalendar();
  const base = { kind: 'question', closed_at: null, answered_at: null, due_at: null } as const;
  const figures = computeFigures(
    [
      // Received 2 Nov (Monday), answered 6 Nov: 4 calendar days, on time.
      { ...base, field: 'Đất đai', unit_id: 1, status: 'answered', created_at: '2026-11-02T02:00:00.000Z', answered_at: '2026-11-06T02:00:00.000Z', closed_at: '2026-11-06T02:00:00.000Z', due_at: '2026-11-20T10:00:00.000Z' },
      // Answered after its due time.
      { ...base, field: 'Đất đai', unit_id: 2, status: 'answered', created_at: '2026-11-02T02:00:00.000Z', answered_at: '2026-11-12T02:00:00.000Z', closed_at: '2026-11-12T02:00:00.000Z', due_at: '2026-11-10T10:00:00.000Z' },
      // Still open, past due at the end of the month.
      { ...base, field: 'Xây dựng', unit_id: 1, status: 'in_progress', created_at: '2026-11-03T02:00:00.000Z', due_at: '2026-11-24T10:00:00.000Z' },
      { ...base, kind: 'petition', field: null, unit_id: null, status: 'refused', created_at: '2026-11-04T02:00:00.000Z', closed_at: '2026-11-04T05:00:00.000Z' },
      // Received in October, answered in November: counts as answered, not as received.
      { ...base, field: 'Xây dựng', unit_id: 2, status: 'answered', created_at: '2026-10-28T02:00:00.000Z', answered_at: '2026-11-03T02:00:00.000Z', closed_at: '2026-11-03T02:00:00.000Z', due_at: '2026-11-18T10:00:00.000Z' },
    ],
    range,
    range.end,
    calendar,
    { unit: (id) => (id === 1 ? 'Phòng Tài nguyên' : id === 2 ? 'Phòng Xây dựng' : null) },
  );
  assert.deepEqual(
    { received: figures.total.received, answered: figures.total.answered, late: figures.total.answeredLate, refused: figures.total.refused, overdue: figures.total.overdue },
    { received: 4, answered: 3, late: 1, refused: 1, overdue: 1 },
  );
  const land = figures.byField.find((r) => r.key === 'Đất đai')!;
  assert.equal(land.answered, 2);
  assert.equal(land.averageDays, 7); // (4 + 10) / 2
  const unit1 = figures.byUnit.find((r) => r.key === 'Phòng Tài nguyên')!;
  assert.deepEqual([unit1.received, unit1.answered, unit1.overdue], [2, 1, 1]);
  assert.equal(unit1.averageWorkingDays, 4); // Mon 09:00 → Fri 09:00
  assert.equal(figures.byKind.find((r) => r.key === 'petition')!.refused, 1);
  assert.equal(figures.byField.at(-1)!.key, null, 'unclassified comes last');
});

test('withoutPersonalDetails drops names, addresses, contacts and identity numbers at any depth', () => {
  assert.deepEqual(withoutPersonalDetails({ information: 'Quyết định 12/QĐ-UBND', delivery_address: '12 Lê Lợi', delivery: { method: 'post', address: 'x' }, id_number: '0123', copies: 2 }), {
    information: 'Quyết định 12/QĐ-UBND',
    delivery: { method: 'post' },
    copies: 2,
  });
});

forEachEngine('citizens: figures and retention', (engine) => {
  let t: TestApp;
  let board: Board;
  let otherUnit: number;
  const clock = new TestClock(new Date('2026-12-02T03:00:00.000Z'));

  before(async () => {
    t = await buildTestApp(engine, { clock });
    board = await makeBoard(t, 'ykien-so-lieu');
    otherUnit = await makeUnit(t.db, board.site, 'Phòng Tư pháp');
  });
  after(() => t.close());

  let seq = 0;
  async function insertCase(kind: CaseKind, status: CaseStatus, fields: Record<string, unknown> = {}): Promise<number> {
    seq += 1;
    const row = await t.db
      .insertInto('citizen_cases')
      .values({
        site_id: board.site.id,
        kind,
        tracking_code: newTrackingCode(kind),
        status,
        title: `Ý kiến số ${seq}`,
        body: 'Nội dung ý kiến',
        requester_name: `Nguyễn Văn Riêng${seq}`,
        requester_email: `rieng${seq}@example.vn`,
        requester_phone: '0912345678',
        requester_address: 'Số 7 đường Bí Mật',
        created_at: '2026-11-02T02:00:00.000Z',
        updated_at: '2026-11-02T02:00:00.000Z',
        ...fields,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  test('the figures page and its exports count November for the secretariat; others are refused', async () => {
    await insertCase('question', 'answered', { field: 'Đất đai', unit_id: board.unitId, answered_at: '2026-11-06T02:00:00.000Z', closed_at: '2026-11-06T02:00:00.000Z', due_at: '2026-11-20T10:00:00.000Z' });
    await insertCase('question', 'in_progress', { field: 'Đất đai', unit_id: otherUnit, due_at: '2026-11-10T10:00:00.000Z' });
    await insertCase('petition', 'refused', { closed_at: '2026-11-03T02:00:00.000Z', outcome_reason: 'Không thuộc thẩm quyền' });
    // Another site's case is not counted.
    const other = await makeBoard(t, 'ykien-so-lieu-khac');
    await t.db.insertInto('citizen_cases').values({ site_id: other.site.id, kind: 'question', tracking_code: newTrackingCode('question'), status: 'received', title: 'Khác', body: 'Khác', created_at: '2026-11-05T02:00:00.000Z', updated_at: '2026-11-05T02:00:00.000Z' }).execute();

    const secretariat = new Agent(t.app, board.host);
    await secretariat.login(board.people.secretariat.email);
    // The previous month by default (it is 2 December).
    const page = await secretariat.get('/admin/cases/figures');
    assert.equal(page.statusCode, 200);
    const text = textOf(page.body);
    assert.match(text, /Theo lĩnh vực/);
    assert.match(text, /Đất đai/);
    assert.match(text, /Phòng Tư pháp/);

    const csv = await secretariat.get('/admin/cases/figures.csv?thang=2026-11');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /so-lieu-y-kien-2026-11\.csv/);
    const table = await readTable(csv.rawPayload);
    const total = table.rows.find((r) => r.cells['Nhóm'] === 'Tổng cộng')!;
    assert.equal(total.cells['Tiếp nhận'], '3');
    assert.equal(total.cells['Đã trả lời'], '1');
    assert.equal(total.cells['Từ chối / không tiếp nhận'], '1');
    assert.equal(total.cells['Quá hạn chưa trả lời'], '1');
    const xlsx = await secretariat.get('/admin/cases/figures.xlsx?thang=2026-11');
    const sheet = await readTable(xlsx.rawPayload);
    assert.equal(sheet.rows.find((r) => r.cells['Nhóm'] === 'Theo đơn vị trả lời' && r.cells['Loại'] === 'Phòng Tư pháp')!.cells['Quá hạn chưa trả lời'], '1');

    assert.equal((await secretariat.get('/admin/cases/figures?thang=2026-13')).statusCode, 400);
    const responder = new Agent(t.app, board.host);
    await responder.login(board.people.contributor.email);
    assert.equal((await responder.get('/admin/cases/figures')).statusCode, 403);
    assert.equal((await responder.get('/admin/cases/figures.csv?thang=2026-11')).statusCode, 403);
  });

  test('personal data is erased once the retention period after closing has ended, and not before', async () => {
    await addRuleVersion(t.db, systemActor(board.site.id), { siteId: board.site.id, key: 'retention.personal_data', value: { amount: 30, unit: 'calendar_days' }, effectiveFrom: '2026-01-01', citation: 'Quyết định thử' });
    const old = await insertCase('info_request', 'answered', {
      closed_at: '2026-10-01T02:00:00.000Z',
      answered_at: '2026-10-01T02:00:00.000Z',
      requester_id_number: '001234567890',
      details: JSON.stringify({ information: 'Kế hoạch sử dụng đất 2026', delivery_address: 'Số 7 đường Bí Mật', copies: 1 }),
    });
    const file = await t.deps.files.put(Buffer.from('%PDF-1.4 giấy tờ tùy thân'));
    await t.db.insertInto('citizen_case_files').values({ site_id: board.site.id, case_id: old, sha256: file.sha256, mime: 'application/pdf', ext: 'pdf', size: file.size, original_name: 'cccd.pdf', created_at: '2026-09-30T02:00:00.000Z' }).execute();
    const recent = await insertCase('question', 'answered', { closed_at: '2026-11-20T02:00:00.000Z', answered_at: '2026-11-20T02:00:00.000Z' });
    const open = await insertCase('question', 'in_progress', { created_at: '2026-01-02T02:00:00.000Z' });
    await t.db.insertInto('contact_messages').values({ site_id: board.site.id, name: 'Trần Thị Liên Hệ', email: 'lienhe@example.vn', phone: '0987654321', subject: 'Hỏi', message: 'Xin hỏi', created_at: '2026-09-01T02:00:00.000Z' }).execute();

    const counts = await erasePersonalData(t.db, t.deps.files, board.site, clock);
    assert.equal(counts.cases, 1);
    assert.equal(counts.files, 1);
    assert.equal(counts.contactMessages, 1);

    const erased = await t.db.selectFrom('citizen_cases').selectAll().where('id', '=', old).executeTakeFirstOrThrow();
    assert.equal(erased.requester_name, ERASED);
    assert.equal(erased.requester_email, null);
    assert.equal(erased.requester_phone, null);
    assert.equal(erased.requester_address, null);
    assert.equal(erased.requester_id_number, null);
    assert.deepEqual(JSON.parse(erased.details), { information: 'Kế hoạch sử dụng đất 2026', copies: 1 });
    assert.equal(erased.title, 'Ý kiến số ' + String(seq - 2), 'what was asked stays');
    assert.equal(await t.deps.files.has(file.sha256), false, 'the attachment bytes are deleted');
    assert.equal((await t.db.selectFrom('citizen_case_files').select('id').where('case_id', '=', old).execute()).length, 0);

    for (const id of [recent, open]) {
      const kept = await t.db.selectFrom('citizen_cases').select(['requester_email', 'personal_data_erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.notEqual(kept.requester_email, null, `case ${id} keeps its data`);
      assert.equal(kept.personal_data_erased_at, null);
    }
    const message = await t.db.selectFrom('contact_messages').selectAll().where('site_id', '=', board.site.id).executeTakeFirstOrThrow();
    assert.deepEqual([message.name, message.email, message.phone], [ERASED, null, null]);
    const audit = await t.db.selectFrom('audit_log').select(['action']).where('site_id', '=', board.site.id).where('action', '=', 'personal_data.erase').execute();
    assert.equal(audit.length, 1);

    // A second run finds nothing; the daily job runs once per site per day.
    assert.deepEqual(await erasePersonalData(t.db, t.deps.files, board.site, clock), { cases: 0, files: 0, comments: 0, contactMessages: 0, forumPosts: 0 });
    const ran = await runRetention({ db: t.db, mailer: t.deps.mailer, files: t.deps.files, clock });
    assert.ok(ran >= 1);
    assert.equal(await runRetention({ db: t.db, mailer: t.deps.mailer, files: t.deps.files, clock }), 0);
  });
});
