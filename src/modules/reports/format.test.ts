import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCell } from './format.ts';

test('cells read the Vietnamese way', () => {
  assert.equal(formatCell('int', 1234, 'vi'), '1.234');
  assert.equal(formatCell('int', 1234, 'en'), '1,234');
  assert.equal(formatCell('decimal', 12.5, 'vi'), '12,5');
  assert.equal(formatCell('percent', 0.125, 'vi'), '12,5 %');
  assert.equal(formatCell('percent', 1, 'vi'), '100 %');
  assert.equal(formatCell('working_hours', 3, 'vi'), '3 giờ làm việc');
  assert.equal(formatCell('working_days', 1.5, 'vi'), '1,5 ngày làm việc');
  assert.equal(formatCell('working_days', 1, 'en'), '1 working day');
  assert.equal(formatCell('date', '2026-09-02', 'vi'), '02/09/2026');
  assert.equal(formatCell('datetime', '2026-09-02T01:30:00Z', 'vi'), '02/09/2026 08:30');
  assert.equal(formatCell('text', 'Phòng Nội vụ', 'vi'), 'Phòng Nội vụ');
  assert.equal(formatCell('int', null, 'vi'), '—');
});
