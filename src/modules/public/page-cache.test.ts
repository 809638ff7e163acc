// The render cache follows versions announced by other nodes (NOTIFY) without
// dropping pages for a change this node has already seen.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageCache } from './page-cache.ts';

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

  it('compresses only the encoding asked for, the other when first needed, and counts both', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const cache = new PageCache();
    const entry = cache.set(cache.key(1, 'vi', '/a'), page, 'text/html', null);
    assert.equal(entry.br, null, 'nothing compressed before a reader asks');
    assert.equal(entry.gzip, null);
    const before = cache.stats().bytes;
    const br = entry.encoded('br');
    assert.equal(brotliDecompressSync(br).toString(), page);
    assert.equal(entry.gzip, null, 'gzip not made for a brotli reader');
    assert.equal(cache.stats().bytes, before + br.length);
    assert.equal(entry.encoded('br'), br, 'made once');
    const gz = entry.encoded('gzip');
    assert.equal(gunzipSync(gz).toString(), page);
    assert.equal(cache.stats().bytes, before + br.length + gz.length);
    assert.ok(br.buffer.byteLength === br.length && gz.buffer.byteLength === gz.length, 'no larger zlib chunk kept alive');
  });

  it('stays within its bound in bytes, keeping the most recently used pages', () => {
    const cache = new PageCache(200_000);
    for (let i = 0; i < 40; i++) cache.set(cache.key(1, 'vi', `/p${i}`), page + i, 'text/html', null).encoded('br');
    const { bytes, entries, maxBytes } = cache.stats();
    assert.ok(bytes <= maxBytes, `${bytes} bytes within ${maxBytes}`);
    assert.ok(entries > 0 && entries < 40);
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
