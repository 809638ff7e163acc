import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contrastRatio, darken, isHexColor } from './color.ts';

test('contrast ratios follow WCAG', () => {
  assert.equal(Math.round(contrastRatio('#000000', '#ffffff') * 10) / 10, 21);
  assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
  assert.ok(contrastRatio('#8b1a1a', '#ffffff') >= 4.5, 'the default dark red carries white text');
  assert.ok(contrastRatio('#ffcc00', '#ffffff') < 4.5, 'yellow does not');
});

test('colours are checked and darkened safely', () => {
  assert.equal(isHexColor('#1A2b3c'), true);
  assert.equal(isHexColor('red'), false);
  assert.equal(isHexColor('#fff'), false);
  assert.equal(darken('#ffffff', 0.5), '#808080');
});
