// The assessment queue over HTTP (/admin/royalties, royalties.view): tabs for
// the items to assess, those assessed, readers' contributions and items taken
// down before payment.
import { can } from '../../core/permissions.ts';
import type { FastifyInstance } from 'fastify';
import { formatVnd } from '../../core/royalties/money.ts';
import { formatDate } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { defineMessages, format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { ARTICLE_KIND_LABELS, isArticleKind, publicPathOf } from '../articles/article.ts';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { RoyaltyNav } from './nav.tsx';
import { loadQueue, QUEUE_TABS, type QueueRow, type QueueTab } from './queue.ts';

export const QUEUE_PAGE = '/admin/royalties';
export const POLICY_PAGE = '/admin/royalties/policy';

export const queueText = defineMessages({
  vi: {
    title: 'Chấm nhuận bút',
    lead: 'Tin bài đã đăng của trang, cũ nhất trước. Nhuận bút tính theo chế độ có hiệu lực vào ngày đăng và phải trả trong thời hạn chế độ quy định kể từ ngày đăng.',
    tabs: 'Lọc danh sách',
    to_assess: 'Chờ chấm',
    assessed: 'Đã chấm',
    readers: 'Bài cộng tác của bạn đọc',
    taken_down: 'Đã gỡ xuống trước khi trả',
    readersLead: 'Bài cộng tác của bạn đọc không được tính nhuận bút, trừ khi chế độ nhuận bút trả cho loại này hoặc người chấm chọn "Chấm nhuận bút" cho từng bài.',
    takenLead: 'Tin bài đã đăng rồi bị gỡ xuống hoặc ngừng đăng khi chưa trả nhuận bút: cần xem lại trước khi chi trả.',
    caption: 'Tin bài: {tab}',
    published: 'Ngày đăng',
    item: 'Tin bài',
    kind: 'Loại',
    byline: 'Tác giả (dòng ký tên)',
    unit: 'Đơn vị',
    creator: 'Người tạo',
    due: 'Hạn trả',
    amount: 'Nhuận bút',
    action: 'Thao tác',
    publicPage: 'trang công khai',
    backOffice: 'trong hệ thống',
    assess: 'Chấm nhuận bút',
    view: 'Xem, chấm lại',
    open: 'Xem',
    daysLeft: 'Còn {n} ngày (đến {date})',
    dueToday: 'Hạn chót hôm nay ({date})',
    overdue: 'Quá hạn {n} ngày (hạn {date})',
    paid: 'Đã trả',
    version: 'lần chấm {n}',
    noPolicy: 'Không có chế độ nhuận bút áp dụng vào ngày đăng',
    noPolicyLink: 'xem chế độ nhuận bút',
    noPolicyNote: 'Một số tin bài được đăng vào ngày không có chế độ nhuận bút nào có hiệu lực (ví dụ: từ 01/09/2026, khi Nghị định 18/2014 hết hiệu lực mà tỉnh và trang chưa ban hành bảng nhuận bút riêng). Các tin bài này chưa chấm được.',
    reader: 'Bạn đọc cộng tác',
    takenDown: 'Đã gỡ xuống, chưa trả',
    none: 'Không có tin bài nào.',
  },
  en: {
    title: 'Royalty assessment',
    lead: 'The site’s published items, oldest first. Royalties follow the policy in force on the publication date and must be paid within the policy’s time from publication.',
    tabs: 'Filter the list',
    to_assess: 'To assess',
    assessed: 'Assessed',
    readers: 'Readers’ contributions',
    taken_down: 'Taken down before payment',
    readersLead: 'Readers’ contributions are not paid unless the policy pays them or the assessor chooses to assess an item.',
    takenLead: 'Items published and then taken down or unpublished before their royalty was paid: review them before paying.',
    caption: 'Items: {tab}',
    published: 'Published',
    item: 'Item',
    kind: 'Kind',
    byline: 'Byline',
    unit: 'Unit',
    creator: 'Created by',
    due: 'Pay by',
    amount: 'Royalty',
    action: 'Action',
    publicPage: 'public page',
    backOffice: 'back office',
    assess: 'Assess',
    view: 'View, re-assess',
    open: 'View',
    daysLeft: '{n} days left (until {date})',
    dueToday: 'Due today ({date})',
    overdue: 'Overdue by {n} days (due {date})',
    paid: 'Paid',
    version: 'version {n}',
    noPolicy: 'No royalty policy in force on the publication date',
    noPolicyLink: 'see the royalty policy',
    noPolicyNote: 'Some items were published on a day no royalty policy was in force (e.g. from 1 Sep 2026, when Decree 18/2014 ended and neither the province nor the site has its own table). They cannot be assessed yet.',
    reader: 'Reader’s contribution',
    takenDown: 'Taken down, unpaid',
    none: 'No item.',
  },
});

function kindLabel(kind: string, lang: Lang): string {
  return isArticleKind(kind) ? ARTICLE_KIND_LABELS[kind][lang] : kind;
}

function DueCell({ row, lang }: { row: QueueRow; lang: Lang }): JSX.Element {
  const t = queueText(lang);
  if (!row.policy) {
    return (
      <span>
        <strong>{t.noPolicy}</strong> (<a href={POLICY_PAGE}>{t.noPolicyLink}</a>)
      </span>
    );
  }
  if (row.paid) return <span>{t.paid}</span>;
  if (row.daysLeft === null || row.dueOn === null) return '';
  const date = formatDate(row.dueOn);
  if (row.daysLeft < 0) return <strong class="overdue" safe>{format(t.overdue, { n: -row.daysLeft, date })}</strong>;
  if (row.daysLeft === 0) return <strong class="overdue" safe>{format(t.dueToday, { date })}</strong>;
  return <span safe>{format(t.daysLeft, { n: row.daysLeft, date })}</span>;
}

export function registerQueueRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const view = { access: { kind: 'permission' as const, permission: 'royalties.view' as const } };

  app.get(QUEUE_PAGE, { config: view }, async (request, reply) => {
    const t = queueText(request.lang);
    // Those who only read royalties open an item to see it, not to assess it.
    const canAssess = can(request.auth!.grants, 'royalties.assess');
    const asked = (request.query as { tab?: string }).tab;
    const tab: QueueTab = (QUEUE_TABS as readonly string[]).includes(asked ?? '') ? (asked as QueueTab) : 'to_assess';
    const { rows, counts } = await loadQueue(db, request.site.id, tab, deps.clock.now());
    const ctx = await pageContext(deps, request, reply);
    const anyWithoutPolicy = rows.some((r) => !r.policy);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <RoyaltyNav grants={request.auth!.grants} lang={request.lang} current={QUEUE_PAGE} />
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <nav aria-label={t.tabs}>
          <ul class="tabs">
            {QUEUE_TABS.map((k) => (
              <li>
                <a href={k === 'to_assess' ? QUEUE_PAGE : `${QUEUE_PAGE}?tab=${k}`} aria-current={k === tab ? 'page' : undefined} safe>
                  {`${t[k]} (${counts[k]})`}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {tab === 'readers' ? <p>{t.readersLead}</p> : ''}
        {tab === 'taken_down' ? <p>{t.takenLead}</p> : ''}
        {anyWithoutPolicy ? (
          <p class="field-warning">
            {t.noPolicyNote} <a href={POLICY_PAGE}>{t.noPolicyLink}</a>
          </p>
        ) : (
          ''
        )}
        {rows.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption safe>{format(t.caption, { tab: t[tab] })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.published}</th>
                  <th scope="col">{t.item}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.byline}</th>
                  <th scope="col">{t.unit}</th>
                  <th scope="col">{t.creator}</th>
                  <th scope="col">{tab === 'assessed' ? t.amount : t.due}</th>
                  <th scope="col">{t.action}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td safe>{formatDate(r.publishedOn)}</td>
                    <th scope="row">
                      <span safe>{r.title}</span>
                      <br />
                      <a href={publicPathOf({ kind: r.kind, slug: r.slug, entry_kind: r.entryKind })}>{t.publicPage}</a>
                      {' · '}
                      <a href={`/admin/articles/${r.id}`}>{t.backOffice}</a>
                      {r.readerContribution ? <span class="tag">{t.reader}</span> : ''}
                      {r.takenDown && !r.paid ? <strong class="tag tag-bad">{t.takenDown}</strong> : ''}
                    </th>
                    <td safe>{kindLabel(r.kind, request.lang)}</td>
                    <td safe>{r.authorName ?? ''}</td>
                    <td safe>{r.unitName ?? ''}</td>
                    <td safe>{r.creatorName}</td>
                    <td>
                      {tab === 'assessed' && r.assessment ? (
                        <span safe>{`${formatVnd(r.assessment.amount)} đ (${r.assessment.genreLabel}, ${format(t.version, { n: r.assessment.version })})`}</span>
                      ) : (
                        <DueCell row={r} lang={request.lang} />
                      )}
                    </td>
                    <td>
                      <a href={`/admin/royalties/assess/${r.id}`}>
                        {!canAssess ? t.open : r.assessment ? t.view : t.assess}
                        <span class="visually-hidden" safe>{`: ${r.title}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AdminLayout>,
    );
  });
}
