// The generated entry form as pure functions, on a local declaration that uses
// every field type (the registry holds only the shipped kinds): saved values
// drawn into the form and read back give the same values; rows and pictures
// come with spare slots, "Thêm dòng" draws more, empty rows are dropped and
// the rest renumbered; 30 rows are read; a problem shows next to its input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allSectionKinds, fieldName, FIELD_TYPES, normalizeValues, type SectionKind } from '../../core/entries/index.ts';
import type { FormValues } from '../../platform/http/form.ts';
import { EntryFields, type EntryFieldOptions } from './fields.tsx';
import { htmlCheckerUnavailable, htmlErrors } from '../../../test/support/html-checker.ts';
import { ADD_ROWS_BUTTON, ADDED_ROWS, entryFormValues, readEntryForm, SPARE_ROWS } from './form.ts';

const L = (vi: string, en: string) => ({ vi, en });

export const everything: SectionKind = {
  key: 'test_everything',
  label: L('Mục thử', 'Test entry'),
  plural: L('Mục thử', 'Test entries'),
  description: L('Mọi loại trường.', 'Every field type.'),
  path: 'muc-thu',
  fields: [
    { key: 'name', type: 'text', label: L('Tên', 'Name'), required: true, hint: L('Tên đầy đủ.', 'Full name.') },
    { key: 'note', type: 'longtext', label: L('Ghi chú', 'Note') },
    { key: 'bio', type: 'richtext', label: L('Tiểu sử', 'Biography') },
    { key: 'day', type: 'date', label: L('Ngày', 'Day') },
    { key: 'term', type: 'daterange', label: L('Nhiệm kỳ', 'Term') },
    { key: 'at', type: 'datetime', label: L('Thời gian', 'Time') },
    { key: 'hour', type: 'time', label: L('Giờ', 'Hour') },
    { key: 'total', type: 'money', label: L('Tổng mức đầu tư', 'Total investment') },
    { key: 'share', type: 'number', label: L('Tỷ lệ', 'Share') },
    { key: 'group', type: 'choice', label: L('Nhóm', 'Group'), choices: [{ value: 'a', label: L('Nhóm A', 'Group A') }, { value: 'b', label: L('Nhóm B', 'Group B') }] },
    { key: 'areas', type: 'choices', label: L('Lĩnh vực', 'Fields'), choices: [{ value: 'x', label: L('Giao thông', 'Transport') }, { value: 'y', label: L('Y tế', 'Health') }] },
    { key: 'decision', type: 'file', label: L('Quyết định', 'Decision') },
    { key: 'annexes', type: 'files', label: L('Phụ lục', 'Annexes') },
    { key: 'photo', type: 'picture', label: L('Ảnh chân dung', 'Portrait') },
    { key: 'gallery', type: 'pictures', label: L('Ảnh hoạt động', 'Photos') },
    { key: 'site', type: 'link', label: L('Trang web', 'Website') },
    { key: 'phone', type: 'phone', label: L('Điện thoại', 'Phone') },
    { key: 'mail', type: 'email', label: L('Thư điện tử', 'E-mail') },
    { key: 'docs', type: 'documents', label: L('Văn bản liên quan', 'Related documents') },
    { key: 'units', type: 'units', label: L('Đơn vị', 'Units') },
    { key: 'people', type: 'people', label: L('Người liên hệ', 'Contacts') },
    { key: 'related', type: 'entries', label: L('Mục liên quan', 'Related entries') },
    { key: 'thread', type: 'articles', label: L('Tin, bài theo dòng sự kiện', 'Thread articles') },
    {
      key: 'days',
      type: 'rows',
      label: L('Lịch', 'Schedule'),
      fields: [
        { key: 'date', type: 'date', label: L('Ngày', 'Day'), required: true },
        { key: 'time', type: 'time', label: L('Giờ', 'Time') },
        { key: 'content', type: 'text', label: L('Nội dung', 'Content'), required: true },
        { key: 'chair', type: 'people', label: L('Chủ trì', 'Chair') },
        { key: 'span', type: 'daterange', label: L('Thời gian', 'Span') },
        { key: 'photo', type: 'picture', label: L('Ảnh', 'Photo') },
      ],
    },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
};

const saved = {
  name: 'Nguyễn Văn An',
  note: 'Dòng một\nDòng hai',
  bio: '<p>Sinh năm 1970.</p>',
  day: '2026-11-23',
  term: { from: '2021-06-01', to: '2026-05-31' },
  at: '2026-11-23T01:30:00.000Z',
  hour: '07:30',
  total: 1_250_000_000,
  share: 12.5,
  group: 'b',
  areas: ['x', 'y'],
  decision: 4,
  annexes: [5, 6],
  photo: { mediaId: 7, alt: 'Ông An phát biểu', caption: 'Hội nghị tháng 11' },
  gallery: [
    { mediaId: 8, alt: 'Lễ khánh thành', caption: null },
    { mediaId: 9, alt: 'Cầu treo', caption: 'Bản Mới' },
  ],
  site: 'https://nhuxuan.thanhhoa.gov.vn',
  phone: '0237 3877 123',
  mail: 'vanphong@nhuxuan.gov.vn',
  docs: [11],
  units: [2, 3],
  people: [21],
  related: [31],
  thread: [41, 42],
  days: [
    { date: '2026-11-23', time: '08:00', content: 'Họp giao ban', chair: [21], span: { from: '2026-11-23', to: null }, photo: { mediaId: 7, alt: 'Họp', caption: null } },
    { date: '2026-11-24', content: 'Tiếp công dân' },
  ],
};

/** What a browser posts back of a form it was given unchanged. */
function posted(values: FormValues): Record<string, string | string[]> {
  return { ...values };
}

test('every field type is declared in the local kind', () => {
  const used = new Set(everything.fields.map((f) => f.type));
  assert.deepEqual(FIELD_TYPES.filter((t) => !used.has(t)), []);
});

test('saved values → form → read back → normalised: the same values', () => {
  const { values: normal, problems } = normalizeValues(everything, saved);
  assert.deepEqual(problems, []);
  const form = entryFormValues(everything, normal);
  assert.equal(form['f.total'], '1.250.000.000', 'money is written the Vietnamese way');
  assert.equal(form['f.share'], '12,5');
  assert.equal(form['f.at'], '2026-11-23T08:30', 'a date-time is shown in Vietnam time');
  assert.equal(form['f.term.from'], '2021-06-01');
  assert.equal(form['f.photo.alt'], 'Ông An phát biểu');
  assert.equal(form['f.gallery.1.caption'], 'Bản Mới');
  assert.equal(form['f.days.0.content'], 'Họp giao ban');
  assert.equal(form['f.days.count'], String(2 + SPARE_ROWS), 'the filled rows and three spare ones');
  assert.equal(form['f.gallery.count'], String(2 + SPARE_ROWS));
  const read = readEntryForm(everything, posted(form));
  const again = normalizeValues(everything, read.values);
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.values, normal);
  assert.equal(read.addRowsTo, null);
});

