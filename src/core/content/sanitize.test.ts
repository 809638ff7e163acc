import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToText } from './text.ts';
import { sanitizeArticleHtml } from './sanitize.ts';

// What Word 2016+ puts on the clipboard (trimmed), as a browser hands it to
// the editor: mso styles, o:p, lang spans, font tags, conditional comments,
// list paragraphs with typed-out bullets, a table, source wrapped at 80 columns.
const WORD_PASTE = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal, li.MsoNormal {margin:0cm; font-size:12.0pt;} @page WordSection1 {size:595.3pt 841.9pt;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom></w:WordDocument></xml><![endif]-->
</head><body lang=VI style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment--><div class=WordSection1>
<h1 style='margin-bottom:6.0pt;mso-outline-level:1'><span lang=VI style='font-size:16.0pt;font-family:"Times New Roman",serif'>Hội
nghị tổng kết công tác năm 2024<o:p></o:p></span></h1>
<p class=MsoNormal style='text-align:justify;line-height:150%'><span lang=VI style='font-size:14.0pt;
mso-fareast-font-family:"Times New Roman"'>Sáng 15/01, <b style='mso-bidi-font-weight:normal'>UBND
tỉnh</b>&nbsp;&nbsp;&nbsp;tổ chức hội nghị <i>tổng kết</i> <font face="Arial" color="#333">công tác</font>.<span
style='mso-spacerun:yes'>&nbsp; </span><o:p></o:p></span></p>
<p class=MsoNormal><span lang=VI><o:p>&nbsp;</o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=VI style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI>Hoàn thành kế hoạch<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=VI style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span lang=VI>Vượt chỉ tiêu thu ngân sách<o:p></o:p></span></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0'><td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><b><span lang=VI>Chỉ tiêu<o:p></o:p></span></b></p></td>
  <td width=301 valign=top style='width:225.4pt'><p class=MsoNormal><span lang=VI>Kết quả<o:p></o:p></span></p></td></tr>
</table>
<p class=MsoNormal><span lang=VI><o:p>&nbsp;</o:p></span></p>
</div><!--EndFragment--></body></html>`;

test('a Word paste becomes clean HTML with the same text and structure', () => {
  const { html, removed } = sanitizeArticleHtml(WORD_PASTE);
  assert.equal(
    html,
    '<h2>Hội nghị tổng kết công tác năm 2024</h2>' +
      '<p>Sáng 15/01, <strong>UBND tỉnh</strong> tổ chức hội nghị <em>tổng kết</em> công tác.</p>' +
      '<ul><li>Hoàn thành kế hoạch</li><li>Vượt chỉ tiêu thu ngân sách</li></ul>' +
      '<table><tr><td><p><strong>Chỉ tiêu</strong></p></td><td><p>Kết quả</p></td></tr></table>',
  );
  assert.equal(
    htmlToText(html),
    'Hội nghị tổng kết công tác năm 2024\nSáng 15/01, UBND tỉnh tổ chức hội nghị tổng kết công tác.\n' +
      'Hoàn thành kế hoạch\nVượt chỉ tiêu thu ngân sách\nChỉ tiêu\tKết quả',
  );
  for (const junk of ['style attribute', 'class attribute', 'span', 'font']) assert.ok(removed.includes(junk), junk);
  // Document scaffolding is not worth a notice.
  for (const quiet of ['html', 'head', 'body', 'meta', 'o:p', 'xml']) assert.ok(!removed.includes(quiet), quiet);
});

test('Word numbered lists become <ol>, and a deeper level nests inside the item before it', () => {
  const item = (level: number, marker: string, text: string) =>
    `<p class=MsoListParagraphCxSpMiddle style='mso-list:l1 level${level} lfo2'><![if !supportLists]><span>${marker}<span>&nbsp;&nbsp; </span></span><![endif]>${text}</p>`;
  const { html } = sanitizeArticleHtml(item(1, '1.', 'Một') + item(2, 'a)', 'Một a') + item(1, '2.', 'Hai'));
  assert.equal(html, '<ol><li>Một<ol><li>Một a</li></ol></li><li>Hai</li></ol>');
});

test('a browser-parsed Word list (marker in mso-list:Ignore, no conditional comments) is a list too', () => {
  const item = (text: string) =>
    `<p class="MsoListParagraph" style="mso-list: l0 level1 lfo1"><span style="mso-list: Ignore">-<span>&nbsp;&nbsp;</span></span>${text}</p>`;
  assert.equal(sanitizeArticleHtml(item('A') + item('B')).html, '<ul><li>A</li><li>B</li></ul>');
});

test('scripts, event handlers, javascript: links, iframes, forms, SVG and styles are removed', () => {
  const { html, removed } = sanitizeArticleHtml(
    '<p onclick="steal()" style="color:red">Xin chào<script>alert(1)</script></p>' +
      '<img src="/media/a.png" onerror="alert(2)" alt="Ảnh">' +
      '<p><a href="javascript:alert(3)">bấm</a> <a href=" JaVa&#x0A;script:alert(4)">nữa</a></p>' +
      '<iframe src="https://evil.example/"></iframe>' +
      '<form action="/x"><input name="q"><button>Gửi</button></form>' +
      '<svg onload="alert(5)"><text>vẽ</text></svg><style>p{}</style>',
  );
  assert.equal(html, '<p>Xin chào</p><img src="/media/a.png" alt="Ảnh" /><p>bấm nữa</p>');
  assert.doesNotMatch(html, /script|onerror|onclick|javascript|iframe|form|svg|style/i);
  for (const what of ['script', 'onclick attribute', 'style attribute', 'onerror attribute', 'link (javascript:)', 'iframe', 'form', 'svg', 'style']) {
    assert.ok(removed.includes(what), what);
  }
});

test('external links get rel="noopener noreferrer"; site links, mailto and tel do not; others lose the link', () => {
  const { html, removed } = sanitizeArticleHtml(
    '<p><a href="https://chinhphu.vn/a" target="_blank" rel="opener">ngoài</a> ' +
      '<a href="/tin-tuc/1" title="Tin">trong</a> <a href="mailto:a@b.vn">thư</a> <a href="tel:+84241234567">gọi</a> ' +
      '<a href="//evil.example/">x</a> <a href="/\\evil.example/">y</a> <a href="file:///C:/tai-lieu.docx">z</a> ' +
      '<a href="data:text/html,hi">d</a> <a name="_Toc1">mục</a></p>',
  );
  assert.equal(
    html,
    '<p><a href="https://chinhphu.vn/a" rel="noopener noreferrer">ngoài</a> <a href="/tin-tuc/1" title="Tin">trong</a> ' +
      '<a href="mailto:a@b.vn">thư</a> <a href="tel:+84241234567">gọi</a> x y z d mục</p>',
  );
  assert.ok(removed.includes('link (file:)'));
  assert.ok(removed.includes('link (relative)'));
  assert.ok(removed.includes('target attribute'));
  assert.ok(!removed.includes('rel attribute'), 'rel is replaced, not lost');
});

test('images: only /media/ paths and https URLs; width/height only as pixel numbers', () => {
  const { html, removed } = sanitizeArticleHtml(
    '<p><img src="/media/2024/a.jpg" alt="A" width="600" height="auto" class="x">' +
      '<img src="https://cdn.example.vn/b.png" alt="B">' +
      '<img src="http://cdn.example.vn/c.png"><img src="data:image/png;base64,AAAA">' +
      '<img src="file:///C:/Users/a/clip_image001.png"><img src="/media/../admin"><img src="/uploads/d.png"></p>',
  );
  assert.equal(html, '<p><img src="/media/2024/a.jpg" alt="A" width="600" /><img src="https://cdn.example.vn/b.png" alt="B" /></p>');
  for (const what of ['image (http:)', 'image (data:)', 'image (file:)', 'image (relative)', 'height attribute']) {
    assert.ok(removed.includes(what), what);
  }
});

test('the docx placeholder scheme is refused unless asked for', () => {
  const input = '<p><img src="docx-image:1" alt="Ảnh"></p>';
  assert.equal(sanitizeArticleHtml(input).html, '');
  assert.equal(sanitizeArticleHtml(input, { imagePlaceholders: true }).html, '<p><img src="docx-image:1" alt="Ảnh" /></p>');
  assert.equal(sanitizeArticleHtml('<img src="docx-image:x">', { imagePlaceholders: true }).html, '');
});

test('h1 becomes h2, h5/h6 become h4, b/i become strong/em, tables keep th scope and spans', () => {
  const { html } = sanitizeArticleHtml(
    '<h1>Tiêu đề</h1><h5>Nhỏ</h5><p><b>đậm</b> <i>nghiêng</i> <u>gạch</u> <strike>xóa</strike> H<sub>2</sub>O x<sup>2</sup></p>' +
      '<table><caption>Bảng 1</caption><thead><tr><th scope="col" style="width:50%">Tỉnh</th><th scope="bogus" colspan="2">Số</th></tr></thead>' +
      '<tbody><tr><th scope="row">Hà Nội</th><td rowspan="2" colspan="x">1</td></tr></tbody></table>',
  );
  assert.equal(
    html,
    '<h2>Tiêu đề</h2><h4>Nhỏ</h4><p><strong>đậm</strong> <em>nghiêng</em> <u>gạch</u> <s>xóa</s> H<sub>2</sub>O x<sup>2</sup></p>' +
      '<table><caption>Bảng 1</caption><thead><tr><th scope="col">Tỉnh</th><th colspan="2">Số</th></tr></thead>' +
      '<tbody><tr><th scope="row">Hà Nội</th><td rowspan="2">1</td></tr></tbody></table>',
  );
});

test('Google Docs: the bold wrapper with font-weight:normal is dropped, styled spans become strong/em', () => {
  const { html } = sanitizeArticleHtml(
    '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr"><span style="font-weight:700">Đậm</span> ' +
      '<span style="font-style:italic">nghiêng</span> thường</p></b>',
  );
  assert.equal(html, '<p><strong>Đậm</strong> <em>nghiêng</em> thường</p>');
});

test('empty paragraphs collapse, &nbsp; runs become one space, divs and other blocks become paragraphs', () => {
  const { html } = sanitizeArticleHtml(
    '<p>&nbsp;</p><p><br></p><p>   </p><div>Dòng&nbsp;&nbsp;&nbsp;một<br></div><div><p>Hai</p></div><p><span></span></p><p>a<strong></strong>b</p>' +
      '<dl><dt>Thuật ngữ</dt><dd>Định nghĩa</dd></dl><details><summary>Tóm tắt</summary>Chi tiết</details>',
  );
  assert.equal(html, '<p>Dòng một</p><p>Hai</p><p>ab</p><p>Thuật ngữ</p><p>Định nghĩa</p><p>Tóm tắt</p><p>Chi tiết</p>');
});

test('output is NFC, including attributes, and <pre> keeps its spacing', () => {
  const decomposed = 'Nghị quyết'.normalize('NFD');
  const { html } = sanitizeArticleHtml(`<p title="${decomposed}">${decomposed}</p><pre>a  b\n  c</pre>`);
  assert.equal(html, `<p>${'Nghị quyết'}</p><pre>a  b\n  c</pre>`);
  assert.ok(html === html.normalize('NFC'));
  const withAlt = sanitizeArticleHtml(`<img src="/media/x.png" alt="${decomposed}">`).html;
  assert.equal(withAlt, '<img src="/media/x.png" alt="Nghị quyết" />');
});

test('text that looks like markup stays text', () => {
  const { html } = sanitizeArticleHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt; 5 &lt; 6 &amp; "x"</p>');
  assert.equal(html, '<p>&lt;script&gt;alert(1)&lt;/script&gt; 5 &lt; 6 &amp; "x"</p>');
});

test('sanitizing is idempotent', () => {
  const once = sanitizeArticleHtml(WORD_PASTE).html;
  const twice = sanitizeArticleHtml(once);
  assert.equal(twice.html, once);
  assert.deepEqual(twice.removed, []);
});

test('text outside any block is put in paragraphs; a typed "www." link gets https://', () => {
  const { html } = sanitizeArticleHtml('Dòng một<br>dòng hai <b>đậm</b><p>Đoạn</p> cuối <a href="www.chinhphu.vn">web</a><blockquote>Trích dẫn</blockquote>');
  assert.equal(
    html,
    '<p>Dòng một<br />dòng hai <strong>đậm</strong></p><p>Đoạn</p>' +
      '<p>cuối <a href="https://www.chinhphu.vn" rel="noopener noreferrer">web</a></p><blockquote><p>Trích dẫn</p></blockquote>',
  );
});

test('absurdly deep nesting is flattened, not a stack overflow', () => {
  const deep = `${'<span><b>'.repeat(20_000)}sâu${'</b></span>'.repeat(20_000)}`;
  const { html } = sanitizeArticleHtml(`<p>${deep}</p>`);
  assert.match(html, /^<p>(<strong>)+sâu(<\/strong>)+<\/p>$/);
});

test('classic XSS payloads leave no active content, and the result is stable', () => {
  const payloads = [
    '<img src=x onerror=alert(1)//>',
    '<svg><script>alert(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="javascript:alert(1)">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="x.swf">',
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<details open ontoggle=alert(1)>',
    '<!--<img src=x onerror=alert(1)>-->',
    '<![CDATA[<img src=x onerror=alert(1)>]]>',
    '<p>x</p><base href="javascript:/">',
    '<a href="/ok" onmouseover="alert(1)">y</a>',
    '<table background="javascript:alert(1)"><tr><td>z</td></tr></table>',
    '<xmp><img src=x onerror=alert(1)></xmp>',
  ];
  for (const payload of payloads) {
    const { html } = sanitizeArticleHtml(payload);
    assert.doesNotMatch(html, /<(script|iframe|object|embed|svg|math|style|base|form|button|noscript|xmp)\b/i, payload);
    assert.doesNotMatch(html, /\son\w+\s*=|javascript:|data:|srcdoc|formaction|background=/i, payload);
    assert.equal(sanitizeArticleHtml(html).html, html, payload);
  }
});
