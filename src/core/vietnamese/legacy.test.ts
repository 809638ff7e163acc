import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertLegacy, detectLegacyEncoding, encodeLegacy, repairVietnamese } from './legacy.ts';

const TCVN3_SENTENCE = 'Uû ban nh©n d©n tØnh Thanh Hãa ban hµnh quyÕt ®Þnh vÒ viÖc thµnh lËp Ban biªn tËp';
const VNI_SENTENCE = 'UÛy ban nhaân daân tænh Thanh Hoùa ban haønh quyeát ñònh veà vieäc thaønh laäp Ban bieân taäp';
const UNICODE_SENTENCE = 'Ủy ban nhân dân tỉnh Thanh Hóa ban hành quyết định về việc thành lập Ban biên tập';

test('short TCVN3 and VNI samples are converted', () => {
  assert.equal(convertLegacy('Hµ Néi', 'tcvn3'), 'Hà Nội');
  assert.equal(convertLegacy('Quy ®Þnh', 'tcvn3'), 'Quy định');
  assert.equal(convertLegacy('Haø Noäi', 'vni'), 'Hà Nội');
  assert.equal(convertLegacy('ÑAÉK LAÉK', 'vni'), 'ĐẮK LẮK');
  assert.equal(convertLegacy('Ng\u00ADêi d©n', 'tcvn3'), 'Người dân');
  assert.equal(convertLegacy('ngöôøi daân', 'vni'), 'người dân');
});

test('TCVN3 capitals without their own code come out lowercase', () => {
  assert.equal(convertLegacy('QUYÕT §ÞNH', 'tcvn3'), 'QUYếT ĐịNH');
  assert.equal(convertLegacy('¡N ¢U £ ¤ ¥ ¦ §', 'tcvn3'), 'ĂN ÂU Ê Ô Ơ Ư Đ');
});

test('TCVN3 separate tone marks join the vowel before them only', () => {
  assert.equal(convertLegacy('Ha\u00B0 N\u00AB\u00B4i', 'tcvn3'), 'Hà Nội');
  assert.equal(convertLegacy('25\u00B0C', 'tcvn3'), '25°C');
});

test('conversion output is NFC, and decomposed mojibake still converts', () => {
  const out = convertLegacy('viÖc ®Þnh', 'tcvn3');
  assert.equal(out, out.normalize('NFC'));
  assert.equal(convertLegacy('Hãa'.normalize('NFD'), 'tcvn3'), 'Hóa');
  assert.equal(convertLegacy('Hoùa'.normalize('NFD'), 'vni'), 'Hóa');
});

test('text without legacy codes passes through conversion unchanged', () => {
  assert.equal(convertLegacy('Thanh Chuong 2023, UBND', 'tcvn3'), 'Thanh Chuong 2023, UBND');
  assert.equal(convertLegacy('Thanh Chuong 2023, UBND', 'vni'), 'Thanh Chuong 2023, UBND');
});

test('sentences in TCVN3 and VNI are detected as such', () => {
  assert.equal(encodeLegacy(UNICODE_SENTENCE, 'vni'), VNI_SENTENCE);
  assert.equal(detectLegacyEncoding(TCVN3_SENTENCE), 'tcvn3');
  assert.equal(detectLegacyEncoding(VNI_SENTENCE), 'vni');
  assert.equal(detectLegacyEncoding('Hµ Néi'), 'tcvn3');
  assert.equal(detectLegacyEncoding('Haø Noäi'), 'vni');
  assert.equal(detectLegacyEncoding(encodeLegacy('QUYẾT ĐỊNH', 'tcvn3')), 'tcvn3');
  assert.equal(detectLegacyEncoding(encodeLegacy('QUYẾT ĐỊNH', 'vni')), 'vni');
  assert.equal(detectLegacyEncoding(encodeLegacy('Ủy ban nhân dân huyện Như Xuân', 'tcvn3')), 'tcvn3');
  assert.equal(detectLegacyEncoding(encodeLegacy('Quyết định về việc ban hành Quy chế', 'vni')), 'vni');
});

