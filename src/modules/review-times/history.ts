// The lines an item's history shows for the reminders and escalations sent
// about it: "Đã báo Trưởng Ban biên tập lúc 07/09/2026 10:30 …".
import { formatDateTime } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Lang } from '../../ui/i18n.ts';
import { roleLabel, type Site } from '../sites/site.ts';
import { alertsOfItem } from './store.ts';

export async function alertLines(db: Db, site: Site, itemId: number, lang: Lang): Promise<string[]> {
  const rows = await alertsOfItem(db, site.id, 'article', itemId);
  return rows.map((a) => {
    const at = formatDateTime(a.sent_at);
    const step = lang === 'vi' ? `bước ${a.step_index + 1}` : `step ${a.step_index + 1}`;
    const due = a.due_at ? formatDateTime(a.due_at) : '—';
    if (a.kind === 'reminder') {
      const who = a.target === 'assignee' ? (lang === 'vi' ? 'người được giao' : 'the assignee') : lang === 'vi' ? 'người xử lý' : 'the reviewers';
      return lang === 'vi' ? `Đã nhắc ${who} trước hạn lúc ${at} (${step}, hạn ${due}).` : `Reminded ${who} before the due time at ${at} (${step}, due ${due}).`;
    }
    const target = roleLabel(site, a.target === 'owner' ? 'owner' : 'editor_in_chief', lang);
    // The owner's address stays in the settings: whoever reads the history needs only to know a mail went.
    const mail = a.mailed_to ? (lang === 'vi' ? ', qua thư điện tử' : ', by e-mail') : '';
    return lang === 'vi' ? `Đã báo ${target} lúc ${at} (${step} quá hạn từ ${due}${mail}).` : `${target} told at ${at} (${step} overdue since ${due}${mail}).`;
  });
}
