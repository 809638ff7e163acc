import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPersonalData, maskPersonalData, nationalDigits, splitAtFindings, type OwnData } from './personal-data.ts';

const HOA: OwnData = { name: 'Nguyễn Thị Hoa', email: 'hoa.nguyen@example.vn', phone: '0912 345 678', address: 'Thôn Mới, xã Thanh Quân, huyện Như Xuân', idNumber: '038190001234' };
const NOBODY: OwnData = {};

/** What was found, as "kind:text" (own data marked with *). */
function found(text: string, own: OwnData = NOBODY, publicContacts: string[] = []): string[] {
  return findPersonalData(text, own, { publicContacts }).map((f) => {
    assert.equal(text.slice(f.start, f.end), f.text, 'positions point at the text');
    return `${f.kind}${f.own ? '*' : ''}:${f.text}`;
  });
}

test('phone numbers in the forms people write them', () => {
  for (const phone of [
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '0912345678',
    '091 234 5678',
    '0912 34 56 78',
    '+84 912345678',
    '+84912345678',
    '+84 912 345 678',
    '+84 912.345.678',
    '(+84) 912 345 678',
    '84 912 345 678',
    '+84 (0) 912 345 678',
    '(024) 3825 1234',
    '024 3825 1234',
    '024.3825.1234',
    '(0260) 386 2345',
    '+84 24 3825 1234',
    '0387 654 321',
  ]) {
    assert.deepEqual(found(`Liên hệ ${phone}, xin cảm ơn.`), [`phone:${phone}`], phone);
    assert.deepEqual(found(`SĐT:${phone}`), [`phone:${phone}`], phone);
  }
  assert.deepEqual(found('Gọi 0912 345 678 hoặc 0987 654 321'), ['phone:0912 345 678', 'phone:0987 654 321']);
  assert.deepEqual(found('Gọi 0912345678 0987654321'), ['phone:0912345678', 'phone:0987654321'], 'two numbers separated by a space');
  assert.deepEqual(found('Lúc 15 giờ ngày 05.03.2026 gọi 0912.345.678 15 phút'), ['phone:0912.345.678']);
});

test('the requester’s own phone is found however it is written, and marked as theirs', () => {
  assert.deepEqual(found('Số của tôi là 0912345678.', HOA), ['phone*:0912345678']);
  assert.deepEqual(found('Số của tôi là +84 912 345 678.', HOA), ['phone*:+84 912 345 678']);
  assert.deepEqual(found('gọi 0 9 1 2 3 4 5 6 7 8 nhé', HOA), ['phone*:0 9 1 2 3 4 5 6 7 8']);
  assert.deepEqual(found('gọi 0987 654 321', HOA), ['phone:0987 654 321'], 'another number is still flagged, not as the requester’s');
});

test('e-mail addresses, except the agency’s own and *.gov.vn', () => {
  assert.deepEqual(found('Gửi về hoa.nguyen@example.vn.', HOA), ['email*:hoa.nguyen@example.vn']);
  assert.deepEqual(found('Gửi về HOA.NGUYEN@EXAMPLE.VN', HOA), ['email*:HOA.NGUYEN@EXAMPLE.VN']);
  assert.deepEqual(found('hoặc ban.khac+hoi@gmail.com'), ['email:ban.khac+hoi@gmail.com']);
  assert.deepEqual(found('Gửi về vanphong@kontum.gov.vn hoặc lienhe@nhuxuan.vn', NOBODY, ['lienhe@nhuxuan.vn']), []);
});

test('identity numbers: CCCD (12 digits), CMND (9), the requester’s own', () => {
  assert.deepEqual(found('CCCD số 001099012345 cấp ngày 01/02/2021'), ['id_number:001099012345']);
  assert.deepEqual(found('CCCD 001 099 012 345'), ['id_number:001 099 012 345']);
  assert.deepEqual(found('CMND 123456789.'), ['id_number:123456789']);
  assert.deepEqual(found('Căn cước 038190001234', HOA), ['id_number*:038190001234']);
  assert.deepEqual(found('Căn cước 038.190.001.234', HOA), ['id_number*:038.190.001.234']);
  assert.deepEqual(found('hộ chiếu số b1234567 cấp năm 2020', { idNumber: 'B1234567' }), ['id_number*:b1234567']);
});

