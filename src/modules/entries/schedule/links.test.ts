// The links from the generic pages into the week view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detailViewLink, listViewLink } from './links.ts';

test('a week and an invitation lead to their week; other kinds to nothing', () => {
  assert.deepEqual(detailViewLink('schedule_week', { week: '2026-11-30' }), { href: '/lich-cong-tac/tuan/2026-W49', label: { vi: 'Xem lịch công tác tuần 49', en: 'See the work schedule of week 49' } });
  // 06/12 at 23:30 in Vietnam is still Sunday of week 49, although it is 16:30 UTC.
  assert.equal(detailViewLink('invitation', { meetingAt: '2026-12-06T16:30:00.000Z' })?.href, '/lich-cong-tac/tuan/2026-W49');
  assert.equal(detailViewLink('invitation', { meetingAt: '2026-12-06T17:30:00.000Z' })?.href, '/lich-cong-tac/tuan/2026-W50', 'Monday 00:30 in Vietnam');
  assert.equal(detailViewLink('announcement', {}), null);
  assert.equal(listViewLink('schedule_week')?.href, '/lich-cong-tac/tuan');
  assert.equal(listViewLink('invitation'), null);
});
