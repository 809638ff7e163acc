// The place written before the date (Decree 30/2020): the administrative unit of the agency's level.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Site } from '../sites/site.ts';
import { placeFromAddress } from './place.ts';

const at = (level: Site['level'], address: string) => placeFromAddress({ level, contact: { address } as Site['contact'] });

test('a district writes its district, a commune its commune, a province or department its province', () => {
  assert.equal(at('district', 'Khu phố 1, thị trấn Yên Cát, huyện Như Xuân, tỉnh Thanh Hóa'), 'Như Xuân');
  assert.equal(at('commune', 'Khu phố 1, thị trấn Thanh Chương, huyện Thanh Chương, tỉnh Nghệ An'), 'Thanh Chương');
  assert.equal(at('commune', 'Thôn 2, xã Đăk Ruồng, tỉnh Quảng Ngãi'), 'Đăk Ruồng');
  assert.equal(at('department', 'Đường Bà Triệu, thành phố Kon Tum, tỉnh Kon Tum'), 'Kon Tum');
  assert.equal(at('province', '35 Trần Phú, quận Ba Đình, thành phố Hà Nội'), 'Hà Nội');
  assert.equal(at('district', '12 Lê Lợi, thành phố Kon Tum, tỉnh Kon Tum'), 'Kon Tum', 'a provincial city is a district-level unit');
});

test('an address that names no unit gives none (the form leaves the place to fill in)', () => {
  assert.equal(at('commune', 'Số 5 đường Hùng Vương'), null);
  assert.equal(at('district', ''), null);
});
