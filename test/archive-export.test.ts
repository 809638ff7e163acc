// Archive export of a site (issue 17 item 3, ADR 29): what the State archive
// receives holds every public item with its published versions and
// corrections, reads offline (relative links, a local stylesheet, no script,
// nothing from elsewhere), carries JSON metadata and the attachments, and a
// manifest whose SHA-256 sums match every file. Only the site's own
// administrators start and download it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { unzipSync } from 'fflate';
import { diskSpace, exportsSettled, exportZipPath, listExports, runExport, startExport, type ExportJob } from '../src/modules/archive/jobs.ts';
import { verifyManifest } from '../src/modules/archive/export-site.ts';
import { loadDemoProcedures } from '../src/modules/procedures/demo.ts';
import { Agent } from './support/agent.ts';
import { buildTestApp, type TestApp } from './support/app.ts';
import { forEachEngine } from './support/databases.ts';
import { publishDocument } from './support/documents.ts';
import { makeBoard, publishArticle, type Board } from './support/editorial.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

forEachEngine('archive export of a site', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let picture: { id: number; sha: string };
  let attachment: { id: number; sha: string };
  let articleId = 0;

  async function addMedia(board: Board, bytes: Buffer, kind: string, mime: string, ext: string, name: string): Promise<{ id: number; sha: string }> {
    const stored = await t.deps.files.put(bytes);
    const row = await t.db
      .insertInto('media')
      .values({ site_id: board.site.id, sha256: stored.sha256, kind, mime, ext, size: stored.size, width: kind === 'image' ? 1 : null, height: kind === 'image' ? 1 : null, original_name: name, alt: 'Cầu treo bản Mới', caption: null, open_format: 1, private: 0, variants: '[]', created_by_user_id: null, created_at: new Date().toISOString(), deleted_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, sha: stored.sha256 };
  }

  async function act(role: Parameters<Board['as']>[0], action: Record<string, unknown>) {
    const res = await b.as(role, 'POST', `/api/v1/articles/${articleId}/actions`, action);
    assert.equal(res.statusCode, 200, res.body);
  }

  before(async () => {
    t = await buildTestApp(engine);
    b = await makeBoard(t, 'luutru');
    other = await makeBoard(t, 'khac');
    picture = await addMedia(b, PNG, 'image', 'image/png', 'png', 'cau-treo.png');
    attachment = await addMedia(b, Buffer.from('%PDF-1.4 kế hoạch'), 'file', 'application/pdf', 'pdf', 'ke-hoach.pdf');
    const published = await publishArticle(b, {
      bodyHtml: `<p>Cầu dài 80 mét.</p><p><img src="/media/${picture.sha}/original.png" alt="Cầu treo bản Mới"></p><p><a href="/lien-he">Liên hệ</a></p>`,
      attachmentIds: [attachment.id],
    });
    articleId = published.id;
    // A second version through the chain, published as a correction.
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${articleId}`);
    const edited = await b.as('contributor', 'PATCH', `/api/v1/articles/${articleId}`, { lockVersion: current.json().lockVersion, bodyHtml: `<p>Cầu dài 85 mét.</p><p><img src="/media/${picture.sha}/original.png" alt="Cầu treo bản Mới"></p>` });
    assert.equal(edited.statusCode, 200, edited.body);
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve']] as const) await act(role, { action });
    await act('publisher', { action: 'correct', note: 'Đính chính: cầu dài 85 mét, không phải 80 mét.' });
    const market = await publishDocument(b, { number: '12/2025/QĐ-UBND' }, { title: 'Quyết định về quản lý chợ' });
    await publishDocument(b, { number: '15/2025/QĐ-UBND', relations: [{ relation: 'replaces', toArticleId: market.id }] }, { title: 'Quyết định thay thế quy định quản lý chợ' });
    await loadDemoProcedures(t.db, b.site, { userId: b.people.publisher.id }, t.clock);
    // A taken-down article is not public: it is not exported.
    const taken = await publishArticle(b, { title: 'Bài đã gỡ xuống khỏi trang' });
    const down = await b.as('secretariat', 'POST', `/api/v1/articles/${taken.id}/actions`, { action: 'take_down', reasonCode: 'violation', note: 'Chưa kiểm chứng.' });
    assert.equal(down.statusCode, 200, down.body);
    await publishArticle(other, { title: 'Tin của trang khác' });
  });
  after(async () => t.close());

  test('the site administrator starts an export, it runs in the background, and the zip reads offline with matching checksums', async () => {
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    const page = await admin.get('/admin/archive');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Xuất dữ liệu lưu trữ/);
    assert.match((await admin.get('/admin')).body, /<a href="\/admin\/archive"/, 'the menu leads to it');
    const started = await admin.post('/admin/archive');
    assert.equal(started.statusCode, 303);
    await exportsSettled();
    const [job] = listExports(t.dataDir, b.site.id);
    assert.equal(job?.state, 'ready', job?.error ?? '');
    const listed = await admin.get('/admin/archive');
    assert.match(listed.body, new RegExp(`/admin/archive/${job!.id}/download`));
    const download = await admin.get(`/admin/archive/${job!.id}/download`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/zip');
    const zip = unzipSync(new Uint8Array(download.rawPayload));
    const prefix = `${job!.name}/`;
    const file = (rel: string) => {
      const bytes = zip[prefix + rel];
      assert.ok(bytes, `${rel} is in the zip`);
      return Buffer.from(bytes);
    };
    const text = (rel: string) => file(rel).toString('utf8');

    // The manifest lists every other file with its SHA-256, and they match.
    const manifest = JSON.parse(text('manifest.json')) as { files: { path: string; sha256: string; size: number }[] };
    const inZip = Object.keys(zip).filter((k) => !k.endsWith('/')).map((k) => k.slice(prefix.length)).filter((k) => k !== 'manifest.json').sort();
    assert.deepEqual(manifest.files.map((f) => f.path).sort(), inZip);
    for (const f of manifest.files) assert.equal(createHash('sha256').update(file(f.path)).digest('hex'), f.sha256, f.path);

    // The index lists what the public site shows, and nothing else.
    const index = JSON.parse(text('index.json')) as { items: { type: string; id: number; title: string; page: string; metadata: string }[] };
    const titles = index.items.map((i) => i.title);
    assert.ok(titles.includes('Như Xuân khánh thành cầu treo bản Mới'));
    assert.ok(titles.includes('Quyết định về quản lý chợ'));
    assert.ok(index.items.some((i) => i.type === 'procedure'));
    assert.ok(!titles.includes('Bài đã gỡ xuống khỏi trang'), 'a taken-down article is not exported');
    assert.ok(!titles.includes('Tin của trang khác'), "another site's article is not exported");

    // The article: current text, the correction, the earlier published version, the picture and attachment copied alongside.
    const entry = index.items.find((i) => i.type === 'article' && i.id === articleId)!;
    const html = text(entry.page);
    assert.match(html, /Cầu dài 85 mét/);
    assert.match(html, /Đính chính: cầu dài 85 mét, không phải 80 mét\./);
    assert.match(html, new RegExp(`<img src="\\.\\./files/${picture.sha}\\.png"`));
    assert.match(html, new RegExp(`href="\\.\\./files/${attachment.sha}\\.pdf"`));
    assert.ok(file(`files/${picture.sha}.png`).equals(PNG));
    const meta = JSON.parse(text(entry.metadata)) as { versions: { number: number; file: string }[]; corrections: { note: string }[]; attachments: { sha256: string }[] };
    assert.equal(meta.versions.length, 1);
    assert.match(text(meta.versions[0]!.file), /Cầu dài 80 mét/);
    assert.equal(meta.corrections[0]?.note, 'Đính chính: cầu dài 85 mét, không phải 80 mét.');
    assert.equal(meta.attachments[0]?.sha256, attachment.sha);

    // Every page reads offline: no script, no stylesheet or picture from elsewhere, relative links that resolve inside the export, NFC text.
    for (const rel of inZip.filter((f) => f.endsWith('.html'))) {
      const page = text(rel);
      assert.equal(page, page.normalize('NFC'), `${rel} is NFC`);
      assert.match(page, /<html lang="vi">/);
      assert.match(page, /<meta charset="utf-8">/);
      assert.doesNotMatch(page, /<script/i, rel);
      assert.doesNotMatch(page, /<(?:img|link|iframe|source)\b[^>]*(?:src|href)="(?:https?:)?\/\//i, `${rel} loads nothing from elsewhere`);
      for (const [, target] of page.matchAll(/(?:src|href)="([^"#]+)"/g)) {
        if (/^(?:https?|tel|mailto):/.test(target!)) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(rel), target!));
        assert.ok(zip[prefix + resolved], `${rel} → ${target} exists in the export`);
      }
    }
    // The home index links each section's index page.
    assert.match(text('index.html'), /href="sections\/section-tin-tuc-su-kien\.html"/);
    assert.match(text('sections/section-tin-tuc-su-kien.html'), /Như Xuân khánh thành cầu treo bản Mới/);
  });

  test('offline pages show labelled, formatted details (not raw keys or JSON), relations link inside the archive, and the zip is named in Vietnam time', async () => {
    const [job] = listExports(t.dataDir, b.site.id);
    assert.equal(job?.state, 'ready');
    // Named from its moment in Vietnam time (UTC+7), as the back office shows it.
    const vn = new Date(Date.parse(job!.startedAt) + 7 * 3600 * 1000).toISOString();
    assert.equal(job!.name, `${b.site.key}-${vn.slice(0, 10).replace(/-/g, '')}-${vn.slice(11, 19).replace(/:/g, '')}`);
    const zip = unzipSync(new Uint8Array(readFileSync(exportZipPath(t.dataDir, job!))));
    const prefix = `${job!.name}/`;
    const text = (rel: string) => Buffer.from(zip[prefix + rel]!).toString('utf8');
    const index = JSON.parse(text('index.json')) as { items: { type: string; id: number; title: string; page: string; metadata: string }[] };
    const market = index.items.find((i) => i.title === 'Quyết định về quản lý chợ')!;
    const newer = index.items.find((i) => i.title === 'Quyết định thay thế quy định quản lý chợ')!;
    const html = text(newer.page);
    for (const label of ['Số, ký hiệu', 'Loại văn bản', 'Quyết định', 'Cơ quan ban hành', 'Ngày ban hành', 'Tình trạng hiệu lực']) assert.ok(html.includes(label), `the document page shows ${label}`);
    assert.match(html, /15\/2025\/QĐ-UBND/);
    assert.doesNotMatch(html, /\{&#34;|\{"/, 'no JSON on the page');
    for (const key of ['docType', 'issuedOn', '>relations<', 'toArticleId', 'statusOverride', '>fields<', '>level<', '>quyet-dinh<']) assert.ok(!html.includes(key), `no raw ${key} on the page`);
    // The relation is a link to the related document's page, which is in the archive.
    const link = new RegExp(`Thay thế văn bản <a href="([^"]+)">12/2025/QĐ-UBND</a>`).exec(html);
    assert.ok(link, 'the relation reads "Thay thế văn bản 12/2025/QĐ-UBND" as a link');
    assert.equal(path.posix.join('items', link![1]!), market.page);
    assert.ok(zip[prefix + market.page]);
    // And the other side: the older document names the one that replaced it; its date dd/mm/yyyy.
    const older = text(market.page);
    assert.match(older, /Bị thay thế bởi văn bản <a href="[^"]+">15\/2025\/QĐ-UBND<\/a>/);
    assert.match(older, /15\/03\/2022/);
    assert.doesNotMatch(older, />2022-03-15</);
    // The JSON keeps the machine values.
    const meta = JSON.parse(text(newer.metadata)) as { document: { docType: string; relations: { relation: string; toArticleId: number }[] } };
    assert.equal(meta.document.docType, 'quyet-dinh');
    assert.deepEqual(meta.document.relations, [{ relation: 'replaces', toArticleId: market.id }]);
    // The stylesheet lets long values wrap on a phone.
    assert.match(text('style.css'), /overflow-wrap:anywhere/);
  });

  test("another site's administrator, and a member without the right, cannot reach the export", async () => {
    const [job] = listExports(t.dataDir, b.site.id);
    assert.ok(job);
    const outsider = new Agent(t.app, other.host);
    await outsider.login(other.people.site_admin.email);
    const foreign = await outsider.get(`/admin/archive/${job.id}/download`);
    assert.equal(foreign.statusCode, 404);
    assert.doesNotMatch(foreign.headers['content-type'] as string, /zip/);
    assert.doesNotMatch((await outsider.get('/admin/archive')).body, new RegExp(job.id));
    const contributor = new Agent(t.app, b.host);
    await contributor.login(b.people.contributor.email);
    assert.equal((await contributor.get(`/admin/archive/${job.id}/download`)).statusCode, 403);
    assert.equal((await contributor.post('/admin/archive')).statusCode, 403);
    assert.doesNotMatch((await contributor.get('/admin')).body, /href="\/admin\/archive"/, 'nor does their menu offer it');
    const anonymous = await new Agent(t.app, b.host).get(`/admin/archive/${job.id}/download`);
    assert.equal(anonymous.statusCode, 302, 'a visitor is sent to sign in');
    assert.match(String(anonymous.headers.location), /\/admin\/login/);
  });

  test('the command writes a folder and a zip whose manifest verifies, and a changed file is caught', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-export-'));
    try {
      const result = await runExport(t.db, t.deps.files, b.site, dir, { origin: 'https://luutru.test', now: '2026-12-07T03:00:00.000Z' });
      assert.equal(path.basename(result.folder), 'luutru-20261207-100000');
      assert.deepEqual(verifyManifest(result.folder), []);
      assert.ok(readFileSync(result.zip).length > 0);
      const index = JSON.parse(readFileSync(path.join(result.folder, 'index.json'), 'utf8')) as { items: { page: string }[] };
      writeFileSync(path.join(result.folder, index.items[0]!.page), 'changed');
      assert.deepEqual(verifyManifest(result.folder), [`changed: ${index.items[0]!.page}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  const jobDir = (siteId: number, id: string) => path.join(t.dataDir, 'archive-exports', `site-${siteId}`, id);
  const actor = () => ({ siteId: b.site.id, userId: b.people.site_admin.id, onBehalfOfUserId: null, label: null, ip: null, userAgent: null });
  const exportNow = async () => {
    t.clock.advance(2000); // one job id per second
    const job = await startExport({ db: t.db, files: t.deps.files, dataDir: t.dataDir, clock: t.clock }, b.site, 'https://luutru.test', actor());
    await exportsSettled();
    return job;
  };
  /** A job another process wrote (another node of a shared DATA_DIR). */
  const fakeJob = (over: Partial<ExportJob> & { id: string }): ExportJob => {
    const job: ExportJob = { siteId: b.site.id, state: 'ready', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), done: 1, total: 1, name: 'luutru-fake', zipBytes: 1, summary: null, error: null, host: 'another-node', pid: 1, ...over };
    mkdirSync(jobDir(b.site.id, job.id), { recursive: true });
    writeFileSync(path.join(jobDir(b.site.id, job.id), 'status.json'), JSON.stringify(job));
    return job;
  };

  test('a version that was taken down is not in the export, nor the file only it used, after the article is edited and published again', async () => {
    const only = await addMedia(b, Buffer.from('%PDF-1.4 ban vi pham'), 'file', 'application/pdf', 'pdf', 'chi-ban-vi-pham.pdf');
    const a = await publishArticle(b, { title: 'Bài gỡ rồi đăng lại', bodyHtml: '<p>NOI-DUNG-VI-PHAM-V1</p>', attachmentIds: [only.id] });
    articleId = a.id;
    await act('secretariat', { action: 'take_down', reasonCode: 'violation', note: 'Vi phạm.' });
    const current = await b.as('contributor', 'GET', `/api/v1/articles/${a.id}`);
    const edited = await b.as('contributor', 'PATCH', `/api/v1/articles/${a.id}`, { lockVersion: current.json().lockVersion, bodyHtml: '<p>NOI-DUNG-DA-SUA-V2</p>', attachmentIds: [] });
    assert.equal(edited.statusCode, 200, edited.body);
    for (const [role, action] of [['contributor', 'submit'], ['unit_head', 'approve'], ['secretariat', 'approve'], ['deputy', 'approve'], ['editor_in_chief', 'approve'], ['publisher', 'publish']] as const) await act(role, { action });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-export-'));
    try {
      const result = await runExport(t.db, t.deps.files, b.site, dir, { origin: 'https://luutru.test', now: '2026-12-07T04:00:00.000Z' });
      const items = readdirSync(path.join(result.folder, 'items'));
      const all = items.map((f) => readFileSync(path.join(result.folder, 'items', f), 'utf8')).join('\n');
      assert.match(all, /NOI-DUNG-DA-SUA-V2/, 'the version published again is exported');
      assert.doesNotMatch(all, /NOI-DUNG-VI-PHAM-V1/, 'the taken-down version is not');
      assert.ok(!existsSync(path.join(result.folder, 'files', `${only.sha}.pdf`)), 'nor the file only the taken-down version had');
      const index = JSON.parse(readFileSync(path.join(result.folder, 'index.json'), 'utf8')) as { items: { type: string; id: number; metadata: string }[] };
      const entry = index.items.find((i) => i.type === 'article' && i.id === a.id)!;
      const meta = JSON.parse(readFileSync(path.join(result.folder, entry.metadata), 'utf8')) as { versions: unknown[] };
      assert.deepEqual(meta.versions, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a site keeps its three newest exports and none older than 30 days', async () => {
    const old = fakeJob({ id: '20250101000000-0000000a', startedAt: '2025-01-01T00:00:00.000Z', finishedAt: '2025-01-01T00:05:00.000Z' });
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    assert.equal((await admin.get('/admin/archive')).statusCode, 200);
    assert.ok(!existsSync(jobDir(b.site.id, old.id)), 'an export older than 30 days is removed');
    for (let i = 0; i < 4; i++) await exportNow();
    const ready = listExports(t.dataDir, b.site.id).filter((j) => j.state === 'ready');
    assert.equal(ready.length, 3);
    const newest = (await exportNow()).id;
    const after = listExports(t.dataDir, b.site.id).filter((j) => j.state === 'ready');
    assert.equal(after.length, 3);
    assert.equal(after[0]!.id, newest);
    assert.ok(!ready.slice(2).some((j) => after.some((k) => k.id === j.id)), 'the oldest went when the new one was ready');
  });

  test('an export whose heartbeat stopped on another machine counts as interrupted and does not block a new one', async () => {
    const stale = fakeJob({ id: '29991231000000-0000000b', state: 'running', finishedAt: null, startedAt: new Date(Date.now() - 3_600_000).toISOString(), updatedAt: new Date(Date.now() - 10 * 60_000).toISOString() });
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    assert.equal(listExports(t.dataDir, b.site.id).find((j) => j.id === stale.id)?.state, 'failed');
    const page = await admin.get('/admin/archive');
    assert.doesNotMatch(page.body, /<button type="submit" disabled/, 'the page offers to start again');
    assert.match(page.body, /bị gián đoạn/);
    const fresh = await exportNow();
    assert.notEqual(fresh.id, stale.id);
    assert.equal(fresh.state, 'ready', 'a new export ran');
    // One beating now, on another machine, is running and blocks a second start.
    rmSync(jobDir(b.site.id, stale.id), { recursive: true, force: true });
    const live = fakeJob({ id: '29991231000000-0000000c', state: 'running', finishedAt: null, updatedAt: new Date().toISOString() });
    assert.equal((await exportNow()).id, live.id);
    assert.match((await admin.get('/admin/archive')).body, /<button type="submit" disabled/);
    rmSync(jobDir(b.site.id, live.id), { recursive: true, force: true });
    // This process's jobs write the heartbeat.
    const mine = await exportNow();
    assert.ok(JSON.parse(readFileSync(path.join(jobDir(b.site.id, mine.id), 'status.json'), 'utf8')).updatedAt);
  });

  test('an export does not start when the disk is short of space', async () => {
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    const before = listExports(t.dataDir, b.site.id).length;
    const real = diskSpace.free;
    try {
      diskSpace.free = () => 100 * 1024 ** 2;
      assert.equal((await admin.post('/admin/archive')).statusCode, 303);
      assert.match((await admin.get('/admin/archive')).body, /Không đủ chỗ trống trên đĩa/);
      // Twice the site's public files is needed too.
      diskSpace.free = () => 1.5 * 1024 ** 3;
      const big = await t.db.insertInto('media').values({ site_id: b.site.id, sha256: 'f'.repeat(64), kind: 'file', mime: 'application/pdf', ext: 'pdf', size: 1024 ** 3, width: null, height: null, original_name: 'lon.pdf', alt: null, caption: null, open_format: 1, private: 0, variants: '[]', created_by_user_id: null, created_at: new Date().toISOString(), deleted_at: null }).returning('id').executeTakeFirstOrThrow();
      await assert.rejects(exportNow(), /Not enough free disk space/);
      await t.db.deleteFrom('media').where('id', '=', big.id).execute();
    } finally {
      diskSpace.free = real;
    }
    assert.equal(listExports(t.dataDir, b.site.id).length, before, 'nothing was started');
  });

  test('the administrator deletes an export (audited); another site and a member without the right cannot', async () => {
    const [job] = listExports(t.dataDir, b.site.id).filter((j) => j.state === 'ready');
    assert.ok(job);
    const outsider = new Agent(t.app, other.host);
    await outsider.login(other.people.site_admin.email);
    assert.equal((await outsider.post(`/admin/archive/${job.id}/delete`)).statusCode, 404);
    const contributor = new Agent(t.app, b.host);
    await contributor.login(b.people.contributor.email);
    assert.equal((await contributor.post(`/admin/archive/${job.id}/delete`)).statusCode, 403);
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    assert.match((await admin.get('/admin/archive')).body, new RegExp(`action="/admin/archive/${job.id}/delete"`));
    assert.notEqual((await admin.post(`/admin/archive/${job.id}/delete`, {}, { csrf: false })).statusCode, 303, 'not without the form token');
    assert.ok(existsSync(jobDir(b.site.id, job.id)));
    assert.equal((await admin.post(`/admin/archive/${job.id}/delete`)).statusCode, 303);
    assert.ok(!existsSync(jobDir(b.site.id, job.id)), 'its files are gone');
    assert.match((await admin.get('/admin/archive')).body, /Đã xóa bản xuất/);
    const audit = await t.db.selectFrom('audit_log').select(['details']).where('site_id', '=', b.site.id).where('action', '=', 'site.archive_export_delete').execute();
    assert.equal(audit.length, 1);
    assert.match(String(audit[0]!.details), new RegExp(job.id));
  });

  test('starting exports is rate-limited', async () => {
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push((await admin.post('/admin/archive')).statusCode);
      await exportsSettled();
    }
    const first = codes.indexOf(429);
    assert.ok(first > 0, `a start is refused after a few: ${codes.join(',')}`);
    assert.ok(codes.slice(0, first).every((c) => c === 303), codes.join(','));
  });
});
