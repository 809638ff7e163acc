// Business promotion's own rules, pure: the confirmation, its number, date and
// signer and the period are needed before submission; the period must end;
// the letter is not dated in the future nor after the period; outside its
// period a promotion is not public (validity.expired = 'withdraw').
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completenessProblems, draftRuleProblems, normalizeValues } from '../values.ts';
import { publicOn } from '../withdrawal.ts';
import { promotion } from './promotion.ts';

const full = {
  businessName: 'Hợp tác xã Chè xanh',
  validity: { from: '2026-11-20', to: '2026-12-31' },
  confirmation: 7,
  confirmationNumber: '15/2026/CV-HTX',
  confirmationDate: '2026-11-18',
  confirmationSigner: 'Giám đốc Trần Văn Minh',
};
const codes = (values: Record<string, unknown>, complete: boolean) => {
  const { values: v, problems } = normalizeValues(promotion, values);
  assert.deepEqual(problems, []);
  return (complete ? completenessProblems(promotion, 'X', v, '2026-12-01') : draftRuleProblems(promotion, 'X', v, '2026-12-01')).map((p) => `${p.code}@${p.field}`);
};

test('a promotion needs the written confirmation, its number, date, signer and a closed period before submission', () => {
  assert.deepEqual(codes({ ...full, banner: undefined }, true), ['field_required@f.banner']);
  const { confirmation: _c, confirmationNumber: _n, confirmationDate: _d, confirmationSigner: _s, ...bare } = full;
  assert.deepEqual(codes(bare, false), [], 'a draft may wait for the letter');
  assert.deepEqual(codes({ ...bare, banner: { mediaId: 1, alt: 'Biểu trưng', caption: null } }, true), ['field_required@f.confirmation', 'field_required@f.confirmationNumber', 'field_required@f.confirmationDate', 'field_required@f.confirmationSigner']);
  assert.deepEqual(codes({ ...full, banner: { mediaId: 1, alt: 'Biểu trưng', caption: null }, validity: { from: '2026-11-20', to: null } }, true), ['validity_end_required@f.validity']);
  assert.deepEqual(codes({ ...full, confirmationDate: '2026-12-05' }, false), ['confirmation_in_future@f.confirmationDate']);
  assert.deepEqual(codes({ ...full, validity: { from: '2026-10-01', to: '2026-10-31' } }, false), ['confirmation_after_validity@f.confirmationDate']);
});

test('the confirmation and the contract are internal; outside its period a promotion is not public', () => {
  assert.deepEqual(promotion.fields.filter((f) => f.internal).map((f) => f.key), ['confirmation', 'confirmationNumber', 'confirmationDate', 'confirmationSigner', 'contractNote']);
  assert.equal(promotion.validity?.expired, 'withdraw');
  const values = { validity: { from: '2026-11-20', to: '2026-11-30' } };
  assert.equal(publicOn(promotion, values, '2026-11-19'), false);
  assert.equal(publicOn(promotion, values, '2026-11-20'), true);
  assert.equal(publicOn(promotion, values, '2026-11-30'), true);
  assert.equal(publicOn(promotion, values, '2026-12-01'), false);
});
