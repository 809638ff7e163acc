import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeLegacy } from '../vietnamese/index.ts';
import { repairHtmlText } from './legacy-html.ts';

const UNICODE = 'Ủy ban nhân dân tỉnh ban hành quyết định về việc thành lập Ban biên tập';
const TCVN3 = encodeLegacy('Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng', 'tcvn3');
const VNI = encodeLegacy('Quyết định về việc ban hành Quy chế quản lý', 'vni');

test('a TCVN3 paragraph inside Unicode HTML is converted; tags, attributes and the rest stay byte for byte', () => {
  const before = `<h2 id="a">${UNICODE}</h2>\n<p class="x" title="Hµ Néi">`;
  const after = `</p>\n<p>Ngày 5 &amp; 6 tháng 3, <a href="/tin?a=1&amp;b=2">xem</a></p>`;
  const html = `${before}${TCVN3}${after}`;
  const result = repairHtmlText(html);
  assert.equal(result.converted, 'tcvn3');
  assert.equal(result.html, `${before}Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng${after}`);
});

test('a legacy word split by inline tags still converts, and the tags stay', () => {
  const [first, ...rest] = TCVN3.split(' ');
  const html = `<p><strong>${first}</strong> <em>${rest.join(' ')}</em></p>`;
  assert.equal(
    repairHtmlText(html).html,
    '<p><strong>Ban</strong> <em>biên tập trang thông tin điện tử họp định kỳ hằng tháng</em></p>',
  );
});

test('a whole VNI document converts, even its short lines; a Unicode line in it is left alone', () => {
  const vni = (text: string) => `<p>${encodeLegacy(text, 'vni')}</p>`;
  const html =
    `<h2>${encodeLegacy('Thông báo', 'vni')}</h2>${vni('Quyết định về việc ban hành Quy chế quản lý')}` +
    `${vni('Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng')}${vni('Nơi nhận')}<p>Hà Nội, ngày 5</p>`;
  const result = repairHtmlText(html);
  assert.equal(result.converted, 'vni');
  assert.equal(
    result.html,
    '<h2>Thông báo</h2><p>Quyết định về việc ban hành Quy chế quản lý</p>' +
      '<p>Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng</p><p>Nơi nhận</p><p>Hà Nội, ngày 5</p>',
  );
});

test('converted text that contains < or & is escaped, so no markup appears', () => {
  const html = `<p>${TCVN3} &lt;b&gt; &amp;</p>`;
  const result = repairHtmlText(html);
  assert.match(result.html, /^<p>Ban biên tập .* &lt;b&gt; &amp;<\/p>$/);
});

test('Unicode and non-Vietnamese HTML is returned unchanged', () => {
  for (const html of [
    `<p>${UNICODE}</p>`,
    '<p>Crème brûlée, naïve résumé, déjà vu</p><p>25°C ± 2°C</p>',
    '<p title="Hµ Néi">plain</p>',
    '<script>var s = "Hµ Néi c¸c ngµy";</script>',
  ]) {
    assert.deepEqual(repairHtmlText(html), { html, converted: null }, html);
  }
});

test('in a TCVN3 document, a Unicode line whose Latin-1 letters are TCVN3 codes is not corrupted', () => {
  const tcvn3 = (text: string) => `<p>${encodeLegacy(text, 'tcvn3')}</p>`;
  const html =
    tcvn3('Quyết định về việc ban hành Quy chế quản lý') +
    tcvn3('Ban biên tập trang thông tin điện tử họp định kỳ hằng tháng') +
    '<p>Mã số: 12, Thanh Hóa</p>';
  const result = repairHtmlText(html);
  assert.equal(result.converted, 'tcvn3');
  assert.match(result.html, /<p>Mã số: 12, Thanh Hóa<\/p>$/);
  assert.match(result.html, /^<p>Quyết định về việc/);
});
