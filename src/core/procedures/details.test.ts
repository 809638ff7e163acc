import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_DOCUMENT_FIELDS } from '../documents/details.ts';
import {
  blankDetails,
  canonicalCells,
  HEADERS,
  HEADER_LIST,
  matchField,
  missingHeaders,
  normalizeProcedure,
  parseDetails,
  procedureFromCells,
  procedureProblems,
  procedureToCells,
  publicationProblems,
  workingDaysIn,
  type ProcedureInput,
} from './index.ts';

const FIELDS = DEFAULT_DOCUMENT_FIELDS;

function sample(overrides: Partial<ProcedureInput> = {}): ProcedureInput {
  const details = blankDetails();
  details.steps = ['Nộp hồ sơ tại Bộ phận một cửa', 'Nhận kết quả'];
  details.methods = [{ method: 'direct', note: 'Giờ hành chính' }];
  details.dossier = [{ name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0, note: null }];
  details.timeLimit = { text: 'Ngay trong ngày', workingDays: 0 };
  details.result = 'Giấy khai sinh';
  details.fees = [{ name: 'Lệ phí', amount: 'Miễn' }];
  return { code: '1.001193', name: 'Đăng ký khai sinh', level: 'commune', field: 'Tư pháp', agency: 'UBND cấp xã', details, ...overrides };
}

test('a complete procedure has no problems and is ready to publish', () => {
  const p = normalizeProcedure(sample());
  assert.deepEqual(procedureProblems(p, FIELDS), []);
  assert.deepEqual(publicationProblems(p), []);
});

test('text is NFC and trimmed, empty rows are dropped, e-mail lower-cased', () => {
  const s = sample();
  s.name = '  Đăng ky\u0301 khai sinh  ';
  s.details.steps = ['  Bước 1 ', '', '   '];
  s.details.fees = [{ name: '', amount: '' }];
  s.details.handler = { name: ' Lê Văn A ', phone: null, email: 'MotCua@Xa.Gov.VN' };
  const p = normalizeProcedure(s);
  assert.equal(p.name, 'Đăng ký khai sinh');
  assert.equal(p.name, p.name.normalize('NFC'));
  assert.deepEqual(p.details.steps, ['Bước 1']);
  assert.deepEqual(p.details.fees, []);
  assert.equal(p.details.handler.email, 'motcua@xa.gov.vn');
});

test('each problem names its field, in Vietnamese and English', () => {
  const s = sample({ code: '', name: '', level: 'huyen' as never, field: 'Không có', agency: '' });
  s.details.dossier = [{ name: '', originals: 0, copies: 0, note: 'x' }];
  s.details.online = { level: 'full', url: 'http://dichvucong.gov.vn' };
  s.details.handler = { name: null, phone: 'abc', email: 'not-mail' };
  s.details.fees = [{ name: 'Lệ phí', amount: '' }];
  const problems = procedureProblems(normalizeProcedure(s), FIELDS);
  const fields = problems.map((p) => p.field);
  for (const f of ['code', 'name', 'level', 'field', 'agency', 'dossierName_0', 'dossierOriginals_0', 'onlineUrl', 'handlerPhone', 'handlerEmail', 'feeAmount_0']) assert.ok(fields.includes(f), `missing ${f}: ${fields.join(',')}`);
  for (const p of problems) assert.ok(p.vi && p.en);
});

