import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { mailText } from '../../../test/support/agent.ts';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { forEachEngine } from '../../../test/support/databases.ts';
import { makeSite, makeUser, systemActor, type TestUser } from '../../../test/support/factories.ts';
import type { Site } from '../sites/site.ts';
import type { AnchorState } from './anchor-heads.ts';
import { anchorFilePath, readAnchors } from './anchors.ts';
import { runAuditAnchoring } from './jobs.ts';
import { auditKeyring } from './keys.ts';
import { appendAudit, verifyAuditChains } from './store.ts';

forEachEngine('audit anchoring job', (engine) => {
  let t: TestApp;
  let site: Site;
  let admin: TestUser;
  let editor: TestUser;
  const logged: { obj: unknown; msg: string }[] = [];
  const log = { info: (obj: unknown, msg: string) => logged.push({ obj, msg }), error: (obj: unknown, msg: string) => logged.push({ obj, msg }) };
  const state: AnchorState = { last: new Map(), day: null };
  const run = () => runAuditAnchoring({ db: t.db, mailer: t.deps.mailer, clock: t.clock, log, dataDir: t.dataDir }, state);

  before(async () => {
    // 09:00 in Hà Nội.
    t = await buildTestApp(engine, { clock: new TestClock(new Date('2026-03-10T02:00:00.000Z')) });
    site = await makeSite(t.db, 'mocneo');
    admin = await makeUser(t.db, site, ['board_member'], { email: 'quantri.caidat@trangtin.test' });
    await t.db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', admin.id).execute();
    editor = await makeUser(t.db, site, ['editor_in_chief'], { email: 'truongban@mocneo.test' });
  });
  after(async () => t.close());

  test('the day’s first run anchors every head in the file and the log, and mails them to the installation administrators', async () => {
    const first = await run();
    const head = await t.db.selectFrom('audit_heads').selectAll().where('site_id', '=', site.id).executeTakeFirstOrThrow();
    assert.ok(first.anchors.some((a) => a.siteId === site.id && a.seq === head.last_seq && a.hash === head.last_hash));
    assert.deepEqual(readAnchors([anchorFilePath(t.dataDir)], auditKeyring()).bySite.get(site.id)?.map((a) => a.seq), [head.last_seq]);
    assert.ok(logged.some((l) => l.msg === 'audit head anchored' && (l.obj as { siteId: number; hash: string }).hash === head.last_hash));

    const mails = t.sentMail().map(mailText);
    assert.equal(mails.length, 1, 'one administrator, one mail');
    const mail = mails[0]!;
    assert.match(mail, /^To: quantri\.caidat@trangtin\.test$/m);
    assert.doesNotMatch(mail, new RegExp(editor.email));
    assert.match(mail, new RegExp(`Trang thông tin điện tử mocneo \\(mocneo\\): bản ghi số ${head.last_seq}, mã băm ${head.last_hash}`));
    assert.match(mail, /trangtin audit verify --anchors/);
  });

  test('later runs the same day anchor only heads that moved and send no second mail; the next day mails again', async () => {
    assert.equal((await run()).anchors.length, 0);
    await appendAudit(t.db, systemActor(site.id), { action: 'article.publish' });
    const moved = await run();
    assert.deepEqual(moved.anchors.map((a) => a.siteId), [site.id]);
    assert.equal(t.sentMail().length, 1);

    t.clock.advance(24 * 3600_000);
    assert.equal((await run()).full, true);
    assert.equal(t.sentMail().length, 2);
  });

  test('the mailed lines alone reveal rows deleted at the end, even with the anchor file gone', async () => {
    const saved = path.join(t.dataDir, 'mail-of-the-day.txt');
    writeFileSync(saved, mailText(t.sentMail().at(-1)!));
    const head = await t.db.selectFrom('audit_heads').selectAll().where('site_id', '=', site.id).executeTakeFirstOrThrow();
    const previous = await t.db.selectFrom('audit_log').selectAll().where('site_id', '=', site.id).where('seq', '=', head.last_seq - 1).executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_log').where('site_id', '=', site.id).where('seq', '=', head.last_seq).execute();
    await t.db.updateTable('audit_heads').set({ last_seq: previous.seq, last_hash: previous.hash }).where('site_id', '=', site.id).execute();
    writeFileSync(anchorFilePath(t.dataDir), '');

    const anchors = readAnchors([saved], auditKeyring());
    assert.ok(readFileSync(saved, 'utf8').includes(`"seq":${head.last_seq}`));
    const [result] = await verifyAuditChains(t.db, { siteId: site.id, anchors });
    assert.deepEqual(result!.problems.map((p) => p.kind), ['anchor_missing']);
  });
});
