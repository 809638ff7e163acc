// The demo's weekly schedule: on the provincial office's site this week and
// last week are filled (about ten rows each) with two invitations on this
// week's rows; the Department of Construction has this week; whatever the
// demo's clock says.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { loadDemo, type DemoResult } from './load-demo.ts';

let t: TestApp;
let demo: DemoResult;

before(async () => {
  t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2027-01-01T01:00:00Z')) });
  demo = await loadDemo(t.db, { password: 'Demo-thu-nghiem-2026', clock: t.clock });
  t.refreshSites();
});
after(async () => t?.close());

async function week(key: string, path: string) {
  const site = demo.sites.find((s) => s.key === key)!;
  let res = await t.app.inject({ url: path, headers: { host: site.primaryHost! } });
  if (res.statusCode === 302) res = await t.app.inject({ url: String(res.headers.location), headers: { host: site.primaryHost! } });
  assert.equal(res.statusCode, 200, `${key} ${path}`);
  return { rows: res.body.match(/<th scope="row">/g)?.length ?? 0, invitations: res.body.match(/href="\/giay-moi\/[a-z0-9-]+">Giấy mời số/g)?.length ?? 0, body: res.body };
}

test('the provincial office shows this week and last week, with two invitations on their rows', async () => {
  const current = await week('vpubnd-kontum', '/lich-cong-tac/tuan');
  assert.match(current.body, /Lịch công tác tuần 53 \(từ 28\/12\/2026 đến 03\/01\/2027\)/, 'the week of the demo clock (ISO week 53 of 2026)');
  assert.equal(current.rows, 11, 'ten rows and one added by the correction');
  assert.equal(current.invitations, 2);
  assert.match(current.body, /Điều chỉnh lúc \d\d:\d\d \d\d\/\d\d\/\d{4}: Chuyển địa điểm buổi làm việc chiều Thứ Tư; bổ sung lịch sáng Thứ Bảy\./);
  assert.equal(current.body.match(/class="row-changed"/g)?.length, 1);
  assert.equal(current.body.match(/class="row-added"/g)?.length, 1);
  const last = await week('vpubnd-kontum', '/lich-cong-tac/tuan/2026-W52');
  assert.equal(last.rows, 10);
  // The month's reception schedule (January 2027) has a session on the 15th, shown in the week of 11–17/01.
  assert.match((await week('vpubnd-kontum', '/lich-cong-tac/tuan/2027-W02')).body, /<th scope="row">Thứ Sáu, 15\/01\/2027<\/th>/);
});

test('the Department of Construction shows this week; another demo site has none', async () => {
  assert.equal((await week('sxd-kontum', '/lich-cong-tac/tuan/2026-W53')).rows, 6);
  const other = demo.sites.find((s) => s.key !== 'sxd-kontum' && s.key !== 'vpubnd-kontum')!;
  assert.equal((await week(other.key, '/lich-cong-tac/tuan/2026-W53')).rows, 0);
});
