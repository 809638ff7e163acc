// Several months of provision history for a demo site, so its provision page
// and reports show real figures on first start: items published in the five
// months before the current one, from each unit, written by the contributor or
// a board member, vouched for by a board member, with event, receipt and
// publication times — some late, some units and members under quota. The
// pattern is fixed (no randomness), so the figures are the same on every load.
//
// Fast path: the items are written as published in one transaction with bulk
// inserts (article, its published revision, its address, its history: submit,
// approve, publish), then indexed for the public site, as publication does.
import { addDays, localDateTime } from '../../core/calendar/index.ts';
import { slugify } from '../../core/vietnamese/index.ts';
import { vietnamDate, type Clock } from '../../core/time.ts';
import type { DocumentDetails } from '../../core/documents/index.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { rowOfContent, type ArticleContent } from '../articles/article.ts';
import { syncPublicIndex } from '../articles/public-index.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import type { Site } from '../sites/site.ts';
import { chainInForce, siteCalendar } from '../articles/workflow-context.ts';
import type { ReviewChain } from '../../core/workflow/index.ts';

export interface HistoryPeople {
  contributor: number;
  /** Board members in a fixed order (editor-in-chief, deputy, secretariat, member). */
  board: number[];
  approver: number;
  publisher: number;
}

interface Planned {
  content: ArticleContent;
  authorUserId: number;
  vouchedBy: number | null;
  category: string | null;
  receivedAt: string;
  publishedAt: string;
}

const KINDS = ['news', 'news', 'article', 'photo', 'news', 'document', 'video', 'collected'] as const;

const TOPICS = [
  'kết quả thực hiện nhiệm vụ',
  'hội nghị giao ban',
  'tập huấn nghiệp vụ',
  'kiểm tra công tác chuyên môn',
  'tuyên truyền pháp luật',
  'chuyển đổi số',
];

/** The months (YYYY-MM) before the one `today` is in, oldest first. */
export function historyMonths(today: string, count = 5): string[] {
  const out: string[] = [];
  let d = `${today.slice(0, 7)}-01`;
  for (let i = 0; i < count; i++) {
    d = `${addDays(d, -1).slice(0, 7)}-01`;
    out.unshift(d.slice(0, 7));
  }
  return out;
}

/** A working day of the month near `day` (moved on past weekends and holidays, kept within the month). */
function workingDayNear(site: Site, month: string, day: number): string {
  const calendar = siteCalendar(site);
  let d = `${month}-${String(Math.min(day, 28)).padStart(2, '0')}`;
  while (!calendar.isWorkingDay(d) && d.slice(0, 7) === month) d = addDays(d, 1);
  return d.slice(0, 7) === month ? d : `${month}-28`;
}

/**
 * An item's stays at the chain's steps between its receipt and its publication, in turn: each step
 * takes an equal share of the time, judged against the step's own deadline on the site's calendar.
 */
function reviewStays(site: Site, chain: ReviewChain, item: Planned, itemId: number, people: HistoryPeople) {
  const calendar = siteCalendar(site);
  const start = Date.parse(item.receivedAt);
  const span = Date.parse(item.publishedAt) - 30 * 60_000 - start;
  const minutes = (a: Date, b: Date) => Math.max(0, Math.round(calendar.workingHoursBetween(a, b) * 60));
  return chain.steps.map((step, index) => {
    const entered = new Date(start + (span * index) / chain.steps.length);
    const left = new Date(start + (span * (index + 1)) / chain.steps.length);
    const due = step.deadline ? calendar.deadline(entered, step.deadline) : null;
    const overdue = due !== null && left > due;
    const last = index === chain.steps.length - 1;
    return {
      site_id: site.id,
      item_type: 'article',
      item_id: itemId,
      step_index: index,
      step_key: step.key,
      step_name: step.name,
      step_kind: step.kind,
      entered_at: entered.toISOString(),
      left_at: left.toISOString(),
      due_at: due?.toISOString() ?? null,
      working_minutes: minutes(entered, left),
      overdue: overdue ? 1 : 0,
      late_minutes: overdue ? minutes(due, left) : 0,
      left_by: 'approve',
      actor_user_id: last ? people.approver : (people.board[(itemId + index) % Math.max(1, people.board.length)] ?? people.approver),
      on_behalf_of_user_id: null,
    };
  });
}

