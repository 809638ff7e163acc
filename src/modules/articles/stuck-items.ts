// Items that would otherwise wait unseen: a step nobody can take (its unit has
// no head, nobody holds its role, or only the author, whom four eyes keeps
// out), or an urgent publication nobody else could confirm. The secretariat
// is told once per step entered — and the editor-in-chief too when no stand-in
// acts, since the head can take the item or delegate. Told at once when an
// action leads there; a sweep catches what arises later (a head leaves, a
// delegation ends).
import { systemClock, vietnamDate, type Clock } from '../../core/time.ts';
import { confirmersOf, defaultRoleName, vacancyAt, type ReviewChain, type Staffing, type WorkflowItem } from '../../core/workflow/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { claimJob } from '../../platform/job-runs.ts';
import type { Mailer } from '../../platform/mail.ts';
import { notify, resolveRecipients, type Recipient } from '../notifications/notify.ts';
import type { Site } from '../sites/site.ts';
import { listSites } from '../sites/store.ts';
import { chainOfItem, itemOfRow, loadStaffing } from './workflow-context.ts';

export interface NoticeContext {
  db: Db;
  mailer: Mailer;
  clock?: Clock;
  linkBase?: string | null;
}

export interface WaitingItem {
  itemType: 'article' | 'citizen_case';
  itemId: number;
  /** How notices name it, e.g. "Tin bài «…»". */
  label: string;
  link: string;
  item: WorkflowItem;
  chain: ReviewChain;
  /** When it was last published, for an urgent publication awaiting confirmation. */
  publishedAt: string | null;
  /** "Giao lại" exists for this kind: the head may take the item. */
  reassignable: boolean;
}

const SECRETARIAT: Recipient = { kind: 'role', role: 'secretariat' };
const HEAD: Recipient = { kind: 'role', role: 'editor_in_chief' };

function noticeOf(w: WaitingItem, staffing: Staffing): { key: string; title: string; body: string; to: Recipient[] } | null {
  const name = staffing.roleName ?? defaultRoleName;
  const vacancy = vacancyAt(w.item, w.chain, staffing);
  if (vacancy) {
    const key = `stuck:${w.itemType}:${w.itemId}:${vacancy.stepIndex}:${w.item.stepEnteredAt ?? ''}`;
    const waits = `${w.label} đang chờ ở bước «${vacancy.step.name}» nhưng ${vacancy.missing.vi}`;
    if (vacancy.standIn) {
      const standIn = name(vacancy.standIn, 'vi');
      return { key, title: `Chuyển người xử lý thay: ${w.label}`, body: `${waits}. Theo quy trình duyệt, ${standIn} xử lý thay bước này.`, to: [SECRETARIAT] };
    }
    const remedy = w.reassignable ? `, hoặc ${name('editor_in_chief', 'vi')} nhận xử lý bằng «Giao lại»` : '';
    return { key, title: `Không ai xử lý được: ${w.label}`, body: `${waits}, và quy trình không đặt người xử lý thay. Hãy phân vai trò (hoặc ủy quyền) cho người phụ trách${remedy}.`, to: [SECRETARIAT, HEAD] };
  }
  if (w.item.urgentPendingApproval && confirmersOf(w.item, w.chain, staffing).length === 0) {
    return {
      key: `stuck:${w.itemType}:${w.itemId}:urgent:${w.publishedAt ?? ''}`,
      title: `Bài đăng khẩn chưa ai xác nhận được: ${w.label}`,
      body: `${w.label} đã được đăng khẩn nhưng không còn ai khác xác nhận được (người duyệt bước cuối, ${name('editor_in_chief', 'vi')} hoặc ${name('deputy', 'vi')}). Hãy ủy quyền cho một người để xác nhận.`,
      to: [SECRETARIAT, HEAD],
    };
  }
  return null;
}

/** Tells the secretariat (once) when the item waits where nobody, or only a stand-in, can act; true when told. */
export async function alertIfStuck(ctx: NoticeContext, site: Site, w: WaitingItem, staffing: Staffing, exceptUserId: number | null = null): Promise<boolean> {
  const notice = noticeOf(w, staffing);
  if (!notice || !(await claimJob(ctx.db, notice.key, ctx.clock))) return false;
  const userIds = await resolveRecipients(ctx.db, site.id, notice.to, ctx.clock);
  await notify(
    ctx.db,
    ctx.mailer,
    { siteId: site.id, kind: 'workflow.stuck', itemType: w.itemType, itemId: w.itemId, title: notice.title, body: notice.body, link: w.link },
    userIds,
    { exceptUserId, linkBase: ctx.linkBase ?? null, ...(ctx.clock ? { clock: ctx.clock } : {}) },
  );
  return true;
}

/** The article (or document) as a waiting item. */
export function waitingArticle(row: Parameters<typeof itemOfRow>[0], chain: ReviewChain): WaitingItem {
  return { itemType: 'article', itemId: row.id, label: `Tin bài «${row.title}»`, link: `/admin/articles/${row.id}`, item: itemOfRow(row), chain, publishedAt: row.last_published_at, reassignable: true };
}

/** Checks every active site's waiting items (from `load`) against who is there today; returns how many notices went out. */
export async function sweepStuck(ctx: NoticeContext, load: (db: Db, site: Site, now: Date) => Promise<WaitingItem[]>): Promise<number> {
  const now = (ctx.clock ?? systemClock).now();
  let told = 0;
  for (const site of await listSites(ctx.db)) {
    if (site.status !== 'active') continue;
    const waiting = await load(ctx.db, site, now);
    if (waiting.length === 0) continue;
    const staffing = await loadStaffing(ctx.db, site, vietnamDate(now));
    for (const w of waiting) if (await alertIfStuck(ctx, site, w, staffing)) told += 1;
  }
  return told;
}

/** Articles and documents in review or awaiting urgent confirmation. */
export async function sweepStuckArticles(ctx: NoticeContext): Promise<number> {
  return sweepStuck(ctx, async (db, site, now) => {
    const rows = await db
      .selectFrom('articles')
      .selectAll()
      .where('site_id', '=', site.id)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('review_state', '=', 'in_review'), eb('urgent_pending_approval', '=', 1)]))
      .execute();
    return Promise.all(rows.map(async (row) => waitingArticle(row, await chainOfItem(db, row, now))));
  });
}
