// The pure part of site search: text folds to the same ASCII words whatever
// its diacritics, case or Unicode form; a visitor's query becomes plain folded
// words and phrases only (no operator survives); and excerpts mark the
// original text for a folded query, escaped, cut between words and never
// between a letter and its marks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldedWords, highlight, indexedFields, MAX_QUERY_CHARS, MAX_QUERY_TOKENS, MAX_WORD_LENGTH, parseQuery, searchTokens, snippet } from './index.ts';
import type { ParsedQuery } from './index.ts';

const nfd = (text: string) => text.normalize('NFD');

function query(text: string): ParsedQuery {
  const parsed = parseQuery(text);
  assert.ok(parsed, `"${text}" parses`);
  return parsed;
}

/** The tokens of a parsed query, words then phrase words. */
function allTokens(parsed: ParsedQuery): string[] {
  return [...parsed.words, ...parsed.phrases.flat()];
}

/** The text of rendered HTML: marks dropped, entities decoded. */
function plain(html: string): string {
  return html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What the rendered HTML puts in <mark>, decoded. */
function marked(html: string): string[] {
  return [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => plain(m[1]!));
}

describe('folding', () => {
  test('diacritics and case go: Hà Nội → ha noi', () => {
    assert.equal(foldedWords('Hà Nội'), 'ha noi');
    assert.equal(foldedWords('THÀNH PHỐ HỒ CHÍ MINH'), 'thanh pho ho chi minh');
    assert.equal(foldedWords('Nghị định ưu đãi'), 'nghi dinh uu dai');
  });

  test('đ and Đ fold to d (they have no decomposition), and so does the look-alike Ð', () => {
    assert.equal(foldedWords('Đảng đoàn'), 'dang doan');
    assert.equal(foldedWords('ĐÀ NẴNG'), 'da nang');
    assert.equal(foldedWords('Ðà Nẵng'), 'da nang', 'U+00D0, typed for Đ by old fonts');
  });

  test('NFD input folds exactly as NFC input', () => {
    for (const text of ['Hà Nội', 'Đắk Lắk', 'Thừa Thiên Huế', 'Bà Rịa – Vũng Tàu', 'Nghệ An']) {
      assert.notEqual(nfd(text), text);
      assert.equal(foldedWords(nfd(text)), foldedWords(text), text);
      assert.deepEqual(searchTokens(nfd(text)), searchTokens(text), text);
    }
  });

  test('punctuation and runs of space become single spaces; the ends are trimmed', () => {
    assert.equal(foldedWords('Số 12/2024/NĐ-CP, ngày 01.02!'), 'so 12 2024 nd cp ngay 01 02');
    assert.equal(foldedWords('  «Hà Nội»\t\n— (thủ đô)…  '), 'ha noi thu do');
    assert.equal(foldedWords('!!! … — ""'), '');
    assert.deepEqual(searchTokens('... ,,, ---'), []);
  });

  test('invisible characters do not split a word, as in the stored NFC text', () => {
    assert.equal(foldedWords('Hà\u200B Nộ\u200Bi'), 'ha noi');
  });

  test('tokens are [a-z0-9]+, long words cut to MAX_WORD_LENGTH', () => {
    const long = 'a'.repeat(MAX_WORD_LENGTH + 15);
    assert.deepEqual(searchTokens(`x ${long} y`), ['x', 'a'.repeat(MAX_WORD_LENGTH), 'y']);
    for (const token of searchTokens('Công văn số 1234/UBND-VX về “Ngày hội” <b>& ü ß ø 中文')) {
      assert.match(token, /^[a-z0-9]+$/);
    }
  });

  test('a number in scientific form followed by letters is two tokens, as PostgreSQL reads it', () => {
    assert.deepEqual(searchTokens('12e3abc'), ['12e3', 'abc']);
    assert.deepEqual(searchTokens('1e1e1'), ['1e1', 'e1']);
    assert.deepEqual(searchTokens('1e5 abc1e5 e1e1'), ['1e5', 'abc1e5', 'e1e1']);
  });

  test('indexedFields: folded title and body, each word kept at most 255 times across both', () => {
    const { foldedTitle, foldedBody } = indexedFields('Hà Nội', 'Đà Nẵng, NĐ-CP');
    assert.equal(foldedTitle, 'ha noi');
    assert.equal(foldedBody, 'da nang nd cp');

    // 'xa' once in the title: the body keeps 254 more, then stops (later words would
    // lose their positions in PostgreSQL, so neither engine indexes them).
    const capped = indexedFields('xa', `${'xa '.repeat(300)}cuối`);
    assert.equal(capped.foldedBody.split(' ').length, 254);
    assert.ok(!capped.foldedBody.includes('cuoi'));
  });

  test('indexedFields: at most 12,000 body words and 1,000 title words', () => {
    const words = Array.from({ length: 13_000 }, (_, i) => `w${i}`);
    const { foldedTitle, foldedBody } = indexedFields(words.slice(0, 1_200).join(' '), words.join(' '));
    assert.equal(foldedTitle.split(' ').length, 1_000);
    assert.equal(foldedBody.split(' ').length, 12_000);
    assert.equal(foldedBody.split(' ').at(-1), 'w11999');
  });
});

describe('parseQuery', () => {
  test('plain words are folded; exact keeps the diacritics, lower-cased and collapsed', () => {
    assert.deepEqual(parseQuery('  Hà   NỘI  '), { raw: 'Hà   NỘI', words: ['ha', 'noi'], phrases: [], exact: 'hà nội' });
  });

  test('NFD input gives the same query as NFC input, raw and exact in NFC', () => {
    const fromNfd = query(nfd('Ủy ban “Đà Nẵng”'));
    assert.deepEqual(fromNfd, query('Ủy ban “Đà Nẵng”'));
    assert.equal(fromNfd.raw, 'Ủy ban “Đà Nẵng”');
    assert.equal(fromNfd.exact, 'ủy ban đà nẵng');
  });

  test('straight and typographic quotes make phrases', () => {
    const q = query('“dân số” và "kế hoạch hóa" „gia đình”');
    assert.deepEqual(q.words, ['va']);
    assert.deepEqual(q.phrases, [['dan', 'so'], ['ke', 'hoach', 'hoa'], ['gia', 'dinh']]);
    assert.equal(q.exact, 'dân số và kế hoạch hóa gia đình');
  });

  test('an unclosed quote runs to the end', () => {
    assert.deepEqual(query('ngân sách "dân số năm').phrases, [['dan', 'so', 'nam']]);
    assert.deepEqual(query('ngân sách "dân số năm').words, ['ngan', 'sach']);
    assert.deepEqual(query('"dân số'), { raw: '"dân số', words: [], phrases: [['dan', 'so']], exact: 'dân số' });
  });

  test('a quoted single word is a word; an empty pair of quotes is nothing', () => {
    const q = query('"Hà" "" nội');
    assert.deepEqual(q.words, ['ha', 'noi']);
    assert.deepEqual(q.phrases, []);
  });

  test('duplicates count once: the same word folded, the same phrase', () => {
    const q = query('Hà hà HA ha\u0300 "dân số" “Dân Số” dân');
    assert.deepEqual(q.words, ['ha', 'dan']);
    assert.deepEqual(q.phrases, [['dan', 'so']]);
  });

  test(`at most ${MAX_QUERY_TOKENS} tokens, words and phrase words together`, () => {
    const many = Array.from({ length: 20 }, (_, i) => `t${i}`);
    assert.deepEqual(query(many.join(' ')).words, many.slice(0, MAX_QUERY_TOKENS));

    // A phrase takes from the same budget; a phrase cut to one word is a word.
    const q = query(`"p1 p2 p3" ${many.join(' ')}`);
    assert.deepEqual(q.phrases, [['p1', 'p2', 'p3']]);
    assert.equal(allTokens(q).length, MAX_QUERY_TOKENS);

    const eleven = many.slice(0, MAX_QUERY_TOKENS - 1).join(' ');
    const cutToOne = query(`${eleven} "x1 x2 x3"`);
    assert.deepEqual(cutToOne.phrases, []);
    assert.equal(cutToOne.words.at(-1), 'x1');
    const cutToTwo = query(`${many.slice(0, MAX_QUERY_TOKENS - 2).join(' ')} "x1 x2 x3" x4`);
    assert.deepEqual(cutToTwo.phrases, [['x1', 'x2']]);
    assert.equal(allTokens(cutToTwo).length, MAX_QUERY_TOKENS);
  });

  test(`input is cut to ${MAX_QUERY_CHARS} code points, never inside a surrogate pair`, () => {
    const q = query('a😀'.repeat(400));
    assert.equal(Array.from(q.raw).length, MAX_QUERY_CHARS);
    assert.doesNotMatch(q.raw, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    assert.deepEqual(query(`${'x '.repeat(MAX_QUERY_CHARS)}tail`).words, ['x'], 'text beyond the cut is not read');
  });

  test('input with no word at all is null', () => {
    for (const input of ['', '   ', '""', '“”', '„', '!!! ... ---', '*', '(){}[]', '😀 🇻🇳', '\u200B', '\u0000\u0001']) {
      assert.equal(parseQuery(input), null, JSON.stringify(input));
    }
  });

  test('operator-looking input gives only plain tokens', () => {
    const cases: [string, string[]][] = [
      ['NEAR(a b)', ['near', 'a', 'b']],
      ['title:x', ['title', 'x']],
      ['folded_title:hà', ['folded', 'title', 'ha']],
      ['a*', ['a']],
      ['-x', ['x']],
      ['a OR b', ['a', 'or', 'b']],
      ['a AND NOT b', ['a', 'and', 'not', 'b']],
      ['ha:* <-> noi & !x | y', ['ha', 'noi', 'x', 'y']],
      ["x'; drop table search_documents;--", ['x', 'drop', 'table', 'search', 'documents']],
      ['^a + {b} \\c', ['a', 'b', 'c']],
    ];
    for (const [input, words] of cases) {
      const q = query(input);
      assert.deepEqual(q.words, words, input);
      assert.deepEqual(q.phrases, [], input);
    }
    const quoted = query('"NEAR(a b)" "a*:b"');
    assert.deepEqual(quoted.phrases, [['near', 'a', 'b'], ['a', 'b']]);
    for (const token of allTokens(quoted)) assert.match(token, /^[a-z0-9]+$/);
  });

  test('control characters separate words and never reach exact (PostgreSQL refuses a NUL)', () => {
    const q = query('hà\u0000nội\u0007 x');
    assert.deepEqual(q.words, ['ha', 'noi', 'x']);
    assert.equal(q.exact, 'hà nội x');
    assert.doesNotMatch(q.raw, /\p{Cc}/u);
  });
});

describe('highlight', () => {
  test('a folded query marks the original diacritic text, one mark for adjacent words', () => {
    const q = query('ha noi');
    assert.equal(highlight('Thủ đô Hà Nội nghìn năm', q), 'Thủ đô <mark>Hà Nội</mark> nghìn năm');
    assert.equal(highlight('HÀ NỘI, hà nội', q), '<mark>HÀ NỘI</mark>, <mark>hà nội</mark>');
  });

  test('đ in the text matches d in the query', () => {
    assert.equal(highlight('Đảng bộ xã và đảng viên', query('dang')), '<mark>Đảng</mark> bộ xã và <mark>đảng</mark> viên');
    assert.equal(highlight('Đà Nẵng', query('da nang')), '<mark>Đà Nẵng</mark>');
  });

  test('NFD text: the combining marks stay inside the mark', () => {
    const text = nfd('Ở Hà Nội hôm nay');
    const html = highlight(text, query('Hà Nội'));
    assert.equal(html, `${nfd('Ở')} <mark>${nfd('Hà Nội')}</mark> ${nfd('hôm nay')}`);
    assert.equal(highlight(nfd('Nội'), query('noi')), `<mark>${nfd('Nội')}</mark>`);
  });

  test('only whole words are marked', () => {
    assert.equal(highlight('Hanoi, Hàng, Hà', query('ha')), 'Hanoi, Hàng, <mark>Hà</mark>');
    assert.equal(highlight('mã số thuế', query('so')), 'mã <mark>số</mark> thuế');
  });

  test('a word cut to the maximum length marks the longer word it begins', () => {
    const word = `${'x'.repeat(MAX_WORD_LENGTH)}yyyy`;
    assert.equal(highlight(`a ${word} b`, query(word)), `a <mark>${word}</mark> b`);
  });

  test('a phrase is marked across punctuation between its words, not elsewhere', () => {
    const q = query('"dân số"');
    assert.equal(highlight('dân tộc, số hộ; mật độ dân-số', q), 'dân tộc, số hộ; mật độ <mark>dân-số</mark>');
  });

  test('the text is escaped, marks or not', () => {
    const q = query('script Hà');
    assert.equal(
      highlight(`<script>alert("Hà & 'x'")</script>`, q),
      `&lt;<mark>script</mark>&gt;alert(&quot;<mark>Hà</mark> &amp; &#39;x&#39;&quot;)&lt;/<mark>script</mark>&gt;`,
    );
    assert.equal(highlight('<img src=x onerror=alert(1)>', query('nothing')), '&lt;img src=x onerror=alert(1)&gt;');
  });

  test('invisible characters inside a word are inside its mark', () => {
    assert.equal(highlight('ở Nộ\u200Bi', query('noi')), 'ở <mark>Nộ\u200Bi</mark>');
  });
});

describe('snippet', () => {
  // Distinct words, so a piece of the text is found in one place only.
  const words = (from: number, count: number) => Array.from({ length: count }, (_, i) => `từ${from + i}`).join(' ');
  const long = `${words(0, 60)} trung tâm Hà Nội hôm nay ${words(100, 60)}`;

  test('a short text is whole, escaped, without ellipsis', () => {
    assert.equal(snippet('Tin <b>Hà Nội</b>', query('ha noi')), 'Tin &lt;b&gt;<mark>Hà Nội</mark>&lt;/b&gt;');
  });

  test('a long text is a window around the first match, with an ellipsis on each cut side', () => {
    const html = snippet(long, query('ha noi'), 80);
    assert.ok(html.startsWith('…') && html.endsWith('…'), html);
    assert.deepEqual(marked(html), ['Hà Nội']);
    const body = plain(html).slice(1, -1);
    assert.ok(body.length <= 80, `${body.length} characters`);
    assert.ok(body.length >= 60, `${body.length} characters: the window is not needlessly short`);
    assert.ok(long.includes(body));
  });

  test('a match at the start has no leading ellipsis; no match shows the beginning', () => {
    const atStart = snippet(`Hà Nội ${words(0, 80)}`, query('ha noi'), 60);
    assert.ok(atStart.startsWith('<mark>Hà Nội</mark> '), atStart);
    assert.ok(atStart.endsWith('…'));
    const none = snippet(long, query('không có'), 60);
    assert.ok(none.startsWith('từ0 từ1 '), none);
    assert.ok(none.endsWith('…'));
    assert.deepEqual(marked(none), []);
  });

  test('a match near the end has no trailing ellipsis', () => {
    const html = snippet(`${words(0, 80)} cuối Hà Nội`, query('ha noi'), 60);
    assert.ok(html.startsWith('…') && html.endsWith('<mark>Hà Nội</mark>'), html);
  });

  test('the window is escaped, and an entity is never cut', () => {
    const text = `${'<b> & '.repeat(40)}Hà Nội${' & <i>'.repeat(40)}`;
    const html = snippet(text, query('ha noi'), 50);
    assert.doesNotMatch(html, /<(?!\/?mark>)/);
    assert.doesNotMatch(html.replace(/&(amp|lt|gt|quot|#39);/g, ''), /&/);
  });

  test('the window never cuts inside a word, nor between a letter and its marks (NFD text)', () => {
    // Every word ends in a letter with two combining marks (ệ = e + U+0323 + U+0302).
    const text = nfd(`${Array.from({ length: 60 }, (_, i) => `hệ${i}ệ`).join(' ')} Hà Nội ${Array.from({ length: 60 }, (_, i) => `kệ${i}ệ`).join(' ')}`);
    const q = query('ha noi');
    for (let maxChars = 20; maxChars <= 160; maxChars += 1) {
      const html = snippet(text, q, maxChars);
      const body = plain(html).replace(/^…/, '').replace(/…$/, '');
      assert.deepEqual(marked(html), [nfd('Hà Nội')], `maxChars ${maxChars}`);
      assert.doesNotMatch(body, /^\p{M}/u, `maxChars ${maxChars}: starts with a lone mark`);
      // The piece sits in the text between spaces (or the text's ends): whole words only.
      const at = text.indexOf(body);
      assert.ok(at >= 0, `maxChars ${maxChars}`);
      assert.ok(at === 0 || text[at - 1] === ' ', `maxChars ${maxChars}: cut inside a word before "${body.slice(0, 10)}"`);
      const end = at + body.length;
      assert.ok(end === text.length || text[end] === ' ', `maxChars ${maxChars}: cut inside a word after "${body.slice(-10)}"`);
    }
  });

  test('a window inside one long word cuts between whole letters with their marks', () => {
    const run = nfd('ệ'.repeat(150));
    const text = `${run}/Hà/${run}`;
    const q = query('ha');
    for (let maxChars = 10; maxChars <= 90; maxChars += 1) {
      const body = plain(snippet(text, q, maxChars)).replace(/^…/, '').replace(/…$/, '');
      assert.ok(body.includes('/Hà/'), `maxChars ${maxChars}: ${body}`);
      for (const side of body.split('/Hà/')) {
        assert.doesNotMatch(side, /^\p{M}/u, `maxChars ${maxChars}: a mark without its letter`);
        const letters = side.match(/e/g)?.length ?? 0;
        assert.equal(side.match(/\u0323/g)?.length ?? 0, letters, `maxChars ${maxChars}: a letter without its marks`);
        assert.equal(side.match(/\u0302/g)?.length ?? 0, letters, `maxChars ${maxChars}: a letter without its marks`);
      }
    }
  });

  test('a window never splits a surrogate pair', () => {
    const text = `${'😀'.repeat(100)}/Hà/${'😀'.repeat(100)}`;
    for (let maxChars = 10; maxChars <= 60; maxChars += 1) {
      const html = snippet(text, query('ha'), maxChars);
      assert.doesNotMatch(html, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, `maxChars ${maxChars}`);
    }
  });
});
