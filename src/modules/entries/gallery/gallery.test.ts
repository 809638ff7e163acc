// Galleries end to end on a real database: videos and captions are checked by
// content at upload (a ".mp4" that is HTML, text or HEVC is refused with a
// Vietnamese message, and so is one over the limit), the library serves a
// video in byte ranges (206) so players seek and Safari plays it; the kind's
// own rules (something to show, photos described, a video field holds a video
// of this site); and what a citizen sees: the grid of albums with thumbnails
// and counts, the album with captioned figures linking to the full photo and
// players that never autoplay, with poster, captions and a download link, and
// the home page's block.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { completenessProblems, sectionKind } from '../../../core/entries/index.ts';
import { mp4SampleEntries, UPLOAD_LIMITS } from '../../../platform/uploads/index.ts';
import { parseByteRange } from '../../../platform/http/byte-range.ts';
import { Agent, textOf } from '../../../../test/support/agent.ts';
import { buildTestApp, type TestApp } from '../../../../test/support/app.ts';
import { forEachEngine } from '../../../../test/support/databases.ts';
import { makePng } from '../../../../test/support/docx.ts';
import { makeBoard, type Board } from '../../../../test/support/editorial.ts';
import { entryBody, publishEntry } from '../../../../test/support/entries.ts';

const asset = (name: string) => readFileSync(new URL(`../../../../assets/demo/${name}`, import.meta.url));
const MP4 = asset('video-mau.mp4');
const WEBM = asset('video-mau.webm');
const VTT = asset('video-mau.vtt');

