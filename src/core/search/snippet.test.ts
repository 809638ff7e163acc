import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery, type ParsedQuery } from './query.ts';
import { highlight, snippet, snippetSource, wholeSnippet } from './snippet.ts';

function q(input: string): ParsedQuery {
  const parsed = parseQuery(input);
  assert.ok(parsed, input);
  return parsed;
}

test('a folded match marks the original characters', () => {
  assert.equal(highlight('Thủ đô Hà Nội và Hải Phòng', q('ha noi')), 'Thủ đô <mark>Hà Nội</mark> và Hải Phòng');
  assert.equal(highlight('Đảng bộ và đảng viên; dang ky', q('dang')), '<mark>Đảng</mark> bộ và <mark>đảng</mark> viên; <mark>dang</mark> ky');
});

test('only whole words match', () => {
  assert.equal(highlight('Đăng ký, không phải đăngký', q('dang')), '<mark>Đăng</mark> ký, không phải đăngký');
  assert.equal(highlight('Số 42/2022 và 142/20221', q('42/2022')), 'Số <mark>42/2022</mark> và 142/20221');
});

test('a phrase marks its words together, across punctuation, and not its words alone', () => {
  const phrase = q('"dang vien"');
  assert.equal(highlight('Đảng viên, viên chức của Đảng', phrase), '<mark>Đảng viên</mark>, viên chức của Đảng');
  assert.equal(highlight('Đảng - viên', phrase), '<mark>Đảng - viên</mark>');
});

test('HTML in the text is escaped, and so is the marked text', () => {
  const html = highlight('<script>alert("Hà Nội")</script> & \'x\'', q('ha noi'));
  assert.equal(html, '&lt;script&gt;alert(&quot;<mark>Hà Nội</mark>&quot;)&lt;/script&gt; &amp; &#39;x&#39;');
  assert.ok(!/<(?!\/?mark>)/.test(html), 'no tag but <mark>');
  assert.equal(highlight('<b>&amp;</b>', q('amp')), '&lt;b&gt;&amp;<mark>amp</mark>;&lt;/b&gt;');
});

test('NFD text keeps its combining marks inside the mark', () => {
  const nfd = 'Thu\u0309 đô Ha\u0300 No\u0323\u0302i.';
  assert.equal(highlight(nfd, q('Hà Nội')), 'Thu\u0309 đô <mark>Ha\u0300 No\u0323\u0302i</mark>.');
  assert.equal(highlight('No\u0323\u0302i', q('noi')), '<mark>No\u0323\u0302i</mark>');
});

test('invisible characters do not split a word, as in the index', () => {
  assert.equal(highlight('Hà\u200BNội', q('hanoi')), '<mark>Hà\u200BNội</mark>');
});

test('a short text is returned whole', () => {
  assert.equal(snippet('Hà Nội.', q('ha noi')), '<mark>Hà Nội</mark>.');
  assert.equal(snippet('Không khớp gì', q('xyz')), 'Không khớp gì');
});

test('a long text is windowed around the first match, cut between words, with ellipses', () => {
  const before = 'Mở đầu là một đoạn rất dài về công tác cải cách hành chính. '.repeat(10);
  const after = ' Phần sau nói về giao thông đô thị và môi trường sống. '.repeat(10);
  const text = `${before}Ủy ban nhân dân thành phố Hà Nội ban hành quyết định.${after}`;
  const out = snippet(text, q('ha noi'), 120);
  assert.ok(out.startsWith('…') && out.endsWith('…'), out);
  assert.match(out, /<mark>Hà Nội<\/mark>/);
  const plain = out.replace(/<\/?mark>/g, '').slice(1, -1);
  assert.ok(plain.length <= 120, `${plain.length} characters`);
  assert.ok(plain.length >= 90, `${plain.length} characters: about the window asked for`);
  assert.ok(text.includes(plain), 'a piece of the text as written');
  assert.ok(/^\S/.test(plain) && /\S$/.test(plain), 'no whitespace at the cuts');
  const at = text.indexOf(plain);
  assert.ok(/\s/.test(text[at - 1]!), 'starts at a word');
  assert.ok(/\s/.test(text[at + plain.length]!) || text[at + plain.length] === undefined, 'ends at a word');
});

