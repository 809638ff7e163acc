// The leader, official and introduction declarations: their values are checked
// field by field, a term that ends before it starts is refused, the directory
// is the official kind's own view, and every kind has its own address.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allSectionKinds, completenessProblems, draftRuleProblems, normalizeValues, sectionKind } from '../index.ts';

const leader = sectionKind('leader')!;

test('a leader’s phone, e-mail and photo are checked; position is required for publication', () => {
  const { problems } = normalizeValues(leader, { phone: 'gọi tôi', email: 'không-phải-thư', photo: { mediaId: 'x' } });
  assert.deepEqual(problems.map((p) => p.field).sort(), ['f.email', 'f.phone', 'f.photo']);
  const { values } = normalizeValues(leader, { position: 'Chủ tịch', email: 'ChuTich@ThanhHoa.gov.vn', receivesRequests: 'yes', order: '1' });
  assert.equal(values.email, 'chutich@thanhhoa.gov.vn');
  assert.equal(values.order, 1);
  assert.deepEqual(completenessProblems(leader, 'Lê Văn A', {}, '2026-11-23').map((p) => p.field), ['f.position']);
});

test('a term that ends before it starts is refused, even in a draft', () => {
  const { values } = normalizeValues(leader, { terms: [{ from: '2021-06-01', to: '2026-01-01', position: 'Phó Chủ tịch' }, { from: '2026-06-01', to: '2021-01-01', position: 'Chủ tịch' }] });
  assert.deepEqual(draftRuleProblems(leader, 'Lê Văn A', values, '2026-11-23').map((p) => p.field), ['f.terms.1.to']);
});

test('the directory is the official kind’s own view; each kind has its own address', () => {
  assert.equal(sectionKind('official')!.view, 'directory');
  assert.equal(sectionKind('official')!.path, 'danh-ba');
  assert.ok(sectionKind('introduction')!.fields.find((f) => f.key === 'topic')!.filter);
  const paths = allSectionKinds().map((k) => k.path);
  assert.equal(new Set(paths).size, paths.length);
});