test('a blank form reads as no values; a new form has spare rows and picture slots', () => {
  const form = entryFormValues(everything, {});
  assert.equal(form['f.days.count'], String(SPARE_ROWS));
  assert.equal(form['f.gallery.count'], String(SPARE_ROWS));
  const read = readEntryForm(everything, { ...form, 'f.group': '', 'f.days.0.date': '', 'f.gallery.0.mediaId': '' });
  assert.deepEqual(read.values, {});
});

test('empty rows are dropped and the rest renumbered; dd/mm/yyyy and Vietnam time are read', () => {
  const read = readEntryForm(everything, {
    'f.days.count': '5',
    'f.days.1.date': '25/11/2026',
    'f.days.1.content': 'Làm việc tại xã',
    'f.days.3.content': 'Dự hội nghị',
    'f.at': '2026-12-01T14:00',
    'f.total': '1.250.000.000',
  });
  assert.deepEqual(read.values.days, [{ date: '2026-11-25', content: 'Làm việc tại xã' }, { content: 'Dự hội nghị' }]);
  assert.equal(read.typed['f.days.0.content'], 'Làm việc tại xã');
  assert.equal(read.typed['f.days.1.content'], 'Dự hội nghị');
  assert.equal(read.typed['f.days.count'], '5', 'never fewer rows than were drawn');
  const { values } = normalizeValues(everything, read.values);
  assert.equal(values.at, '2026-12-01T07:00:00.000Z');
  assert.equal(values.total, 1_250_000_000);
});

test('"Thêm dòng" asks for more rows without losing what was typed', () => {
  const read = readEntryForm(everything, { 'f.days.count': '3', 'f.days.0.content': 'Họp', [ADD_ROWS_BUTTON]: 'days' });
  assert.equal(read.addRowsTo, 'days');
  assert.equal(read.typed['f.days.count'], String(1 + SPARE_ROWS + ADDED_ROWS), 'the filled row, the spare ones and more');
  assert.equal(read.typed['f.days.0.content'], 'Họp');
  assert.equal(readEntryForm(everything, { [ADD_ROWS_BUTTON]: 'name' }).addRowsTo, null, 'only a table or a picture list takes rows');
});