/** Plans the items: per unit and month 0–3 items (so some units stay under a quota of 2), rotating kinds. */
function plan(site: Site, units: { id: number; name: string }[], sectionId: number | null, people: HistoryPeople, months: string[], newsCategory: string): Planned[] {
  const out: Planned[] = [];
  let n = 0;
  const calendar = siteCalendar(site);
  months.forEach((month, m) => {
    units.slice(0, 8).forEach((unit, u) => {
      const count = (u * 2 + m) % 4;
      for (let k = 0; k < count; k++) {
        n += 1;
        const kind = KINDS[n % KINDS.length]!;
        const day = workingDayNear(site, month, 3 + k * 9 + ((u + m) % 5));
        const event = localDateTime(day, '08:30');
        // Every fourth item with an event is published late: two working days after, not the same day.
        const late = n % 4 === 0;
        const published = late ? calendar.addWorkingDays(localDateTime(day, '15:00'), 2) : localDateTime(day, '10:30');
        const received = localDateTime(day, '09:30');
        const topic = TOPICS[n % TOPICS.length]!;
        const title = kind === 'document' ? `Quyết định về ${topic} tháng ${Number(month.slice(5))}/${month.slice(0, 4)} (văn bản mẫu)` : `${unit.name}: ${topic} tháng ${Number(month.slice(5))}/${month.slice(0, 4)} (tin mẫu)`;
        const document: DocumentDetails | null =
          kind === 'document'
            ? { number: `${n}/QĐ-MAU`, docType: 'quyet-dinh', issuer: site.agencyName, fields: ['Thông tin và truyền thông'], level: site.level === 'province' ? 'provincial' : 'local', signer: null, issuedOn: day, effectiveOn: day, expiresOn: null, statusOverride: null, statusNote: null, relations: [] }
            : null;
        // The board's members vouch in turn; the last of them only in the first months (under quota later).
        const voucher = people.board.length ? people.board[(n + m) % (m >= 3 ? Math.max(1, people.board.length - 1) : people.board.length)]! : null;
        const byBoard = n % 5 === 0 && people.board.length > 0;
        out.push({
          content: {
            kind,
            title,
            summary: 'Tin mẫu của bản trình diễn trangtin, để trang Cung cấp tin và các báo cáo có số liệu.',
            bodyHtml: `<p>Tin mẫu của bản trình diễn trangtin: ${unit.name} cung cấp thông tin về ${topic}.</p>`,
            coverMediaId: null,
            coverCaption: null,
            coverAlt: null,
            sectionId: kind === 'document' ? null : sectionId,
            tags: ['tin mẫu'],
            source: unit.name,
            authorName: null,
            readerContribution: false,
            unitId: unit.id,
            eventAt: kind === 'document' ? null : event.toISOString(),
            language: 'vi',
            translationOfId: null,
            isReference: false,
            relatedIds: [],
            attachmentIds: [],
            slug: `${slugify(title).slice(0, 90)}-${n}`,
            document,
            entry: null,
          },
          authorUserId: byBoard ? people.board[0]! : people.contributor,
          vouchedBy: voucher,
          category: kind === 'document' ? 'own_document' : kind === 'news' || kind === 'photo' ? newsCategory : null,
          receivedAt: received.toISOString(),
          publishedAt: published.toISOString(),
        });
      }
    });
  });
  return out;
}

