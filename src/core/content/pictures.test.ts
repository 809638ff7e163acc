import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyPictureTexts, picturesOf, picturesWithoutAlt } from './pictures.ts';
import { sanitizeArticleHtml } from './sanitize.ts';

const A = '/media/' + 'a'.repeat(64) + '/original.png';
const B = '/media/' + 'b'.repeat(64) + '/original.jpg';

test('the pictures of a body in document order, with their description and the caption of their figure', () => {
  const html = `<p>Mở đầu</p><p><img src="${A}"></p><figure><img src="${B}" alt=" Cầu  treo "><figcaption>Cầu treo bản <em>Mới</em></figcaption></figure>`;
  assert.deepEqual(picturesOf(html), [
    { number: 1, src: A, alt: '', caption: '' },
    { number: 2, src: B, alt: 'Cầu treo', caption: 'Cầu treo bản Mới' },
  ]);
  assert.deepEqual(picturesWithoutAlt(html).map((p) => p.number), [1]);
  assert.deepEqual(picturesWithoutAlt(`<img src="${A}" alt="   ">`).map((p) => p.number), [1], 'blank is no description');
});

test('a description and a caption given in the form: the image alone in its paragraph becomes a figure', () => {
  const html = `<p>Mở đầu</p><p><img src="${A}"></p><p>Kết</p>`;
  const out = applyPictureTexts(html, [{ number: 1, src: A, alt: 'Đoàn viên làm đường', caption: 'Ảnh: Huyện đoàn' }]);
  assert.equal(sanitizeArticleHtml(out).html, `<p>Mở đầu</p><figure><img src="${A}" alt="Đoàn viên làm đường" /><figcaption>Ảnh: Huyện đoàn</figcaption></figure><p>Kết</p>`);
});

test('an image inside a line of text: the paragraph is split around its figure, a link around it stays with it', () => {
  const html = `<p>Trước <a href="https://vi.wikipedia.org/"><img src="${A}"></a> sau</p>`;
  const out = sanitizeArticleHtml(applyPictureTexts(html, [{ number: 1, src: A, alt: 'Bản đồ', caption: 'Vị trí' }])).html;
  assert.equal(out, `<p>Trước</p><figure><a href="https://vi.wikipedia.org/" rel="noopener noreferrer"><img src="${A}" alt="Bản đồ" /></a><figcaption>Vị trí</figcaption></figure><p>sau</p>`);
});

test('changing and removing a caption keeps the figure; an unchanged form returns the body as it was', () => {
  const html = `<figure><img src="${B}" alt="Cầu"><figcaption>Cũ</figcaption></figure>`;
  assert.equal(applyPictureTexts(html, [{ number: 1, src: B, alt: 'Cầu', caption: 'Cũ' }]), html);
  assert.equal(applyPictureTexts(html, [{ number: 1, src: B, alt: 'Cầu', caption: 'Mới' }]), `<figure><img src="${B}" alt="Cầu"><figcaption>Mới</figcaption></figure>`);
  assert.equal(applyPictureTexts(html, [{ number: 1, src: B, alt: '', caption: '' }]), `<figure><img src="${B}"></figure>`);
});

test('a row whose picture is no longer at that place is ignored; text is escaped, never markup', () => {
  const html = `<p><img src="${A}"></p><p><img src="${B}"></p>`;
  const out = applyPictureTexts(html, [
    { number: 1, src: B, alt: 'sai chỗ', caption: '' },
    { number: 2, src: B, alt: '"><script>alert(1)</script>', caption: '<b>x</b>' },
    { number: 3, src: A, alt: 'không có', caption: '' },
  ]);
  const pictures = picturesOf(out);
  assert.equal(pictures[0]?.alt, '');
  assert.equal(pictures[1]?.alt, '"><script>alert(1)</script>');
  assert.equal(pictures[1]?.caption, '<b>x</b>');
  assert.doesNotMatch(sanitizeArticleHtml(out).html, /<script|<b>/);
});