test('30 rows are read in full', () => {
  const body: Record<string, string> = { 'f.days.count': '33' };
  for (let i = 0; i < 30; i++) {
    body[`f.days.${i}.date`] = '2026-11-23';
    body[`f.days.${i}.time`] = `${String(7 + (i % 10)).padStart(2, '0')}:00`;
    body[`f.days.${i}.content`] = `Việc số ${i + 1}`;
  }
  const read = readEntryForm(everything, body);
  const { values, problems } = normalizeValues(everything, read.values);
  assert.deepEqual(problems, []);
  assert.equal((values.days as unknown[]).length, 30);
  assert.equal((values.days as { content: string }[])[29]!.content, 'Việc số 30');
});

const options: EntryFieldOptions = {
  images: [{ value: '7', label: 'an.jpg' }],
  files: [{ value: '4', label: 'qd.pdf' }],
  documents: [{ value: '11', label: 'Quyết định 15/2023' }],
  units: [{ value: '2', label: 'Phòng Nội vụ' }],
  people: [{ value: '21', label: 'Lê Văn Tâm' }],
  entries: { '': [{ value: '31', label: 'Thông báo cũ' }] },
  articles: [{ value: '41', label: 'Khai mạc Đại hội (số 41)' }],
};

test('the form has one proper input per field, named f.<key>, labelled in Vietnamese then English', async () => {
  const values = entryFormValues(everything, normalizeValues(everything, saved).values);
  const html = await (<EntryFields kind={everything} form={{ values, errors: {} }} options={options} lang="vi" />);
  const input = (name: string, type: string) => new RegExp(`<input[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*type="${type}"|<input[^>]*type="${type}"[^>]*name="${name.replace(/\./g, '\\.')}"`);
  assert.match(html, input('f.name', 'text'));
  assert.match(html, /<textarea[^>]*name="f\.note"/);
  assert.match(html, /<textarea[^>]*name="f\.bio"[^>]*data-rich-editor/);
  assert.match(html, input('f.day', 'date'));
  assert.match(html, input('f.term.from', 'date'));
  assert.match(html, input('f.term.to', 'date'));
  assert.match(html, input('f.at', 'datetime-local'));
  assert.match(html, input('f.hour', 'time'));
  assert.match(html, /name="f\.total"[^>]*value="1\.250\.000\.000"/);
  assert.match(html, /type="radio"[^>]*name="f\.group"[^>]*value="b"[^>]*checked/, 'a few choices are radio buttons');
  assert.match(html, /type="radio"[^>]*name="f\.group"[^>]*value=""/, 'an optional choice may be left empty');
  assert.match(html, /<select[^>]*name="f\.days\.0\.chair|<select[^>]*name="f\.decision"/);
  assert.match(html, /type="checkbox"[^>]*name="f\.areas"[^>]*value="y"[^>]*checked/);
  assert.match(html, /<select[^>]*name="f\.decision"/);
  assert.match(html, /type="checkbox"[^>]*name="f\.thread"[^>]*value="41"[^>]*checked/, 'a thread article ticked in the list');
  assert.match(html, /<input[^>]*name="f\.thread\.add"/, 'older articles are typed by number');
  assert.match(html, /<select[^>]*name="f\.photo\.mediaId"/);
  assert.match(html, /name="f\.photo\.alt"[^>]*value="Ông An phát biểu"/);
  assert.match(html, /name="f\.gallery\.1\.caption"[^>]*value="Bản Mới"/);
  assert.match(html, input('f.site', 'url'));
  assert.match(html, input('f.phone', 'tel'));
  assert.match(html, input('f.mail', 'email'));
  for (const rel of ['docs', 'units', 'people', 'related']) assert.match(html, new RegExp(`name="f\\.${rel}"`));
  assert.match(html, /name="f\.days\.4\.content"/, 'two rows and three spare ones');
  assert.doesNotMatch(html, /name="f\.days\.5\.content"/);
  assert.match(html, /<button[^>]*name="addRows"[^>]*value="days"[^>]*>Thêm dòng/);
  assert.match(html, /Tên<\/span> <span lang="en" class="muted">\(Name\)<\/span><span class="required"/);
  assert.match(html, /Tên đầy đủ\./, 'hints are shown');
});

test('a problem from the server shows next to its input, in a row too', async () => {
  const errors = { 'f.name': 'Vui lòng nhập «Tên».', 'f.days.1.date': 'Lịch, dòng 2 — Ngày: ngày không hợp lệ (năm-tháng-ngày).', 'f.term': 'Nhiệm kỳ: ngày kết thúc phải sau ngày bắt đầu.' };
  const values = { 'f.days.count': '4', 'f.days.1.date': '31/02/2026', 'f.term.from': '2026-12-01', 'f.term.to': '2026-01-01' };
  const html = await (<EntryFields kind={everything} form={{ values, errors }} options={options} lang="vi" />);
  assert.match(html, /id="f\.name-error"[^>]*>Vui lòng nhập «Tên»\./);
  assert.match(html, /aria-describedby="f\.name-hint f\.name-error"/);
  assert.match(html, /<td class="field-error"[^>]*>.*name="f\.days\.1\.date"[^>]*value="31\/02\/2026".*id="f\.days\.1\.date-error"/s);
  assert.match(html, /<fieldset id="f\.term"[^>]*>.*ngày kết thúc phải sau ngày bắt đầu/s);
  assert.match(html, /name="f\.term\.to"[^>]*value="2026-01-01"/, 'what was typed stays');
});

test('the form of every field type is valid HTML (Nu HTML Checker)', { skip: htmlCheckerUnavailable() ?? false }, async () => {
  const page = async (form: { values: FormValues; errors: Record<string, string> }) =>
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Mục thử</title></head><body><main><form method="post" action="/">${await (<EntryFields kind={everything} form={form} options={options} lang="vi" />)}</form></main></body></html>`;
  const values = entryFormValues(everything, normalizeValues(everything, saved).values);
  const errors = { 'f.name': 'Vui lòng nhập «Tên».', 'f.term': 'Nhiệm kỳ: sai.', 'f.days.1.date': 'Ngày sai.', 'f.gallery': 'Ảnh sai.', 'f.units': 'Đơn vị sai.' };
  const many = { ...options, units: Array.from({ length: 40 }, (_, i) => ({ value: String(i + 1), label: `Phòng ${i + 1}` })) };
  const long = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Mục thử</title></head><body><main><form method="post" action="/">${await (<EntryFields kind={everything} form={{ values, errors }} options={many} lang="en" />)}</form></main></body></html>`;
  assert.deepEqual(await htmlErrors([{ label: 'filled', html: await page({ values, errors: {} }) }, { label: 'refused', html: await page({ values, errors }) }, { label: 'long lists, English', html: long }]), []);
});

test('every declared kind’s form: valid HTML, an error beside each field, a blank form reads as no values', { skip: htmlCheckerUnavailable() ?? false }, async () => {
  const pages = [];
  for (const kind of allSectionKinds()) {
    const values = entryFormValues(kind, {});
    assert.deepEqual(readEntryForm(kind, values).values, {}, kind.key);
    const errors = Object.fromEntries(kind.fields.map((f) => [fieldName(f.key), `${f.label.vi}: sai.`]));
    const html = await (<EntryFields kind={kind} form={{ values, errors }} options={options} lang="vi" />);
    for (const f of kind.fields) assert.ok(html.includes(`id="${fieldName(f.key)}-error"`), `${kind.key}.${f.key}`);
    pages.push({ label: kind.key, html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${kind.key}</title></head><body><main><form method="post" action="/">${html}</form></main></body></html>` });
  }
  assert.deepEqual(await htmlErrors(pages), []);
});

test('a picture without a description marks its description only, not its caption; the library’s description is filled in', async () => {
  const values: FormValues = { 'f.photo.mediaId': '7', 'f.photo.alt': '', 'f.photo.caption': 'Chú thích', 'f.gallery.count': '3', 'f.gallery.0.mediaId': '7' };
  const errors = { 'f.photo.alt': 'Ảnh chân dung: ảnh 1 chưa có mô tả.' };
  const html = await (<EntryFields kind={everything} form={{ values, errors }} options={{ ...options, imageAlts: { '7': 'Toàn cảnh hội nghị' } }} lang="vi" />);
  assert.match(html, /id="f\.photo\.alt-error"[^>]*>Ảnh chân dung: ảnh 1 chưa có mô tả\./);
  assert.match(html, /<input type="text" id="f\.photo\.alt" name="f\.photo\.alt" value="Toàn cảnh hội nghị" maxlength="300" aria-invalid="true"/);
  assert.match(html, /<input type="text" id="f\.photo\.caption" name="f\.photo\.caption" value="Chú thích" maxlength="500"\/>/, 'the caption is not marked');
  assert.doesNotMatch(html, /<fieldset id="f\.photo" class="field field-error"/);
  assert.match(html, /id="f\.gallery\.0\.alt" name="f\.gallery\.0\.alt" value="Toàn cảnh hội nghị"/);
});
