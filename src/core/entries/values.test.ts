// The declaration machinery's pure part: each field type normalised or refused
// with a message naming the field, required fields and row columns checked only
// for submission, references collected for the same-site check, and what the
// list filters on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SectionKind } from './declaration.ts';
import { completenessProblems, indexedValues, normalizeValues, referencesOf, searchTextOf, validityOn } from './values.ts';

const kind: SectionKind = {
  key: 'sample',
  label: { vi: 'Mẫu', en: 'Sample' },
  plural: { vi: 'Mẫu', en: 'Samples' },
  description: { vi: 'Mẫu', en: 'Sample' },
  path: 'mau',
  fields: [
    { key: 'group', type: 'choice', label: { vi: 'Nhóm', en: 'Group' }, required: true, filter: true, choices: [{ value: 'A', label: { vi: 'Nhóm A', en: 'Group A' } }, { value: 'B', label: { vi: 'Nhóm B', en: 'Group B' } }] },
    { key: 'total', type: 'money', label: { vi: 'Tổng mức đầu tư', en: 'Total investment' }, sort: true },
    { key: 'period', type: 'daterange', label: { vi: 'Thời gian', en: 'Period' }, filter: true },
    { key: 'investor', type: 'text', label: { vi: 'Chủ đầu tư', en: 'Investor' }, filter: true },
    { key: 'email', type: 'email', label: { vi: 'Thư điện tử', en: 'E-mail' } },
    { key: 'start', type: 'time', label: { vi: 'Giờ', en: 'Time' } },
    { key: 'photo', type: 'picture', label: { vi: 'Ảnh', en: 'Photo' } },
    { key: 'units', type: 'units', label: { vi: 'Đơn vị', en: 'Units' }, filter: true },
    {
      key: 'updates',
      type: 'rows',
      label: { vi: 'Tiến độ', en: 'Progress' },
      fields: [
        { key: 'on', type: 'date', label: { vi: 'Ngày', en: 'Date' }, required: true },
        { key: 'note', type: 'text', label: { vi: 'Nội dung', en: 'Note' }, required: true },
        { key: 'doc', type: 'documents', label: { vi: 'Văn bản', en: 'Documents' } },
      ],
    },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
  validity: { field: 'period' },
};

test('values are normalised: Vietnamese money, NFC text, lower-case e-mail, padded time; unknown keys dropped', () => {
  const { values, problems } = normalizeValues(kind, { group: 'A', total: '1.250.000.000', investor: '  Ban Quản lý  dự án '.normalize('NFD'), email: 'VanPhong@Kontum.gov.vn', start: '7:30', stray: 'x' });
  assert.deepEqual(problems, []);
  assert.equal(values.total, 1_250_000_000);
  assert.equal(values.email, 'vanphong@kontum.gov.vn');
  assert.equal(values.start, '07:30');
  assert.equal(values.stray, undefined);
  assert.equal(values.investor, 'Ban Quản lý dự án', 'NFC, spaces collapsed');
});

test('bad values are refused with the field named in both languages', () => {
  const { problems } = normalizeValues(kind, { group: 'Z', total: '-5', period: { from: '2026-05-01', to: '2026-04-01' }, email: 'khong-phai-thu', start: '25:00', photo: { mediaId: 'x' } });
  const byField = new Map(problems.map((p) => [p.field, p]));
  assert.match(byField.get('f.group')!.vi, /^Nhóm: giá trị không có trong danh sách/);
  assert.match(byField.get('f.total')!.vi, /Tổng mức đầu tư: số tiền là số đồng/);
  assert.match(byField.get('f.period')!.en, /Period: the end must not be before the start/);
  assert.ok(byField.has('f.email') && byField.has('f.start') && byField.has('f.photo'));
});

test('required fields and required row columns hold only for submission; empty spare rows are dropped', () => {
  const { values, problems } = normalizeValues(kind, { updates: [{ on: '2026-03-01' }, { on: '', note: '' }] });
  assert.deepEqual(problems, []);
  assert.equal((values.updates as unknown[]).length, 1, 'the empty spare row is dropped');
  const missing = completenessProblems(kind, 'Dự án', values, '2026-12-06').map((p) => p.field);
  assert.deepEqual(missing, ['f.group', 'f.updates.0.note']);
});

test('a picture needs its description before publication', () => {
  const { values } = normalizeValues(kind, { group: 'A', photo: { mediaId: 4, alt: '', caption: 'Lễ khởi công' } });
  assert.deepEqual(completenessProblems(kind, 'x', values, '2026-12-06').map((p) => p.code), ['picture_alt_required']);
});

test('references are collected for the same-site check, also inside rows', () => {
  const { values } = normalizeValues(kind, { group: 'A', photo: { mediaId: 4, alt: 'Ảnh', caption: null }, units: ['3', 5], updates: [{ on: '2026-03-01', note: 'Khởi công', doc: [9] }] });
  const refs = referencesOf(kind, values);
  assert.deepEqual(refs.images, [4]);
  assert.deepEqual(refs.units, [3, 5]);
  assert.deepEqual(refs.documents, [9]);
});

test('the list index holds one row per filter value; search reads labels and row text; validity by date', () => {
  const { values } = normalizeValues(kind, { group: 'B', total: 300, period: { from: '2026-01-01', to: '2026-06-30' }, investor: 'Ban Quản lý dự án', units: [3, 5], updates: [{ on: '2026-03-01', note: 'Hoàn thành móng' }] });
  const rows = indexedValues(kind, values, (iso) => iso.slice(0, 10));
  assert.deepEqual(rows.map((r) => [r.field, r.value ?? r.number ?? r.date]), [['group', 'B'], ['total', 300], ['period', '2026-01-01'], ['investor', 'Ban Quản lý dự án'], ['units', '3'], ['units', '5']]);
  assert.equal(rows.find((r) => r.field === 'investor')!.folded, 'ban quan ly du an');
  const text = searchTextOf(kind, values, (h) => h);
  assert.match(text, /Chủ đầu tư: Ban Quản lý dự án/);
  assert.match(text, /Hoàn thành móng/);
  assert.equal(validityOn(kind, values, '2026-07-01'), 'expired');
  assert.equal(validityOn(kind, values, '2026-06-30'), 'current');
  assert.equal(validityOn(kind, values, '2025-12-31'), 'upcoming');
});
