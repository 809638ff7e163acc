// The pure document model: effect status from dates, relations and override;
// validation; normalisation; number folding, keys and number queries; the
// publication deadline on a working calendar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCalendar } from '../calendar/index.ts';
import { documentCatalogue, documentKey, documentProblems, effectStatus, foldNumber, normalizeDetails, numberQuery, numberWarnings, numberWithLeadingZero, ownIssuerTest, publicationDeadline, type DocumentDetails, type EffectFacts } from './index.ts';

const facts = (f: Partial<EffectFacts> = {}): EffectFacts => ({ issuedOn: '2022-03-01', effectiveOn: '2022-04-01', expiresOn: null, statusOverride: null, replacedOn: null, partlyRepealedOn: null, ...f });

describe('effect status', () => {
  test('not yet in force before the date of effect, in force from it', () => {
    assert.equal(effectStatus(facts(), '2022-03-31'), 'not_yet_in_force');
    assert.equal(effectStatus(facts(), '2022-04-01'), 'in_force');
  });
  test('without a date of effect, the date of issue counts', () => {
    assert.equal(effectStatus(facts({ effectiveOn: null }), '2022-02-28'), 'not_yet_in_force');
    assert.equal(effectStatus(facts({ effectiveOn: null }), '2022-03-01'), 'in_force');
  });
  test('expired on its expiry date', () => {
    assert.equal(effectStatus(facts({ expiresOn: '2025-01-01' }), '2024-12-31'), 'in_force');
    assert.equal(effectStatus(facts({ expiresOn: '2025-01-01' }), '2025-01-01'), 'expired');
  });
  test('expired once a replacement takes effect, partly expired once a partial repeal does', () => {
    assert.equal(effectStatus(facts({ replacedOn: '2026-10-15' }), '2026-10-14'), 'in_force');
    assert.equal(effectStatus(facts({ replacedOn: '2026-10-15' }), '2026-10-15'), 'expired');
    assert.equal(effectStatus(facts({ partlyRepealedOn: '2026-10-15' }), '2026-11-01'), 'partly_expired');
    assert.equal(effectStatus(facts({ partlyRepealedOn: '2026-01-01', replacedOn: '2026-06-01' }), '2026-07-01'), 'expired', 'replacement wins');
  });
  test('a status set by hand wins over everything', () => {
    assert.equal(effectStatus(facts({ statusOverride: 'partly_expired' }), '2022-01-01'), 'partly_expired');
    assert.equal(effectStatus(facts({ statusOverride: 'in_force', expiresOn: '2023-01-01' }), '2026-01-01'), 'in_force');
  });
});

const details = (d: Partial<DocumentDetails> = {}): DocumentDetails => ({
  number: '42/2022/NĐ-CP', docType: 'nghi-dinh', issuer: 'Chính phủ', fields: ['Hành chính'], level: 'central', signer: 'Phạm Minh Chính',
  issuedOn: '2022-06-24', effectiveOn: '2022-08-01', expiresOn: null, statusOverride: null, statusNote: null, relations: [], ...d,
});

describe('details', () => {
  const catalogue = documentCatalogue({ documents: { types: [{ key: 'to-trinh', vi: 'Tờ trình' }], fields: ['Chuyển đổi số'] } });
  test('a complete document has no problems; the site adds its own types and fields', () => {
    assert.deepEqual(documentProblems(details(), catalogue), []);
    assert.deepEqual(documentProblems(details({ docType: 'to-trinh', fields: ['Chuyển đổi số'] }), catalogue), []);
    assert.equal(documentCatalogue({}).types.some((t) => t.key === 'to-trinh'), false);
  });
  test('every problem at once, field by field', () => {
    const fields = documentProblems(details({ number: '', docType: 'x', issuer: ' ', issuedOn: '2022-13-01', fields: ['Không có'], statusOverride: 'expired' }), catalogue).map((p) => p.field);
    assert.deepEqual(fields, ['docNumber', 'docType', 'docIssuer', 'docIssuedOn', 'docStatusNote', 'docFields']);
  });
  test('dates in order: effect not before issue, expiry after effect', () => {
    assert.deepEqual(documentProblems(details({ effectiveOn: '2022-06-01' }), catalogue).map((p) => p.field), ['docEffectiveOn']);
    assert.deepEqual(documentProblems(details({ expiresOn: '2022-08-01' }), catalogue).map((p) => p.field), ['docExpiresOn']);
  });
  test('a number with odd characters is refused', () => {
    assert.equal(documentProblems(details({ number: '42/2022 <b>' }), catalogue)[0]?.field, 'docNumber');
  });
  test('normalised: NFC, spaces, repeats', () => {
    const n = normalizeDetails(details({ number: ' 42/2022/NĐ-CP ', issuer: '  Chính   phủ ', signer: '  ', fields: ['Hành chính', 'Hành chính '], relations: [{ relation: 'replaces', toArticleId: 3 }, { relation: 'replaces', toArticleId: 3 }] }));
    assert.equal(n.number, '42/2022/NĐ-CP');
    assert.equal(n.issuer, 'Chính phủ');
    assert.equal(n.signer, null);
    assert.deepEqual(n.fields, ['Hành chính']);
    assert.equal(n.relations.length, 1);
  });
});

