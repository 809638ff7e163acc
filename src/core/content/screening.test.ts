import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHtml, serializeChildren } from './html-tree.ts';
import { type ScreeningRule, highlightMatches, screen } from './screening.ts';

const term = (id: number, pattern: string): ScreeningRule => ({ id, kind: 'term', pattern, note: null });
const link = (id: number, pattern: string): ScreeningRule => ({ id, kind: 'link', pattern, note: null });
const only = (html: string, title = '', summary = '') => ({ title, summary, html });

test('"ha noi" matches "Hà Nội" in any field, with its excerpt and the text as written', () => {
  const matches = screen(
    { title: 'Tin Hà Nội', summary: 'Về HÀ NỘI', html: '<p>Ở <strong>Hà</strong> Nội hôm nay</p>' },
    [term(1, 'ha noi')],
  );
  assert.deepEqual(
    matches.map((m) => [m.field, m.matched, m.excerpt]),
    [
      ['title', 'Hà Nội', 'Tin Hà Nội'],
      ['summary', 'HÀ NỘI', 'Về HÀ NỘI'],
      ['body', 'Hà Nội', 'Ở Hà Nội hôm nay'],
    ],
  );
  assert.deepEqual(
    { ruleId: matches[0]?.ruleId, kind: matches[0]?.kind, pattern: matches[0]?.pattern },
    { ruleId: 1, kind: 'term', pattern: 'ha noi' },
  );
});

test('"đánh bạc" matches "ĐÁNH BẠC" but not "đánh bài", and only on word boundaries', () => {
  const rules = [term(2, 'đánh bạc')];
  assert.deepEqual(
    screen(only('<p>Cấm ĐÁNH BẠC dưới mọi hình thức.</p>'), rules).map((m) => m.matched),
    ['ĐÁNH BẠC'],
  );
  assert.deepEqual(screen(only('<p>Họ đánh bài cả đêm.</p>'), rules), []);
  assert.deepEqual(screen(only('<p>đánh bạcxyz, xđánh bạc</p>'), rules), []);
  assert.deepEqual(screen(only('<p>đánh<br>bạc</p><p>đánh</p><p>bạc</p>'), rules), []);
  // Decomposed input (NFD) folds the same.
  assert.equal(screen(only('', 'đánh   bạc'.normalize('NFD')), rules).length, 1);
});

test('terms with punctuation are literal, not regular expressions', () => {
  assert.equal(screen(only('<p>c++ và c.*</p>'), [term(3, 'c++'), term(4, 'c.*')]).length, 2);
  assert.deepEqual(screen(only('<p>cxx</p>'), [term(4, 'c.*')]), []);
});

test('excerpts are about 60 characters of plain text around the match', () => {
  const long = `${'Mở đầu bài viết rất dài với nhiều chữ. '.repeat(5)}Cờ bạc ${'Kết thúc bài viết rất dài với nhiều chữ. '.repeat(5)}`;
  const [match] = screen(only(`<p>${long}</p>`), [term(5, 'co bac')]);
  assert.ok(match);
  assert.match(match.excerpt, /^….* Cờ bạc .*…$/);
  assert.ok(match.excerpt.length >= 50 && match.excerpt.length <= 100, match.excerpt);
});

test('link pattern *.casino.example flags subdomains only, not casino.example.org', () => {
  const rules = [link(6, '*.casino.example')];
  const html =
    '<p><a href="https://vip.casino.example/x">a</a> <a href="https://casino.example.org/">b</a> ' +
    '<a href="https://casino.example/">c</a> <a href="https://notcasino.example/">d</a></p>';
  const matches = screen(only(html), rules);
  assert.deepEqual(matches.map((m) => m.matched), ['https://vip.casino.example/x']);
  assert.deepEqual({ field: matches[0]?.field, kind: matches[0]?.kind }, { field: 'body', kind: 'link' });
});

test('a bare host pattern matches the host and its subdomains; a path pattern matches that prefix', () => {
  const html =
    '<p><a href="https://example.com/a">1</a><a href="http://www.EXAMPLE.com./b">2</a>' +
    '<a href="https://example.com.vn/">3</a><a href="https://badexample.com/">4</a><a href="/example.com">5</a></p>';
  assert.deepEqual(
    screen(only(html), [link(7, 'example.com')]).map((m) => m.matched),
    ['https://example.com/a', 'http://www.EXAMPLE.com./b'],
  );
  const paths = '<p><a href="https://example.com/bad/x">1</a><a href="https://example.com/good">2</a></p>';
  assert.deepEqual(
    screen(only(paths), [link(8, 'https://example.com/bad')]).map((m) => m.matched),
    ['https://example.com/bad/x'],
  );
});

test('URLs written out in text are screened too, once', () => {
  const matches = screen(
    { title: '', summary: 'Xem https://vip.casino.example/km.', html: '<p><a href="https://vip.casino.example/km">https://vip.casino.example/km</a></p>' },
    [link(9, 'casino.example')],
  );
  assert.deepEqual(
    matches.map((m) => [m.field, m.matched]),
    [
      ['summary', 'https://vip.casino.example/km'],
      ['body', 'https://vip.casino.example/km'],
    ],
  );
});

test('highlightMatches marks terms across tags and matching links, and keeps the markup valid', () => {
  const html =
    '<h2>Hà Nội</h2><p>Ở <strong>Hà</strong> Nội, <a href="https://vip.casino.example/x">vào đây</a> ' +
    'và <a href="https://casino.example.org/">đây</a>; ĐÁNH BẠC &amp; đánh bài &lt;b&gt;</p>';
  const rules = [term(1, 'ha noi'), term(2, 'đánh bạc'), link(3, '*.casino.example')];
  const out = highlightMatches(html, screen(only(html), rules));
  const mark = (id: number, text: string) => `<mark class="screening-hit" data-rule="${id}">${text}</mark>`;
  assert.equal(
    out,
    `<h2>${mark(1, 'Hà Nội')}</h2><p>Ở <strong>${mark(1, 'Hà')}</strong> ${mark(1, 'Nội')}, ` +
      `<a href="https://vip.casino.example/x" rel="noopener noreferrer">${mark(3, 'vào đây')}</a> ` +
      `và <a href="https://casino.example.org/" rel="noopener noreferrer">đây</a>; ${mark(2, 'ĐÁNH BẠC')} &amp; đánh bài &lt;b&gt;</p>`,
  );
  // Valid: it parses back to the same markup.
  assert.equal(serializeChildren(parseHtml(out)), out);
  // The rules themselves give the same result as their matches.
  assert.equal(highlightMatches(html, rules), out);
});

test('highlightMatches output is safe even when the input is not', () => {
  const out = highlightMatches('<p onclick="x()">Hà Nội<script>alert(1)</script><img src=x onerror=alert(2)></p>', [term(1, 'ha noi')]);
  assert.equal(out, '<p><mark class="screening-hit" data-rule="1">Hà Nội</mark></p>');
});

test('empty or unusable rules match nothing', () => {
  const html = '<p>Hà Nội <a href="https://x.vn/">x</a></p>';
  assert.deepEqual(screen(only(html), [term(1, '  '), link(2, ''), link(3, 'bad host/x'), link(4, '*')]), []);
  assert.equal(highlightMatches(html, []), '<p>Hà Nội <a href="https://x.vn/" rel="noopener noreferrer">x</a></p>');
});