test('an online service needs an https link; none needs none', () => {
  const s = sample();
  s.details.online = { level: 'partial', url: null };
  assert.ok(procedureProblems(normalizeProcedure(s), FIELDS).some((p) => p.field === 'onlineUrl'));
  s.details.online = { level: 'partial', url: 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc.html?ma=1.001193' };
  assert.deepEqual(procedureProblems(normalizeProcedure(s), FIELDS), []);
  s.details.online = { level: 'full', url: 'javascript:alert(1)' };
  assert.ok(procedureProblems(normalizeProcedure(s), FIELDS).some((p) => p.field === 'onlineUrl'));
});

test('publication needs steps, a method, a time limit and a result', () => {
  const p = normalizeProcedure(sample({ details: blankDetails() }));
  assert.deepEqual(publicationProblems(p).map((x) => x.field), ['step_0', 'methods', 'timeLimit', 'result']);
});

test('working days are read from the time limit as written', () => {
  assert.equal(workingDaysIn('05 ngày làm việc kể từ ngày nhận đủ hồ sơ'), 5);
  assert.equal(workingDaysIn('Trong thời hạn 15 (mười lăm) ngày làm việc'), 15);
  assert.equal(workingDaysIn('Ngay trong ngày'), null);
});

test('fields match without case or diacritics', () => {
  assert.equal(matchField(FIELDS, 'tu phap'), 'Tư pháp');
  assert.equal(matchField(FIELDS, 'Không có'), null);
});

test('a spreadsheet row becomes a procedure; its problems name the column', () => {
  const cells: Record<string, string> = {
    [HEADERS.code]: '1.001193',
    [HEADERS.name]: 'Đăng ký khai sinh',
    [HEADERS.level]: 'Cấp xã',
    [HEADERS.field]: 'tu phap',
    [HEADERS.agency]: 'UBND xã',
    [HEADERS.steps]: 'Nộp hồ sơ\nNhận kết quả',
    [HEADERS.methods]: 'Trực tiếp: tại Bộ phận một cửa\nTrực tuyến',
    [HEADERS.dossier]: 'Tờ khai | 1 | 0\nGiấy chứng sinh | 0 | 1 | bản sao có chứng thực',
    [HEADERS.timeLimit]: '03 ngày làm việc',
    [HEADERS.fees]: 'Lệ phí | Miễn',
    [HEADERS.onlineLevel]: 'Toàn trình',
    [HEADERS.onlineUrl]: 'https://dichvucong.gov.vn/x',
    [HEADERS.contact]: '0260 3862 123\nmotcua@xa.gov.vn',
  };
  const { input, problems } = procedureFromCells(cells, FIELDS);
  assert.deepEqual(problems, []);
  assert.equal(input.field, 'Tư pháp');
  assert.equal(input.level, 'commune');
  assert.deepEqual(input.details.methods, [{ method: 'direct', note: 'tại Bộ phận một cửa' }, { method: 'online', note: null }]);
  assert.deepEqual(input.details.dossier[1], { name: 'Giấy chứng sinh', originals: 0, copies: 1, note: 'bản sao có chứng thực' });
  assert.equal(input.details.timeLimit.workingDays, 3);
  assert.deepEqual(input.details.handler, { name: null, phone: '0260 3862 123', email: 'motcua@xa.gov.vn' });

  const back = procedureFromCells(Object.fromEntries(HEADER_LIST.map((h, i) => [h, procedureToCells(input)[i]!])), FIELDS);
  assert.deepEqual(back.input, input, 'a row written out reads back the same');

  const bad = procedureFromCells({ ...cells, [HEADERS.level]: 'Cấp thôn', [HEADERS.onlineUrl]: '' }, FIELDS);
  assert.deepEqual(bad.problems.map((p) => p.field).sort(), [HEADERS.level, HEADERS.onlineUrl].sort());
});

test('headers are found whatever their case or diacritics; missing required ones are listed', () => {
  assert.deepEqual(missingHeaders(['ma thu tuc', 'Tên thủ tục']), [HEADERS.level, HEADERS.field, HEADERS.agency]);
  assert.deepEqual(canonicalCells({ 'MA THU TUC': 'x' }), { [HEADERS.code]: 'x' });
});

test('details stored by an older version read with defaults', () => {
  const d = parseDetails('{"steps":["a"]}');
  assert.deepEqual(d.steps, ['a']);
  assert.equal(d.online.level, 'none');
  assert.deepEqual(d.forms, []);
});