/** Writes the history of one site; returns how many items. */
export async function loadProvisionHistory(db: Db, site: Site, units: { id: number; name: string }[], people: HistoryPeople, clock: Clock): Promise<number> {
  const months = historyMonths(vietnamDate(clock.now()));
  // The site's news section (every preset has "tin-tuc…"), else its first section.
  const sections = await db.selectFrom('sections').select(['id', 'slug']).where('site_id', '=', site.id).where('is_reference', '=', 0).where('parent_id', 'is', null).orderBy('sort_order').orderBy('id').execute();
  const section = sections.find((s) => s.slug.startsWith('tin-tuc')) ?? sections[0];
  // News follow the site's own news deadline when its regulation sets one (003), else the short meeting-news deadline.
  const newsRule = await db.selectFrom('rules').select('id').where('site_id', '=', site.id).where('key', '=', 'deadline.news_after_event').executeTakeFirst();
  const items = plan(site, units, section?.id ?? null, people, months, newsRule ? 'event_news' : 'meeting_news');
  if (items.length === 0) return 0;
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .insertInto('articles')
      .values(
        items.map((i) => ({
          site_id: site.id,
          ...rowOfContent(i.content),
          screening_hits: '[]',
          review_state: 'draft',
          publication: 'published',
          has_pending_changes: 0,
          urgent_pending_approval: 0,
          takedown_notice: 0,
          author_user_id: i.authorUserId,
          vouched_by_user_id: i.vouchedBy,
          provision_category: i.category,
          received_at: i.receivedAt,
          received_via: 'system',
          first_published_at: i.publishedAt,
          last_published_at: i.publishedAt,
          created_at: i.receivedAt,
          updated_at: i.publishedAt,
        })),
      )
      .returning(['id', 'slug'])
      .execute();
    const ids = new Map(rows.map((r) => [r.slug, r.id]));
    const idOf = (i: Planned) => ids.get(i.content.slug)!;
    const revisions = await trx
      .insertInto('article_revisions')
      .values(items.map((i) => ({ site_id: site.id, article_id: idOf(i), number: 1, kind: 'publish', snapshot: JSON.stringify(i.content), note: null, created_by_user_id: people.publisher, created_at: i.publishedAt })))
      .returning(['id', 'article_id'])
      .execute();
    await trx.insertInto('article_slugs').values(items.map((i) => ({ site_id: site.id, slug: i.content.slug, article_id: idOf(i), created_at: i.publishedAt }))).execute();
    const event = (i: Planned, action: string, actor: number, at: string, to: [string | null, string | null]) => ({
      site_id: site.id, item_type: 'article', item_id: idOf(i), action, from_review: null, to_review: to[0], from_publication: null, to_publication: to[1], from_step: null, to_step: null, step_name: null, note: null, revision_id: null, actor_user_id: actor, on_behalf_of_user_id: null, created_at: at,
    });
    await trx
      .insertInto('workflow_events')
      .values(items.flatMap((i) => [event(i, 'submit', i.authorUserId, i.receivedAt, ['in_review', null]), event(i, 'approve', people.approver, i.receivedAt, ['approved', null]), event(i, 'publish', people.publisher, i.publishedAt, [null, 'published'])]))
      .execute();
    // Each item's stays at the steps of the site's chain, so the review-times page and report have figures too.
    const { chain } = await chainInForce(trx, site.id, months[0]! + '-01');
    const stays = items.flatMap((i) => reviewStays(site, chain, i, idOf(i), people));
    for (let k = 0; k < stays.length; k += 200) await trx.insertInto('review_step_times').values(stays.slice(k, k + 200)).execute();
    for (const r of revisions) {
      const row = await trx.updateTable('articles').set({ live_revision_id: r.id }).where('id', '=', r.article_id).returningAll().executeTakeFirstOrThrow();
      await syncPublicIndex(trx, row);
    }
    const actor: AuditActor = { siteId: site.id, userId: null, onBehalfOfUserId: null, label: 'trangtin demo', ip: null, userAgent: null };
    await appendAudit(trx, actor, { action: 'demo.provision_history', targetType: 'site', targetId: site.id, details: { items: items.length, months } }, clock);
    return items.length;
  });
}