function box(type: string, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

/** A minimal MP4 whose only video track is of `codec` (what a recent phone records: hvc1). */
function mp4With(codec: string): Buffer {
  const entry = Buffer.alloc(16);
  entry.writeUInt32BE(16, 0);
  entry.write(codec, 4, 'latin1');
  const stsd = box('stsd', Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), entry);
  return Buffer.concat([box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2', 'latin1')), box('moov', box('trak', box('mdia', box('minf', box('stbl', stsd))))), box('mdat', Buffer.alloc(2000, 7))]);
}

test('byte ranges: one range, open-ended, suffix, unsatisfiable, and malformed ones served whole', () => {
  assert.deepEqual(parseByteRange('bytes=0-99', 1000), { kind: 'partial', start: 0, end: 99 });
  assert.deepEqual(parseByteRange('bytes=900-', 1000), { kind: 'partial', start: 900, end: 999 });
  assert.deepEqual(parseByteRange('bytes=-100', 1000), { kind: 'partial', start: 900, end: 999 });
  assert.deepEqual(parseByteRange('bytes=990-5000', 1000), { kind: 'partial', start: 990, end: 999 });
  assert.deepEqual(parseByteRange('bytes=1000-', 1000), { kind: 'unsatisfiable' });
  assert.deepEqual(parseByteRange('bytes=0-1,5-9', 1000), { kind: 'whole' });
  assert.deepEqual(parseByteRange(undefined, 1000), { kind: 'whole' });
});

test('the MP4 probe reads the codecs of the movie header', () => {
  assert.deepEqual(mp4SampleEntries(MP4), ['avc1', 'mp4a']);
  assert.deepEqual(mp4SampleEntries(mp4With('hvc1')), ['hvc1']);
});

test('the kind’s rules: something to show before submission, described photos, a video for a video gallery', () => {
  const gallery = sectionKind('gallery')!;
  const codes = (values: Record<string, unknown>) => completenessProblems(gallery, 'Album', values, '2026-12-07').map((p) => `${p.code}:${p.field}`);
  const empty = completenessProblems(gallery, 'Album', { galleryType: 'mixed' }, '2026-12-07');
  assert.deepEqual(empty.map((p) => p.code), ['gallery_empty']);
  assert.match(empty[0]!.vi, /ít nhất một ảnh hoặc một video/);
  assert.deepEqual(codes({ galleryType: 'photo', pictures: [{ mediaId: 1, alt: '', caption: null }] }), ['picture_alt_required:f.pictures.0.alt']);
  assert.deepEqual(codes({ galleryType: 'video', pictures: [{ mediaId: 1, alt: 'Ảnh', caption: null }] }), ['gallery_no_video:f.videos']);
  assert.deepEqual(codes({ galleryType: 'mixed', videos: [{ video: 3 }] }), ['field_required:f.videos.0.title']);
});

forEachEngine('galleries: video uploads, byte ranges, the kind’s rules and the public pages', (engine) => {
  let t: TestApp;
  let b: Board;
  let other: Board;
  let contributor: Agent;
  const ids: Record<string, number> = {};
  let album: { id: number; slug: string };

  const media = async (name: string) => t.db.selectFrom('media').selectAll().where('site_id', '=', b.site.id).where('original_name', '=', name).executeTakeFirstOrThrow();
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { host: b.host, ...headers } });

  before(async () => {
    t = await buildTestApp(engine);
    b = await makeBoard(t, 'thuvienanh');
    other = await makeBoard(t, 'thuvienkhac');
    contributor = new Agent(t.app, b.host);
    await contributor.login(b.people.contributor.email);
  });
  after(async () => t.close());

  test('an MP4 (H.264) and a WebM video go into the library, checked by content whatever their name', async () => {
    const mp4 = await contributor.upload('/admin/media/video', { videoTitle: 'Lễ khánh thành' }, { field: 'video', name: 'le-khanh-thanh.mp4', data: MP4, contentType: 'video/mp4' });
    assert.equal(mp4.statusCode, 303, mp4.body);
    const row = await media('le-khanh-thanh.mp4');
    assert.deepEqual([row.kind, row.mime, row.ext, row.size, row.caption], ['file', 'video/mp4', 'mp4', MP4.length, 'Lễ khánh thành']);
    ids.video = row.id;
    const webm = await contributor.upload('/admin/media/video', {}, { field: 'video', name: 'clip-khong-duoi', data: WEBM });
    assert.equal(webm.statusCode, 303, webm.body);
    assert.equal((await media('clip-khong-duoi')).mime, 'video/webm');
    // Only those who write content upload; nobody signed in gets nothing stored.
    const admin = new Agent(t.app, b.host);
    await admin.login(b.people.site_admin.email);
    assert.equal((await admin.upload('/admin/media/video', {}, { field: 'video', name: 'x.mp4', data: MP4 })).statusCode, 403);
    assert.notEqual((await new Agent(t.app, b.host).upload('/admin/media/video', {}, { field: 'video', name: 'y.mp4', data: MP4 })).statusCode, 303);
    assert.equal((await t.db.selectFrom('media').select('id').where('original_name', 'in', ['x.mp4', 'y.mp4']).execute()).length, 0);
    const audit = await t.db.selectFrom('audit_log').select('action').where('site_id', '=', b.site.id).where('target_id', '=', String(row.id)).where('target_type', '=', 'media').execute();
    assert.deepEqual(audit.map((a) => a.action), ['media.upload']);
  });

  test('a ".mp4" that is HTML or text, an HEVC video, and one over the limit are refused with a message, and nothing is stored', async () => {
    const before = await t.db.selectFrom('media').select('id').where('site_id', '=', b.site.id).execute();
    const html = await contributor.upload('/admin/media/video', {}, { field: 'video', name: 'video.mp4', data: Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), contentType: 'video/mp4' });
    assert.equal(html.statusCode, 400);
    assert.match(textOf(html.body), /Tệp “video\.mp4” thực chất là trang HTML\/SVG\/XML \(có thể chứa mã lệnh\), không được nhận\. Video chỉ nhận: MP4 \(H\.264\), WebM\./);
    const text = await contributor.upload('/admin/media/video', {}, { field: 'video', name: 'phim.mp4', data: Buffer.from('Đây chỉ là văn bản, không phải video.') });
    assert.equal(text.statusCode, 400);
    assert.match(textOf(text.body), /thực chất là văn bản thuần/);
    const hevc = await contributor.upload('/admin/media/video', {}, { field: 'video', name: 'iphone.mp4', data: mp4With('hvc1') });
    assert.equal(hevc.statusCode, 400);
    assert.match(textOf(hevc.body), /mã hóa hình ảnh HVC1.*phải mã hóa H\.264/);
    const limit = UPLOAD_LIMITS.video;
    UPLOAD_LIMITS.video = 10_000;
    try {
      const big = await contributor.upload('/admin/media/video', {}, { field: 'video', name: 'dai.mp4', data: MP4 });
      assert.equal(big.statusCode, 413);
      assert.match(textOf(big.body), /Tệp quá lớn: dung lượng tối đa là 0 MB|Tệp quá lớn: dung lượng tối đa là 0,01 MB/);
    } finally {
      UPLOAD_LIMITS.video = limit;
    }
    const after = await t.db.selectFrom('media').select('id').where('site_id', '=', b.site.id).execute();
    assert.equal(after.length, before.length);
    // Only this route takes videos: the library's own form still refuses them as attachments.
    const asAttachment = await contributor.upload('/admin/media', { purpose: 'attachment' }, { name: 'video.mp4', data: MP4 });
    assert.equal(asAttachment.statusCode, 400);
  });

  test('captions: a WebVTT file is taken; HTML or SRT in a ".vtt" is refused with what to do', async () => {
    const ok = await contributor.upload('/admin/media', { purpose: 'subtitle' }, { name: 'phu-de.vtt', data: VTT, contentType: 'text/vtt' });
    assert.equal(ok.statusCode, 303, ok.body);
    const row = await media('phu-de.vtt');
    assert.deepEqual([row.mime, row.ext], ['text/vtt', 'vtt']);
    ids.subtitle = row.id;
    const markup = await contributor.upload('/admin/media', { purpose: 'subtitle' }, { name: 'xau.vtt', data: Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n') });
    assert.equal(markup.statusCode, 400);
    assert.match(textOf(markup.body), /trang HTML\/SVG\/XML/);
    const srt = await contributor.upload('/admin/media', { purpose: 'subtitle' }, { name: 'phu-de.srt', data: Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nXin chào\n') });
    assert.equal(srt.statusCode, 400);
    assert.match(textOf(srt.body), /Phụ đề phải là tệp WebVTT \(\.vtt\)/);
  });

  test('the library serves a video in byte ranges: 206 with the right bytes, 416 past the end, 200 whole', async () => {
    const row = await media('le-khanh-thanh.mp4');
    const url = `/media/${row.sha256}/original.mp4`;
    const whole = await get(url);
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.equal(whole.headers['content-type'], 'video/mp4');
    assert.equal(Number(whole.headers['content-length']), MP4.length);
    assert.ok(whole.rawPayload.equals(MP4));
    const part = await get(url, { range: 'bytes=100-1099' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 100-1099/${MP4.length}`);
    assert.equal(Number(part.headers['content-length']), 1000);
    assert.ok(part.rawPayload.equals(MP4.subarray(100, 1100)));
    const tail = await get(url, { range: 'bytes=-16' });
    assert.equal(tail.statusCode, 206);
    assert.ok(tail.rawPayload.equals(MP4.subarray(MP4.length - 16)));
    const past = await get(url, { range: `bytes=${MP4.length}-` });
    assert.equal(past.statusCode, 416);
    assert.equal(past.headers['content-range'], `bytes */${MP4.length}`);
    // A stale validator gets the whole (current) file, never a piece of something else.
    const stale = await get(url, { range: 'bytes=0-9', 'if-range': '"0000"' });
    assert.equal(stale.statusCode, 200);
    // Another site's address for the same file is 404.
    assert.equal((await t.app.inject({ method: 'GET', url, headers: { host: other.host } })).statusCode, 404);
  });

  test('a video field takes only a video of this site, a captions field only WebVTT', async () => {
    const photo = await contributor.upload('/admin/media', { purpose: 'image', alt: 'Toàn cảnh lễ khánh thành' }, { name: 'toan-canh.png', data: makePng(800, 600), contentType: 'image/png' });
    assert.equal(photo.statusCode, 303);
    ids.photo = (await media('toan-canh.png')).id;
    const second = await contributor.upload('/admin/media', { purpose: 'image', alt: 'Cắt băng khánh thành' }, { name: 'cat-bang.png', data: makePng(600, 800, [20, 120, 40]), contentType: 'image/png' });
    assert.equal(second.statusCode, 303);
    ids.photo2 = (await media('cat-bang.png')).id;
    const save = (videos: unknown[]) => b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'gallery', { galleryType: 'video', videos }, { title: 'Album thử' }));
    const image = await save([{ title: 'Video', video: ids.photo }]);
    assert.equal(image.statusCode, 422, image.body);
    assert.deepEqual(image.json().error.details.map((d: { code: string }) => d.code), ['invalid_entry_video']);
    const captions = await save([{ title: 'Video', video: ids.video, subtitles: ids.video }]);
    assert.deepEqual(captions.json().error.details.map((d: { code: string }) => d.code), ['invalid_entry_subtitle']);
    const foreignUp = await other.as('contributor', 'GET', '/api/v1/articles');
    void foreignUp;
    const foreign = await t.db.insertInto('media').values({ site_id: other.site.id, sha256: (await media('le-khanh-thanh.mp4')).sha256, kind: 'file', mime: 'video/mp4', ext: 'mp4', size: MP4.length, width: null, height: null, original_name: 'khac.mp4', alt: null, caption: null, open_format: 1, variants: '[]', created_by_user_id: null, created_at: new Date().toISOString(), deleted_at: null }).returning('id').executeTakeFirstOrThrow();
    const stranger = await save([{ title: 'Video', video: foreign.id }]);
    assert.equal(stranger.statusCode, 422);
    assert.deepEqual(stranger.json().error.details.map((d: { code: string }) => d.code), ['invalid_entry_file']);
  });

  test('the back-office form offers only videos for a video, only WebVTT for captions, only images for a poster', async () => {
    const form = await contributor.get('/admin/articles/new?entry=gallery');
    assert.equal(form.statusCode, 200);
    const options = (name: string) => {
      const select = new RegExp(`<select[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(form.body)?.[1] ?? '';
      return [...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));
    };
    assert.ok(options('f.videos.0.video').includes(ids.video!));
    assert.ok(!options('f.videos.0.video').includes(ids.photo!));
    assert.deepEqual(options('f.videos.0.subtitles'), [ids.subtitle]);
    assert.ok(options('f.videos.0.poster').includes(ids.photo!) && !options('f.videos.0.poster').includes(ids.video!));
  });

  test('two uploads of the same video name are told apart in the drop-down by their title, time and size', async () => {
    for (const title of ['Đại hội Đoàn xã', 'Hội thi văn nghệ']) {
      assert.equal((await contributor.upload('/admin/media/video', { videoTitle: title }, { field: 'video', name: 'video-mau.mp4', data: MP4, contentType: 'video/mp4' })).statusCode, 303);
    }
    const form = await contributor.get('/admin/articles/new?entry=gallery');
    const select = /<select[^>]*name="f\.videos\.0\.video"[^>]*>([\s\S]*?)<\/select>/.exec(form.body)![1]!;
    const labels = [...select.matchAll(/<option value="\d+"[^>]*>([^<]*video-mau\.mp4[^<]*)<\/option>/g)].map((m) => m[1]!);
    assert.equal(labels.length, 2, select);
    assert.notEqual(labels[0], labels[1]);
    assert.match(labels.join('\n'), /video-mau\.mp4 — Hội thi văn nghệ \(\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, [\d,.]+ KB\)/);
    assert.match(labels.join('\n'), /video-mau\.mp4 — Đại hội Đoàn xã/);
  });

  test('an empty gallery or photos without descriptions cannot be submitted', async () => {
    const empty = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'gallery', { galleryType: 'mixed' }, { title: 'Album chưa có ảnh' }));
    assert.equal(empty.statusCode, 201, empty.body);
    const submit = await b.as('contributor', 'POST', `/api/v1/articles/${empty.json().id}/actions`, { action: 'submit' });
    assert.equal(submit.statusCode, 422);
    assert.deepEqual(submit.json().error.details.map((d: { code: string }) => d.code), ['gallery_empty']);
    assert.match(submit.json().error.details[0].message, /at least one photo or video/);
    // A photo the library has no description for either.
    assert.equal((await contributor.upload('/admin/media', { purpose: 'image' }, { name: 'chua-mo-ta.png', data: makePng(400, 300, [200, 10, 10]), contentType: 'image/png' })).statusCode, 303);
    const bare = (await media('chua-mo-ta.png')).id;
    const noAlt = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'gallery', { galleryType: 'photo', pictures: [{ mediaId: bare, alt: '', caption: 'Chú thích' }] }, { title: 'Album ảnh chưa mô tả' }));
    const refused = await b.as('contributor', 'POST', `/api/v1/articles/${noAlt.json().id}/actions`, { action: 'submit' });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(refused.json().error.details.map((d: { code: string; field: string }) => `${d.code}:${d.field}`), ['picture_alt_required:f.pictures.0.alt']);
    // One the library describes takes that description: nothing to ask again.
    const described = await b.as('contributor', 'POST', '/api/v1/articles', entryBody(b, 'gallery', { galleryType: 'photo', pictures: [{ mediaId: ids.photo, alt: '', caption: null }] }, { title: 'Album ảnh mô tả từ thư viện' }));
    assert.equal(described.statusCode, 201, described.body);
    assert.equal(described.json().entry.values.pictures[0].alt, 'Toàn cảnh lễ khánh thành');
  });

  test('a citizen sees the grid of albums, the album’s captioned figures and its players, and the home page’s block', async () => {
    // The home page (cached) has no gallery block until an album is published.
    assert.doesNotMatch((await get('/')).body, /home-gallery-h/);
    album = await publishEntry(
      b,
      'gallery',
      {
        galleryType: 'mixed',
        eventDate: '2026-11-20',
        description: 'Lễ khánh thành cầu treo bản Mới.\nẢnh và video của Phòng Văn hóa và Thông tin.',
        pictures: [
          { mediaId: ids.photo, alt: 'Toàn cảnh lễ khánh thành', caption: 'Toàn cảnh buổi lễ' },
          { mediaId: ids.photo2, alt: 'Cắt băng khánh thành', caption: 'Lãnh đạo huyện cắt băng' },
        ],
        videos: [{ title: 'Phóng sự lễ khánh thành', video: ids.video, poster: ids.photo, subtitles: ids.subtitle, duration: '0:04', description: 'Phóng sự ngắn về buổi lễ.' }],
      },
      { title: 'Khánh thành cầu treo bản Mới', summary: 'Hình ảnh lễ khánh thành.' },
    );
    const photo = await media('toan-canh.png');
    const variants = JSON.parse(photo.variants) as { width: number }[];
    const smallest = Math.min(...variants.map((v) => v.width));

    const list = await get('/thu-vien-anh-video');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /<ul class="gallery-grid" aria-labelledby="entry-results-h">/);
    assert.match(list.body, new RegExp(`<a href="/thu-vien-anh-video/${album.slug}"><img src="/media/${photo.sha256}/${smallest}\\.webp" alt="" width="${smallest}" height="${Math.round((600 * smallest) / 800)}" loading="lazy"`));
    assert.match(textOf(list.body), /Khánh thành cầu treo bản Mới 2 ảnh · 1 video · Ngày sự kiện: 20\/11\/2026/);

    const page = await get(`/thu-vien-anh-video/${album.slug}`);
    assert.equal(page.statusCode, 200);
    const html = page.body;
    assert.match(html, new RegExp(`<figure><a href="/media/${photo.sha256}/original\\.png"><img src="/media/${photo.sha256}/\\d+\\.webp"[^>]* alt="Toàn cảnh lễ khánh thành"[^>]*loading="lazy"`));
    assert.match(html, /<figcaption>Toàn cảnh buổi lễ<\/figcaption>/);
    assert.match(html, /<figcaption>Lãnh đạo huyện cắt băng<\/figcaption>/);
    const video = /<video[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(video, /\bcontrols\b/);
    assert.match(video, /preload="none"/);
    assert.match(video, new RegExp(`poster="/media/${photo.sha256}/\\d+\\.webp"`));
    assert.doesNotMatch(html, /autoplay/);
    const mp4 = await media('le-khanh-thanh.mp4');
    const vtt = await media('phu-de.vtt');
    assert.match(html, new RegExp(`<source src="/media/${mp4.sha256}/original\\.mp4" type="video/mp4"/>`));
    assert.match(html, new RegExp(`<track kind="captions" src="/media/${vtt.sha256}/original\\.vtt" srclang="vi" label="Phụ đề tiếng Việt"/>`));
    assert.match(textOf(html), /Tải video về \(MP4, 57 KB\)/);
    assert.match(textOf(html), /Phóng sự ngắn về buổi lễ\./);
    assert.match(textOf(html), /Ngày sự kiện 20\/11\/2026/);
    const track = await get(`/media/${vtt.sha256}/original.vtt`);
    assert.equal(track.headers['content-type'], 'text/vtt; charset=utf-8');
    assert.match(track.body, /^WEBVTT/);

    const home = await get('/');
    assert.match(home.body, /<section class="home-block home-gallery" aria-labelledby="home-gallery-h">/);
    assert.match(home.body, new RegExp(`href="/thu-vien-anh-video/${album.slug}"`));
    assert.match(home.body, /<a href="\/thu-vien-anh-video">Xem tất cả album<\/a>/);
    // Another site has no such album.
    assert.equal((await t.app.inject({ method: 'GET', url: `/thu-vien-anh-video/${album.slug}`, headers: { host: other.host } })).statusCode, 404);
  });
});
