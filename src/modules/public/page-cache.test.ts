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