test('without a match the window is the beginning of the text', () => {
  const text = 'Một hai ba bốn năm sáu bảy tám chín mười. '.repeat(20);
  const out = snippet(text, q('xyz'), 50);
  assert.ok(out.startsWith('Một hai ba'), out);
  assert.ok(out.endsWith('…'));
  assert.ok(!out.includes('<mark>'));
});

test('a match at the very end keeps the end of the text, with no trailing ellipsis', () => {
  const text = `${'Lời mở đầu dài dòng. '.repeat(30)}Cuối cùng là Hải Phòng`;
  const out = snippet(text, q('hai phong'), 60);
  assert.ok(out.startsWith('…'));
  assert.ok(out.endsWith('<mark>Hải Phòng</mark>'), out);
});

test('marks are clipped to the window and every match in it is marked', () => {
  const text = `${'chữ '.repeat(100)}Hà Nội chữ Hà Nội ${'chữ '.repeat(100)}`;
  const out = snippet(text, q('ha noi'), 60);
  assert.equal(out.match(/<mark>Hà Nội<\/mark>/g)?.length, 2, out);
});

test('a long text folded from its head gives exactly the snippet of the whole text', () => {
  // A seeded mix of words, with the searched ones placed near the start, around the cut
  // (800 characters), in runs of repeats, in a quoted phrase split by the cut, or only at the end.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const filler = ['Ủy ban', 'nhân dân', 'xã', 'tổ chức', 'hội nghị', 'triển khai', 'kế hoạch', 'năm 2026', 'Đảng bộ', 'đường', 'giao thông', '—', '42/2022/NĐ-CP,'];
  const words = (n: number) => Array.from({ length: n }, () => filler[Math.floor(next() * filler.length)]).join(' ');
  const queries = ['hà nội', 'ha noi', 'xây dựng', '"dịch vụ công trực tuyến"', 'xoang', 'ha'].map((q) => parseQuery(q)!);
  const texts = [
    `${words(20)} Hà Nội ${words(900)} xây dựng ${words(400)}`,
    `${words(430)} Hà Nội ${words(900)}`,
    `${words(20)} ${'ha '.repeat(600)}${words(300)}`,
    `${words(20)} xây dựng ${words(420)} dịch vụ công trực tuyến ${words(300)}`,
    `${words(900)} xoang`,
    `${words(35)} dịch vụ công\ntrực tuyến ${words(800)}`,
    // The first match just before the cut with more right after it, at every distance from the cut.
    ...Array.from({ length: 90 }, (_, k) => `${'Ủy ban nhân dân xã tổ chức hội nghị '.repeat(100).slice(0, 300 + 7 * k)} Hà Nội, Hà Nội và xây dựng Hà Nội ${words(900)}`),
  ];
  for (const text of texts) {
    for (const query of queries) {
      for (const maxChars of [120, 220, 600]) {
        assert.equal(snippet(text, query, maxChars), wholeSnippet(text, query, maxChars), `${query.words.join(' ')} in a text of ${text.length}`);
      }
    }
  }
});

test('a summary the body repeats is not cut into the snippet twice; what the body lacks stays', () => {
  const question = 'Tôi muốn hỏi hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất gồm những gì?';
  assert.equal(snippetSource(`Đất đai · ${question.slice(0, 40)}`, `${question}\nTrả lời: hồ sơ gồm đơn và bản gốc giấy chứng nhận.`), `Đất đai\n${question}\nTrả lời: hồ sơ gồm đơn và bản gốc giấy chứng nhận.`);
  assert.equal(snippetSource('1.001234 · Cấp xã · Đất đai', 'Mã 1.001234. Cấp xã. Lĩnh vực Đất đai. Trình tự thực hiện…'), 'Mã 1.001234. Cấp xã. Lĩnh vực Đất đai. Trình tự thực hiện…');
  assert.equal(snippetSource('Tóm tắt riêng', 'Nội dung bài.'), 'Tóm tắt riêng\nNội dung bài.');
});
