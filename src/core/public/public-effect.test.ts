import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesPublicPages } from './public-effect.ts';

test('what the public sees moves on with publication, correction, take-down, sections and settings, never with sign-ins or drafts', () => {
  for (const action of ['article.publish', 'article.correct', 'article.take_down', 'article.unpublish', 'article.run_schedule', 'section.update', 'site.update', 'procedure.update', 'citizen_case.publish', 'citizen_case.send', 'consultation.comment_approve', 'disclosure.add', 'media.update']) {
    assert.equal(changesPublicPages(action), true, action);
  }
  for (const action of ['auth.logout', 'user.password_set', 'article.save', 'article.approve', 'citizen_case.answer_save', 'consultation.export']) {
    assert.equal(changesPublicPages(action), false, action);
  }
  assert.equal(changesPublicPages('gallery.publish'), true, 'an action nobody classified yet counts as public');
});
