// The declarations of issue 14 points 5–9, checked as data (unique keys and
// addresses, sort and validity fields that exist) and their own rules, pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completenessProblems, draftRuleProblems, normalizeValues } from '../values.ts';
import { sectionKind } from '../registry.ts';
import { DECLARED_KINDS } from './index.ts';
import { quarterOf } from './grassroots-disclosure.ts';

const kind = (key: string) => {
  const k = sectionKind(key);
  assert.ok(k, key);
  return k;
};
const codes = (key: string, values: Record<string, unknown>, complete = false) => {
  const k = kind(key);
  const { values: v, problems } = normalizeValues(k, values);
  assert.deepEqual(problems, [], JSON.stringify(problems));
  return (complete ? completenessProblems(k, 'X', v, '2026-12-01') : draftRuleProblems(k, 'X', v, '2026-12-01')).map((p) => `${p.code}@${p.field}`);
};

test('every declaration: unique key and address, sort and validity fields that exist, choices not empty', () => {
  assert.equal(new Set(DECLARED_KINDS.map((k) => k.key)).size, DECLARED_KINDS.length);
  assert.equal(new Set(DECLARED_KINDS.map((k) => k.path)).size, DECLARED_KINDS.length);
  for (const k of DECLARED_KINDS) {
    assert.match(k.key, /^[a-z][a-z_]*$/);
    assert.match(k.path, /^[a-z][a-z-]*$/);
    const sort = k.defaultSort.field;
    assert.ok(sort === 'published' || sort === 'title' || k.fields.some((f) => f.key === sort && f.sort), `${k.key}: default sort ${sort}`);
    if (k.validity) assert.equal(k.fields.find((f) => f.key === k.validity!.field)?.type, 'daterange', k.key);
    for (const f of k.fields) {
      if (f.type === 'choice' || f.type === 'choices') assert.ok(f.choices?.length, `${k.key}.${f.key}`);
      assert.ok(f.label.vi && f.label.en, `${k.key}.${f.key}`);
    }
    assert.ok(k.sources?.length, `${k.key} cites its sources`);
  }
});

const progress = (...rows: [string, number][]) => rows.map(([date, percent]) => ({ date, percent, text: 'Thi công' }));

test('project: progress percent may not go down over time, nor be dated before the start; completed needs 100%', () => {
  const base = { status: 'ongoing', timeFrame: { from: '2026-01-01', to: '2027-12-31' } };
  assert.deepEqual(codes('project', { ...base, progress: progress(['2026-03-01', 20], ['2026-06-01', 45]) }), []);
  assert.deepEqual(codes('project', { ...base, progress: progress(['2026-06-01', 45], ['2026-03-01', 50]) }), ['progress_decreasing@f.progress.0.percent'], 'rows out of order are compared by date');
  assert.deepEqual(codes('project', { ...base, progress: progress(['2026-03-01', 40], ['2026-06-01', 30]) }), ['progress_decreasing@f.progress.1.percent']);
  assert.deepEqual(codes('project', { ...base, progress: progress(['2025-12-01', 5]) }), ['progress_before_start@f.progress.0.date']);
  assert.deepEqual(codes('project', { ...base, status: 'completed', progress: progress(['2026-03-01', 90]) }), [], 'a draft may wait for the last update');
  const complete = { ...base, status: 'completed', objective: 'Nâng cấp đường', field: 'transport', capitalSource: 'state_budget', investor: 'Ban QLDA' };
  assert.ok(codes('project', { ...complete, progress: progress(['2026-03-01', 90]) }, true).includes('completed_without_100@f.progress'));
  assert.deepEqual(codes('project', { ...complete, progress: progress(['2026-03-01', 90], ['2026-09-01', 100]) }, true), []);
  assert.equal(normalizeValues(kind('project'), { progress: [{ date: '2026-03-01', percent: 120 }] }).problems[0]?.code, 'too_large');
});

test('procurement: closing before the notice refused (in Vietnam time); an invitation needs its closing time', () => {
  assert.deepEqual(codes('procurement', { noticeType: 'invitation', noticeDate: '2026-11-20', closingAt: '2026-11-19T17:30:00Z' }), [], '17:30 UTC on the 19th is 00:30 on the 20th in Vietnam');
  assert.deepEqual(codes('procurement', { noticeType: 'invitation', noticeDate: '2026-11-20', closingAt: '2026-11-19T09:00:00+07:00' }), ['closing_before_notice@f.closingAt']);
  const complete = { noticeType: 'invitation', packageName: 'Gói thầu số 05', procuringEntity: 'Ban QLDA', noticeDate: '2026-11-20', validity: { from: '2026-11-20', to: '2026-12-10' } };
  assert.deepEqual(codes('procurement', complete, true), ['closing_required@f.closingAt']);
  assert.deepEqual(codes('procurement', { ...complete, closingAt: '2026-12-10T02:00:00Z' }, true), []);
  assert.deepEqual(codes('procurement', { ...complete, noticeType: 'result' }, true), ['winner_required@f.winner']);
  assert.deepEqual(codes('procurement', { ...complete, closingAt: '2026-12-20T02:00:00Z' }), ['validity_before_closing@f.validity'], 'posted until bids close');
});

test('the other kinds’ own rules', () => {
  assert.deepEqual(codes('enterprise', { status: 'dissolved', registrationDate: '2020-05-01', dissolutionDate: '2019-01-01' }), ['dissolved_before_registered@f.dissolutionDate']);
  assert.ok(codes('enterprise', { status: 'dissolved' }, true).includes('dissolution_date_required@f.dissolutionDate'));
  assert.deepEqual(codes('budget_disclosure', { reportType: 'settlement', year: 2026, disclosedOn: '2025-12-20' }), ['disclosed_before_year@f.disclosedOn']);
  assert.deepEqual(codes('budget_disclosure', { reportType: 'estimate', year: 2027, disclosedOn: '2026-12-20' }), []);
  assert.deepEqual(codes('grassroots_disclosure', { quarter: 'Q4/2026' }), ['invalid_quarter@f.quarter']);
  assert.deepEqual(codes('grassroots_disclosure', { quarter: '2027-Q1', disclosedOn: '2026-12-01' }), ['quarter_after_disclosure@f.quarter']);
  assert.equal(quarterOf('2026-12-01'), '2026-Q4');
  assert.equal(quarterOf('2026-03-31'), '2026-Q1');
  assert.ok(codes('thematic', { origin: 'translation', topic: 'Chuyển đổi số', source: 'OECD (2023)' }, true).includes('translator_required@f.translator'));
  assert.ok(codes('science_task', { status: 'accepted', leadOrganisation: 'Trường' }, true).includes('result_required@f.result'));
  assert.ok(codes('conference_material', { conference: 'Hội nghị', date: '2026-11-01' }, true).includes('material_missing@f.files'));
  assert.ok(codes('culture_tourism', { type: 'relic', location: 'Xã', rank: 'provincial' }, true).includes('recognition_required@f.recognition'));
  assert.ok(codes('planning', { planType: 'boundary_map' }, true).includes('planning_without_material@f.maps'));
});
