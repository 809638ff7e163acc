// The demo's galleries: with a file store, Thanh Chương and the Department of
// Construction each show a photo album and an album with the sample video (its
// Vietnamese captions and poster) on the list, the album page and the home page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { loadDemo, type DemoResult } from './load-demo.ts';

let t: TestApp;
let demo: DemoResult;

before(async () => {
  t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-12-07T01:00:00Z')) });
  demo = await loadDemo(t.db, { password: 'Demo-thu-nghiem-2026', clock: t.clock, files: t.deps.files });
  t.refreshSites();
});
after(async () => t?.close());

for (const key of ['thanhchuong', 'sxd-kontum']) {
  test(`${key}: a photo album and a video album, on the list, the album and the home page`, async () => {
    const site = demo.sites.find((s) => s.key === key)!;
    const get = (url: string) => t.app.inject({ url, headers: { host: site.primaryHost! } });
    const list = await get('/thu-vien-anh-video');
    assert.equal(list.statusCode, 200);
    const albums = [...list.body.matchAll(/<li class="gallery-card"><a href="(\/thu-vien-anh-video\/[a-z0-9-]+)"><img src="\/media\/[0-9a-f]{64}\/\d+\.webp"/g)].map((m) => m[1]!);
    assert.equal(albums.length, 2);
    const pages = await Promise.all(albums.map(async (a) => (await get(a)).body));
    const withVideo = pages.find((p) => p.includes('<video'));
    assert.ok(withVideo, 'one album has the video');
    assert.match(withVideo, /<track kind="captions" src="\/media\/[0-9a-f]{64}\/original\.vtt" srclang="vi"/);
    assert.ok(pages.some((p) => !p.includes('<video') && (p.match(/<figcaption>/g)?.length ?? 0) >= 2), 'the other is photos with captions');
    const home = await get('/');
    assert.match(home.body, /id="home-gallery-h"/);
    const mp4 = /<source src="(\/media\/[0-9a-f]{64}\/original\.mp4)"/.exec(withVideo)![1]!;
    const range = await get(mp4);
    assert.equal(range.statusCode, 200);
    assert.equal(range.headers['content-type'], 'video/mp4');
  });
}
