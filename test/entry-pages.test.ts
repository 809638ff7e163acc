// The public page types of a declared section (list, filtered list, a bad
// filter, archive, entry, and the home, search and sitemap pages that show
// entries) are valid HTML for the Nu HTML Checker, and markup typed into an
// entry's title, summary or fields, or into the list's query, comes out as
// text, never as elements.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, TestClock, type TestApp } from './support/app.ts';
import { testEngines } from './support/databases.ts';
import { seedEntryPages, XSS, type EntryPages } from './support/entry-pages.ts';
import { htmlCheckerUnavailable, htmlErrors } from './support/html-checker.ts';

let t: TestApp;
let seeded: EntryPages;
const bodies = new Map<string, string>();

before(async () => {
  t = await buildTestApp(testEngines()[0]!, { clock: new TestClock(new Date('2026-11-23T02:00:00Z')) });
  seeded = await seedEntryPages(t, 'trangthongbao');
  for (const [label, url] of Object.entries(seeded.pages)) {
    const res = await t.app.inject({ method: 'GET', url, headers: { host: seeded.board.host } });
    assert.equal(res.statusCode, 200, `${label} ${url}: ${res.body.slice(0, 300)}`);
    bodies.set(label, res.body);
  }
});
after(async () => t?.close());

test('markup in an entry or in the list’s query is shown as text', () => {
  for (const [label, html] of bodies) {
    // Text escapes '<' (and quotes in attributes): no element or attribute can start.
    // Inside a quoted attribute value (metadata) '<' is plain text; elsewhere it must be escaped.
    const outsideAttributes = html.replace(/="[^"]*"/g, '=""');
    assert.doesNotMatch(outsideAttributes, /<script>alert|<img src=x/i, label);
  }
  assert.match(bodies.get('hostile entry')!, /<h1>Thông báo &#34;>&lt;script>alert\(1\)&lt;\/script>/, 'the title is escaped, not dropped');
  assert.match(bodies.get('hostile entry')!, /&lt;img src=x onerror=alert\(2\)>/, 'a field value is escaped');
  assert.match(bodies.get('list with a bad filter')!, /không có trong danh sách/);
});

test('feeds and open data stay well-formed with markup in an entry', async () => {
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { host: seeded.board.host } });
  const feed = (await get('/thong-bao/rss.xml')).body;
  assert.doesNotMatch(feed, /<script>/);
  assert.match(feed, /&lt;script&gt;/);
  const json = JSON.parse((await get('/thong-bao/du-lieu.json')).body) as { entries: { title: string }[] };
  assert.ok(json.entries.some((e) => e.title.includes('<script>')), 'JSON carries the text as it is');
});

test('the Nu HTML Checker finds no error on the page types of a declared section', { skip: htmlCheckerUnavailable() ?? false }, async () => {
  const errors = await htmlErrors([...bodies].map(([label, html]) => ({ label, html })));
  assert.deepEqual(errors.map((e) => `${e.page} line ${e.line}: ${e.message} «${e.extract}»`), []);
});