test('Unicode Vietnamese, NFD included, is not taken for legacy text', () => {
  assert.equal(detectLegacyEncoding(UNICODE_SENTENCE), null);
  assert.equal(detectLegacyEncoding(UNICODE_SENTENCE.normalize('NFD')), null);
  assert.equal(detectLegacyEncoding('Hà Nội là thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam'), null);
  assert.equal(detectLegacyEncoding('TÔI LÀ AI, CÁC ANH CHỊ Ở ĐÂU'), null);
  assert.equal(detectLegacyEncoding('Tôi là ai, các bà có nói gì'), null);
});

test('English, French, other Latin text, numbers and addresses are not detected', () => {
  const negatives = [
    '',
    'The quick brown fox jumps over the lazy dog.',
    'café',
    'Un café au lait, s’il vous plaît. Où est la gare? Le café où je suis né, à côté de l’église.',
    'Crème brûlée, naïve résumé, déjà vu, Noël, garçon, façade',
    'Über die Brücke gehen wir zur Straße; schöne Grüße aus Köln',
    'El niño y la señora en España comen jamón mañana por la mañana',
    '5 µm and 10 µm, 25°C ± 2°C, 3 × 4 = 12, ½ cup, © 2024 Example®, § 3',
    '123 456 789 0,5 1.000.000 29/8/2011',
    'contact: nguyen.van.a@example.gov.vn, https://example.com/café?x=é&y=ü',
    '« Bonjour » · item · item',
    'Lenker må skille seg ut fra den omkringliggende tekst på annen måte enn med farge',
    'Vi så på det, du må gå nå',
    'aria-hidden=\'true\' må ikke bruges på dokumentets <body> element',
  ];
  for (const text of negatives) assert.equal(detectLegacyEncoding(text), null, text);
});

test('a single legacy word is not enough evidence', () => {
  assert.equal(detectLegacyEncoding('Hµ'), null);
  assert.equal(detectLegacyEncoding('Welcome to Haø'), null);
});

test('repairVietnamese converts detected text and reports the encoding', () => {
  assert.deepEqual(repairVietnamese(TCVN3_SENTENCE), {
    text: 'Uỷ ban nhân dân tỉnh Thanh Hóa ban hành quyết định về việc thành lập Ban biên tập',
    converted: 'tcvn3',
  });
  assert.deepEqual(repairVietnamese(VNI_SENTENCE), { text: UNICODE_SENTENCE, converted: 'vni' });
});

test('repairVietnamese leaves other text alone, but NFC', () => {
  const nfd = 'Hà Nội\r\n'.normalize('NFD');
  assert.deepEqual(repairVietnamese(nfd), { text: 'Hà Nội\n', converted: null });
  assert.deepEqual(repairVietnamese('café'), { text: 'café', converted: null });
});

test('repairVietnamese converts a whole legacy document, short lines too', () => {
  const doc = ['§iÒu 1.', TCVN3_SENTENCE, 'Hµ Néi, ngµy 1 th¸ng 2 n¨m 2010'].join('\n');
  const { text, converted } = repairVietnamese(doc);
  assert.equal(converted, 'tcvn3');
  assert.equal(text.split('\n')[0], 'Điều 1.');
  assert.equal(text.split('\n')[2], 'Hà Nội, ngày 1 tháng 2 năm 2010');
});

test('repairVietnamese fixes a legacy line inside a Unicode document', () => {
  const doc = [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'C¨n cø c«ng v¨n sè 5724/UBND ngµy 29/8/2011 cña UBND tØnh Thanh Hãa;',
    'Xét đề nghị của Chánh Văn phòng HĐND và UBND huyện,',
  ].join('\n');
  const lines = repairVietnamese(doc).text.split('\n');
  assert.equal(lines[0], 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;');
  assert.equal(lines[1], 'Căn cứ công văn số 5724/UBND ngày 29/8/2011 của UBND tỉnh Thanh Hóa;');
  assert.equal(lines[2], 'Xét đề nghị của Chánh Văn phòng HĐND và UBND huyện,');
  assert.equal(repairVietnamese(doc).converted, 'tcvn3');
});
