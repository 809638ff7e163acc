import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertLegacy, encodeLegacy } from './legacy.ts';
import { TCVN3_DECODE, TCVN3_ENCODE, VIETNAMESE_LETTERS, VNI_DECODE, VNI_ENCODE } from './legacy-tables.ts';

// The 74 letter codes of TCVN 5712:1993 VN3 in byte order 0xA1–0xFE (gaps and
// the separate tone marks 0xB0–0xB4 left out), and what they stand for. The
// Unicode line was produced by glibc's `iconv -f TCVN5712-1`, independently
// of our table.
const TCVN3_CODES =
  '¡¢£¤¥¦§¨©ª«¬\u00AD®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ';
const TCVN3_LETTERS =
  'ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ';

test('there are 134 Vietnamese letters with diacritics, 67 in each case', () => {
  assert.equal(VIETNAMESE_LETTERS.length, 134);
  assert.equal(new Set(VIETNAMESE_LETTERS).size, 134);
  assert.equal(VIETNAMESE_LETTERS.filter((l) => l === l.toLowerCase()).length, 67);
  for (const letter of ['ă', 'Ặ', 'ễ', 'Ỗ', 'ợ', 'Ự', 'ỹ', 'Ỵ', 'đ', 'Đ']) assert.ok(VIETNAMESE_LETTERS.includes(letter), letter);
});

test('the TCVN3 table matches the VN3 code chart byte for byte', () => {
  assert.equal(TCVN3_DECODE.size, 74);
  assert.equal(convertLegacy(TCVN3_CODES, 'tcvn3'), TCVN3_LETTERS);
});

test('TCVN3 round trip: every letter encodes and decodes back', () => {
  const distinctCapitals = new Set(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']);
  for (const letter of VIETNAMESE_LETTERS) {
    const code = TCVN3_ENCODE.get(letter);
    assert.ok(code !== undefined && code.length === 1, `no TCVN3 code for ${letter}`);
    const isToneCapital = letter !== letter.toLowerCase() && !distinctCapitals.has(letter);
    // VN3 has no codes for capitals with tones: they come back lowercase.
    const expected = isToneCapital ? letter.toLowerCase() : letter;
    assert.equal(convertLegacy(code, 'tcvn3'), expected, `${letter} → ${code}`);
  }
});

test('TCVN3 capitals with tones share the lowercase code', () => {
  assert.equal(TCVN3_ENCODE.get('Ố'), TCVN3_ENCODE.get('ố'));
  assert.equal(TCVN3_ENCODE.get('Ố'), '\u00E8'); // è
  assert.equal(TCVN3_ENCODE.get('Ơ'), '\u00A5'); // ¥, its own code
  assert.equal(TCVN3_ENCODE.get('ơ'), '\u00AC'); // ¬
  assert.equal(TCVN3_ENCODE.get('Đ'), '\u00A7'); // §
  assert.equal(TCVN3_ENCODE.get('ư'), '\u00AD'); // soft hyphen
});

test('VNI round trip: every letter encodes and decodes back, capitals included', () => {
  for (const letter of VIETNAMESE_LETTERS) {
    const code = VNI_ENCODE.get(letter);
    assert.ok(code !== undefined && code.length >= 1 && code.length <= 2, `no VNI code for ${letter}`);
    assert.equal(convertLegacy(code, 'vni'), letter, `${letter} → ${code}`);
  }
  assert.equal(VNI_DECODE.size, 134);
});

test('VNI spellings follow the VNI-Windows code page', () => {
  const expected: Record<string, string> = {
    á: 'aù', à: 'aø', ả: 'aû', ã: 'aõ', ạ: 'aï',
    ă: 'aê', ắ: 'aé', ằ: 'aè', ẳ: 'aú', ẵ: 'aü', ặ: 'aë',
    â: 'aâ', ấ: 'aá', ầ: 'aà', ẩ: 'aå', ẫ: 'aã', ậ: 'aä',
    ê: 'eâ', ế: 'eá', ệ: 'eä', ô: 'oâ', ồ: 'oà', ơ: 'ô', ớ: 'ôù', ợ: 'ôï',
    ư: 'ö', ừ: 'öø', ữ: 'öõ', í: 'í', ì: 'ì', ỉ: 'æ', ĩ: 'ó', ị: 'ò',
    ý: 'yù', ỵ: 'î', đ: 'ñ',
    Á: 'AÙ', Ặ: 'AË', Ậ: 'AÄ', Ề: 'EÀ', Ở: 'ÔÛ', Ư: 'Ö', Ự: 'ÖÏ', Ỉ: 'Æ', Ị: 'Ò', Ỵ: 'Î', Đ: 'Ñ',
  };
  for (const [letter, code] of Object.entries(expected)) assert.equal(VNI_ENCODE.get(letter), code, letter);
});

test('whole sentences encode to the expected legacy text and back', () => {
  const cases: [string, string, string, string][] = [
    // [unicode, tcvn3, tcvn3 decoded, vni]
    [
      'Ủy ban nhân dân huyện Như Xuân',
      'ñy ban nh©n d©n huyÖn Nh\u00AD Xu©n',
      'ủy ban nhân dân huyện Như Xuân',
      'UÛy ban nhaân daân huyeän Nhö Xuaân',
    ],
    [
      'Quyết định về việc ban hành Quy chế',
      'QuyÕt ®Þnh vÒ viÖc ban hµnh Quy chÕ',
      'Quyết định về việc ban hành Quy chế',
      'Quyeát ñònh veà vieäc ban haønh Quy cheá',
    ],
    ['ĐIỀU 1. Phạm vi', '§IÒU 1. Ph¹m vi', 'ĐIềU 1. Phạm vi', 'ÑIEÀU 1. Phaïm vi'],
  ];
  for (const [unicode, tcvn3, tcvn3Decoded, vni] of cases) {
    assert.equal(encodeLegacy(unicode, 'tcvn3'), tcvn3);
    assert.equal(convertLegacy(tcvn3, 'tcvn3'), tcvn3Decoded);
    assert.equal(encodeLegacy(unicode, 'vni'), vni);
    assert.equal(convertLegacy(vni, 'vni'), unicode);
  }
});