describe('numbers', () => {
  test('folded without diacritics, lower case', () => {
    assert.equal(foldNumber('42/2022/NĐ-CP'), '42/2022/nd-cp');
    assert.equal(documentKey('42/2022/NĐ-CP', 'Chính phủ'), documentKey('42/2022/nd-cp', 'chinh phu'));
    assert.notEqual(documentKey('42/2022/NĐ-CP', 'Chính phủ'), documentKey('42/2022/NĐ-CP', 'Bộ Tài chính'));
  });
  test('a query that looks like a number', () => {
    assert.equal(numberQuery('42/2022'), '42/2022');
    assert.equal(numberQuery('số 42/2022/NĐ-CP'), '42/2022/nd-cp');
    assert.equal(numberQuery('42'), '42');
    assert.equal(numberQuery('nghị định'), null);
  });
});

describe('publication deadline', () => {
  const calendar = createCalendar();
  const rule = { amount: 2, unit: 'working_days' as const };
  test('two working days after signing, the day of signing not counted; a weekend skipped', () => {
    // Thursday 19/11/2026 → Friday 20 and Monday 23: due at the close of Monday.
    const d = publicationDeadline('2026-11-19', null, rule, calendar, new Date('2026-11-23T02:00:00Z'));
    assert.equal(d.dueAt, '2026-11-23T10:00:00.000Z');
    assert.equal(d.late, false);
    assert.equal(publicationDeadline('2026-11-19', null, rule, calendar, new Date('2026-11-24T02:00:00Z')).late, true, 'unpublished past it: late');
  });
  test('measured to the first publication', () => {
    assert.equal(publicationDeadline('2026-11-19', '2026-11-23T09:00:00Z', rule, calendar, new Date('2026-12-31T00:00:00Z')).late, false);
    assert.equal(publicationDeadline('2026-11-19', '2026-11-24T01:00:00Z', rule, calendar, new Date('2026-12-31T00:00:00Z')).late, true);
  });
  test('no rule, no deadline', () => {
    assert.deepEqual(publicationDeadline('2026-11-19', null, null, calendar, new Date()), { dueAt: null, late: false, publishedAt: null });
  });
});

test('own issuers: folded names, UBND and HĐND spelled out, never a prefix match', () => {
  const own = ownIssuerTest(['Ủy ban nhân dân huyện Như Xuân', 'Văn phòng', 'Phòng Văn hóa và Thông tin']);
  assert.equal(own('UBND huyện Như Xuân'), true);
  assert.equal(own('uỷ ban nhân dân  huyện như xuân'), true);
  assert.equal(own('Phòng văn hoá và thông tin'), true);
  assert.equal(own('Chính phủ'), false);
  assert.equal(own('Văn phòng Chính phủ'), false, 'a unit called "Văn phòng" is not every office');
  assert.equal(own('Ủy ban nhân dân tỉnh Thanh Hóa'), false);
});

test('a number below 10 is written with its leading zero (Decree 30/2020 Art. 15)', () => {
  assert.equal(numberWithLeadingZero('5/QĐ-UBND'), '05/QĐ-UBND');
  assert.equal(numberWithLeadingZero('5/2023/QĐ-UBND'), '05/2023/QĐ-UBND');
  assert.equal(numberWithLeadingZero('5-QĐ/TU'), '05-QĐ/TU');
  for (const fine of ['05/QĐ-UBND', '15/QĐ-UBND', '42/2022/NĐ-CP', '0/QĐ', '5A/QĐ']) assert.equal(numberWithLeadingZero(fine), null, fine);
  assert.deepEqual(numberWarnings('7/KH-UBND').map((w) => w.suggestion), ['07/KH-UBND']);
});
