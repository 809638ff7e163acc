// Planned maintenance on SQLite and PostgreSQL: announced at least 7 working
// days ahead on the Vietnamese calendar (holidays counted out) or refused; the
// national dated rule is read; the notice reaches every public page of the
// affected sites at once (cached pages dropped) and the back office, leaves
// them when cancelled or over; the status page lists it; only the
// installation administrator schedules one; every change is audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Agent, textOf } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import { DomainError } from '../../core/errors.ts';
import { MAINTENANCE_NOTICE_RULE } from '../../core/rule-catalogue.ts';
import { addRuleVersion } from '../rules/store.ts';
import type { Site } from '../sites/site.ts';
import { cancelMaintenance, changeMaintenance, dropEndedNotices, earliestStart, noticesForSite, scheduleMaintenance } from './store.ts';

const actor = { userId: null, onBehalfOfUserId: null, label: 'test', ip: null, userAgent: null };
/** An instant in Vietnam time. */
const vn = (local: string) => new Date(`${local}+07:00`);

forEachEngine('planned maintenance', (engine) => {
  let t: TestApp;
  let a: Site;
  let b: Site;
  let platform: TestUser;
  let siteAdmin: TestUser;
  // Monday 28 December 2026, 09:00 in Vietnam; 1 January 2027 is a holiday.
  const clock = new TestClock(vn('2026-12-28T09:00:00'));

  before(async () => {
    t = await buildTestApp(engine, { clock });
    a = await makeSite(t.db, 'baotria');
    b = await makeSite(t.db, 'baotrib');
    platform = await makeUser(t.db, a, ['site_admin']);
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platform.id).execute();
    siteAdmin = await makeUser(t.db, a, ['site_admin']);
    t.refreshSites();
  });
  after(async () => t.close());

  test('seven working days, the New Year holiday not counted: earlier is refused with the earliest start', async () => {
    const { earliest, days } = await earliestStart(t.db, clock.now());
    assert.equal(days, 7);
    // Tue 29, Wed 30, Thu 31, (Fri 1 Jan off), Mon 4, Tue 5, Wed 6, Thu 7 January: the end of Thursday 7.
    assert.equal(earliest.toISOString().slice(0, 10), '2027-01-07');
    await assert.rejects(
      scheduleMaintenance(t.db, actor, { sites: [a.id], startsAt: vn('2027-01-06T22:00:00'), endsAt: vn('2027-01-07T02:00:00'), reason: 'Nâng cấp máy chủ' }, clock),
      (error: unknown) => error instanceof DomainError && /7 ngày làm việc/.test(error.problems[0]!.vi) && /07\/01\/2027/.test(error.problems[0]!.vi) && /7 working days/.test(error.problems[0]!.en),
    );
    assert.equal((await t.db.selectFrom('maintenance_windows').select('id').execute()).length, 0);
    await assert.rejects(scheduleMaintenance(t.db, actor, { sites: [a.id], startsAt: vn('2027-01-08T02:00:00'), endsAt: vn('2027-01-08T01:00:00'), reason: 'x' }, clock), DomainError);
  });

  test('the national dated rule is read: ten working days from its date', async () => {
    await addRuleVersion(t.db, systemActor(a.id), { siteId: null, key: MAINTENANCE_NOTICE_RULE, value: { amount: 10, unit: 'working_days' }, effectiveFrom: '2027-03-01', citation: 'Quyết định của UBND tỉnh' }, clock);
    assert.equal((await earliestStart(t.db, clock.now())).days, 7, 'not yet in force');
    assert.equal((await earliestStart(t.db, vn('2027-03-01T09:00:00'))).days, 10);
    await assert.rejects(addRuleVersion(t.db, systemActor(a.id), { siteId: null, key: MAINTENANCE_NOTICE_RULE, value: { amount: 5, unit: 'working_days' }, effectiveFrom: '2027-04-01', citation: null }, clock), DomainError);
  });

  test('a published notice shows on the affected site only, at once, in the back office too, and goes when cancelled', async () => {
    const home = () => t.app.inject({ url: '/', headers: { host: 'baotria.test' } });
    assert.doesNotMatch(textOf((await home()).body), /bảo trì/i);
    const other = await t.app.inject({ url: '/', headers: { host: 'baotrib.test' } });
    const window = await scheduleMaintenance(t.db, actor, { sites: [a.id], startsAt: vn('2027-01-08T22:00:00'), endsAt: vn('2027-01-09T02:00:00'), reason: 'Nâng cấp cơ sở dữ liệu' }, clock);
    // The cached home page is dropped by the content version, which every node reads within a second.
    const deadline = Date.now() + 3000;
    let text = textOf((await home()).body);
    while (!/Nâng cấp cơ sở dữ liệu/.test(text) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      text = textOf((await home()).body);
    }
    assert.match(text, /Thông báo bảo trì theo kế hoạch: Hệ thống sẽ tạm ngừng để bảo trì từ 08\/01\/2027 22:00; dự kiến hoạt động lại lúc 09\/01\/2027 02:00 \(giờ Việt Nam\)\./);
    assert.match(text, /Lý do: Nâng cấp cơ sở dữ liệu/);
    assert.doesNotMatch(textOf((await t.app.inject({ url: '/', headers: { host: 'baotrib.test' } })).body), /Nâng cấp cơ sở dữ liệu/);
    assert.ok(other.statusCode === 200);
    // Audited in the affected site's chain.
    const audited = await t.db.selectFrom('audit_log').select(['action', 'site_id']).where('action', 'like', 'maintenance.%').execute();
    assert.deepEqual(audited, [{ action: 'maintenance.schedule', site_id: a.id }]);
    // Back office of the affected site.
    const admin = new Agent(t.app, 'baotria.test');
    await admin.login(siteAdmin.email);
    assert.match(textOf((await admin.get('/admin')).body), /Nâng cấp cơ sở dữ liệu/);
    // The status page on any host.
    const status = await t.app.inject({ url: '/trang-thai', headers: { host: 'baotrib.test' } });
    assert.equal(status.statusCode, 200);
    assert.match(textOf(status.body), /Hệ thống đang hoạt động bình thường/);
    assert.match(textOf(status.body), /Nâng cấp cơ sở dữ liệu/);
    assert.match(textOf(status.body), /Thời gian \(giờ Việt Nam, UTC\+7\)/);
    assert.match(textOf(status.body), /Cập nhật lúc .* \(giờ Việt Nam, UTC\+7\)/);
    // A way back to the site the visitor came from.
    assert.match(status.body, /<a href="\/">← <span>Về trang chủ: [^<]+<\/span><\/a>/);
    await t.db.updateTable('sites').set({ name_en: 'Maintenance Site A' }).where('id', '=', a.id).execute();
    t.refreshSites();
    const statusEn = await t.app.inject({ url: '/en/status', headers: { host: 'baotria.test' } });
    const en = textOf(statusEn.body);
    assert.match(en, /All systems are working normally/);
    assert.match(en, /When \(Vietnam time, UTC\+7\)/);
    assert.doesNotMatch(en, /Reason \(Vietnamese\)/);
    assert.match(statusEn.body, /<th scope="col">Reason<\/th>/);
    assert.match(statusEn.body, /<a href="\/en">/);
    // The affected sites by the English names the list of sites uses.
    assert.match(statusEn.body, /data-label="Affected sites">Maintenance Site A</);
    assert.match(statusEn.body, /Back to the home page: Maintenance Site A/);
    // Moving the start earlier than the notice allows is refused; the end may move.
    await assert.rejects(changeMaintenance(t.db, actor, window.id, { sites: [a.id], startsAt: vn('2027-01-05T22:00:00'), endsAt: vn('2027-01-09T02:00:00'), reason: 'Nâng cấp cơ sở dữ liệu' }, clock), DomainError);
    await changeMaintenance(t.db, actor, window.id, { sites: [a.id], startsAt: vn('2027-01-08T22:00:00'), endsAt: vn('2027-01-09T04:00:00'), reason: 'Nâng cấp cơ sở dữ liệu' }, clock);
    await cancelMaintenance(t.db, actor, window.id, clock);
    assert.deepEqual(await noticesForSite(t.db, a.id, clock.now()), []);
    await new Promise((r) => setTimeout(r, 1500));
    assert.doesNotMatch(textOf((await home()).body), /Nâng cấp cơ sở dữ liệu/);
  });

  test('a window for every site: shown everywhere until it is over, then its pages drop once', async () => {
    const w = await scheduleMaintenance(t.db, actor, { sites: 'all', startsAt: vn('2027-01-11T22:00:00'), endsAt: vn('2027-01-12T01:00:00'), reason: 'Thay thiết bị mạng' }, clock);
    assert.equal((await noticesForSite(t.db, b.id, clock.now()))[0]?.id, w.id);
    const versions = async () => Number((await t.db.selectFrom('site_content_versions').select('version').where('site_id', '=', b.id).executeTakeFirstOrThrow()).version);
    const before = await versions();
    assert.equal(await dropEndedNotices(t.db, clock), 0);
    clock.set(vn('2027-01-12T01:00:00').toISOString());
    assert.deepEqual(await noticesForSite(t.db, b.id, clock.now()), []);
    assert.equal(await dropEndedNotices(t.db, clock), 1);
    assert.equal(await dropEndedNotices(t.db, clock), 0, 'claimed once');
    assert.equal(await versions(), before + 1);
    clock.set(vn('2026-12-28T09:00:00').toISOString());
  });

  test('only the installation administrator schedules maintenance', async () => {
    const form = { allSites: 'on', startDate: '2027-02-22', startTime: '22:00', endDate: '2027-02-23', endTime: '02:00', reason: 'Bảo trì định kỳ' };
    const siteAdminAgent = new Agent(t.app, 'baotria.test');
    await siteAdminAgent.login(siteAdmin.email);
    assert.equal((await siteAdminAgent.get('/admin/maintenance')).statusCode, 403);
    assert.equal((await siteAdminAgent.post('/admin/maintenance', form)).statusCode, 403);
    const count = async () => (await t.db.selectFrom('maintenance_windows').select('id').execute()).length;
    const n = await count();
    const it = new Agent(t.app, 'baotria.test');
    await it.login(platform.email);
    const tooSoon = await it.post('/admin/maintenance', { ...form, startDate: '2027-01-04', endDate: '2027-01-05' });
    assert.equal(tooSoon.statusCode, 400);
    assert.match(textOf(tooSoon.body), /ít nhất 7 ngày làm việc/);
    const ok = await it.post('/admin/maintenance', form);
    assert.equal(ok.statusCode, 303, textOf(ok.body).slice(0, 400));
    assert.equal(await count(), n + 1);
    const list = await it.get('/admin/maintenance');
    assert.match(textOf(list.body), /Bảo trì định kỳ/);
    // Changed through its form: the end moves, the start stays (no new notice period needed).
    const id = (await t.db.selectFrom('maintenance_windows').select('id').where('reason', '=', 'Bảo trì định kỳ').executeTakeFirstOrThrow()).id;
    assert.equal((await siteAdminAgent.post(`/admin/maintenance/${id}`, { ...form, endTime: '04:00' })).statusCode, 403);
    const edit = await it.get(`/admin/maintenance/${id}`);
    assert.match(edit.body, /name="startTime"[^>]*value="22:00"|value="22:00"[^>]*name="startTime"/);
    const changed = await it.post(`/admin/maintenance/${id}`, { ...form, endTime: '04:00' });
    assert.equal(changed.statusCode, 303, textOf(changed.body).slice(0, 400));
    assert.equal((await t.db.selectFrom('maintenance_windows').select('ends_at').where('id', '=', id).executeTakeFirstOrThrow()).ends_at, vn('2027-02-23T04:00:00').toISOString());
    const earlier = await it.post(`/admin/maintenance/${id}`, { ...form, startDate: '2027-01-04', endDate: '2027-01-05' });
    assert.equal(earlier.statusCode, 400);
    assert.match(textOf(earlier.body), /ít nhất 7 ngày làm việc/);
    // The edit page says what it is, what notice applies to a change, and leads back.
    const editText = textOf(edit.body);
    assert.match(edit.body, /<h1>Sửa đợt bảo trì<\/h1>/);
    assert.doesNotMatch(editText, /nếu đăng bây giờ/);
    assert.match(editText, /Khi sửa: giữ nguyên hoặc lùi thời gian bắt đầu/);
    assert.match(edit.body, /<a href="\/admin\/maintenance"[^>]*>Quay lại<\/a>/);
  });

  test('cancelling is two steps: the list only leads to a confirmation page that needs a reason; audited with it', async () => {
    const it = new Agent(t.app, 'baotria.test');
    await it.login(platform.email);
    const w = await scheduleMaintenance(t.db, actor, { sites: [a.id], startsAt: vn('2027-03-01T22:00:00'), endsAt: vn('2027-03-02T02:00:00'), reason: 'Thay ổ đĩa' }, clock);
    const list = await it.get('/admin/maintenance');
    // No form in the list cancels anything: the button is a link to the confirmation page.
    assert.doesNotMatch(list.body, new RegExp(`action="/admin/maintenance/${w.id}/cancel"`));
    assert.match(list.body, new RegExp(`<a href="/admin/maintenance/${w.id}/cancel" class="button button-danger">Hủy đợt bảo trì</a>`));
    assert.match(list.body, new RegExp(`<div class="table-actions"><a href="/admin/maintenance/${w.id}" class="button button-secondary">Sửa</a>`));
    const confirm = await it.get(`/admin/maintenance/${w.id}/cancel`);
    assert.equal(confirm.statusCode, 200);
    const confirmText = textOf(confirm.body);
    assert.match(confirmText, /Thay ổ đĩa/);
    assert.match(confirmText, /01\/03\/2027 22:00 – 02\/03\/2027 02:00/);
    assert.match(confirm.body, /name="cancelReason"[^>]*required|required[^>]*name="cancelReason"/);
    const cancelled = async () => (await t.db.selectFrom('maintenance_windows').select('cancelled_at').where('id', '=', w.id).executeTakeFirstOrThrow()).cancelled_at;
    // Without a reason nothing is cancelled.
    const refused = await it.post(`/admin/maintenance/${w.id}/cancel`, { cancelReason: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(textOf(refused.body), /Lý do hủy/);
    assert.equal(await cancelled(), null);
    // A site administrator cannot see or use it.
    const siteAdminAgent = new Agent(t.app, 'baotria.test');
    await siteAdminAgent.login(siteAdmin.email);
    assert.equal((await siteAdminAgent.get(`/admin/maintenance/${w.id}/cancel`)).statusCode, 403);
    assert.equal((await siteAdminAgent.post(`/admin/maintenance/${w.id}/cancel`, { cancelReason: 'x' })).statusCode, 403);
    assert.equal(await cancelled(), null);
    const done = await it.post(`/admin/maintenance/${w.id}/cancel`, { cancelReason: 'Nhà cung cấp dời lịch' });
    assert.equal(done.statusCode, 303);
    assert.notEqual(await cancelled(), null);
    const row = await t.db.selectFrom('audit_log').select(['details', 'site_id']).where('action', '=', 'maintenance.cancel').where('target_id', '=', String(w.id)).executeTakeFirst();
    assert.ok(row, 'audited');
    assert.match(String(typeof row.details === 'string' ? row.details : JSON.stringify(row.details)), /Nhà cung cấp dời lịch/);
    // A cancelled window has no confirmation page any more.
    assert.equal((await it.get(`/admin/maintenance/${w.id}/cancel`)).statusCode, 404);
  });
});
