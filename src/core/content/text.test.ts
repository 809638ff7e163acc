import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractLinks, htmlToText } from './text.ts';

test('blocks become lines, list items get their own lines, inline markup disappears', () => {
  const html =
    '<h2>Tiêu đề</h2><p>Đoạn <strong>một</strong>,\n  hai   dòng.</p><p>Dòng 1<br>Dòng 2</p>' +
    '<ul><li>Mục A</li><li>Mục B<ul><li>Mục B1</li></ul></li></ul><blockquote><p>Trích</p></blockquote>';
  assert.equal(htmlToText(html), 'Tiêu đề\nĐoạn một, hai dòng.\nDòng 1\nDòng 2\nMục A\nMục B\nMục B1\nTrích');
});

test('a table row is one line with tab-separated cells, even with paragraphs in the cells', () => {
  const html = '<table><tr><th>Tỉnh</th><th>Số</th></tr><tr><td><p>Hà</p><p>Nội</p></td><td>1</td></tr></table>';
  assert.equal(htmlToText(html), 'Tỉnh\tSố\nHà Nội\t1');
});

test('entities are decoded, scripts skipped, <pre> keeps its lines, output is NFC', () => {
  const html = `<p>5 &lt; 6 &amp; 7&nbsp;8</p><script>x()</script><pre>a  b\n  c</pre><p>${'Việt'.normalize('NFD')}</p>`;
  assert.equal(htmlToText(html), '5 < 6 & 7 8\na  b\n  c\nViệt');
});

test('extractLinks lists hrefs in order, trimmed, without duplicates', () => {
  const html = '<p><a href="/a">1</a> <a href=" https://x.vn/b ">2</a> <a>3</a> <a href="/a">4</a> <a href="mailto:a@b.vn">5</a></p>';
  assert.deepEqual(extractLinks(html), ['/a', 'https://x.vn/b', 'mailto:a@b.vn']);
});
