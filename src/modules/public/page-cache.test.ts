// The render cache follows versions announced by other nodes (NOTIFY) without
// dropping pages for a change this node has already seen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { compressOffLoop, compressOnLoop, compressorFor, PageCache, sendEntry, type Compressor, type Encoding } from './page-cache.ts';

describe('render cache and announced versions', () => {
  it('drops a site’s pages only for a version newer than the one it follows', () => {
    const cache = new PageCache();
    cache.observeVersions(new Map([[1, 3], [2, 5]]));
    const cachePage = (siteId: number) => cache.set(cache.key(siteId, 'vi', '/'), `<p>trang ${siteId}</p>`, 'text/html', null);
    const cached = (siteId: number) => cache.get(cache.key(siteId, 'vi', '/')) !== undefined;
    cachePage(1);
    cachePage(2);
    cache.observeAnnouncedVersion(1, 3); // the notice of a change this node already followed
    cache.observeAnnouncedVersion(1, 2); // a late notice of an older change
    assert.equal(cached(1), true);
    cache.observeAnnouncedVersion(1, 4);
    assert.equal(cached(1), false);
    assert.equal(cached(2), true, 'another site keeps its pages');
    cachePage(1);
    cache.observeAnnouncedVersion(7, 1); // a site this node has not seen yet
    assert.equal(cached(1), true);
  });
});

describe('render cache dropped by tags (ADR 33)', () => {
  const url = (n: number) => `/p${n}`;
  const fill = (cache: PageCache, tags: (string[] | null)[]) => tags.forEach((t, n) => cache.set(cache.key(1, 'vi', url(n)), `<p>${n}</p>`, 'text/html', null, null, t));
  const kept = (cache: PageCache, count: number) => Array.from({ length: count }, (_, n) => cache.get(cache.key(1, 'vi', url(n))) !== undefined);

  it('drops the pages that name a tag and the untagged ones; an exact scope keeps the untagged', () => {
    const cache = new PageCache();
    fill(cache, [['item:1'], ['item:2'], ['item:2', 'lists'], null]);
    cache.invalidateTags(1, ['item:1', 'lists']);
    assert.deepEqual(kept(cache, 4), [false, true, false, false]);
    fill(cache, [['item:1'], ['item:2'], null]);
    cache.invalidateTags(1, ['item:2'], true);
    assert.deepEqual(kept(cache, 3), [true, false, true]);
    assert.equal(cache.stats().pagesDropped, 4);
  });

  it('a version after a gap, or without tags, drops the whole site; a page rendered during a drop is not kept', () => {
    const cache = new PageCache();
    cache.observeVersions(new Map([[1, 3]]));
    fill(cache, [['item:1'], ['item:2']]);
    cache.applyVersion(1, 4, { tags: ['item:1'], exact: true }, 3);
    assert.deepEqual(kept(cache, 2), [false, true]);
    cache.observeAnnouncedVersion(1, 6, { tags: ['item:1'], exact: true }); // version 5 was missed
    assert.deepEqual(kept(cache, 2), [false, false]);
    const generation = cache.generation(1);
    cache.invalidateTags(1, ['item:9'], true);
    cache.set(cache.key(1, 'vi', url(0)), '<p>old</p>', 'text/html', null, null, ['item:1'], generation);
    assert.deepEqual(kept(cache, 1), [false]);
  });
});

