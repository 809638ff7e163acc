// What a form field holds once read: NFC, trimmed, and without the control characters no person
// types (NUL breaks PostgreSQL's text type; a right-to-left override makes "gpj.exe" read as "exe.jpg").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FormReader } from './form.ts';

test('control characters and bidirectional overrides are dropped; line breaks, tabs and Vietnamese stay', () => {
  const form = new FormReader({ title: 'Đường\u0000 hỏng \u202eexe.jpg\u202c', body: 'Dòng một\r\nDòng\thai\u2066x\u2069', decomposed: 'Hoa\u0300' }, 'vi');
  assert.equal(form.text('title', { label: 'Tiêu đề' }), 'Đường hỏng exe.jpg');
  assert.equal(form.text('body', { label: 'Nội dung', max: 100 }), 'Dòng một\nDòng\thaix');
  assert.equal(form.text('decomposed', { label: 'Tên' }), 'Hoà', 'NFC');
  assert.equal(form.values.title, 'Đường hỏng exe.jpg', 'what is shown back is the cleaned text');
});
