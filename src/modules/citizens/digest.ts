// The morning digest (004 Đ8.3: units answer for their deadlines): on each
// working day, once office hours have begun, each unit's answerers are told
// which of their cases are late or due today, and the secretariat gets the
// same for the whole site with what waits in intake. Once per site and day,
// claimed in job_runs so several nodes send it once.
import { formatDateTime, startOfVietnamDate, systemClock, vietnamDate } from '../../core/time.ts';
import { format } from '../../ui/i18n.ts';
import { siteCalendar } from '../articles/workflow-context.ts';
import { claimJob, jobLinkBase, type JobContext } from '../articles/scheduler.ts';
import { notify, resolveRecipients } from '../notifications/notify.ts';
import { siteReceives, type Site } from '../sites/site.ts';
import { listSites } from '../sites/store.ts';
import { unitAnswerers, type CaseViewer } from './store.ts';
import { caseWorkload, type DueCase } from './workload.ts';

const BOARD: CaseViewer = { userId: 0, moderator: true, answerer: true, unitIds: [], readOnly: false };

export const digestText = {
  unitTitle: 'Ý kiến công dân quá hạn hoặc đến hạn hôm nay: {count}',
  boardTitle: 'Tình hình xử lý ý kiến công dân hôm nay: {late} quá hạn, {today} đến hạn',
  overdue: 'Quá hạn:',
  dueToday: 'Đến hạn hôm nay:',
  intake: 'Đang chờ phân loại: {count} ý kiến.',
  line: '- {code} — {title}{unit} (hạn {due})',
};

function lines(heading: string, items: DueCase[]): string[] {
  if (items.length === 0) return [];
  return [
    heading,
    ...items.map(({ row, due }) => format(digestText.line, { code: row.tracking_code, title: row.title.length > 120 ? `${row.title.slice(0, 119)}…` : row.title, unit: row.unit_name ? ` · ${row.unit_name}` : '', due: formatDateTime(due) })),
    '',
  ];
}

/** Whether the digest of `site` is due now: a working day, office hours begun. */
function digestTime(site: Site, now: Date): boolean {
  const calendar = siteCalendar(site);
  const today = vietnamDate(now);
  return calendar.isWorkingDay(today) && now.getTime() >= calendar.nextWorkingTime(startOfVietnamDate(today)).getTime();
}

/** Sends one site's digest; returns how many people were told. */
export async function sendCaseDigest(ctx: JobContext, site: Site, now: Date): Promise<number> {
  const w = await caseWorkload(ctx.db, site, BOARD, now);
  const clock = ctx.clock ?? systemClock;
  let told = 0;
  const units = new Map<number, { overdue: DueCase[]; dueToday: DueCase[] }>();
  for (const [list, key] of [
    [w.overdue, 'overdue'],
    [w.dueToday, 'dueToday'],
  ] as const) {
    for (const item of list) {
      if (item.row.unit_id === null || item.row.status === 'approved') continue; // the secretariat's to send
      const entry = units.get(item.row.unit_id) ?? { overdue: [], dueToday: [] };
      entry[key].push(item);
      units.set(item.row.unit_id, entry);
    }
  }
  for (const [unitId, entry] of units) {
    const count = entry.overdue.length + entry.dueToday.length;
    const body = [...lines(digestText.overdue, entry.overdue), ...lines(digestText.dueToday, entry.dueToday)].join('\n').trim();
    const input = { siteId: site.id, kind: 'citizen_case.digest', itemType: null, itemId: null, title: format(digestText.unitTitle, { count }), body, link: '/admin/cases?tab=units' };
    told += (await notify(ctx.db, ctx.mailer, input, await unitAnswerers(ctx.db, site.id, unitId), { clock, linkBase: jobLinkBase(ctx, site) })).notified;
  }
  if (w.overdue.length + w.dueToday.length + w.intake > 0) {
    const body = [...lines(digestText.overdue, w.overdue), ...lines(digestText.dueToday, w.dueToday), ...(w.intake > 0 ? [format(digestText.intake, { count: w.intake })] : [])].join('\n').trim();
    const input = { siteId: site.id, kind: 'citizen_case.digest', itemType: null, itemId: null, title: format(digestText.boardTitle, { late: w.overdue.length, today: w.dueToday.length }), body, link: '/admin/cases' };
    const board = await resolveRecipients(ctx.db, site.id, [{ kind: 'permission', permission: 'interaction.moderate' }], clock);
    told += (await notify(ctx.db, ctx.mailer, input, board, { clock, linkBase: jobLinkBase(ctx, site) })).notified;
  }
  return told;
}

/** Sends today's digest on every site where it is due and not yet sent; returns how many sites sent it. */
export async function runCaseDigests(ctx: JobContext): Promise<number> {
  const now = (ctx.clock ?? systemClock).now();
  let sent = 0;
  for (const site of await listSites(ctx.db)) {
    // A site that no longer operates has handed its open cases over (hand-over-cases.ts): nobody is told about it.
    if (!siteReceives(site) || !digestTime(site, now)) continue;
    if (!(await claimJob(ctx.db, `case-digest:${site.id}:${vietnamDate(now)}`, ctx.clock))) continue;
    await sendCaseDigest(ctx, site, now);
    sent += 1;
  }
  return sent;
}