describe('render cache compression and size', () => {
  const page = `<!doctype html><title>Trang</title>${'<p>Tin tức thời sự trong tỉnh, xây dựng nông thôn mới.</p>'.repeat(200)}`;

  it('compresses only the encoding asked for, the other when first needed, and counts what it keeps', async () => {
    const cache = new PageCache();
    const key = cache.key(1, 'vi', '/a');
    const entry = cache.set(key, page, 'text/html', null);
    assert.equal(entry.br, null, 'nothing compressed before a reader asks');
    assert.equal(entry.gzip, null);
    const overhead = cache.stats().bytes - Buffer.byteLength(page);
    const br = await entry.encoded('br');
    assert.equal(brotliDecompressSync(br).toString(), page);
    assert.equal(entry.gzip, null, 'gzip not made for a brotli reader');
    assert.equal(entry.holdsBody, false, 'the uncompressed page is dropped once compressed');
    assert.equal(cache.stats().bytes, overhead + br.length);
    assert.equal(await entry.encoded('br'), br, 'made once');
    const gz = await entry.encoded('gzip');
    assert.equal(gunzipSync(gz).toString(), page, 'the second encoding is made from the kept one');
    assert.equal(cache.stats().bytes, overhead + br.length + gz.length);
    assert.equal(entry.bytes, cache.stats().bytes);
    assert.ok(br.buffer.byteLength === br.length && gz.buffer.byteLength === gz.length, 'no larger zlib chunk or pool kept alive');
  });

  it('shares one compression between concurrent readers of one encoding', async () => {
    const made: Encoding[] = [];
    const cache = new PageCache(undefined, undefined, (body, encoding) => (made.push(encoding), compressOffLoop(body, encoding)));
    const entry = cache.set(cache.key(1, 'vi', '/a'), page, 'text/html', null);
    const [a, b, c] = await Promise.all([entry.encoded('br'), entry.encoded('br'), entry.encoded('br')]);
    assert.ok(a === b && b === c);
    assert.deepEqual(made, ['br']);
    await entry.encoded('br');
    assert.deepEqual(made, ['br'], 'kept');
  });

  it('counts bytes exactly when a page goes while its compression is under way', async () => {
    const release: (() => void)[] = [];
    const held: Compressor = (body, encoding) => new Promise((resolve) => release.push(() => resolve(compressOffLoop(body, encoding))));
    const cache = new PageCache(3 * Buffer.byteLength(page), undefined, held);
    const first = cache.set(cache.key(1, 'vi', '/a'), page, 'text/html', null);
    const compressing = first.encoded('br');
    cache.invalidateSite(1); // dropped meanwhile
    const second = cache.set(cache.key(1, 'vi', '/b'), page, 'text/html', null);
    const compressingSecond = second.encoded('gzip');
    for (let i = 0; i < 4; i++) cache.set(cache.key(1, 'vi', `/c${i}`), page, 'text/html', null); // evicts /b meanwhile
    assert.equal(cache.get(cache.key(1, 'vi', '/b')), undefined);
    const bytesBefore = cache.stats().bytes;
    release.forEach((go) => go());
    const [br, gz] = await Promise.all([compressing, compressingSecond]);
    assert.equal(cache.stats().bytes, bytesBefore, 'a compression finished after its page went changes nothing');
    assert.equal(first.bytes, br.length + first.key.length + 600);
    assert.equal(second.bytes, gz.length + second.key.length + 600);
    const kept = [0, 1, 2, 3].map((i) => cache.get(cache.key(1, 'vi', `/c${i}`))).filter((e) => e !== undefined);
    assert.equal(cache.stats().bytes, kept.reduce((sum, e) => sum + e.bytes, 0));
  });

  it('answers every encoding with the same page, identity after the page was dropped, and 304s', async () => {
    const made: Encoding[] = [];
    const cache = new PageCache(undefined, undefined, (body, encoding) => (made.push(encoding), compressOffLoop(body, encoding)));
    const entry = cache.set(cache.key(1, 'vi', '/a'), page, 'text/html; charset=utf-8', null);
    const app = Fastify();
    app.get('/a', async (request, reply) => sendEntry(request, reply, entry));
    const get = (headers: Record<string, string>) => app.inject({ url: '/a', headers });
    try {
      const concurrent = await Promise.all([get({ 'accept-encoding': 'br' }), get({ 'accept-encoding': 'gzip, deflate, br' })]);
      assert.deepEqual(made, ['br'], 'concurrent requests share one compression');
      for (const res of concurrent) assert.equal(brotliDecompressSync(res.rawPayload).toString(), page);
      assert.equal(entry.holdsBody, false);
      const plain = await get({});
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(plain.rawPayload.equals(Buffer.from(page)), 'identity gets the exact bytes, decompressed');
      const gz = await get({ 'accept-encoding': 'gzip' });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.rawPayload).toString(), page);
      const etag = concurrent[0]!.headers.etag as string;
      assert.equal(etag, `"${createHash('sha1').update(page).digest('base64url')}"`, 'the ETag is the hash of the uncompressed page');
      assert.equal(gz.headers.etag, etag);
      assert.equal((await get({ 'if-none-match': etag, 'accept-encoding': 'br' })).statusCode, 304);
      assert.equal((await get({ 'if-modified-since': entry.lastModified })).statusCode, 304);
      assert.deepEqual(made, ['br', 'gzip']);
    } finally {
      await app.close();
    }
  });

  it('stays within its bound in bytes, keeping the most recently used pages', async () => {
    const cache = new PageCache(200_000);
    for (let i = 0; i < 40; i++) cache.set(cache.key(1, 'vi', `/p${i}`), page + i, 'text/html', null);
    const { bytes, entries, maxBytes } = cache.stats();
    assert.ok(bytes <= maxBytes, `${bytes} bytes within ${maxBytes}`);
    assert.ok(entries > 0 && entries < 40);
    await cache.get(cache.key(1, 'vi', '/p39'))!.encoded('br');
    assert.ok(cache.stats().bytes < bytes - 10_000, 'a compressed page takes less room than it did');
    assert.notEqual(cache.get(cache.key(1, 'vi', '/p39')), undefined, 'the newest page kept');
    assert.equal(cache.get(cache.key(1, 'vi', '/p0')), undefined, 'the oldest page gone');
  });

  it('counts the changes and the pages they dropped', () => {
    const cache = new PageCache();
    cache.observeVersions(new Map([[1, 1], [2, 1]]));
    for (const url of ['/', '/a', '/b']) cache.set(cache.key(1, 'vi', url), page, 'text/html', null);
    cache.set(cache.key(2, 'vi', '/'), page, 'text/html', null);
    const before = cache.stats();
    cache.observeVersions(new Map([[1, 2], [2, 1]]));
    const after = cache.stats();
    assert.equal(after.changes - before.changes, 1);
    assert.equal(after.pagesDropped - before.pagesDropped, 3);
    assert.equal(after.entries, 1);
  });
});

describe('where pages are compressed', () => {
  it('off the event loop only while a core has no serving process; both ways give the same page', async () => {
    assert.equal(compressorFor(1, 2), compressOffLoop);
    assert.equal(compressorFor(2, 2), compressOnLoop);
    assert.equal(compressorFor(4, 2), compressOnLoop);
    const page = Buffer.from('<p>Thông báo lịch tiếp công dân tháng 12/2026</p>'.repeat(200));
    for (const compress of [compressOffLoop, compressOnLoop]) {
      assert.deepEqual(brotliDecompressSync(await compress(page, 'br')), page);
      assert.deepEqual(gunzipSync(await compress(page, 'gzip')), page);
    }
  });
});