test('the requester’s name: in full without regard to diacritics, without the family name, the given name after a form of address', () => {
  assert.deepEqual(found('Tôi là Nguyễn Thị Hoa, ở thôn.', HOA), ['name*:Nguyễn Thị Hoa']);
  assert.deepEqual(found('toi la nguyen thi hoa', HOA), ['name*:nguyen thi hoa']);
  assert.deepEqual(found('NGUYỄN THỊ HOA', HOA), ['name*:NGUYỄN THỊ HOA']);
  assert.deepEqual(found('Trả lời chị Thị Hoa như sau', HOA), ['name*:Thị Hoa']);
  assert.deepEqual(found('Kính gửi bà Hoa. Ông/Bà Hoa nộp hồ sơ tại xã.', HOA), ['name*:Hoa', 'name*:Hoa']);
  assert.deepEqual(found('Ông (bà) Hoa nộp hồ sơ', HOA), ['name*:Hoa']);
  // A given name is also a word: only a form of address and a capital make it a name.
  assert.deepEqual(found('Đề nghị đơn giản hóa thủ tục; hoa quả; Hoa Kỳ; bà hoa', HOA), []);
  assert.deepEqual(found('Khu dân cư thị hoa', HOA), [], 'the name without the family name needs its capitals');
});

test('the requester’s address: the hamlet, street or house, not the commune everybody shares', () => {
  assert.deepEqual(found('Nhà tôi ở thôn Mới, xã Thanh Quân.', HOA), ['address*:thôn Mới']);
  assert.deepEqual(found('Ủy ban nhân dân xã Thanh Quân, huyện Như Xuân trả lời', HOA), []);
  assert.deepEqual(found('ở số 12 đường Lê Lợi nhé', { address: 'Số 12 đường Lê Lợi, phường Quyết Thắng, TP. Kon Tum' }), ['address*:số 12 đường Lê Lợi']);
  assert.deepEqual(found('Thành phố Kon Tum', { address: 'Kon Tum' }), [], 'a place name alone is not distinctive');
});

test('dates, document numbers, articles, amounts, postal codes and hotlines are not personal data', () => {
  for (const text of [
    'Ngày 12/03/2026, UBND xã đã tiếp nhận.',
    'Từ ngày 05.03.2026 15 giờ đến ngày 10.03.2026.',
    'Thời gian: 05-03-2026 đến 2026-03-12, lúc 08:30.',
    'Theo Nghị định số 42/2022/NĐ-CP và Quyết định số 1234/QĐ-UBND ngày 01/02/2026.',
    'Căn cứ Điều 12 khoản 3 điểm a Luật Đất đai 2024; Thông tư 32/2017/TT-BTTTT.',
    'Lệ phí 1.500.000 đồng; tổng 15.000.000.000 đồng; hoặc 150000000 đồng; 250000000đ.',
    'Bộ phận một cửa, số 123 đường Trần Phú, thành phố Kon Tum, tỉnh Kon Tum (mã bưu chính 580000).',
    'Đường dây nóng 1900 1234 hoặc 1800 6789; năm 2026; tờ bản đồ số 45 thửa 0123.',
    'Mã tra cứu HD-7K3Q-9PXM; mẫu số 04/ĐK; diện tích 120,5 m2; 0,5 ha.',
    'Xem https://dichvucong.gov.vn/p/0987654321 hoặc https://kontum.gov.vn.',
  ]) {
    assert.deepEqual(found(text, HOA), [], text);
  }
  // The agency's own published phone is not personal data.
  assert.deepEqual(found('Liên hệ Văn phòng (0260) 3862 345.', HOA, ['0260 3862 345']), []);
});

test('masking replaces each finding with an ellipsis; splitting keeps every character', () => {
  const text = 'Tôi là Nguyễn Thị Hoa, SĐT 0912 345 678, email hoa.nguyen@example.vn, ở thôn Mới.';
  const findings = findPersonalData(text, HOA);
  assert.deepEqual(
    findings.map((f) => f.kind),
    ['name', 'phone', 'email', 'address'],
  );
  assert.equal(maskPersonalData(text, findings), 'Tôi là …, SĐT …, email …, ở ….');
  const parts = splitAtFindings(text, findings);
  assert.equal(parts.map((p) => p.text).join(''), text);
  assert.deepEqual(
    parts.filter((p) => p.finding).map((p) => p.text),
    ['Nguyễn Thị Hoa', '0912 345 678', 'hoa.nguyen@example.vn', 'thôn Mới'],
  );
  assert.deepEqual(findPersonalData('', HOA), []);
});

test('nationalDigits reads a phone as its national number', () => {
  assert.equal(nationalDigits('+84 912.345.678'), '0912345678');
  assert.equal(nationalDigits('(+84) (0) 24 3825 1234'), '02438251234');
  assert.equal(nationalDigits('0912 345 678'), '0912345678');
  assert.equal(nationalDigits('84912345678'), '0912345678');
});
